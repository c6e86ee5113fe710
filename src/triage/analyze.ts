import { normalizeText, isHan } from './normalize.js';
import type { PhraseRule } from './rules.js';

/** One rule that fired, with the text it matched (in normalized form). */
export interface RuleMatch {
  rule: PhraseRule;
  start: number;
  end: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  rule?: PhraseRule;
}

/** Phrase rules compiled into a character trie, so one pass over the text finds every phrase. */
export interface CompiledRules {
  root: TrieNode;
  size: number;
}

/** Compiles phrase rules; a phrase listed twice keeps its first rule. */
export function compileRules(rules: readonly PhraseRule[]): CompiledRules {
  const root: TrieNode = { next: new Map() };
  let size = 0;
  for (const rule of rules) {
    const phrase = normalizeText(rule.phrase);
    let node = root;
    for (const ch of phrase) {
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
  return { root, size };
}

// One segmenter for the whole process: creating one costs far more than segmenting a message.
const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' });

/** Word segments of normalized text: start offsets, and for each UTF-16 unit the index of its segment. */
export interface Segmentation {
  starts: number[];
  ends: number[];
  wordLike: boolean[];
  segmentAt: Int32Array;
}

const LATIN_WORD = /[\p{L}\p{N}]+(?:['.][\p{L}\p{N}]+)*/gu;
const HAS_HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/**
 * Splits text into words: with ICU's dictionary-based segmenter when the text has Chinese in it, otherwise
 * with a regular expression that gives the same words as UAX #29 for alphabetic text at a fraction of the
 * cost (an ICU call costs about as much as the rest of triage).
 */
export function segment(text: string): Segmentation {
  if (!HAS_HAN.test(text)) {
    const starts: number[] = [];
    const ends: number[] = [];
    for (const m of text.matchAll(LATIN_WORD)) {
      starts.push(m.index);
      ends.push(m.index + m[0].length);
    }
    return { starts, ends, wordLike: starts.map(() => true), segmentAt: new Int32Array(0) };
  }
  const starts: number[] = [];
  const ends: number[] = [];
  const wordLike: boolean[] = [];
  const segmentAt = new Int32Array(text.length);
  for (const s of SEGMENTER.segment(text)) {
    const k = starts.length;
    starts.push(s.index);
    ends.push(s.index + s.segment.length);
    wordLike.push(s.isWordLike === true);
    segmentAt.fill(k, s.index, s.index + s.segment.length);
  }
  return { starts, ends, wordLike, segmentAt };
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
    let node: TrieNode | undefined = compiled.root;
    for (let j = i; j < n; j++) {
      node = node.next.get(text[j]!);
      if (!node) break;
      const rule = node.rule;
      if (!rule) continue;
      const end = j + 1;
      const firstAscii = isAsciiWordChar(text.charCodeAt(i));
      const lastAscii = isAsciiWordChar(text.charCodeAt(j));
      if (firstAscii && i > 0 && isAsciiWordChar(text.charCodeAt(i - 1))) continue;
      if (lastAscii && end < n && isAsciiWordChar(text.charCodeAt(end))) continue;
      if (isHan(text.charCodeAt(i)) || isHan(text.charCodeAt(j))) {
        const s = seg.segmentAt[i]!;
        if (s === seg.segmentAt[j] && (seg.starts[s]! < i || seg.ends[s]! > end)) continue;
      }
      found.push({ rule, start: i, end });
    }
  }
  const kept: RuleMatch[] = [];
  const seen = new Set<string>();
  for (const m of found) {
    const inside = found.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start);
    if (inside || seen.has(m.rule.phrase)) continue;
    if (m.rule.negatable && isNegated(text, m.start, isAsciiWordChar(text.charCodeAt(m.start)))) continue;
    seen.add(m.rule.phrase);
    if (m.rule.category) kept.push(m);
  }
  return kept;
}

const HEX64 = /\b[0-9a-f]{64}\b/g;
const ADDRESS_LIKE = /\b(?:bc1|tb1)[02-9ac-hj-np-z]{8,87}\b|\b[13][1-9a-z]{25,34}\b/g;
const URL_LIKE = /https?:\/\/\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g;

function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * Model features of normalized text: each word (English lightly stemmed, numbers folded into one token,
 * txids, addresses and links into placeholders), plus character bigrams inside runs of Chinese, which keep
 * working where ICU's dictionary splits a phrase in an unexpected place.
 */
export function modelTokens(text: string, seg: Segmentation): string[] {
  const tokens: string[] = [];
  let hanRun = '';
  const flushRun = (): void => {
    for (let k = 0; k + 1 < hanRun.length; k++) tokens.push(`~${hanRun.slice(k, k + 2)}`);
    hanRun = '';
  };
  for (let k = 0; k < seg.starts.length; k++) {
    const word = text.slice(seg.starts[k], seg.ends[k]);
    if (!seg.wordLike[k]) {
      flushRun();
      continue;
    }
    const c = word.charCodeAt(0);
    if (isHan(c)) {
      tokens.push(word);
      hanRun += word;
      continue;
    }
    flushRun();
    if (c >= 0x30 && c <= 0x39) tokens.push('#num');
    else tokens.push(stem(word));
  }
  flushRun();
  return tokens;
}

/** Everything later steps need from a request's text, computed once. */
export interface Analysis {
  text: string;
  normalized: string;
  matches: RuleMatch[];
  tokens: string[];
}

/** Normalizes, segments, matches rules and extracts model features for subject + body. */
export function analyze(text: string, compiled: CompiledRules): Analysis {
  const normalized = normalizeText(text);
  const seg = segment(normalized);
  const matches = matchRules(normalized, seg, compiled);
  const masked = normalized.replace(HEX64, ' xtxidx ').replace(ADDRESS_LIKE, ' xaddrx ').replace(URL_LIKE, ' xlinkx ');
  const tokens = masked === normalized ? modelTokens(normalized, seg) : modelTokens(masked, segment(masked));
  return { text, normalized, matches, tokens };
}
