/**
 * Turns text into search words for both databases. Neither SQLite's FTS5 nor PostgreSQL's 'simple' parser
 * splits Chinese into words, so the app segments first (Intl.Segmenter, ICU's dictionary) and the database
 * indexes space-separated, lower-cased words. Chinese words are also indexed as single characters so a
 * one-character query still finds them.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const CJK_CLASS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const CJK = new RegExp(`[${CJK_CLASS}]`, 'u');
// Runs of CJK characters (which need a dictionary to split) and runs of other letters and digits (which
// split on anything else). Only the CJK runs go through the segmenter: it is slow on Latin text.
const RUNS = new RegExp(`[${CJK_CLASS}]+|(?:(?![${CJK_CLASS}])[\\p{L}\\p{N}])+`, 'gu');
const NOT_WORD = /[^\p{L}\p{N}]+/u;

function wordsOf(text: string, withUnigrams: boolean): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(RUNS)) {
    const run = m[0];
    if (!CJK.test(run)) {
      out.push(run);
      continue;
    }
    for (const seg of segmenter.segment(run)) {
      if (!seg.isWordLike) continue;
      for (const word of seg.segment.split(NOT_WORD)) {
        if (word === '') continue;
        out.push(word);
        if (withUnigrams && word.length > 1) {
          for (const ch of word) if (CJK.test(ch)) out.push(ch);
        }
      }
    }
  }
  return out;
}

/** The document form stored in the index. */
export function searchDocument(text: string): string {
  return wordsOf(text, true).join(' ');
}

/** The words of a query, each later matched as a prefix. At most 16 words. */
export function searchQueryWords(query: string): string[] {
  return [...new Set(wordsOf(query, false))].slice(0, 16);
}
