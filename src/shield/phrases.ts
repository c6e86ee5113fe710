/**
 * Seed phrases in scanned text: BIP39 (ten lists), Electrum new- and old-style seeds, SLIP-39 shares.
 *
 * Signals, strongest first:
 * - a run of 12 or more consecutive words of one list, joined only by separators or list numbering.
 *   Ordinary prose never gets there, because its short words ("the", "to", "my", "is", "的" aside) are in no
 *   list and sentence punctuation breaks runs. Checksums only decide the kind and trim a run to the phrase.
 * - Chinese needs more, since every character is a "word" and prose is mostly the 2048 commonest
 *   characters: one character per separator is a phrase; characters written together must come in a
 *   phrase-long group (or sit at the edge of a longer one) and read like random characters, not prose
 *   (zh-model.ts), with a stricter bar when the checksum fails.
 */
import type { SecretKind } from './types.js';
import { L, WORDLISTS, wordIndex, HAN_SIMPLIFIED, HAN_TRADITIONAL, type ListId } from './lexicon.js';
import { GAP_BREAK, GAP_FOREIGN, GAP_NONE, GAP_SEP, T_HAN, type ScanResult } from './scan.js';
import { bip39ChecksumValid, isElectrumNewSeed, slip39ChecksumValid } from './checksums.js';
import { prefixScores, proseScore, windowScore } from './zh-model.js';

/** A possible secret with how sure we are; overlapping candidates merge and the surest kind wins. */
export interface Candidate {
  kind: SecretKind;
  start: number;
  end: number;
  confidence: number;
}

/** Confidence levels: a checksum-valid phrase beats a bare run of list words. */
export const CONF = {
  slip39Checksum: 100,
  bip39Checksum: 90,
  electrumVersion: 85,
  slip39Length: 60,
  electrumOld: 55,
  bip39Run: 50,
  slip39Run: 30,
} as const;

const MIN_WORDS = 12;
const BIP39_LENGTHS = [24, 21, 18, 15, 12];

/**
 * Prose-score thresholds for Chinese characters written together: a group is a phrase when its score is
 * below the bar. Measured over 200 000 random phrases per length (scores above 0.66 never occur) and over
 * Chinese prose (support messages ≥ 1.2; technical manuals ≥ 0.78 for whole groups); see docs/shield.md.
 */
const ZH_WHOLE_VALID = 0.65;
const ZH_WHOLE_INVALID: Readonly<Record<number, number>> = { 12: 0.5, 15: 0.5, 18: 0.4, 21: 0.3, 24: 0.3 };
const ZH_EDGE_VALID = 0.45;
const ZH_EDGE_INVALID = 0.0;
/** One character per separator: only prose typed with spaces between characters scores above this. */
const ZH_SPACED = 1.0;

/** Finds phrase candidates in a scanned text. */
export function findPhrases(text: string, r: ScanResult): Candidate[] {
  const out: Candidate[] = [];
  if (r.count < MIN_WORDS - 1) return out; // a phrase with one foreign word has eleven list tokens
  // A run of one list needs a run of words of any list around it: find those first (one cheap pass;
  // prose never gets to twelve), and only there look at each list in turn.
  const lists = r.seen & ~HAN_BITS;
  if (lists !== 0) {
    let start = -1;
    let foreign = 0; // foreign words inside the run, each a word of the phrase it may be
    for (let i = 0; i <= r.count; i++) {
      const m = i < r.count ? ((r.exact[i] as number) | (r.stub[i] as number)) & lists : 0;
      const gap = i < r.count ? r.gap[i] : GAP_BREAK;
      if (m === 0 || start < 0 || (gap !== GAP_SEP && gap !== GAP_FOREIGN)) {
        if (start >= 0 && i - start + foreign >= MIN_WORDS) {
          for (let id = 0 as ListId; id < WORDLISTS.length; id = (id + 1) as ListId) {
            if (((lists >> id) & 1) !== 0) wordRuns(text, r, id, start, i, out);
          }
        }
        start = m !== 0 ? i : -1;
        foreign = 0;
      } else if (gap === GAP_FOREIGN) foreign++;
    }
  }
  if ((r.seen & HAN_BITS) !== 0) hanRuns(text, r, out);
  return out;
}

const HAN_BITS = (1 << L.simplifiedChinese) | (1 << L.traditionalChinese);

/** The one flaw a run of list words may hold. */
const FLAW_NONE = 0;
const FLAW_TYPO = 1; // a token that is a list word only by its first four letters (isTypo)
const FLAW_TOKEN = 2; // a token of some other list
const FLAW_GAP = 3; // a word of no list before the token (scan's GAP_FOREIGN)

/**
 * Runs of one list among tokens [from, to). A run may hold one flaw: a word known only by its first four
 * letters (a typo after the fourth letter), or, when the run is exactly phrase-long, any one foreign word
 * inside it ("… able xyzzy about …", restore says "invalid mnemonic"). A second flaw ends the run; the next
 * one starts after the first. Tokens of exactly four letters that are stubs are the "first four letters"
 * backup format and count as words.
 */
function wordRuns(text: string, r: ScanResult, id: ListId, from: number, to: number, out: Candidate[]): void {
  const bit = 1 << id;
  // Run state in module variables, not closures: this runs per list per run, and closures cost here.
  wr.start = -1;
  wr.last = -1; // the run's last member token
  wr.flaw = FLAW_NONE;
  wr.flawAt = -1; // the flawed token, or the token after a flawed gap
  for (let i = from; i < to; i++) {
    const member = (((r.exact[i] as number) | (r.stub[i] as number)) & bit) !== 0;
    const gap = r.gap[i];
    if (wr.start >= 0 && gap !== GAP_SEP && gap !== GAP_FOREIGN) {
      closeCurrent(text, r, id, out);
      wr.start = -1;
    }
    if (wr.start < 0) {
      if (member) {
        wr.start = i;
        wr.last = i;
        wr.flaw = isTypo(r, bit, i) ? FLAW_TYPO : FLAW_NONE;
        wr.flawAt = i;
      }
      continue;
    }
    if (gap === GAP_FOREIGN) addFlaw(text, r, id, out, FLAW_GAP, i);
    if (!member) addFlaw(text, r, id, out, FLAW_TOKEN, i);
    else {
      if (isTypo(r, bit, i)) addFlaw(text, r, id, out, FLAW_TYPO, i);
      wr.last = i;
    }
  }
  closeCurrent(text, r, id, out);
}

const wr = { start: -1, last: -1, flaw: FLAW_NONE, flawAt: -1 };

function closeCurrent(text: string, r: ScanResult, id: ListId, out: Candidate[]): void {
  if (wr.start >= 0 && wr.last >= wr.start) closeRun(text, r, id, wr.start, wr.last + 1, wr.flaw, wr.flawAt, out);
}

/** A flaw in the current run; a second one closes the run before it and starts again after the first. */
function addFlaw(text: string, r: ScanResult, id: ListId, out: Candidate[], kind: number, at: number): void {
  if (wr.flaw !== FLAW_NONE) {
    closeCurrent(text, r, id, out);
    wr.start = wr.flaw === FLAW_GAP ? wr.flawAt : wr.flawAt + 1;
  }
  wr.flaw = kind;
  wr.flawAt = at;
  // A flaw at the start of a run is no part of it.
  if (kind === FLAW_GAP && at === wr.start) wr.flaw = FLAW_NONE;
  else if (kind === FLAW_TOKEN && at === wr.start) {
    wr.start = -1;
    wr.flaw = FLAW_NONE;
  }
}

/** Phrase lengths a run with one foreign word must have: anything else is more likely prose. */
const FOREIGN_LENGTHS: Readonly<Partial<Record<ListId, readonly number[]>>> = {
  [L.slip39]: [20, 33],
  [L.electrumOld]: [12, 24],
};

/** Member tokens [from, to) with at most one flaw: a phrase, or the runs on either side of a foreign word. */
function closeRun(
  text: string,
  r: ScanResult,
  id: ListId,
  from: number,
  to: number,
  flaw: number,
  flawAt: number,
  out: Candidate[],
): void {
  const foreign = (flaw === FLAW_TOKEN && flawAt < to - 1) || (flaw === FLAW_GAP && flawAt < to);
  if (!foreign) return closeWordRun(text, r, id, from, to, out);
  const words = to - from + (flaw === FLAW_GAP ? 1 : 0);
  if (phraseLong(FOREIGN_LENGTHS[id] ?? BIP39_LENGTHS, words, flawAt - from) && allWords(text, r, id, from, to, flaw === FLAW_TOKEN ? flawAt : -1)) {
    const kind = id === L.slip39 ? 'slip39' : id === L.electrumOld ? 'electrum_seed' : 'mnemonic';
    return add(out, kind, r, from, to, kind === 'mnemonic' ? CONF.bip39Run : CONF.slip39Run);
  }
  closeWordRun(text, r, id, from, flawAt, out);
  closeWordRun(text, r, id, flaw === FLAW_GAP ? flawAt : flawAt + 1, to, out);
}

/**
 * A run of `words` with a foreign word at position `at` holds a phrase of one of `lengths` with the foreign
 * word inside it: the run is phrase-long, or has up to two list words of prose on one side of the phrase
 * ("… clock nurse — what is wrong?"). The whole run goes, as with any phrase (list words next to it too).
 */
function phraseLong(lengths: readonly number[], words: number, at: number): boolean {
  for (const len of lengths) {
    if (words === len) return true;
    if (words > len && words <= len + FOREIGN_EXTRA && (at < len - 1 || at > words - len)) return true;
  }
  return false;
}
const FOREIGN_EXTRA = 2;

/** Every token of [from, to) but `skip` is a word of the list (the scan's hash lets a rare non-word in). */
function allWords(text: string, r: ScanResult, id: ListId, from: number, to: number, skip: number): boolean {
  for (let i = from; i < to; i++) {
    if (i !== skip && ((r.exact[i] as number) & (1 << id)) !== 0 && wordIndex(id, text.slice(r.start[i], r.end[i]), id === L.electrumOld) === -1) return false;
  }
  return true;
}

/** A token that is a list word only by its first four letters, and is not itself four letters long. */
function isTypo(r: ScanResult, bit: number, i: number): boolean {
  return ((r.exact[i] as number) & bit) === 0 && (r.end[i] as number) - (r.start[i] as number) !== 4;
}

/** A typo at the edge of a run is more likely the next word of prose ("… thank thanks"): drop it there. */
function closeWordRun(text: string, r: ScanResult, id: ListId, from: number, to: number, out: Candidate[]): void {
  const bit = 1 << id;
  if (to - from > MIN_WORDS && isTypo(r, bit, from)) from++;
  if (to - from > MIN_WORDS && isTypo(r, bit, to - 1)) to--;
  if (to - from >= MIN_WORDS) wordRun(text, r, id, from, to, out);
}

function add(out: Candidate[], kind: SecretKind, r: ScanResult, from: number, to: number, confidence: number): void {
  out.push({ kind, start: r.start[from] as number, end: r.end[to - 1] as number, confidence });
}

/** Tokens [from, to) are twelve or more words of list `id`: decide which phrase they are. */
function wordRun(text: string, r: ScanResult, id: ListId, from: number, to: number, out: Candidate[]): void {
  const n = to - from;
  const ids = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const i = from + k;
    ids[k] = wordIndex(id, text.slice(r.start[i], r.end[i]), id === L.electrumOld);
    if (ids[k] === -1) {
      // A hash collision let a non-word in: split there and look at both sides again.
      if (k >= MIN_WORDS) wordRun(text, r, id, from, i, out);
      if (to - i - 1 >= MIN_WORDS) wordRun(text, r, id, i + 1, to, out);
      return;
    }
  }
  // The finding always spans the whole run: every word in it is a list word, and a window that passes a
  // checksum only says which kind of phrase the run is (a 12-word window of a 15-word run passes 1 in 16).
  if (id === L.slip39) {
    const conf = n === 20 || n === 33 ? CONF.slip39Length : CONF.slip39Run;
    return add(out, 'slip39', r, from, to, anyWindow(n, [33, 20], (a, b) => slip39ChecksumValid(ids, a, b)) ? CONF.slip39Checksum : conf);
  }
  if (id === L.electrumOld) return add(out, 'electrum_seed', r, from, to, CONF.electrumOld);
  if (anyWindow(n, BIP39_LENGTHS, (a, b) => bip39ChecksumValid(ids, a, b))) return add(out, 'mnemonic', r, from, to, CONF.bip39Checksum);
  if (id === L.english) {
    const english = WORDLISTS[L.english] as readonly string[];
    const electrum = anyWindow(n, [24, 13, 12], (a, b) => isElectrumNewSeed(ids.slice(a, b).map((x) => english[x] as string)));
    if (electrum) return add(out, 'electrum_seed', r, from, to, CONF.electrumVersion);
  }
  add(out, 'mnemonic', r, from, to, CONF.bip39Run);
}

/**
 * True when a window of one of `lengths` words at the start or the end of a run of n passes `test`: a phrase
 * fills its run, or has a few list words of prose on one side ("… please help"). Only the edges are tried,
 * which keeps the hashing of a 24-word run to a handful of checks.
 */
function anyWindow(n: number, lengths: readonly number[], test: (a: number, b: number) => boolean): boolean {
  for (const len of lengths) {
    if (len > n) continue;
    if (test(0, len) || (len < n && test(n - len, n))) return true;
  }
  return false;
}

/**
 * Runs of Chinese characters joined by nothing or by separators. The two Chinese lists give a character
 * in both the same index, so a run of characters all in one list is read once with one index table.
 */
function hanRuns(text: string, r: ScanResult, out: Candidate[]): void {
  let runStart = -1;
  let all = 0;
  for (let i = 0; i <= r.count; i++) {
    const han = i < r.count && r.type[i] === T_HAN;
    if (!han || runStart < 0 || r.gap[i] === GAP_BREAK || r.gap[i] === GAP_FOREIGN) {
      if (runStart >= 0 && i - runStart >= MIN_WORDS) {
        if (all !== 0) hanRun(text, r, runStart, i, out);
        else {
          // Simplified-only and traditional-only characters mixed: each list on its own.
          hanRunsOf(text, r, L.simplifiedChinese, runStart, i, out);
          hanRunsOf(text, r, L.traditionalChinese, runStart, i, out);
        }
      }
      runStart = han ? i : -1;
      all = HAN_BITS;
    }
    if (han) all &= r.exact[i] as number;
  }
}

function hanRunsOf(text: string, r: ScanResult, id: ListId, from: number, to: number, out: Candidate[]): void {
  const bit = 1 << id;
  let runStart = -1;
  for (let i = from; i <= to; i++) {
    const member = i < to && ((r.exact[i] as number) & bit) !== 0;
    if (!member || runStart < 0) {
      if (runStart >= 0 && i - runStart >= MIN_WORDS) hanRun(text, r, runStart, i, out);
      runStart = member ? i : -1;
    }
  }
}

let hanIds = new Int16Array(64);
let groupStart = new Int32Array(16);
let groupWs = new Uint8Array(16);

/**
 * Tokens [from, to) are twelve or more characters of one Chinese list, each joined to the next by nothing
 * or a separator. Characters written together form groups; a phrase is a stretch of one-character groups
 * ("的 一 是 …", "1. 的 2. 一 …"), a few groups split only by white space ("的一是在 不了有和 人这中大",
 * or 12 + 12 on two lines), or lies in one group (no separators at all).
 */
function hanRun(text: string, r: ScanResult, from: number, to: number, out: Candidate[]): void {
  const n = to - from;
  if (hanIds.length < n) hanIds = new Int16Array(n * 2);
  if (groupStart.length <= n) {
    groupStart = new Int32Array(n * 2 + 1);
    groupWs = new Uint8Array(n * 2 + 1);
  }
  const ids = hanIds;
  let groups = 0;
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(r.start[from + k] as number);
    const s = HAN_SIMPLIFIED[c] as number;
    ids[k] = s >= 0 ? s : (HAN_TRADITIONAL[c] as number);
    if (k === 0 || r.gap[from + k] !== GAP_NONE) {
      groupStart[groups] = k;
      groupWs[groups] = k > 0 && whitespaceBetween(text, r.end[from + k - 1] as number, r.start[from + k] as number) ? 1 : 0;
      groups++;
    }
  }
  groupStart[groups] = n;

  // Stretches of one-character groups.
  let g = 0;
  while (g < groups) {
    let h = g;
    while (h < groups && (groupStart[h + 1] as number) - (groupStart[h] as number) === 1) h++;
    if (h - g >= MIN_WORDS) {
      const a = groupStart[g] as number;
      const b = groupStart[h] as number;
      if (proseScore(ids, a, b) < ZH_SPACED) {
        const valid = BIP39_LENGTHS.includes(b - a) && bip39ChecksumValid(ids, a, b);
        add(out, 'mnemonic', r, from + a, from + b, valid ? CONF.bip39Checksum : CONF.bip39Run);
      } else {
        // A repeated-character phrase, maybe with a character of the prose around it in the stretch.
        for (const w of BIP39_LENGTHS) {
          if (w > b - a) continue;
          for (const x of w === b - a ? [a] : [a, b - w]) {
            if (repeated(ids, x, x + w) && bip39ChecksumValid(ids, x, x + w)) add(out, 'mnemonic', r, from + x, from + x + w, CONF.bip39Checksum);
          }
        }
      }
    }
    if (h - g >= MIN_WORDS - 2) gluedStretch(r, ids, from, g, h, groups, out);
    g = Math.max(h, g + 1);
  }
  // Phrase-long sequences of two or more blocks split only by white space. Blocks hold two or more
  // characters, except the last ("的一是在 不了有和 … 人"): single characters are the spaced case above.
  for (let i = 0; i < groups; i++) {
    if ((groupStart[i + 1] as number) - (groupStart[i] as number) < 2) continue;
    for (let j = i + 1; j < groups && groupWs[j] === 1; j++) {
      const len = (groupStart[j + 1] as number) - (groupStart[i] as number);
      if (len > 24) break;
      if (len === 12 || len === 15 || len === 18 || len === 21 || len === 24) {
        judgeWhole(r, ids, from, groupStart[i] as number, groupStart[j + 1] as number, out);
      }
      if ((groupStart[j + 1] as number) - (groupStart[j] as number) < 2) break;
    }
  }
  // Groups long enough to hold a phrase on their own.
  for (let k = 0; k < groups; k++) {
    const a = groupStart[k] as number;
    const b = groupStart[k + 1] as number;
    if (b - a >= MIN_WORDS) judgeGroup(r, ids, from, a, b, out);
  }
}

/**
 * Characters written apart (ten or more) whose first or last character is written together with the prose
 * around them ("助记词是的 一 … 在请帮我"): the stretch of groups [g, h) with the last character of the group
 * before it and/or the first of the group after it. Taken when that makes a phrase length and it reads
 * like a phrase: as characters written apart with a valid checksum, or as a whole group without one.
 */
function gluedStretch(r: ScanResult, ids: Int16Array, from: number, g: number, h: number, groups: number, out: Candidate[]): void {
  const a = groupStart[g] as number;
  const b = groupStart[h] as number;
  const left = g > 0 ? 1 : 0;
  const right = h < groups ? 1 : 0;
  for (let l = 0; l <= left; l++) {
    for (let q = 0; q <= right; q++) {
      const len = b - a + l + q;
      if ((l | q) === 0 || !BIP39_LENGTHS.includes(len)) continue;
      const x = a - l;
      const y = b + q;
      const score = proseScore(ids, x, y);
      const valid = bip39ChecksumValid(ids, x, y);
      if ((valid && (score < ZH_SPACED || repeated(ids, x, y))) || score < (ZH_WHOLE_INVALID[len] ?? 0)) {
        add(out, 'mnemonic', r, from + x, from + y, valid ? CONF.bip39Checksum : CONF.bip39Run);
      }
    }
  }
}

let prefix = new Float64Array(64);

/**
 * A group of 12 or more characters written together: a phrase if exactly phrase-long, or a phrase glued to
 * prose on one side ("助记词是的一是在…") at one of its edges. Every edge window that passes is kept, so a
 * 15-character phrase whose first 12 happen to pass a checksum is still removed whole; the price is that
 * a few characters of the prose it is glued to may go with it.
 */
function judgeGroup(r: ScanResult, ids: Int16Array, from: number, a: number, b: number, out: Candidate[]): void {
  const len = b - a;
  if (prefix.length <= len) prefix = new Float64Array(len * 2);
  prefixScores(ids, a, b, prefix);
  if (len === 12 || len === 15 || len === 18 || len === 21 || len === 24) {
    const score = windowScore(ids, prefix, a, a, b);
    if (score < ZH_WHOLE_VALID) {
      const valid = bip39ChecksumValid(ids, a, b);
      if (score < (valid ? ZH_WHOLE_VALID : (ZH_WHOLE_INVALID[len] ?? 0))) {
        add(out, 'mnemonic', r, from + a, from + b, valid ? CONF.bip39Checksum : CONF.bip39Run);
        return;
      }
    }
  }
  for (const w of BIP39_LENGTHS) {
    if (w >= len) continue;
    for (let side = 0; side < 2; side++) {
      const x = side === 0 ? a : b - w;
      const score = windowScore(ids, prefix, a, x, x + w);
      if (score >= ZH_EDGE_VALID) continue;
      const valid = bip39ChecksumValid(ids, x, x + w);
      if (score < (valid ? ZH_EDGE_VALID : ZH_EDGE_INVALID)) {
        add(out, 'mnemonic', r, from + x, from + x + w, valid ? CONF.bip39Checksum : CONF.bip39Run);
      }
    }
  }
}

/** Groups split by white space, read together as one phrase. */
function judgeWhole(r: ScanResult, ids: Int16Array, from: number, a: number, b: number, out: Candidate[]): void {
  const score = proseScore(ids, a, b);
  if (score >= ZH_WHOLE_VALID) {
    // No checksum could make it a phrase, unless it is one character repeated (see repeated()).
    if (repeated(ids, a, b) && bip39ChecksumValid(ids, a, b)) add(out, 'mnemonic', r, from + a, from + b, CONF.bip39Checksum);
    return;
  }
  const valid = bip39ChecksumValid(ids, a, b);
  if (score < (valid ? ZH_WHOLE_VALID : (ZH_WHOLE_INVALID[b - a] ?? 0))) {
    add(out, 'mnemonic', r, from + a, from + b, valid ? CONF.bip39Checksum : CONF.bip39Run);
  }
}

/**
 * ids[a..b) is one character repeated with at most two others, and not all one character: the phrase of
 * patterned entropy (all zero or all one bits give "的 的 … 的 在" and "歇 歇 … 歇 逻", the official test
 * vectors). The prose model reads those as prose (的 is the commonest character, 歇歇 a word), so they are
 * judged by their checksum alone. Only for characters written apart (one per separator, or blocks split by
 * white space); a run of one character written together ("哈哈哈…") is laughter and never taken.
 */
function repeated(ids: Int16Array, a: number, b: number): boolean {
  const first = ids[a] as number;
  let second = -1;
  let third = -1;
  let same = 0;
  for (let k = a; k < b; k++) {
    const x = ids[k] as number;
    if (x === first) same++;
    else if (second < 0 || x === second) second = x;
    else if (third < 0 || x === third) third = x;
    else return false;
  }
  return second >= 0 && same * 2 > b - a;
}

function whitespaceBetween(text: string, start: number, end: number): boolean {
  for (let p = start; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x3000 && c !== 0xa0) return false;
  }
  return true;
}
