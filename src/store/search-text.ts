/**
 * Turns text into search terms for both databases. Neither SQLite's FTS5 nor PostgreSQL's 'simple' parser
 * splits Chinese into words, and customers write Traditional or Simplified, so the app prepares the text:
 * Chinese is converted to Simplified (opencc-js; 帐 folded into 账) and every run of Chinese characters is
 * indexed as its overlapping character pairs and its single characters (转账到账 → 转账 账到 到账 转 账 到).
 * A two-character query such as 到账 or 冻结 is then one exact term, wherever those two characters stand
 * together, whatever a dictionary would have made of the neighbours; a longer query needs all its pairs.
 * Other letters and digits form lower-cased words, which a query matches by prefix.
 */
import { Converter } from 'opencc-js/t2cn';

const toSimplified = Converter({ from: 't', to: 'cn' });
const CJK_CLASS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const CJK = new RegExp(`[${CJK_CLASS}]`, 'u');
// Runs of CJK characters and runs of other letters and digits: "btc未确认" is two runs, not one word.
const RUNS = new RegExp(`[${CJK_CLASS}]+|(?:(?![${CJK_CLASS}])[\\p{L}\\p{N}])+`, 'gu');

/** One term of a query: an exact index term (Chinese pairs and characters) or the prefix of a word. */
export interface SearchTerm {
  text: string;
  prefix: boolean;
}

function fold(text: string): string {
  const lower = text.normalize('NFKC').toLowerCase();
  return CJK.test(lower) ? toSimplified(lower).replaceAll('帐', '账') : lower;
}

/** The document form stored in the index: distinct terms separated by spaces. */
export function searchDocument(text: string): string {
  const out = new Set<string>();
  for (const m of fold(text).matchAll(RUNS)) {
    const run = m[0];
    if (!CJK.test(run)) {
      out.add(run);
      continue;
    }
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      out.add(chars[i]!);
      if (i + 1 < chars.length) out.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...out].join(' ');
}

/** The terms of a query, all of which a document must hold. At most 16. */
export function searchQueryTerms(query: string): SearchTerm[] {
  const out = new Map<string, SearchTerm>();
  for (const m of fold(query).matchAll(RUNS)) {
    const run = m[0];
    if (!CJK.test(run)) {
      out.set(run, { text: run, prefix: true });
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.set(run, { text: run, prefix: false });
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i]! + chars[i + 1]!;
      out.set(pair, { text: pair, prefix: false });
    }
  }
  return [...out.values()].slice(0, 16);
}
