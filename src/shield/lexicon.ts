/**
 * The word tables the scanner looks words up in, built once when the module loads.
 *
 * Latin-script words are looked up by a 32-bit hash of their case-folded, accent-stripped letters in an
 * open-addressing table, so the scanner never allocates a string for an ordinary word of prose; the hit is
 * confirmed with a real string comparison later, on the rare runs long enough to matter.
 */
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
import { ELECTRUM_OLD_WORDLIST } from './wordlists/electrum-old.js';
import { SLIP39_WORDLIST } from './wordlists/slip39.js';

/** Bit numbers of the word lists in a token's membership mask. */
export const L = {
  english: 0,
  spanish: 1,
  french: 2,
  italian: 3,
  portuguese: 4,
  czech: 5,
  japanese: 6,
  korean: 7,
  simplifiedChinese: 8,
  traditionalChinese: 9,
  slip39: 10,
  electrumOld: 11,
} as const;
export type ListId = (typeof L)[keyof typeof L];
export const LIST_COUNT = 12;

/** The word lists by bit number. BIP39 lists are stored NFKD by @scure/bip39, as the standard says. */
export const WORDLISTS: readonly (readonly string[])[] = [
  english,
  spanish,
  french,
  italian,
  portuguese,
  czech,
  japanese,
  korean,
  simplifiedChinese,
  traditionalChinese,
  SLIP39_WORDLIST,
  ELECTRUM_OLD_WORDLIST,
];

export const BIP39_MASK = 0x3ff;
/** Lists whose words are unique by their first four letters, so that a four-letter stub names one word. */
const PREFIX_UNIQUE_LISTS: readonly ListId[] = [L.english, L.spanish, L.french, L.italian, L.portuguese, L.czech, L.slip39];
const LATIN_LISTS: readonly ListId[] = [...PREFIX_UNIQUE_LISTS, L.electrumOld];

/** Lower-case, accent-free form of a word: what the tables are keyed by. */
export function normalizeWord(word: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * FOLD[c] for a UTF-16 code unit below 0x250: the lower-case ASCII letter it folds to (é→e, Ñ→n),
 * 1 for another letter (ß, ø, æ: a letter, but in no list), 0 for a non-letter.
 */
export const FOLD = buildFold();

function buildFold(): Uint8Array {
  const fold = new Uint8Array(0x250);
  for (let c = 0x41; c < 0x250; c++) {
    const ch = String.fromCharCode(c);
    if (!/\p{L}/u.test(ch)) continue;
    const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    fold[c] = base.length === 1 && base >= 'a' && base <= 'z' ? base.charCodeAt(0) : 1;
  }
  return fold;
}

// The hash the scanner computes while it walks a word (FNV-1a over the folded letters), kept in step here.
// A 32-bit hash can let a non-word through (about 1 word in 170 000); wordRun() checks every word of a
// candidate run by its string, so a collision can only cost time, never a finding.
export const H1_SEED = 0x811c9dc5 | 0;
export const h1Step = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);

/** An open-addressing table from a word hash to a list mask (0 when absent). */
class HashTable {
  private readonly keys: Int32Array;
  private readonly val: Int32Array;
  private readonly used: Uint8Array;
  private readonly mask: number;

  constructor(bits: number) {
    const size = 1 << bits;
    this.keys = new Int32Array(size);
    this.val = new Int32Array(size);
    this.used = new Uint8Array(size);
    this.mask = size - 1;
  }

  or(h: number, bits: number): void {
    let i = h & this.mask;
    while (this.used[i] === 1) {
      if (this.keys[i] === h) {
        this.val[i] = (this.val[i] ?? 0) | bits;
        return;
      }
      i = (i + 1) & this.mask;
    }
    this.used[i] = 1;
    this.keys[i] = h;
    this.val[i] = bits;
  }

  get(h: number): number {
    let i = h & this.mask;
    while (this.used[i] === 1) {
      if (this.keys[i] === h) return this.val[i] as number;
      i = (i + 1) & this.mask;
    }
    return 0;
  }
}

function hashAscii(word: string, length = word.length): number {
  let h = H1_SEED;
  for (let i = 0; i < length; i++) h = h1Step(h, word.charCodeAt(i));
  return h;
}

/**
 * Frequent words of prose in the Latin-script list languages that are in no list, with the lists of their
 * language (English prose also for SLIP-39 and old Electrum, whose words are English). One of them between
 * words of its own language's list is prose ("… yellow is this right"), never the one mistyped word of a
 * phrase; between words of another language's list ("… seco are campo …" in a Spanish phrase) it is a typo.
 * Words of one or two letters count only as in SHORT_TYPOS.
 */
const PROSE_BY_LANGUAGE: Array<[number, string]> = [
  [
    (1 << L.english) | (1 << L.slip39) | (1 << L.electrumOld),
    'the you your yours are was were for not but can cannot has had have its our ours why how who whom what ' +
      'when where which that with from they them then than there their these those been being will would could ' +
      'should shall into does did done don doesn didn isn wasn aren won wouldn couldn shouldn just also very some ' +
      'any too here hello thanks hey her his him she yes yet via per off out get got let lets may might must ' +
      'our ourselves myself yourself itself such each both every because about after before while since until ' +
      'hi ok okay please words mnemonic phrase seed restore invalid error wrong help says said tried try typed',
  ],
  [1 << L.spanish, 'que los las del por una con para como pero mas muy este esta eso ese hay son sus'],
  [1 << L.french, 'les des est une pour dans avec sur pas qui mais ces vous nous il elle'],
  [1 << L.italian, 'che non per con una sono del della dei gli come anche'],
  [1 << L.portuguese, 'mais uma com para por nao sim dos das seu sua'],
  [1 << L.czech, 'jsem jak ale pro ani'],
];
/** Prose word hash → mask of the lists of its language(s). */
export const PROSE_WORDS = new Map<number, number>();
for (const [mask, words] of PROSE_BY_LANGUAGE) {
  for (const w of words.split(' ')) PROSE_WORDS.set(hashAscii(w), (PROSE_WORDS.get(hashAscii(w)) ?? 0) | mask);
}

/**
 * Two-letter words that are a three-letter list word with one letter dropped ("zo" for "zoo", "ra" for "raw"):
 * such a token may be the one mistyped word of a phrase. Common two-letter words of prose, abbreviations of
 * support messages and list numbering letters are left out: they stay breaks.
 */
export const SHORT_TYPOS = new Set<number>();
const TWO_LETTER_PROSE = new Set(
  (
    'to of in is it on at be we me my do so no up an or as by he if us go am ok hi id tx pc ui os ip vs ex re eg ie ' +
    'pm tv uk eu cn hk tw jp kr de la el en lo se mi tu su un ya si te le es al et je il ne ce sa au ma ta di da ci ' +
    'ho ha em um na eu ao ou ve od za po co ji ty oh ah uh mm yo hm ad ai ar ba bi bo ca cd db dm dr ed fa fi fx gb ' +
    'gm gp hd hr hz io kb km lp mb mo mr ms mt nb nd nm nt ok op pa pi pr ps pt qa qr rd rt sd sr st th tb ur ut vc ' +
    'vi vm vp wa wi wo xd'
  ).split(' '),
);

/** Masks of the Latin-script lists by whole word, and by four-letter stub (for lists unique by stub). */
export const LATIN_EXACT = new HashTable(16);
export const LATIN_STUB = new HashTable(15);
/** Per list: normalised word → index, and four-letter stub → index (where unique). */
export const WORD_INDEX: readonly Map<string, number>[] = WORDLISTS.map(() => new Map());
export const STUB_INDEX: readonly Map<string, number>[] = WORDLISTS.map(() => new Map());
/** Kana and Hangul words, keyed NFKD (as the lists are). */
export const OTHER_EXACT = new Map<string, number>();
/** Han character → index in the simplified / traditional Chinese list, or -1. */
export const HAN_SIMPLIFIED = new Int16Array(0x10000).fill(-1);
export const HAN_TRADITIONAL = new Int16Array(0x10000).fill(-1);

for (let id = 0; id < LIST_COUNT; id++) {
  const list = WORDLISTS[id] ?? [];
  const index = WORD_INDEX[id] as Map<string, number>;
  list.forEach((w, i) => index.set(normalizeWord(w), i));
}
for (const id of LATIN_LISTS) {
  const bit = 1 << id;
  for (const [w] of WORD_INDEX[id] as Map<string, number>) {
    LATIN_EXACT.or(hashAscii(w), bit);
  }
}
for (const id of LATIN_LISTS) {
  for (const [w] of WORD_INDEX[id] as Map<string, number>) {
    if (w.length !== 3) continue;
    for (let i = 0; i < 3; i++) {
      const short = w.slice(0, i) + w.slice(i + 1);
      if (!TWO_LETTER_PROSE.has(short)) SHORT_TYPOS.add(hashAscii(short));
    }
  }
}
for (const id of PREFIX_UNIQUE_LISTS) {
  const bit = 1 << id;
  const stubs = STUB_INDEX[id] as Map<string, number>;
  for (const [w, i] of WORD_INDEX[id] as Map<string, number>) {
    if (w.length < 4) continue;
    const stub = w.slice(0, 4);
    stubs.set(stub, i);
    LATIN_STUB.or(hashAscii(stub), bit);
  }
}
for (const id of [L.japanese, L.korean] as const) {
  for (const w of WORDLISTS[id] ?? []) OTHER_EXACT.set(w, (OTHER_EXACT.get(w) ?? 0) | (1 << id));
}
simplifiedChinese.forEach((w, i) => (HAN_SIMPLIFIED[w.charCodeAt(0)] = i));
traditionalChinese.forEach((w, i) => (HAN_TRADITIONAL[w.charCodeAt(0)] = i));

/**
 * Index of a token in list `id`: the whole word, else (for stub-unique lists, tokens of four letters or more)
 * the word its first four letters name, else -1. `exactOnly` disables the stub rule.
 */
export function wordIndex(id: ListId, token: string, exactOnly = false): number {
  const w = id === L.japanese || id === L.korean ? token.normalize('NFKD') : normalizeWord(token);
  const exact = WORD_INDEX[id]?.get(w);
  if (exact !== undefined) return exact;
  if (exactOnly || w.length < 4) return -1;
  return STUB_INDEX[id]?.get(w.slice(0, 4)) ?? -1;
}
