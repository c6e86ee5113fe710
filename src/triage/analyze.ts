import { normalizeText, isHan } from './normalize.js';
import type { PhraseRule } from './rules.js';

/** One rule that fired, with the text it matched (in normalized form). */
export interface RuleMatch {
  rule: PhraseRule;
  start: number;
  end: number;
}

interface TrieNode {
  // Keyed by UTF-16 code unit: cheaper than one-character strings, which V8 allocates for each CJK character.
  next: Map<number, TrieNode>;
  rule?: PhraseRule;
}

/** Phrase rules compiled into a character trie, so one pass over the text finds every phrase. */
export interface CompiledRules {
  root: TrieNode;
  size: number;
  /** The root's children by UTF-16 code unit (an array: the most frequent lookup of all); undefined starts no phrase. */
  first: Array<TrieNode | undefined>;
}

/** Compiles phrase rules; a phrase listed twice keeps its first rule. */
export function compileRules(rules: readonly PhraseRule[]): CompiledRules {
  const root: TrieNode = { next: new Map() };
  let size = 0;
  for (const rule of rules) {
    const phrase = normalizeText(rule.phrase);
    if (phrase.length === 0) continue;
    let node = root;
    for (let i = 0; i < phrase.length; i++) {
      const ch = phrase.charCodeAt(i);
      let child = node.next.get(ch);
      if (!child) {
        child = { next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    if (!node.rule) {
      node.rule = { ...rule, phrase };
      size++;
    }
  }
  const first = new Array<TrieNode | undefined>(0x10000).fill(undefined);
  for (const [code, node] of root.next) first[code] = node;
  return { root, size, first };
}

// One segmenter for the whole process: creating one costs far more than segmenting a message.
const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' });

/** Word segments of normalized text: the words, their start and end offsets, and which are words (not punctuation). */
export interface Segmentation {
  words: string[];
  starts: number[];
  ends: number[];
  wordLike: boolean[];
}

/** The index of the last word segment that starts at or before offset `pos` (binary search over the starts). */
function segmentAt(seg: Segmentation, pos: number): number {
  let lo = 0;
  let hi = seg.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (seg.starts[mid]! <= pos && (seg.starts[mid]! < pos || seg.wordLike[mid])) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// A run of Chinese characters, or a word of any other letters and digits (Chinese taken out by set subtraction).
const TOKEN = new RegExp(String.raw`[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[[\p{L}\p{N}]--[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]]+(?:['.][[\p{L}\p{N}]--[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]]+)*`, 'gv');

/**
 * Splits text into words. Runs of Chinese characters go through ICU's dictionary-based segmenter, all of them
 * in one call joined by line breaks (a call costs several microseconds, and ICU also charges for every space
 * and punctuation mark it walks over); everything else is split by a regular expression that gives the same
 * words as UAX #29 for alphabetic text. After each Chinese run a non-word segment marks the gap.
 */
export function segment(text: string): Segmentation {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const wordLike: boolean[] = [];
  const push = (w: string, start: number, isWord: boolean): void => {
    words.push(w);
    starts.push(start);
    ends.push(start + w.length);
    wordLike.push(isWord);
  };
  // Latin words go straight in; a Chinese run leaves a placeholder (its start, negated and offset by one).
  const items: Array<string | number> = [];
  const itemStarts: number[] = [];
  let joined = '';
  const runOffsets: number[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (isHan(m[0].charCodeAt(0))) {
      items.push(-(runOffsets.length + 1));
      runOffsets.push(joined.length);
      joined += `${m[0]}\n`;
    } else items.push(m[0]);
    itemStarts.push(m.index);
  }
  if (runOffsets.length === 0) {
    for (let k = 0; k < items.length; k++) push(items[k] as string, itemStarts[k]!, true);
    return { words, starts, ends, wordLike };
  }
  const iter = SEGMENTER.segment(joined)[Symbol.iterator]();
  let next = iter.next();
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    const at = itemStarts[k]!;
    if (typeof item === 'string') {
      push(item, at, true);
      continue;
    }
    const run = -item - 1;
    const base = runOffsets[run]!;
    const end = run + 1 < runOffsets.length ? runOffsets[run + 1]! : joined.length;
    while (!next.done && next.value.index < end) {
      const seg = next.value.segment;
      if (seg !== '\n') push(seg, at + next.value.index - base, true);
      else push('', at + next.value.index - base, false);
      next = iter.next();
    }
  }
  return { words, starts, ends, wordLike };
}

const isAsciiWordChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

// Negations, and words that make the phrase hypothetical (会被偷 "could be stolen", 差点上当 "almost fell for it").
const ZH_NEGATIONS = ['没有', '没', '未', '并未', '不是', '别', '不会', '从没', '从未', '并没有', '还没', '还没有', '会', '差点', '怕', '担心', '防止'];
const EN_NEGATIONS = new Set(['not', 'never', 'didnt', 'dont', 'no', 'wasnt', 'havent', 'hasnt', 'nothing', 'nobody', 'cannot']);

function isNegated(text: string, start: number, ascii: boolean): boolean {
  if (ascii) {
    // The two words before the phrase.
    const before = text.slice(Math.max(0, start - 24), start).split(/[^a-z]+/).filter(Boolean).slice(-2);
    return before.some((w) => EN_NEGATIONS.has(w));
  }
  const before = text.slice(Math.max(0, start - 4), start);
  // "是不是被盗了" and "会不会被盗" ask, they do not deny.
  if (/是不是|会不会|是否/.test(before)) return false;
  return ZH_NEGATIONS.some((n) => before.endsWith(n) || before.slice(0, -1).endsWith(n));
}

/**
 * Finds every rule phrase in normalized text. A phrase written in Chinese never matches strictly inside a
 * longer ICU word (交易 inside 交易所), but may span several (ICU splits 被骗 as 我被|骗了); an English phrase
 * matches whole words only. A phrase inside a longer matched phrase does not count on its own, and a
 * negatable phrase right after a negation ("没有被盗", "never shared my seed") does not count.
 */
export function matchRules(text: string, seg: Segmentation, compiled: CompiledRules): RuleMatch[] {
  const found: RuleMatch[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    // Phrases that start with a letter or digit start a word, so no phrase starts in the middle of one.
    const first = text.charCodeAt(i);
    let node: TrieNode | undefined = compiled.first[first];
    if (!node) continue;
    if (i > 0 && isAsciiWordChar(first) && isAsciiWordChar(text.charCodeAt(i - 1))) continue;
    for (let j = i; j < n; j++) {
      if (j > i) {
        node = node.next.get(text.charCodeAt(j));
        if (!node) break;
      }
      const rule = node.rule;
      if (!rule) continue;
      const end = j + 1;
      const firstAscii = isAsciiWordChar(text.charCodeAt(i));
      const lastAscii = isAsciiWordChar(text.charCodeAt(j));
      if (firstAscii && i > 0 && isAsciiWordChar(text.charCodeAt(i - 1))) continue;
      if (lastAscii && end < n && isAsciiWordChar(text.charCodeAt(end))) continue;
      if (isHan(text.charCodeAt(i)) || isHan(text.charCodeAt(j))) {
        const s = segmentAt(seg, i);
        if (seg.ends[s]! >= end && (seg.starts[s]! < i || seg.ends[s]! > end)) continue;
      }
      found.push({ rule, start: i, end });
    }
  }
  const kept: RuleMatch[] = [];
  const seen = new Set<string>();
  // `found` is ordered by start, then by end: a match lies inside a longer one when an earlier-starting match
  // reaches at least as far, or a match with the same start follows it.
  let maxEndBefore = -1;
  let groupMaxEnd = -1;
  let groupStart = -1;
  for (let k = 0; k < found.length; k++) {
    const m = found[k]!;
    if (m.start !== groupStart) {
      maxEndBefore = Math.max(maxEndBefore, groupMaxEnd);
      groupStart = m.start;
      groupMaxEnd = -1;
    }
    groupMaxEnd = Math.max(groupMaxEnd, m.end);
    const inside = maxEndBefore >= m.end || found[k + 1]?.start === m.start;
    if (inside || seen.has(m.rule.phrase)) continue;
    if (m.rule.negatable && isNegated(text, m.start, isAsciiWordChar(text.charCodeAt(m.start)))) continue;
    seen.add(m.rule.phrase);
    if (m.rule.category) kept.push(m);
  }
  return kept;
}

const HEX64 = /^[0-9a-f]{64}$/;
const ADDRESS_LIKE = /^(?:bc1|tb1)[02-9ac-hj-np-z]{8,87}$|^[13][1-9a-z]{25,34}$/;

// Bigram keys number the characters of U+3400..U+9FFF (NFKC has folded the compatibility ideographs into
// them), so that a key stays below 2^30 and V8 keeps it a small integer: no allocation, cheap hashing.
const HAN_BASE = 0x3400;
const HAN_SPAN = 0xa000 - HAN_BASE;

/** A Chinese character bigram as one small integer, for the model's fast path; -1 outside U+3400..U+9FFF. */
export const bigramKey = (a: number, b: number): number =>
  a >= HAN_BASE && a < 0xa000 && b >= HAN_BASE && b < 0xa000 ? (a - HAN_BASE) * HAN_SPAN + (b - HAN_BASE) : -1;
/** The token text of a bigram key, as stored in model JSON ("~" + the two characters). */
export const bigramToken = (key: number): string => `~${String.fromCharCode(Math.floor(key / HAN_SPAN) + HAN_BASE, (key % HAN_SPAN) + HAN_BASE)}`;
/** The two characters of a bigram key. */
export const bigramText = (key: number): string => bigramToken(key).slice(1);

/** A Chinese word of one or two characters as a small integer (-1 if it is not one); see bigramKey. */
export function hanWordKey(word: string): number {
  if (word.length === 2) return bigramKey(word.charCodeAt(0), word.charCodeAt(1));
  const c = word.charCodeAt(0);
  return word.length === 1 && c >= HAN_BASE && c < 0xa000 ? HAN_SPAN * HAN_SPAN + (c - HAN_BASE) : -1;
}

/** The word of a hanWordKey. */
export const hanWordText = (key: number): string =>
  key >= HAN_SPAN * HAN_SPAN ? String.fromCharCode(key - HAN_SPAN * HAN_SPAN + HAN_BASE) : bigramText(key);

function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * Model features: words, with Chinese words of one or two characters as numbers (hanWordKey), and Chinese
 * character bigrams as numbers (bigramKey). Numbers spare hashing a fresh string for each lookup.
 */
export interface ModelFeatures {
  words: string[];
  hanWords: number[];
  bigrams: number[];
}

/**
 * Model features of segmented normalized text: each word (English lightly stemmed, numbers folded into one
 * token, txids and addresses into placeholders), plus character bigrams inside runs of Chinese, which keep
 * working where ICU's dictionary splits a phrase in an unexpected place.
 */
export function modelTokens(seg: Segmentation): ModelFeatures {
  const tokens: string[] = [];
  const hanWords: number[] = [];
  const bigrams: number[] = [];
  let hanRun = '';
  const flushRun = (): void => {
    for (let k = 0; k + 1 < hanRun.length; k++) {
      const key = bigramKey(hanRun.charCodeAt(k), hanRun.charCodeAt(k + 1));
      if (key >= 0) bigrams.push(key);
    }
    hanRun = '';
  };
  for (let k = 0; k < seg.starts.length; k++) {
    const word = seg.words[k]!;
    if (!seg.wordLike[k]) {
      flushRun();
      continue;
    }
    const c = word.charCodeAt(0);
    if (isHan(c)) {
      const key = word.length <= 2 ? hanWordKey(word) : -1;
      if (key >= 0) hanWords.push(key);
      else tokens.push(word);
      hanRun += word;
      continue;
    }
    flushRun();
    if (word.length >= 26 && (HEX64.test(word) || ADDRESS_LIKE.test(word))) tokens.push(HEX64.test(word) ? 'xtxidx' : 'xaddrx');
    else if (c >= 0x30 && c <= 0x39) tokens.push('#num');
    else tokens.push(stem(word));
  }
  flushRun();
  return { words: tokens, hanWords, bigrams };
}

/** Everything later steps need from a request's text, computed once. */
export interface Analysis {
  text: string;
  normalized: string;
  matches: RuleMatch[];
  features: ModelFeatures;
}

/** All model tokens of an analysis as strings, the form stored in model JSON. */
export function tokenStrings(f: ModelFeatures): string[] {
  return [...f.words, ...f.hanWords.map(hanWordText), ...f.bigrams.map(bigramToken)];
}

/** Normalizes, segments, matches rules and extracts model features for subject + body. */
export function analyze(text: string, compiled: CompiledRules): Analysis {
  const normalized = normalizeText(text);
  const seg = segment(normalized);
  const matches = matchRules(normalized, seg, compiled);
  return { text, normalized, matches, features: modelTokens(seg) };
}
