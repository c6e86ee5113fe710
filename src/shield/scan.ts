/**
 * One pass over a text: finds the tokens that are words of some seed wordlist, how each is joined to the one
 * before it, and the ASCII alphanumeric runs shaped like a key. Everything else in the text is only looked at.
 */
import {
  FOLD,
  H1_SEED,
  HAN_SIMPLIFIED,
  HAN_TRADITIONAL,
  L,
  LATIN_EXACT,
  LATIN_STUB,
  OTHER_EXACT,
  PROSE_WORDS,
  SHORT_TYPOS,
} from './lexicon.js';

/** How a word token is joined to the previous word token. */
export const GAP_NONE = 0; // directly adjacent (only Han characters can be)
export const GAP_SEP = 1; // only separators and list numbering in between
export const GAP_BREAK = 2; // anything else: other words, sentence punctuation, the start of the text
/**
 * Exactly one word of no list in between, with separators on both sides of it ("… able xyzzy about …"):
 * a mistyped word of a phrase, or one word of prose. Phrases decide which (phrases.ts).
 */
export const GAP_FOREIGN = 3;
/** Scan state only, never stored: a foreign word was just seen and no separator has followed it yet. */
const GAP_FOREIGN_OPEN = 4;

export const T_LATIN = 1;
export const T_KANA = 2;
export const T_HANGUL = 3;
export const T_HAN = 4;

/** An ASCII alphanumeric run whose length is that of a WIF (51, 52), an extended key (111) or hex key (64, 66). */
export interface KeyCandidate {
  start: number;
  end: number;
}

/** Word tokens that belong to at least one list, in text order, as parallel arrays of length `count`. */
export interface ScanResult {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** Lists the token is a whole word of. */
  exact: Int32Array;
  /** Lists the token names only by its first four letters (a stub, or a typo after the fourth letter). */
  stub: Int32Array;
  gap: Uint8Array;
  type: Uint8Array;
  /** OR of all masks: which lists are worth looking at. */
  seen: number;
  keys: KeyCandidate[];
}


function isWideSeparator(c: number): boolean {
  return (
    c === 0xa0 || // no-break space
    c === 0x3000 || // ideographic space
    c === 0x3001 || // 、
    c === 0xff0c || // ，
    c === 0xff1b || // ；
    c === 0xb7 || // ·
    c === 0x2022 || // •
    c === 0x30fb || // ・
    (c >= 0x2000 && c <= 0x200d) || // spaces, zero-width spaces
    (c >= 0x2010 && c <= 0x2015) || // dashes
    (c >= 0x2018 && c <= 0x201f) || // curly quotes
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0xfeff ||
    c === 0x300c || // 「 」
    c === 0x300d
  );
}

function isWideNumPunctAfter(c: number): boolean {
  return c === 0xff0e || c === 0xff09 || c === 0xff1a || c === 0x3002; // ． ） ： 。
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** A character that starts a word of some list: Latin letter, kana, Hangul or Han. */
const startsWord = (c: number): boolean =>
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0xc0 && c < 0x250 && FOLD[c] !== 0) ||
  isKana(c) ||
  isHangul(c) ||
  (c >= 0x3400 && c <= 0x9fff);
const isAsciiAlnum = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isKana = (c: number): boolean => c >= 0x3041 && c <= 0x30ff && c !== 0x30fb;
const isHangul = (c: number): boolean =>
  (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f);

/**
 * The gap after a word of no list: a foreign word between two list words joined by separators may be one
 * mistyped word of a phrase; a second one, or one not preceded by a separator, breaks.
 */
const foreignWord = (gap: number): number => (gap === GAP_SEP ? GAP_FOREIGN_OPEN : GAP_BREAK);

/** "and" before the last word ("…, kiwi and zebra") joins like a comma; it is in no list. */
const AND_HASH = [...'and'].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193), H1_SEED);
let cap = 0;
let sStart: Int32Array = new Int32Array(0);
let sEnd: Int32Array = new Int32Array(0);
let sExact: Int32Array = new Int32Array(0);
let sStub: Int32Array = new Int32Array(0);
let sGap: Uint8Array = new Uint8Array(0);
let sType: Uint8Array = new Uint8Array(0);

function grow(): void {
  const n = Math.max(cap * 2, 1024);
  const i32 = (old: Int32Array): Int32Array => {
    const a = new Int32Array(n);
    a.set(old);
    return a;
  };
  const u8 = (old: Uint8Array): Uint8Array => {
    const a = new Uint8Array(n);
    a.set(old);
    return a;
  };
  sStart = i32(sStart);
  sEnd = i32(sEnd);
  sExact = i32(sExact);
  sStub = i32(sStub);
  sGap = u8(sGap);
  sType = u8(sType);
  cap = n;
}

/** Lets go of scratch space grown by a very large text, so that one big attachment does not pin memory. */
export function releaseLargeScratch(): void {
  if (cap <= 1 << 16) return;
  cap = 0;
  sStart = new Int32Array(0);
  sEnd = new Int32Array(0);
  sExact = new Int32Array(0);
  sStub = new Int32Array(0);
  sGap = new Uint8Array(0);
  sType = new Uint8Array(0);
}

// Character classes for code units below 0x80.
const A_OTHER = 0;
const A_SEP = 1;
const A_AFTER_NUMBER = 2; // . ) : ] allowed right after a list number ("1.", "1)")
const A_BEFORE_NUMBER = 3; // ( # [ allowed right before a list number
const A_WORD = 4; // letters and digits
const ASCII = new Uint8Array(128);
for (const ch of ' \t\n\r\v\f,-|/*;"\'') ASCII[ch.charCodeAt(0)] = A_SEP;
for (const ch of '.):]') ASCII[ch.charCodeAt(0)] = A_AFTER_NUMBER;
for (const ch of '(#[') ASCII[ch.charCodeAt(0)] = A_BEFORE_NUMBER;
for (let c = 0x30; c <= 0x7a; c++) if (isAsciiAlnum(c)) ASCII[c] = A_WORD;

/**
 * Scans `text` once. The arrays of the result are shared scratch space, valid until the next call
 * (findSecrets is synchronous, so nothing can interleave).
 */
export function scan(text: string): ScanResult {
  const n = text.length;
  const keys: KeyCandidate[] = [];
  let count = 0;
  let seen = 0;
  // How the next list token is joined to the previous one, and whether a list number was just seen.
  let gap = GAP_BREAK;
  let afterNumber = false;
  let numbered = false; // list numbering ("3.", "(3)") stands between the last token and here
  // Token fields, written once per token below (inlined: this loop is the shield's hot path).
  let tStart = 0;
  let tEnd = 0;
  let tExact = 0;
  let tStub = 0;
  let tType = 0;

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let cls: number;
    if (c < 0x80) {
      cls = ASCII[c] as number;
      if (cls !== A_WORD) {
        if (cls === A_SEP) {
          if (gap === GAP_NONE) gap = GAP_SEP;
          else if (gap === GAP_FOREIGN_OPEN) gap = GAP_FOREIGN;
        } else if (cls === A_AFTER_NUMBER && afterNumber) {
          if (gap === GAP_NONE) gap = GAP_SEP;
          afterNumber = false;
        } else if (cls === A_BEFORE_NUMBER && i + 1 < n && isDigit(text.charCodeAt(i + 1))) {
          if (gap === GAP_NONE) gap = GAP_SEP;
        } else if (
          c === 0x2e &&
          (gap === GAP_NONE || gap === GAP_FOREIGN_OPEN) &&
          i + 1 < n &&
          startsWord(text.charCodeAt(i + 1))
        ) {
          // "abandon.ability.able": a dot between two words with no space is a separator, not a full stop.
          gap = gap === GAP_NONE ? GAP_SEP : GAP_FOREIGN;
        } else {
          gap = GAP_BREAK;
          afterNumber = false;
        }
        i++;
        continue;
      }
    } else if (c < 0x250 && FOLD[c] !== 0) {
      cls = A_WORD;
    } else cls = A_OTHER;

    if (cls === A_WORD) {
      // A Latin alphanumeric run: a word, a list number, or something else (a key, an id, "2nd").
      const start = i;
      let h1 = H1_SEED;
      let s1 = 0;
      let letters = 0;
      let digits = 0;
      let foreign = false; // a letter in no list (ß, ø)
      let ascii = true;
      while (i < n) {
        let d = text.charCodeAt(i);
        if (d < 0x80) {
          if (d >= 0x61 && d <= 0x7a) {
            // lower-case letter
          } else if (d >= 0x41 && d <= 0x5a) d |= 0x20;
          else if (d >= 0x30 && d <= 0x39) {
            digits++;
            i++;
            continue;
          } else break;
        } else if (d < 0x250 && FOLD[d] !== 0) {
          d = FOLD[d] as number;
          ascii = false;
          if (d === 1) foreign = true;
        } else if (d >= 0x300 && d <= 0x36f) {
          ascii = false; // a combining accent typed separately: part of the word
          i++;
          continue;
        } else break;
        h1 = Math.imul(h1 ^ d, 0x01000193); // h1Step, inlined
        letters++;
        if (letters === 4) s1 = h1;
        i++;
      }
      const len = i - start;
      if (ascii && len >= 51 && (len <= 52 || len === 64 || len === 66 || len === 111)) keys.push({ start, end: i });
      if (digits === 0 && !foreign) {
        // No list word is shorter than 3 or longer than 12 letters: "I", "to", "my" are never looked up.
        tExact = letters >= 3 && letters <= 12 ? LATIN_EXACT.get(h1) : 0;
        tStub = letters >= 4 && letters <= 14 ? LATIN_STUB.get(s1) & ~tExact : 0;
        if (tExact === 0 && tStub === 0) {
          if (letters === 3 && h1 === AND_HASH) {
            if (gap === GAP_NONE) gap = GAP_SEP;
          } else {
            // A prose word after list numbering ("3. des") is an entry of the list: it may be the mistyped word.
            // A prose word of the previous word's language (its lists, else the lists it is a stub of) is prose; of
            // another language, a typo ("seco are campo" in a Spanish phrase).
            const prose = gap === GAP_SEP && !numbered && count > 0 && ((PROSE_WORDS.get(h1) ?? 0) & ((sExact[count - 1] as number) || (sStub[count - 1] as number))) !== 0;
            const typoWord = letters >= 3 ? !prose : letters === 2 && SHORT_TYPOS.has(h1);
            gap = typoWord ? foreignWord(gap) : GAP_BREAK;
            afterNumber = false;
          }
          continue;
        }
        tStart = start;
        tEnd = i;
        tType = T_LATIN;
      } else {
        if (letters === 0 && digits <= 3) {
          // "1.", "01", "(12)": list numbering counts as a separator.
          if (gap === GAP_NONE) gap = GAP_SEP;
          afterNumber = true;
          numbered = true;
        } else {
          // "ab4ndon": a mistyped word too, if it is word-sized.
          gap = letters > 0 && len <= 14 ? foreignWord(gap) : GAP_BREAK;
          afterNumber = false;
        }
        continue;
      }
    } else if (c >= 0x3400 && c <= 0x9fff && (c >= 0x4e00 || c <= 0x4dbf)) {
      const si = HAN_SIMPLIFIED[c] as number;
      const ti = HAN_TRADITIONAL[c] as number;
      i++;
      if ((si & ti) < 0) {
        // A Han character in neither list.
        gap = GAP_BREAK;
        afterNumber = false;
        continue;
      }
      tExact = (si >= 0 ? 1 << L.simplifiedChinese : 0) | (ti >= 0 ? 1 << L.traditionalChinese : 0);
      tStub = 0;
      tStart = i - 1;
      tEnd = i;
      tType = T_HAN;
    } else if (isKana(c) || isHangul(c)) {
      const start = i;
      const kana = isKana(c);
      while (i < n) {
        const d = text.charCodeAt(i);
        if (kana ? isKana(d) : isHangul(d)) i++;
        else break;
      }
      const bit = 1 << (kana ? L.japanese : L.korean);
      if (((OTHER_EXACT.get(text.slice(start, i).normalize('NFKD')) ?? 0) & bit) === 0) {
        gap = i - start <= 12 ? foreignWord(gap) : GAP_BREAK;
        afterNumber = false;
        continue;
      }
      tExact = bit;
      tStub = 0;
      tStart = start;
      tEnd = i;
      tType = kana ? T_KANA : T_HANGUL;
    } else {
      if (isWideSeparator(c)) {
        if (gap === GAP_NONE) gap = GAP_SEP;
        else if (gap === GAP_FOREIGN_OPEN) gap = GAP_FOREIGN;
      } else if (isWideNumPunctAfter(c) && afterNumber) {
        if (gap === GAP_NONE) gap = GAP_SEP;
        afterNumber = false;
      } else if (c >= 0xff10 && c <= 0xff19) {
        if (gap === GAP_NONE) gap = GAP_SEP; // full-width list number
        afterNumber = true;
      } else if (c === 0xff08 && i + 1 < n && (isDigit(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) >= 0xff10)) {
        if (gap === GAP_NONE) gap = GAP_SEP;
      } else {
        gap = GAP_BREAK;
        afterNumber = false;
      }
      i++;
      continue;
    }
    // A list token: record it.
    if (gap === GAP_FOREIGN_OPEN) gap = GAP_BREAK; // a foreign word glued to it ("xyzzy的")
    if (count === cap) grow();
    sStart[count] = tStart;
    sEnd[count] = tEnd;
    sExact[count] = tExact;
    sStub[count] = tStub;
    sGap[count] = gap;
    sType[count] = tType;
    count++;
    seen |= tExact | tStub;
    gap = GAP_NONE;
    afterNumber = false;
    numbered = false;
  }
  return { count, start: sStart, end: sEnd, exact: sExact, stub: sStub, gap: sGap, type: sType, seen, keys };
}
