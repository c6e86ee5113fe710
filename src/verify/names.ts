/**
 * Finds a brand mark inside a name (a domain label, an account name, an e-mail local part): as a whole word,
 * glued to filler words ("mytrezor", "ledgerlive-support"), with look-alike characters, or misspelt.
 */
import { fullFold } from './fold.js';
import { damerau, charMask, popcount } from './distance.js';
import { AFFIXES, GLUE, NOT_TYPOS } from './words.js';
import type { CompiledRegistry, Mark } from './compiled.js';

/** How a mark was found: spelt right, spelt with look-alike ASCII (0/o, rn/m, vv/w), or misspelt. */
export type MatchHow = 'exact' | 'homoglyph' | 'typo';

/** A brand mark found in a name. */
export interface NameMatch {
  mark: Mark;
  how: MatchHow;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  end: boolean;
}

function buildTrie(words: readonly string[]): TrieNode {
  const root: TrieNode = { next: new Map(), end: false };
  for (const w of words) {
    let node = root;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map(), end: false }));
      node = child;
    }
    node.end = true;
  }
  return root;
}

const TRIE = buildTrie(AFFIXES);
const NOT_TYPO = new Set(NOT_TYPOS);
const GLUE_TRIE = buildTrie(GLUE);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Ends of the filler words (or single digits) that start at `from` in `s`. */
function fillerEnds(s: string, from: number, out: number[], trie: TrieNode = TRIE): void {
  out.length = 0;
  if (isDigit(s.charCodeAt(from))) out.push(from + 1);
  let node: TrieNode | undefined = trie;
  for (let i = from; i < s.length && node; i++) {
    node = node.next.get(s.charCodeAt(i));
    if (node?.end) out.push(i + 1);
  }
}

/**
 * Positions i where s[0:i] is a run of filler words (starts) and j where s[j:] is one (ends), so that s[i:j] is
 * the candidate brand word. 0 is always a start and s.length always an end.
 */
function splits(s: string): { starts: number[]; ends: number[] } {
  const n = s.length;
  if (n + 1 > PREFIX_OK.length) growBuffers(n + 1);
  // Buffers shared by every call (a check runs this for each word it reads): no allocation but the two answers.
  const prefixOk = PREFIX_OK;
  const suffixOk = SUFFIX_OK;
  const tmp = TMP;
  prefixOk.fill(0, 0, n + 1);
  suffixOk.fill(0, 0, n + 1);
  prefixOk[0] = 1;
  for (let i = 0; i < n; i++) {
    if (!prefixOk[i]) continue;
    fillerEnds(s, i, tmp);
    for (const e of tmp) prefixOk[e] = 1;
  }
  suffixOk[n] = 1;
  for (let j = n - 1; j >= 0; j--) {
    fillerEnds(s, j, tmp);
    for (const e of tmp) {
      if (suffixOk[e]) {
        suffixOk[j] = 1;
        break;
      }
    }
  }
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i <= n; i++) if (prefixOk[i]) starts.push(i);
  for (let j = n; j >= 0; j--) if (suffixOk[j]) ends.push(j);
  return { starts, ends };
}

let PREFIX_OK = new Uint8Array(128);
let SUFFIX_OK = new Uint8Array(128);
let GLUE_OK = new Uint8Array(128);
const TMP: number[] = [];
function growBuffers(n: number): void {
  PREFIX_OK = new Uint8Array(n);
  SUFFIX_OK = new Uint8Array(n);
  GLUE_OK = new Uint8Array(n);
}

/** True when the whole of `s` is glue words and digits ("my", "mail2"): filler that sets no scene. */
function isGlue(s: string): boolean {
  if (s.length + 1 > GLUE_OK.length) growBuffers(s.length + 1);
  const ok = GLUE_OK;
  ok.fill(0, 0, s.length + 1);
  ok[0] = 1;
  const tmp = TMP;
  for (let i = 0; i < s.length; i++) {
    if (!ok[i]) continue;
    fillerEnds(s, i, tmp, GLUE_TRIE);
    for (const e of tmp) ok[e] = 1;
  }
  return ok[s.length] === 1;
}

/** True when the whole of `s` is filler words and digits ("support", "2024", "secure-app"). */
export function isFiller(s: string): boolean {
  if (s === '') return true;
  return splits(s).ends.includes(0);
}

const RANK: Record<MatchHow, number> = { exact: 3, homoglyph: 2, typo: 1 };

function better(a: NameMatch | null, b: NameMatch): boolean {
  if (!a) return true;
  if (RANK[b.how] !== RANK[a.how]) return RANK[b.how] > RANK[a.how];
  return b.mark.fold.length > a.mark.fold.length;
}

/** `affixed`: the word stands beside filler that sets a scene (weak marks need it). */
function matchWord(reg: CompiledRegistry, word: string, affixed: boolean, typos: boolean): NameMatch | null {
  const f = fullFold(word);
  let best: NameMatch | null = null;
  const exact = reg.marksByFold.get(f);
  if (exact) {
    for (const mark of exact) {
      if (mark.weak && !affixed) continue;
      const m: NameMatch = { mark, how: word === mark.plain ? 'exact' : 'homoglyph' };
      if (better(best, m)) best = m;
    }
    if (best) return best;
  }
  // Digits at a word's edge are glue ("mail2abby"), and common words are not misspellings ("finance").
  if (!typos || isDigit(word.charCodeAt(0)) || isDigit(word.charCodeAt(word.length - 1)) || NOT_TYPO.has(word) || NOT_TYPO.has(f)) return null;
  best = typoOf(reg, f, (m) => m.fold, (m) => m.mask, affixed);
  // Folding "cl" to "d" can hide a plain misspelling ("ocldcard" for "coldcard"): try the word as spelt too.
  if (!best && word !== f) best = typoOf(reg, word, (m) => m.plain, null, affixed);
  return best;
}

/**
 * Misspellings of a name of 6 letters or fewer, standing alone, are often other names (`habby`, `tabby`, `ucoin`,
 * `itbox`, `garda`, `bitpin` in the top-100k sites): alone they must keep the name's first and last letters and
 * not drop a letter (`karken`, `kucoiin`, `ledgeer`, `bifget` do). Beside a filler word that sets a scene, any.
 */
const SHORT_TYPO = 6;

export function shortTypoOk(mark: Mark, t: string, f: string, scene: boolean): boolean {
  if (scene) return true;
  // A brand that names itself with keywords has common words for a name: misspelt alone it is another word.
  if (mark.keyword) return false;
  if (mark.plain.length > SHORT_TYPO) return true;
  // One letter of noise before or after the name (`krakenz`, `lkraken`, `bitgets`).
  if (f.length === t.length + 1 && (f.startsWith(t) || f.endsWith(t))) return true;
  return f.length >= t.length && f.charCodeAt(0) === t.charCodeAt(0) && f.charCodeAt(f.length - 1) === t.charCodeAt(t.length - 1);
}

function typoOf(reg: CompiledRegistry, f: string, text: (m: Mark) => string, maskOf: ((m: Mark) => number) | null, scene: boolean): NameMatch | null {
  let best: NameMatch | null = null;
  const mask = charMask(f);
  for (let len = Math.max(3, f.length - 2); len <= f.length + 2; len++) {
    const bucket = reg.fuzzyByLength[len];
    if (!bucket) continue;
    for (const mark of bucket) {
      const t = text(mark);
      if (Math.abs(t.length - f.length) > mark.max) continue;
      if (!shortTypoOk(mark, t, f, scene)) continue;
      if (maskOf && popcount(mask ^ maskOf(mark)) > 2 * mark.max) continue;
      // Typosquats keep the first or the last letter; unrelated words near a mark often keep neither.
      if (f.charCodeAt(0) !== t.charCodeAt(0) && f.charCodeAt(f.length - 1) !== t.charCodeAt(t.length - 1)) continue;
      const d = damerau(f, t, mark.max);
      // Two edits and a new first letter is another word (`slickstream` is not `blockstream`).
      if (d <= mark.max && (d < 2 || f.charCodeAt(0) === t.charCodeAt(0))) {
        const m: NameMatch = { mark, how: 'typo' };
        if (better(best, m)) best = m;
      }
    }
  }
  return best;
}

const isDigits = (s: string): boolean => /^\d+$/.test(s);

/**
 * Whether a misspelling may be looked for in s[i:j]. Short cut-offs cut real words ("safepla|net" is not a
 * misspelt "safepal"), and words under five letters are too easy to reach by one edit.
 */
function typoSplit(s: string, i: number, j: number): boolean {
  if (j - i < 5) return false;
  const head = s.slice(0, i);
  const tail = s.slice(j);
  return (head.length === 0 || head.length >= 4 || isDigits(head)) && (tail.length === 0 || tail.length >= 4 || isDigits(tail));
}

/**
 * The best brand mark in `name` (already light-folded: lower case, non-ASCII look-alikes replaced), whose words
 * are separated by characters matching `separators`. Returns null when no brand is named.
 */
export function findMark(reg: CompiledRegistry, name: string, separators: RegExp): NameMatch | null {
  const pieces = name.split(separators).filter(Boolean);
  const candidates = pieces.length > 1 ? [...pieces, pieces.join('')] : pieces;
  let best: NameMatch | null = null;
  for (const c of candidates) {
    if (c.length < reg.minMark - 2 || c.length > 80) continue;
    const { starts, ends } = splits(c);
    for (const i of starts) {
      for (const j of ends) {
        if (j - i < Math.max(3, reg.minMark - 2)) continue;
        const scene = (i > 0 || j < c.length) && !(isGlue(c.slice(0, i)) && isGlue(c.slice(j)));
        // A mailbox service's name ("myphantomemail", "mail2rabbi"): glue, a word, then "mail"; not a claim.
        if (!scene && /^(?:e?mail)$/.test(c.slice(j)) && pieces.length === 1) continue;
        const m = matchWord(reg, c.slice(i, j), scene, typoSplit(c, i, j));
        if (m && better(best, m)) best = m;
        if (best?.how === 'exact' && !best.mark.weak) return best;
      }
    }
  }
  if (best && best.how !== 'typo') return best;
  return embeddedMark(reg, candidates) ?? best;
}

/**
 * A long official domain label glued to words that are not filler ("binancetowallet", "metamaskchroomeextnsion",
 * "maskbymetamask"): at the start or end of the word from 7 letters, inside it from 8. Shorter labels
 * ("ledgerinsights", "bitboxer"), words from the brand name ("keystonejs") and brands that name their words with
 * `keywords` (common words: Edge, Phoenix) still need filler around.
 */
function embeddedMark(reg: CompiledRegistry, candidates: readonly string[]): NameMatch | null {
  for (const c of candidates) {
    const f = fullFold(c);
    for (const mark of reg.embedded) {
      const at = f.indexOf(mark.fold);
      if (at < 0) continue;
      const len = mark.fold.length;
      const end = at + len === f.length;
      if (at === 0 || end || len >= 8) return { mark, how: c.includes(mark.plain) ? 'exact' : 'homoglyph' };
    }
  }
  // Misspelt at the start of a word glued to more ("metamskextension", "cionbasesecure"): the first letter kept,
  // within one hyphen-word, and not cutting a short word off the end ("safepla|net" is not "safepal").
  const pieces = candidates.length > 1 ? candidates.slice(0, -1) : candidates;
  for (let k = 0; k < pieces.length; k++) {
    const c = pieces[k]!;
    // A one-letter piece is a prefix of the next word (`e-conomic`): that word alone is not a name.
    if (k > 0 && pieces[k - 1]!.length === 1) continue;
    const f = fullFold(c);
    for (const mark of reg.embedded) {
      const len = mark.fold.length;
      if (f.charCodeAt(0) !== mark.fold.charCodeAt(0)) continue;
      for (let n = len - 1; n <= len + 1 && n <= f.length; n++) {
        const piece = f.slice(0, n);
        const rest = f.length - n;
        if (NOT_TYPO.has(piece) || isDigit(piece.charCodeAt(n - 1)) || rest === 2 || rest === 3) continue;
        // A letter of noise after a misspelling that kept the name's last letter (`metemask|e`), not `safepav|o`.
        if (rest === 1 && piece.charCodeAt(n - 1) !== mark.fold.charCodeAt(len - 1)) continue;
        if (damerau(piece, mark.fold, 1) <= 1) return { mark, how: 'typo' };
      }
    }
  }
  return null;
}

const LONG_AFFIXES = AFFIXES.filter((a) => a.length >= 3);

/** `s` begins with a filler word of 3 letters or more (`secured` begins with `secure`). */
function startsWithFiller(s: string): boolean {
  const ends: number[] = [];
  fillerEnds(s, 0, ends);
  return ends.some((e) => e >= 3);
}

function endsWithFiller(s: string): boolean {
  for (const a of LONG_AFFIXES) if (s.endsWith(a)) return true;
  return false;
}

/**
 * A brand mark of 5+ letters with filler on one side and, on the other, a word that begins (after it) or ends
 * (before it) with a filler word: `assetledgersecure`, `ledgerrecoverykeyclaim`, `web3ledgersecured`,
 * `ledgerauthentication`. One side must be filler only, so that a word merely containing the name
 * (`clarionledger`, `openledger`, `knowledgerank`) is not a claim.
 */
export function adjacentMark(reg: CompiledRegistry, name: string): NameMatch | null {
  const pieces = name.split('-').filter(Boolean);
  const candidates = pieces.length > 1 ? [...pieces, pieces.join('')] : pieces;
  for (const c of candidates) {
    const f = fullFold(c);
    for (const mark of reg.adjacent) {
      const at = f.indexOf(mark.fold);
      if (at < 0) continue;
      const left = f.slice(0, at);
      const right = f.slice(at + mark.fold.length);
      const leftFull = left === '' || isFiller(left);
      const rightFull = right === '' || isFiller(right);
      // Filler on both sides was findMark's to judge (`myphantomemail` is a mailbox service's name).
      if (leftFull && rightFull) continue;
      if ((leftFull && startsWithFiller(right)) || (rightFull && endsWithFiller(left))) {
        return { mark, how: c.includes(mark.plain) ? 'exact' : 'homoglyph' };
      }
    }
  }
  return null;
}
