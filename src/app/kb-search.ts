/**
 * Article search for the help center, the deflection suggestions and the agents' suggestions. Articles of one
 * brand are few (tens to a few thousand), so the ranking runs in the app over an in-memory index per brand
 * and language, the same on SQLite and PostgreSQL: BM25 over title, search keywords and body, with the title
 * weighted highest.
 *
 * Chinese has no spaces, and customers write Traditional or Simplified: text is converted to Simplified
 * (opencc-js), 帐 is folded into 账, and every run of Chinese characters is indexed as overlapping character
 * pairs (到账 → 到账) and single characters, so a two-character query such as 到账 or 冻结 matches wherever
 * those two characters stand together, whatever the neighbouring words. English words are lower-cased, stop
 * words dropped and plurals and -ing/-ed endings trimmed.
 */
import { Converter } from 'opencc-js/t2cn';

const toSimplified = Converter({ from: 't', to: 'cn' });
const HAN = /\p{Script=Han}/u;
// Runs of Chinese characters, and runs of other letters and digits ("btc未确认" is two runs, not one word).
const RUNS = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const STOP = new Set(
  'a an and are as at be been but by can could do does did for from had has have how i if in into is it its me my no not of on or our so than that the their them then there these they this to too us was we were what when where which who why will with would you your yours im ive dont cant doesnt didnt wont isnt get got just still'.split(' '),
);
/** Words customers use for the same thing, folded into one. */
const SAME: Record<string, string> = {
  txn: 'transaction',
  tx: 'transaction',
  transfer: 'transaction',
  payment: 'transaction',
  btc: 'bitcoin',
  seed: 'phrase',
  mnemonic: 'phrase',
  words: 'phrase',
  stolen: 'theft',
  steal: 'theft',
  hack: 'theft',
  hacked: 'theft',
  scammed: 'scam',
  scammer: 'scam',
  phishing: 'scam',
  unconfirmed: 'stuck',
  pending: 'stuck',
  confirm: 'confirmation',
  confirmed: 'confirmation',
  confirmations: 'confirmation',
  crash: 'crashes',
  crashing: 'crashes',
  ledger: 'hardware',
  trezor: 'hardware',
};

function stem(word: string): string {
  let w = word;
  if (SAME[w]) return SAME[w]!;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return SAME[w] ?? w;
}

/** Simplified, lower-cased, width-folded text; 帐 and 账 are one character to a searcher. */
export function foldText(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase()).replaceAll('帐', '账');
}

/** The terms of a text: Chinese pairs and single characters, English stems. */
export function terms(text: string, forQuery = false): string[] {
  const out: string[] = [];
  for (const m of foldText(text).matchAll(RUNS)) {
    const run = m[0];
    if (HAN.test(run[0]!)) {
      const chars = [...run];
      if (forQuery && chars.length === 1) out.push(`${chars[0]}`);
      for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
      // Single characters count a little in documents (a one-character query still finds something).
      if (!forQuery) for (const c of chars) out.push(c);
    } else if (!STOP.has(run)) {
      out.push(stem(run));
    }
  }
  return out;
}

export interface SearchDoc {
  id: string;
  title: string;
  keywords: string;
  /** Plain text of the body. */
  text: string;
}

interface IndexedDoc {
  id: string;
  tf: Map<string, number>;
  length: number;
}

export interface SearchIndex {
  docs: IndexedDoc[];
  df: Map<string, number>;
  avgLength: number;
}

const WEIGHTS = { title: 3, keywords: 2, text: 1 } as const;

function count(into: Map<string, number>, words: string[], weight: number): void {
  for (const w of words) into.set(w, (into.get(w) ?? 0) + weight);
}

/** Builds the index of one brand's articles in one language. */
export function buildSearchIndex(docs: readonly SearchDoc[]): SearchIndex {
  const indexed: IndexedDoc[] = [];
  const df = new Map<string, number>();
  let total = 0;
  for (const d of docs) {
    const tf = new Map<string, number>();
    const title = terms(d.title);
    const keywords = terms(d.keywords);
    const text = terms(d.text);
    count(tf, title, WEIGHTS.title);
    count(tf, keywords, WEIGHTS.keywords);
    count(tf, text, WEIGHTS.text);
    const length = title.length * WEIGHTS.title + keywords.length * WEIGHTS.keywords + text.length;
    total += length;
    for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    indexed.push({ id: d.id, tf, length });
  }
  return { docs: indexed, df, avgLength: indexed.length ? total / indexed.length : 1 };
}

const K1 = 1.2;
const B = 0.75;

/** The best matches for a query, best first; articles sharing no term with it are left out. */
export function searchArticles(index: SearchIndex, query: string, limit = 10): Array<{ id: string; score: number }> {
  const words = [...new Set(terms(query, true))].slice(0, 64);
  if (words.length === 0 || index.docs.length === 0) return [];
  const n = index.docs.length;
  const scored: Array<{ id: string; score: number }> = [];
  for (const doc of index.docs) {
    let score = 0;
    for (const w of words) {
      const tf = doc.tf.get(w);
      if (!tf) continue;
      const df = index.df.get(w) ?? 0;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / index.avgLength));
    }
    if (score > 0) scored.push({ id: doc.id, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
}

/** About `size` characters of the text around the first place a query term occurs (else its start). */
export function snippetOf(text: string, query: string, size = 160): string {
  const plain = text.replace(/\s+/g, ' ').trim();
  const folded = foldText(plain);
  let at = -1;
  for (const w of terms(query, true)) {
    const i = folded.indexOf(w);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const start = at <= size / 3 ? 0 : at - Math.floor(size / 3);
  const cut = plain.slice(start, start + size);
  return `${start > 0 ? '…' : ''}${cut}${start + size < plain.length ? '…' : ''}`;
}
