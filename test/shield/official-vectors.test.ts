/**
 * The official BIP39 test vectors (trezor/python-mnemonic vectors.json), in all ten lists the desk claims,
 * and phrases with one mistyped word, through `walletdesk redact --jsonl`: each is removed whole when bare,
 * inside an English or Chinese sentence (also glued to the Chinese, no space), and one word per line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as spanish } from '@scure/bip39/wordlists/spanish.js';
import { wordlist as japanese } from '@scure/bip39/wordlists/japanese.js';
import { entropyToMnemonic } from '@scure/bip39';
import { createHash } from 'node:crypto';

const BIN = fileURLToPath(new URL('../../bin/walletdesk.js', import.meta.url));
const VECTORS = JSON.parse(
  readFileSync(new URL('../corpus/shield/bip39-vectors.json', import.meta.url), 'utf8'),
) as Record<string, [string, string, string][]>;
const LANGUAGES = [
  'english',
  'chinese_simplified',
  'chinese_traditional',
  'czech',
  'french',
  'italian',
  'japanese',
  'korean',
  'portuguese',
  'spanish',
];

/** Deterministic entropy, so that a failure can be reproduced. */
const entropy = (label: string, bytes: number): Uint8Array =>
  createHash('sha256').update(label).digest().subarray(0, bytes);
const phrase = (list: string[], label: string, words: number): string[] =>
  entropyToMnemonic(entropy(label, (words / 3) * 4), list).normalize('NFC').split(/[ \u3000]/);

interface Case {
  id: string;
  text: string;
  secret: string;
}

/** Each form of a phrase a customer may send, with the part that must go. */
function forms(name: string, words: string[], sep = ' '): Case[] {
  const phrase = words.join(sep);
  const lines = words.join('\n');
  return [
    { id: `${name} bare`, text: phrase, secret: phrase },
    { id: `${name} in English`, text: `Hi, restore says invalid mnemonic. My words are ${phrase} — what is wrong?`, secret: phrase },
    { id: `${name} in Chinese`, text: `你好，恢复时提示助记词无效。我的助记词是 ${phrase} ，请帮我看看。`, secret: phrase },
    { id: `${name} glued to Chinese`, text: `我的助记词是${phrase}请帮我看看。`, secret: phrase },
    { id: `${name} one word per line`, text: `my words:\n${lines}\nthanks`, secret: lines },
  ];
}

/** Runs the CLI once over all cases; returns the redacted text of each by id. */
function redactAll(cases: Case[]): Map<string, string> {
  const input = cases.map((c) => JSON.stringify({ id: c.id, text: c.text })).join('\n') + '\n';
  const r = spawnSync(process.execPath, [BIN, 'redact', '--jsonl'], { input, maxBuffer: 64 * 2 ** 20 });
  assert.equal(r.status, 0, r.stderr.toString('utf8'));
  const out = new Map<string, string>();
  for (const line of r.stdout.toString('utf8').trimEnd().split('\n')) {
    const o = JSON.parse(line) as { id: string; text: string };
    out.set(o.id, o.text);
  }
  return out;
}

/** Cases whose secret (or any of its words, when it has several) is still in the redacted text. */
function leaks(cases: Case[], redacted: Map<string, string>): string[] {
  return cases.filter((c) => {
    const text = redacted.get(c.id) ?? c.text;
    return text.includes(c.secret) || !text.includes('[recovery phrase removed]');
  }).map((c) => c.id);
}

test('removes every official BIP39 test vector in all ten lists, bare, in sentences, glued to Chinese and one word per line', () => {
  const cases: Case[] = [];
  for (const lang of LANGUAGES) {
    const vectors = VECTORS[lang];
    assert.ok(vectors && vectors.length >= 24, lang);
    vectors.forEach(([entropy, mnemonic], i) => {
      // The file keeps Japanese in NFKD with ideographic spaces, as BIP39 writes it; customers type NFC.
      const words = mnemonic.normalize('NFC').split(/[ \u3000]+/);
      cases.push(...forms(`${lang} #${i} ${entropy.slice(0, 8)}`, words, lang === 'japanese' ? '\u3000' : ' '));
    });
  }
  assert.equal(cases.length, 10 * 24 * 5);
  assert.deepEqual(leaks(cases, redactAll(cases)), []);
});

test('removes a 12 to 24-word phrase with one mistyped or foreign word inside it', () => {
  const cases: Case[] = [];
  const typos = ['abandn', 'ablity', 'xyzzy', 'qwertz', 'ab4ndon'];
  for (const n of [12, 15, 18, 21, 24]) {
    for (const [t, typo] of typos.entries()) {
      const words = phrase(english, `${n} ${typo}`, n);
      words[1 + ((t * 5) % (n - 2))] = typo; // never at an edge
      cases.push(...forms(`english ${n} ${typo}`, words));
    }
    const es = phrase(spanish, `es ${n}`, n);
    es[n >> 1] = 'perrro';
    cases.push(...forms(`spanish ${n}`, es));
    const ja = phrase(japanese, `ja ${n}`, n);
    ja[n >> 1] = 'あいう';
    cases.push(...forms(`japanese ${n}`, ja, '\u3000'));
  }
  // 23 of 24: a 24-word phrase with one word dropped and another mistyped.
  const words = phrase(english, '23 of 24', 24).slice(0, 23);
  words[10] = 'zzzz';
  cases.push(...forms('english 23 of 24, typo', words));
  assert.deepEqual(leaks(cases, redactAll(cases)), []);
});

test('keeps list words with a prose word at their edge, two foreign words, or a common prose word inside', () => {
  const w = (from: number, n: number): string => english.slice(from, from + n).join(' ');
  const cases = [
    `${w(100, 11)} xyzzy`, // the foreign word at the edge: the next word of prose
    `${w(100, 6)} xyzzy ${w(200, 3)} qwertz ${w(300, 6)}`, // two foreign words
    `${w(100, 11)} is ${w(300, 1)}`, // "is", "the" are prose, never a mistyped phrase word
    `${w(100, 11)} the ${w(300, 3)}`,
  ];
  const r = redactAll(cases.map((text, i) => ({ id: String(i), text, secret: text })));
  cases.forEach((text, i) => assert.equal(r.get(String(i)), text));
});
