/**
 * Turns text into search terms for both databases. Neither SQLite's FTS5 nor PostgreSQL's 'simple' parser
 * splits Chinese into words, and customers write Traditional or Simplified, so the app prepares the text:
 * Chinese is converted to Simplified (opencc-js; 帐 folded into 账) and every run of Chinese characters is
 * indexed as its overlapping character pairs and its single characters (转账到账 → 转账 账到 到账 转 账 到).
 * A two-character query such as 到账 or 冻结 is then one exact term, wherever those two characters stand
 * together, whatever a dictionary would have made of the neighbours; a longer query needs all its pairs.
 * Other letters and digits form lower-cased words with their common English endings trimmed (transactions,
 * confirmed → transaction, confirm), which a query matches whole, so every term is one exact index entry that
 * the index reads newest first without collecting all its hits. A word of three or more characters typed with a
 * trailing `*`, and a long word holding digits (a fragment of a txid or address), match by prefix instead.
 */
import { Converter } from 'opencc-js/t2cn';

/**
 * The version of searchDocument's output. Every stored document records the format that wrote it; raise this
 * when searchDocument changes, and `walletdesk search reindex` rewrites the documents written before.
 */
export const SEARCH_FORMAT = 1;

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

/** Plural and -ing/-ed endings trimmed from Latin-script words; numbers, ids and short words stay whole. */
function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (/(?:sh|ch|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
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
      out.add(stem(run));
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
  const folded = fold(query);
  for (const m of folded.matchAll(RUNS)) {
    const run = m[0];
    if (!CJK.test(run)) {
      // A prefix of one or two letters would match a good part of the vocabulary: it stays a whole word.
      const prefix = (folded[m.index + run.length] === '*' && [...run].length >= 3) || (run.length >= 6 && /\d/.test(run));
      const text = prefix ? run : stem(run);
      out.set(text, { text, prefix });
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
