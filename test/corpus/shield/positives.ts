/**
 * The shield's positive corpus: secrets in every language, length and format the issue names, each placed
 * in a realistic message, with where the secret is. Generated from a seeded PRNG, so every run (and every
 * machine) gets the same cases; `npm test` regenerates it rather than trusting a stale file.
 *
 * Phrases come from @scure/bip39 (entropyToMnemonic), keys from base58check over @scure/base + sha256.
 */
import { entropyToMnemonic, validateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as spanish } from '@scure/bip39/wordlists/spanish.js';
import { wordlist as french } from '@scure/bip39/wordlists/french.js';
import { wordlist as italian } from '@scure/bip39/wordlists/italian.js';
import { wordlist as portuguese } from '@scure/bip39/wordlists/portuguese.js';
import { wordlist as czech } from '@scure/bip39/wordlists/czech.js';
import { wordlist as japanese } from '@scure/bip39/wordlists/japanese.js';
import { wordlist as korean } from '@scure/bip39/wordlists/korean.js';
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';
import { createBase58check } from '@scure/base';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { ELECTRUM_OLD_WORDLIST } from '../../../src/shield/wordlists/electrum-old.js';
import { SLIP39_WORDLIST } from '../../../src/shield/wordlists/slip39.js';
import type { SecretKind } from '../../../src/shield/types.js';

export interface PositiveCase {
  /** Describes the case, e.g. "bip39/french/18/valid/numbered-paren/nfc". */
  name: string;
  text: string;
  /** The secret's span in `text` (UTF-16 code units, end exclusive) and the kinds a finding may report. */
  start: number;
  end: number;
  kinds: SecretKind[];
}

/** mulberry32: a small seeded PRNG, enough to make the corpus reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const randomBytes = (rnd: () => number, n: number): Uint8Array => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

export const LANGUAGES: Record<string, string[]> = {
  english,
  spanish,
  french,
  italian,
  portuguese,
  czech,
  japanese,
  korean,
  'simplified-chinese': simplifiedChinese,
  'traditional-chinese': traditionalChinese,
};
const LENGTHS = [12, 15, 18, 21, 24];
const CJK = new Set(['simplified-chinese', 'traditional-chinese']);

/** How the words of a phrase are written down. Each returns the phrase text and where the words begin/end. */
type Format = (words: string[]) => { body: string; lead: number; trail: number };
const joinWith =
  (sep: string): Format =>
  (w) => ({ body: w.join(sep), lead: 0, trail: 0 });
const numbered =
  (label: (i: number) => string, sep: string): Format =>
  (w) => {
    const body = w.map((x, i) => `${label(i + 1)}${x}`).join(sep);
    return { body, lead: label(1).length, trail: 0 };
  };
const WORD_FORMATS: Record<string, Format> = {
  space: joinWith(' '),
  'double-space': joinWith('  '),
  newline: joinWith('\n'),
  crlf: joinWith('\r\n'),
  tab: joinWith('\t'),
  comma: joinWith(', '),
  'comma-tight': joinWith(','),
  dash: joinWith('-'),
  'spaced-dash': joinWith(' - '),
  ideographic: joinWith('\u3000'),
  'numbered-dot': numbered((i) => `${i}. `, '\n'),
  'numbered-paren': numbered((i) => `${i}) `, '\n'),
  'numbered-zero': numbered((i) => `${String(i).padStart(2, '0')} `, '\n'),
  'numbered-inline': numbered((i) => `${i}.`, ' '),
  dots: joinWith('.'),
  'and-last': (w) => ({ body: `${w.slice(0, -1).join(', ')} and ${w[w.length - 1]}`, lead: 0, trail: 0 }),
  'quoted-json': (w) => {
    const body = w.map((x) => `"${x}"`).join(', ');
    return { body, lead: 1, trail: 1 };
  },
};
const CJK_FORMATS: Record<string, Format> = {
  nosep: joinWith(''),
  space: joinWith(' '),
  ideographic: joinWith('\u3000'),
  comma: joinWith('，'),
  enumeration: joinWith('、'),
  newline: joinWith('\n'),
  'numbered-dot': numbered((i) => `${i}. `, '\n'),
  blocks: (w) => ({ body: w.map((x, i) => (i > 0 && i % 4 === 0 ? ` ${x}` : x)).join(''), lead: 0, trail: 0 }),
  lines: (w) => ({ body: w.map((x, i) => (i > 0 && i % 6 === 0 ? `\n${x}` : x)).join(''), lead: 0, trail: 0 }),
};

/** Messages a phrase arrives in; `{}` is where it goes. English and Chinese, as customers write. */
const TEMPLATES_EN = [
  '{}',
  'Hi, here is my recovery phrase so you can check my wallet:\n{}\nPlease help, my balance is gone.',
  'My seed: {}. Can you restore it?',
  'I wrote these down when I set up the wallet:\n\n{}\n\nIs this right? The app says invalid.',
  'support pls urgent!!! "{}" thats my words',
];
const TEMPLATES_ZH = [
  '{}',
  '您好，我的助记词是：{}，请帮我看看为什么余额是零。',
  '助记词：\n{}\n谢谢！',
  '我怕记错了，这是我抄的：{}。麻烦核对一下。',
];
/** Chinese written with no separators, glued straight to the prose around it. */
const TEMPLATES_ZH_GLUED = ['我的助记词是{}', '{}请帮我恢复钱包', '助记词{}'];

function place(template: string, body: string, lead: number, trail: number): { text: string; start: number; end: number } {
  const at = template.indexOf('{}');
  const text = template.slice(0, at) + body + template.slice(at + 2);
  return { text, start: at + lead, end: at + body.length - trail };
}

function withInvalidChecksum(rnd: () => number, words: string[], list: string[]): string[] {
  // Swap two words (the classic transcription slip), or change the last one, until the checksum fails.
  for (;;) {
    const w = [...words];
    if (rnd() < 0.5) {
      const i = Math.floor(rnd() * w.length);
      const j = Math.floor(rnd() * w.length);
      [w[i], w[j]] = [w[j] as string, w[i] as string];
    } else w[w.length - 1] = pick(rnd, list);
    if (!validateMnemonic(w.join(list === japanese ? '\u3000' : ' '), list)) return w;
  }
}

const capitalize = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
const stripAccents = (w: string): string => w.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

/** BIP39 phrases: every language × length × checksum × format, in NFC (as typed) and other spellings. */
export function bip39Cases(seed = 39): PositiveCase[] {
  const rnd = prng(seed);
  const out: PositiveCase[] = [];
  for (const [lang, list] of Object.entries(LANGUAGES)) {
    const cjk = CJK.has(lang);
    const formats = cjk ? CJK_FORMATS : WORD_FORMATS;
    for (const len of LENGTHS) {
      for (const checksum of ['valid', 'invalid'] as const) {
        for (const [fname, format] of Object.entries(formats)) {
          if (fname === 'and-last' && lang !== 'english') continue;
          const entropy = randomBytes(rnd, (len * 4) / 3);
          let words = entropyToMnemonic(entropy, list).split(lang === 'japanese' ? '\u3000' : ' ');
          if (checksum === 'invalid') words = withInvalidChecksum(rnd, words, list);
          const spellings: Record<string, string[]> = { nfc: words.map((w) => w.normalize('NFC')) };
          if (!cjk) {
            spellings.nfkd = words;
            if (lang !== 'japanese' && lang !== 'korean') {
              spellings.upper = words.map((w) => w.normalize('NFC').toUpperCase());
              spellings.capitalized = words.map((w) => capitalize(w.normalize('NFC')));
              if (lang === 'spanish' || lang === 'french') spellings['no-accents'] = words.map(stripAccents);
              // The steel-plate format: each word's first four letters, which name it uniquely.
              spellings['first-four'] = words.map((w) => stripAccents(w).slice(0, 4));
              // One word mistyped after its fourth letter (a doubled last letter), as people do.
              const k = Math.floor(words.length / 2);
              spellings['one-typo'] = words.map((w, i) => (i === k && stripAccents(w).length >= 4 ? w.normalize('NFC') + w.slice(-1) : w.normalize('NFC')));
            }
          }
          for (const [sname, spelled] of Object.entries(spellings)) {
            const { body, lead, trail } = format(spelled);
            const templates = cjk ? TEMPLATES_ZH : TEMPLATES_EN;
            const template = pick(rnd, templates);
            const placed = place(template, body, lead, trail);
            const kinds: SecretKind[] = lang === 'english' && checksum === 'invalid' ? ['mnemonic', 'electrum_seed'] : ['mnemonic'];
            out.push({ name: `bip39/${lang}/${len}/${checksum}/${fname}/${sname}`, ...placed, kinds });
          }
          if (cjk && fname === 'nosep' && checksum === 'valid') {
            for (const template of TEMPLATES_ZH_GLUED) {
              const placed = place(template, words.join(''), 0, 0);
              out.push({ name: `bip39/${lang}/${len}/valid/glued/${template}`, ...placed, kinds: ['mnemonic'] });
            }
          }
        }
      }
    }
  }
  return out;
}

/** Unseparated Chinese phrases with a failing checksum glued to prose: measured, not promised (docs/shield.md). */
export function gluedInvalidChineseCases(seed: number, count: number): PositiveCase[] {
  const rnd = prng(seed);
  const out: PositiveCase[] = [];
  for (let k = 0; k < count; k++) {
    const list = k % 2 === 0 ? simplifiedChinese : traditionalChinese;
    const len = pick(rnd, LENGTHS);
    const words = withInvalidChecksum(rnd, entropyToMnemonic(randomBytes(rnd, (len * 4) / 3), list).split(' '), list);
    const placed = place(pick(rnd, TEMPLATES_ZH_GLUED), words.join(''), 0, 0);
    out.push({ name: `bip39/chinese/${len}/invalid/glued`, ...placed, kinds: ['mnemonic'] });
  }
  return out;
}

/** Electrum new-style seeds: random English words until HMAC-SHA512("Seed version") has a type's prefix. */
export function electrumNewCases(seed = 2, perType = 3): PositiveCase[] {
  const rnd = prng(seed);
  const out: PositiveCase[] = [];
  const key = new TextEncoder().encode('Seed version');
  const types: Array<[string, (hex: string) => boolean]> = [
    ['standard', (h) => h.startsWith('01')],
    ['segwit', (h) => h.startsWith('100')],
  ];
  for (const [type, ok] of types) {
    for (let k = 0; k < perType; ) {
      const words = Array.from({ length: 12 }, () => pick(rnd, english));
      const mac = hmac(sha512, key, new TextEncoder().encode(words.join(' ')));
      const hex = Buffer.from(mac.subarray(0, 2)).toString('hex');
      if (!ok(hex)) continue;
      k++;
      const placed = place(pick(rnd, TEMPLATES_EN), words.join(k % 2 ? ' ' : '\n'), 0, 0);
      // A seed whose words also pass BIP39's checksum (1 in 16) reports as a BIP39 phrase: same marker family.
      out.push({ name: `electrum/new/${type}`, ...placed, kinds: ['electrum_seed', 'mnemonic'] });
    }
  }
  return out;
}

/** Electrum old-style seeds: mn_encode of random 32-bit numbers over the 1626-word list (12 and 24 words). */
export function electrumOldCases(seed = 3, count = 20): PositiveCase[] {
  const rnd = prng(seed);
  const n = ELECTRUM_OLD_WORDLIST.length;
  const out: PositiveCase[] = [];
  for (let k = 0; k < count; k++) {
    const words: string[] = [];
    for (let g = 0; g < (k % 2 === 0 ? 4 : 8); g++) {
      const x = Math.floor(rnd() * 2 ** 32);
      const w1 = x % n;
      const w2 = (Math.floor(x / n) + w1) % n;
      const w3 = (Math.floor(x / n / n) + w2) % n;
      words.push(...[w1, w2, w3].map((i) => ELECTRUM_OLD_WORDLIST[i] as string));
    }
    const placed = place(pick(rnd, TEMPLATES_EN), words.join(pick(rnd, [' ', '\n', ', '])), 0, 0);
    out.push({ name: `electrum/old/${words.length}`, ...placed, kinds: ['electrum_seed', 'mnemonic'] });
  }
  return out;
}

const RS1024_GEN = [
  0xe0e040, 0x1c1c080, 0x3838100, 0x7070200, 0xe0e0009, 0x1c0c2412, 0x38086c24, 0x3090fc48, 0x21b1f890, 0x3f3f120,
];
function rs1024Polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 20;
    chk = ((chk & 0xfffff) << 10) ^ v;
    for (let i = 0; i < 10; i++) if ((b >>> i) & 1) chk ^= RS1024_GEN[i] as number;
  }
  return chk;
}

/** SLIP-39 shares: random share data of 20 and 33 words with a correct RS1024 checksum ("shamir"). */
export function slip39Cases(seed = 4, count = 20): PositiveCase[] {
  const rnd = prng(seed);
  const out: PositiveCase[] = [];
  const cs = [...'shamir'].map((c) => c.charCodeAt(0));
  for (let k = 0; k < count; k++) {
    const len = k % 2 === 0 ? 20 : 33;
    const data = Array.from({ length: len - 3 }, () => Math.floor(rnd() * 1024));
    data[1] = (data[1] as number) & ~0x10; // extendable flag off, so "shamir" is the customization string
    const pm = rs1024Polymod([...cs, ...data, 0, 0, 0]) ^ 1;
    const ids = [...data, (pm >>> 20) & 1023, (pm >>> 10) & 1023, pm & 1023];
    const words = ids.map((i) => SLIP39_WORDLIST[i] as string);
    const placed = place(pick(rnd, TEMPLATES_EN), words.join(pick(rnd, [' ', '\n'])), 0, 0);
    out.push({ name: `slip39/${len}`, ...placed, kinds: ['slip39'] });
  }
  return out;
}

const b58c = createBase58check(sha256);
const XPRV_VERSIONS: Record<string, number> = {
  xprv: 0x0488ade4,
  yprv: 0x049d7878,
  zprv: 0x04b2430c,
  tprv: 0x04358394,
  uprv: 0x044a4e28,
  vprv: 0x045f18bc,
  Yprv: 0x0295b005,
  Zprv: 0x02aa7a99,
  Uprv: 0x024285b5,
  Vprv: 0x02575048,
};
/** Public counterparts, for the negative corpus: they must stay. */
export const XPUB_VERSIONS: Record<string, number> = {
  xpub: 0x0488b21e,
  ypub: 0x049d7cb2,
  zpub: 0x04b24746,
  tpub: 0x043587cf,
  upub: 0x044a5262,
  vpub: 0x045f1cf6,
  Ypub: 0x0295b43f,
  Zpub: 0x02aa7ed3,
};

/** A base58check extended key with the given version bytes and random chain code and key. */
export function extendedKey(rnd: () => number, version: number, isPrivate: boolean): string {
  const p = new Uint8Array(78);
  new DataView(p.buffer).setUint32(0, version);
  p.set(randomBytes(rnd, 9), 4); // depth, parent fingerprint, child number
  p.set(randomBytes(rnd, 32), 13); // chain code
  if (isPrivate) p.set(randomBytes(rnd, 32), 46);
  else {
    p[45] = rnd() < 0.5 ? 2 : 3;
    p.set(randomBytes(rnd, 32), 46);
  }
  return b58c.encode(p);
}

const KEY_TEMPLATES_EN = ['{}', 'my private key is {} please help', 'Exported from the old app:\n{}\n', 'key={} (is this the right one?)'];
const KEY_TEMPLATES_ZH = ['{}', '这是我导出的私钥：{}，怎么导入？', '密钥 {} 还能用吗'];

/** WIF keys (mainnet/testnet × compressed/uncompressed) and extended private keys (every version). */
export function keyCases(seed = 5): PositiveCase[] {
  const rnd = prng(seed);
  const out: PositiveCase[] = [];
  for (const [net, version] of [
    ['mainnet', 0x80],
    ['testnet', 0xef],
  ] as const) {
    for (const compressed of [true, false]) {
      for (let k = 0; k < 8; k++) {
        const payload = new Uint8Array(compressed ? 34 : 33);
        payload[0] = version;
        payload.set(randomBytes(rnd, 32), 1);
        if (compressed) payload[33] = 1;
        const wif = b58c.encode(payload);
        const placed = place(pick(rnd, [...KEY_TEMPLATES_EN, ...KEY_TEMPLATES_ZH]), wif, 0, 0);
        out.push({ name: `wif/${net}/${compressed ? 'compressed' : 'uncompressed'}`, ...placed, kinds: ['wif'] });
      }
    }
  }
  for (const [prefix, version] of Object.entries(XPRV_VERSIONS)) {
    for (let k = 0; k < 4; k++) {
      const key = extendedKey(rnd, version, true);
      if (!key.startsWith(prefix)) throw new Error(`version ${prefix} encodes as ${key.slice(0, 4)}`);
      const placed = place(pick(rnd, [...KEY_TEMPLATES_EN, ...KEY_TEMPLATES_ZH]), key, 0, 0);
      out.push({ name: `xprv/${prefix}`, ...placed, kinds: ['xprv'] });
    }
  }
  return out;
}

const HEX_TEMPLATES = [
  'my private key is {}',
  'Private key: {}',
  'privkey={}',
  'priv key {} — is it safe?',
  'secret key:\n{}',
  '{} is my private key',
  '私钥：{}',
  '这是我的私钥 {} 请帮我导入',
  '密钥是{}',
  'Here is the hex private key from my paper wallet: {}',
];

/** 64-hex private keys that the text calls a key, with and without 0x, any case. */
export function hexKeyCases(seed = 6): PositiveCase[] {
  const rnd = prng(seed);
  const out: PositiveCase[] = [];
  for (const template of HEX_TEMPLATES) {
    for (const style of ['lower', 'upper', '0x'] as const) {
      let hex = Buffer.from(randomBytes(rnd, 32)).toString('hex');
      if (style === 'upper') hex = hex.toUpperCase();
      if (style === '0x') hex = `0x${hex}`;
      const placed = place(template, hex, 0, 0);
      out.push({ name: `hex_key/${style}/${template}`, ...placed, kinds: ['hex_key'] });
    }
  }
  return out;
}

/** Every positive case the tests hold to 100 % recall. */
export function allPositives(): PositiveCase[] {
  return [...bip39Cases(), ...electrumNewCases(), ...electrumOldCases(), ...slip39Cases(), ...keyCases(), ...hexKeyCases()];
}
