import { AppError } from '../core/errors.js';
import { CATEGORIES, PRIORITIES, type Category, type Priority } from './types.js';
import { bigramKey, hanWordKey, type ModelFeatures } from './analyze.js';
import { LINEAR_VERSION, type LinearModel } from './linear.js';

/** The version of the features (analyze.ts modelTokens); a model trained on other features is refused. */
export const FEATURES_VERSION = 3;

/**
 * Two multinomial naive Bayes models over binarized tokens (each token counted once per request), as plain
 * JSON: one for the category and one for the priority (given the category), sharing one vocabulary. Counts,
 * not probabilities, so that more examples can be added to a model later without the original corpus.
 */
export interface TriageModel {
  format: 'walletdesk-triage-nb';
  features: number;
  categories: Category[];
  priorities: Priority[];
  /** Requests per category. */
  docs: number[];
  /** Token occurrences per category (the sum of the category columns of `vocab`). */
  totals: number[];
  /** Requests with a priority label, per category (rows, as `categories`) and priority (columns). */
  priorityDocs: number[][];
  /** Token occurrences per priority (the sum of the priority columns of `vocab`). */
  priorityTotals: number[];
  /** For each token, its count per category then per priority, in the order of `categories` and `priorities`. */
  vocab: Record<string, number[]>;
  trainedOn: number;
  trainedAt?: string;
  /**
   * The logistic regression learnt with the counts (linear.ts), when the model was trained from a corpus. It
   * decides the category with the naive Bayes part; added corrections change only the counts.
   */
  linear?: LinearModel;
}

/** A model with its log-probabilities worked out once, ready to score requests. */
export interface PreparedModel {
  model: TriageModel;
  logPrior: number[];
  /** log P(priority | category), per category then priority. */
  priorityLogPrior: number[][];
  /** Whether enough requests carried a priority label for the priority model to say anything. */
  hasPriority: boolean;
  /**
   * Log-likelihoods of all tokens in one array, a row per token: one column per category, then one per
   * priority. Scoring is bound by memory access, and one flat array touches far fewer cache lines than an
   * object per token.
   */
  table: Float32Array;
  /** Token → row in `table`, for word tokens as strings. */
  wordRow: Map<string, number>;
  /** The same for Chinese words of one or two characters, keyed by hanWordKey. */
  hanWordRow: Map<number, number>;
  /** The same for Chinese bigram tokens ("~xy"), keyed by bigramKey: no string is built to score one. */
  bigramRow: Map<number, number>;
  /** The token of each row, for reasons. */
  tokenOfRow: string[];
  /** 1 for rows that are character bigrams: reasons prefer whole words, which read better. */
  bigramRows: Uint8Array;
  /** The scoring that last counted each row (tokens count once per request); `stamp` counts scorings. */
  seen: Uint32Array;
  stamp: number;
}

const ALPHA = 0.5;

/** Counts one more request's tokens into a model (mutates it); the priority model learns only from labelled ones. */
export function addToModel(model: TriageModel, tokens: readonly string[], category: Category, priority?: Priority): void {
  const c = model.categories.indexOf(category);
  if (c < 0) throw new AppError('invalid_input', `Unknown category "${category}".`);
  const k = model.categories.length;
  const p = priority === undefined ? -1 : model.priorities.indexOf(priority);
  if (priority !== undefined && p < 0) throw new AppError('invalid_input', `Unknown priority "${priority}".`);
  model.docs[c]! += 1;
  if (p >= 0) model.priorityDocs[c]![p]! += 1;
  model.trainedOn += 1;
  for (const t of new Set(tokens)) {
    let row = model.vocab[t];
    if (!row) {
      row = new Array<number>(k + model.priorities.length).fill(0);
      model.vocab[t] = row;
    }
    row[c]! += 1;
    model.totals[c]! += 1;
    if (p >= 0) {
      row[k + p]! += 1;
      model.priorityTotals[p]! += 1;
    }
  }
}

/** An empty model over the five categories. */
export function emptyModel(): TriageModel {
  return {
    format: 'walletdesk-triage-nb',
    features: FEATURES_VERSION,
    categories: [...CATEGORIES],
    priorities: [...PRIORITIES],
    docs: CATEGORIES.map(() => 0),
    totals: CATEGORIES.map(() => 0),
    priorityDocs: CATEGORIES.map(() => PRIORITIES.map(() => 0)),
    priorityTotals: PRIORITIES.map(() => 0),
    vocab: {},
    trainedOn: 0,
  };
}

/** Checks that parsed JSON is a model this code can use; throws invalid_input saying what is wrong. */
export function validateModel(value: unknown): TriageModel {
  const m = value as Partial<TriageModel> | null;
  if (!m || typeof m !== 'object' || m.format !== 'walletdesk-triage-nb') {
    throw new AppError('invalid_input', 'This is not a walletdesk triage model (format must be "walletdesk-triage-nb").');
  }
  if (m.features !== FEATURES_VERSION) {
    throw new AppError('invalid_input', `The model was trained on features v${String(m.features)}; this walletdesk needs v${FEATURES_VERSION}. Retrain it.`);
  }
  const k = CATEGORIES.length;
  const q = PRIORITIES.length;
  const same = (a: unknown, b: readonly string[]): boolean => Array.isArray(a) && a.length === b.length && b.every((x, i) => a[i] === x);
  const sized = (a: unknown, n: number): boolean => Array.isArray(a) && a.length === n && a.every((x) => typeof x === 'number');
  const ok =
    same(m.categories, CATEGORIES) &&
    same(m.priorities, PRIORITIES) &&
    sized(m.docs, k) &&
    sized(m.totals, k) &&
    sized(m.priorityTotals, q) &&
    Array.isArray(m.priorityDocs) &&
    m.priorityDocs.length === k &&
    m.priorityDocs.every((row) => sized(row, q)) &&
    typeof m.vocab === 'object' &&
    m.vocab !== null &&
    Object.values(m.vocab).every((row) => sized(row, k + q));
  if (!ok) throw new AppError('invalid_input', 'The triage model is damaged (a count table is missing or of the wrong size).');
  if (m.linear !== undefined) validateLinear(m.linear);
  return m as TriageModel;
}

function validateLinear(l: unknown): void {
  const m = l as Partial<LinearModel> | null;
  const k = CATEGORIES.length;
  const row = (a: unknown, n: number): boolean => Array.isArray(a) && a.length === n && a.every((x) => typeof x === 'number' && Number.isFinite(x));
  const ok =
    !!m &&
    typeof m === 'object' &&
    m.format === 'walletdesk-triage-linear' &&
    m.version === LINEAR_VERSION &&
    Array.isArray(m.categories) &&
    m.categories.length === k &&
    CATEGORIES.every((c, i) => m.categories![i] === c) &&
    row(m.bias, k) &&
    typeof m.weights === 'object' &&
    m.weights !== null &&
    Object.values(m.weights).every((r) => row(r, k + 1));
  if (!ok) throw new AppError('invalid_input', 'The triage model is damaged (its linear part is missing a table or has one of the wrong size).');
}

/** Works out log-probabilities once (Laplace-smoothed); the model must not change afterwards. */
export function prepareModel(model: TriageModel, alpha: number = ALPHA): PreparedModel {
  const k = model.categories.length;
  const q = model.priorities.length;
  const w = k + q;
  const entries = Object.entries(model.vocab);
  const vocabSize = entries.length + 1;
  const totalDocs = model.docs.reduce((a, b) => a + b, 0);
  const logPrior = model.docs.map((d) => Math.log((d + 1) / (totalDocs + k)));
  const denom = [...model.totals, ...model.priorityTotals].map((t) => Math.log(t + alpha * vocabSize));
  const priorityLogPrior = model.priorityDocs.map((row) => {
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((d) => Math.log((d + 1) / (sum + q)));
  });
  const labelled = model.priorityDocs.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  // Single precision halves the table (it must stay in cache); sums are kept in doubles.
  const table = new Float32Array(entries.length * w);
  const wordRow = new Map<string, number>();
  const hanWordRow = new Map<number, number>();
  const bigramRow = new Map<number, number>();
  entries.forEach(([token, counts], row) => {
    for (let c = 0; c < w; c++) table[row * w + c] = Math.log(counts[c]! + alpha) - denom[c]!;
    const key = token.length === 3 && token[0] === '~' ? bigramKey(token.charCodeAt(1), token.charCodeAt(2)) : -1;
    const wordKey = token.length <= 2 ? hanWordKey(token) : -1;
    if (key >= 0) bigramRow.set(key, row);
    else if (wordKey >= 0) hanWordRow.set(wordKey, row);
    else wordRow.set(token, row);
  });
  // A handful of labelled requests would only add noise to the priority rules.
  const hasPriority = labelled >= 50;
  const isBigram = ([token]: [string, number[]]): boolean => token.length === 3 && token[0] === '~';
  const tokenOfRow = entries.map((e) => (isBigram(e) ? e[0].slice(1) : e[0]));
  const bigramRows = Uint8Array.from(entries, (e) => (isBigram(e) ? 1 : 0));
  return { model, logPrior, priorityLogPrior, hasPriority, table, wordRow, hanWordRow, bigramRow, tokenOfRow, bigramRows, seen: new Uint32Array(entries.length), stamp: 0 };
}

/**
 * Log-scores (unnormalized) for a request's features: per category, and per priority without the
 * category-dependent prior (add priorityLogPrior[category]). Tokens the model never saw are ignored; `rows`
 * lists the distinct tokens it knew (for topTokens): with none, the scores are only the priors.
 */
export function scoreTokens(prepared: PreparedModel, features: ModelFeatures): { scores: number[]; priorityScores: number[]; rows: number[] } {
  const scores = [...prepared.logPrior];
  const k = scores.length;
  const q = prepared.model.priorities.length;
  const w = k + q;
  const priorityScores = new Array<number>(q).fill(0);
  const { table, seen } = prepared;
  // Binarized: each token counts once. Stamping rows avoids building a Set per request.
  const stamp = (prepared.stamp = (prepared.stamp + 1) >>> 0 || 1);
  const rows: number[] = [];
  const add = (row: number | undefined): void => {
    if (row === undefined || seen[row] === stamp) return;
    seen[row] = stamp;
    rows.push(row);
    const at = row * w;
    for (let c = 0; c < k; c++) scores[c]! += table[at + c]!;
    for (let p = 0; p < q; p++) priorityScores[p]! += table[at + k + p]!;
  };
  for (const t of features.words) add(prepared.wordRow.get(t));
  for (const w of features.hanWords) add(prepared.hanWordRow.get(w));
  for (const b of features.bigrams) add(prepared.bigramRow.get(b));
  return { scores, priorityScores, rows };
}

/** The tokens (rows from scoreTokens) that most favour `category` over the others, for the reasons shown to agents. */
export function topTokens(prepared: PreparedModel, rows: readonly number[], category: Category, n: number): string[] {
  const c = prepared.model.categories.indexOf(category);
  const k = prepared.model.categories.length;
  const w = k + prepared.model.priorities.length;
  const scored: Array<[number, number]> = [];
  for (const row of rows) {
    let others = 0;
    for (let o = 0; o < k; o++) if (o !== c) others += prepared.table[row * w + o]!;
    const lift = prepared.table[row * w + c]! - others / (k - 1);
    if (lift > 0.5) scored.push([row, lift]);
  }
  scored.sort((a, b) => prepared.bigramRows[a[0]]! - prepared.bigramRows[b[0]]! || b[1] - a[1]);
  // A word and the bigram of the same two characters read the same; show it once.
  const out: string[] = [];
  for (const [row] of scored) {
    const t = prepared.tokenOfRow[row]!;
    if (!out.includes(t)) out.push(t);
    if (out.length === n) break;
  }
  return out;
}
