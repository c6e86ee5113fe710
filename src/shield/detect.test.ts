import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { entropyToMnemonic, generateMnemonic, validateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as simplified } from '@scure/bip39/wordlists/simplified-chinese.js';
import { findSecrets, findSecretsAcross, redactSecrets, REDACTION_MARKERS } from './index.js';
import { bip39ChecksumValid, slip39ChecksumValid } from './checksums.js';
import { SLIP39_WORDLIST } from './wordlists/slip39.js';
import { ELECTRUM_OLD_WORDLIST } from './wordlists/electrum-old.js';
import { WORDLISTS, L, normalizeWord } from './lexicon.js';

const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';

test('finds a 12-word English phrase and reports its kind and UTF-16 offsets', () => {
  const text = `😀 my words: ${PHRASE}. thanks`;
  const [f, ...rest] = findSecrets(text);
  assert.equal(rest.length, 0);
  assert.equal(f?.kind, 'mnemonic');
  assert.equal(text.slice(f?.start, f?.end), PHRASE);
});

test('returns the very same string when there is nothing to remove', () => {
  const text = 'My transaction is stuck, can you help? 我的交易卡住了。';
  const r = redactSecrets(text);
  assert.equal(r.text, text);
  assert.deepEqual(r.findings, []);
});

test('replaces each secret with the marker of its kind and keeps the rest', () => {
  const r = redactSecrets(`Hi,\n${PHRASE}\nis this right?`);
  assert.equal(r.text, `Hi,\n${REDACTION_MARKERS.mnemonic}\nis this right?`);
});

test('takes list words written next to a phrase with it, but not a misspelt word at its edge', () => {
  // "please" and "help" are BIP39 words: nothing tells them from a 14-word phrase, so they go too.
  assert.equal(redactSecrets(`${PHRASE}\nplease help`).text, REDACTION_MARKERS.mnemonic);
  // "thanks" is not, though it starts like "thank": a typo is only allowed inside a run.
  assert.equal(redactSecrets(`${PHRASE} thanks`).text, `${REDACTION_MARKERS.mnemonic} thanks`);
});

test('finds a phrase whose checksum fails: a swapped word is still a phrase', () => {
  const words = PHRASE.split(' ');
  [words[0], words[5]] = [words[5] as string, words[0] as string];
  assert.equal(validateMnemonic(words.join(' '), english), false);
  assert.equal(findSecrets(words.join(', ')).length, 1);
});

test('finds a phrase written as a numbered list in upper case', () => {
  const text = PHRASE.toUpperCase()
    .split(' ')
    .map((w, i) => `${i + 1}) ${w}`)
    .join('\n');
  const [f] = findSecrets(text);
  assert.equal(f?.start, 3);
  assert.equal(f?.end, text.length);
});

test('finds a Chinese phrase written with no separators inside a sentence', () => {
  const phrase = entropyToMnemonic(new Uint8Array(16).fill(7), simplified).replaceAll(' ', '');
  const text = `您好，我的助记词是：${phrase}，请帮我看看。`;
  const [f] = findSecrets(text);
  assert.equal(text.slice(f?.start, f?.end), phrase);
});

test('leaves long Chinese prose made of common characters alone', () => {
  const seed = readFileSync(new URL('../../test/corpus/shield/negatives-zh.txt', import.meta.url), 'utf8');
  assert.deepEqual(findSecrets(seed), []);
});

test('finds the official SLIP-39 test vectors as slip39, valid checksum or not', () => {
  const vectors = JSON.parse(
    readFileSync(new URL('../../test/corpus/shield/slip39-vectors.json', import.meta.url), 'utf8'),
  ) as Array<[string, string[]]>;
  let shares = 0;
  for (const [, mnemonics] of vectors) {
    for (const m of mnemonics) {
      const n = m.split(' ').length;
      if (n !== 20 && n !== 33) continue;
      shares++;
      const found = findSecrets(`share: ${m}`);
      assert.equal(found.length, 1, m);
      assert.equal(found[0]?.kind, 'slip39', m);
    }
  }
  assert.ok(shares > 60);
});

test('the RS1024 check accepts the valid SLIP-39 vectors and rejects the bad-checksum ones', () => {
  const index = new Map(SLIP39_WORDLIST.map((w, i) => [w, i]));
  const ids = (m: string): number[] => m.split(' ').map((w) => index.get(w) as number);
  const vectors = JSON.parse(
    readFileSync(new URL('../../test/corpus/shield/slip39-vectors.json', import.meta.url), 'utf8'),
  ) as Array<[string, string[]]>;
  for (const [name, mnemonics] of vectors) {
    for (const m of mnemonics) {
      const bad = /invalid checksum|insufficient length|invalid master secret length/.test(name);
      assert.equal(slip39ChecksumValid(ids(m)), !bad, name);
    }
  }
});

test('the BIP39 checksum agrees with @scure/bip39 on valid and altered phrases', () => {
  const index = new Map(english.map((w, i) => [w, i]));
  for (let k = 0; k < 500; k++) {
    const words = generateMnemonic(english, [128, 160, 192, 224, 256][k % 5]).split(' ');
    if (k % 2 === 1) words[2] = english[(k * 7) % 2048] as string;
    const ours = bip39ChecksumValid(words.map((w) => index.get(w) as number));
    assert.equal(ours, validateMnemonic(words.join(' '), english));
  }
});

test('reports Electrum new-style seeds (checked against electrum-mnemonic) as electrum_seed', () => {
  // Standard and segwit seeds from Electrum's own tests and from bitcoinjs/electrum-mnemonic.
  for (const seed of [
    'cycle rocket west magnet parrot shuffle foot correct salt library feed song',
    'bitter grass shiver impose acquire brush forget axis eager alone wine silver',
    'wild father tree among universe such mobile favorite target dynamic credit identify',
    'income mind flash armed island cage license render solution air guide ice',
    'skin grunt utility erosion bronze blast patch scatter liquid top salad bullet',
  ]) {
    const found = findSecrets(`my electrum seed\n${seed}\n`);
    assert.equal(found.length, 1, seed);
    assert.ok(['electrum_seed', 'mnemonic'].includes(found[0]?.kind as string), seed);
  }
  assert.equal(findSecrets('cycle rocket west magnet parrot shuffle foot correct salt library feed song')[0]?.kind, 'electrum_seed');
});

test('reports old-style Electrum seeds from the 1626-word list', () => {
  assert.equal(ELECTRUM_OLD_WORDLIST.length, 1626);
  const seed = 'spiral squeeze strain sunset suspend sympathy thigh throne total unseen weapon weary';
  const [f] = findSecrets(`old electrum wallet from 2013: ${seed}`);
  assert.equal(f?.kind, 'electrum_seed');
});

test('removes WIF keys and extended private keys but keeps xpubs and addresses', () => {
  const wif = '5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ';
  const xprv =
    'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi';
  const xpub =
    'xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8';
  const text = `wif ${wif}\nxprv ${xprv}\nxpub ${xpub}\naddress 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2`;
  const kinds = findSecrets(text).map((f) => [f.kind, text.slice(f.start, f.end)]);
  assert.deepEqual(kinds, [
    ['wif', wif],
    ['xprv', xprv],
  ]);
});

test('removes a 64-hex string only when the text calls it a private key', () => {
  const hex = '0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d';
  assert.deepEqual(findSecrets(`txid ${hex}`), []);
  assert.deepEqual(findSecrets(hex), []);
  assert.equal(findSecrets(`my private key: ${hex}`)[0]?.kind, 'hex_key');
  assert.equal(findSecrets(`私钥是 ${hex}`)[0]?.kind, 'hex_key');
  assert.deepEqual(findSecrets(`I never gave anyone my private key, but transaction ${hex} took everything`), []);
});

test('every Latin-script list word is 3 to 12 letters long, as the scanner assumes when it skips lookups', () => {
  for (const id of [L.english, L.spanish, L.french, L.italian, L.portuguese, L.czech, L.slip39, L.electrumOld]) {
    for (const w of WORDLISTS[id] ?? []) {
      const n = normalizeWord(w).length;
      assert.ok(n >= 3 && n <= 12, w);
    }
  }
});

test('handles a multi-megabyte text with a phrase near its end', () => {
  const filler = 'My transaction is stuck, please check it. 我的交易卡住了，请帮我看看。\n'.repeat(40000);
  const text = `${filler}words: ${PHRASE}\n${filler.slice(0, 1000)}`;
  const found = findSecrets(text);
  assert.equal(found.length, 1);
  assert.equal(text.slice(found[0]?.start, found[0]?.end), PHRASE);
  assert.deepEqual(findSecrets(filler), []);
});

test('never throws and keeps findings in bounds, ordered and apart, on random mixed-script text', () => {
  let seed = 12345;
  const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pieces = [
    ...english.slice(0, 300),
    ...simplified.slice(0, 300),
    'あいうえお', 'ひらがな', '가나다', '비트코인', 'é', '\u0301', '\ud83d', '\ude00', '😀', '1.', '2)', '01', '(3)',
    ' ', '  ', '\n', '\t', ',', '，', '、', '\u3000', '-', '.', '!', '?', '"', "'", 'and', '0x', 'xprv', '5H', 'deadbeef',
  ];
  for (let k = 0; k < 400; k++) {
    const n = 1 + Math.floor(rnd() * 120);
    let text = '';
    for (let i = 0; i < n; i++) text += pieces[Math.floor(rnd() * pieces.length)];
    const found = findSecrets(text);
    let last = 0;
    for (const f of found) {
      assert.ok(f.start >= last && f.end > f.start && f.end <= text.length, JSON.stringify(text));
      last = f.end;
    }
    const r = redactSecrets(text);
    if (found.length === 0) assert.equal(r.text, text);
  }
});

test('finds a phrase sent one word per chat message when the messages are read together', () => {
  const words = PHRASE.split(' ');
  const messages = ['hi', 'here are my words', ...words, 'is this right?'];
  assert.deepEqual(messages.map((m) => findSecrets(m).length), messages.map(() => 0));
  const across = findSecretsAcross(messages);
  assert.deepEqual(across.slice(0, 2), [[], []]);
  words.forEach((w, i) => assert.deepEqual(across[i + 2], [{ kind: 'mnemonic', start: 0, end: w.length }]));
  assert.deepEqual(across[messages.length - 1], []);
});

test('reads Chinese support messages together without flagging them', () => {
  const zh = readFileSync(new URL('../../test/corpus/shield/negatives-zh.txt', import.meta.url), 'utf8')
    .split('\n---\n')
    .slice(1);
  assert.deepEqual(findSecretsAcross(zh).flat(), []);
});
