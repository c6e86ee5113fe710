import { AppError } from '../core/errors.js';
import { CATEGORIES, type Category } from './types.js';
import { bigramKey, bigramText, hanWordKey, hanWordText, type ModelFeatures } from './analyze.js';

/** The version of the features (analyze.ts modelTokens); a model trained on other features is refused. */
export const FEATURES_VERSION = 2;

/**
 * A multinomial naive Bayes model over binarized tokens (each token counted once per request), as plain JSON:
 * counts, not probabilities, so that more examples can be added to a model later without the original corpus.
 */
export interface TriageModel {
  format: 'walletdesk-triage-nb';
  features: number;
  categories: Category[];
  /** Requests per category. */
  docs: number[];
  /** Token occurrences per category (the sum of `vocab` columns). */
  totals: number[];
  /** For each token, its count per category, in the order of `categories`. */
  vocab: Record<string, number[]>;
  trainedOn: number;
  trainedAt?: string;
}

/** A model with its log-probabilities worked out once, ready to score requests. */
export interface PreparedModel {
  model: TriageModel;
  logPrior: number[];
  /**
   * Log-likelihoods of all tokens in one array, k per token (k = number of categories): scoring is bound by
   * memory access, and one flat array touches far fewer cache lines than an object per token.
   */
  table: Float64Array;
  /** Token → row in `table`, for word tokens as strings. */
  wordRow: Map<string, number>;
  /** The same for Chinese words of one or two characters, keyed by hanWordKey. */
  hanWordRow: Map<number, number>;
  /** The same for Chinese bigram tokens ("~xy"), keyed by bigramKey: no string is built to score one. */
  bigramRow: Map<number, number>;
  /** The scoring that last counted each row (tokens count once per request); `stamp` counts scorings. */
  seen: Uint32Array;
  stamp: number;
}

const ALPHA = 0.5;

/** Counts one more request's tokens into a model (mutates it). */
export function addToModel(model: TriageModel, tokens: readonly string[], category: Category): void {
  const c = model.categories.indexOf(category);
  if (c < 0) throw new AppError('invalid_input', `Unknown category "${category}".`);
  model.docs[c]! += 1;
  model.trainedOn += 1;
  for (const t of new Set(tokens)) {
    let row = model.vocab[t];
    if (!row) {
      row = model.categories.map(() => 0);
      model.vocab[t] = row;
    }
    row[c]! += 1;
    model.totals[c]! += 1;
  }
}

/** An empty model over the five categories. */
export function emptyModel(): TriageModel {
  return {
    format: 'walletdesk-triage-nb',
    features: FEATURES_VERSION,
    categories: [...CATEGORIES],
    docs: CATEGORIES.map(() => 0),
    totals: CATEGORIES.map(() => 0),
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
  const sameCategories = Array.isArray(m.categories) && m.categories.length === k && CATEGORIES.every((c, i) => m.categories![i] === c);
  if (!sameCategories || !Array.isArray(m.docs) || m.docs.length !== k || !Array.isArray(m.totals) || m.totals.length !== k || typeof m.vocab !== 'object' || m.vocab === null) {
    throw new AppError('invalid_input', 'The triage model is damaged (categories, docs, totals or vocab are missing or of the wrong size).');
  }
  return m as TriageModel;
}

/** Works out log-probabilities once (Laplace-smoothed); the model must not change afterwards. */
export function prepareModel(model: TriageModel): PreparedModel {
  const k = model.categories.length;
  const entries = Object.entries(model.vocab);
  const vocabSize = entries.length + 1;
  const totalDocs = model.docs.reduce((a, b) => a + b, 0);
  const logPrior = model.docs.map((d) => Math.log((d + 1) / (totalDocs + k)));
  const denom = model.totals.map((t) => Math.log(t + ALPHA * vocabSize));
  const table = new Float64Array(entries.length * k);
  const wordRow = new Map<string, number>();
  const hanWordRow = new Map<number, number>();
  const bigramRow = new Map<number, number>();
  entries.forEach(([token, counts], row) => {
    for (let c = 0; c < k; c++) table[row * k + c] = Math.log(counts[c]! + ALPHA) - denom[c]!;
    const key = token.length === 3 && token[0] === '~' ? bigramKey(token.charCodeAt(1), token.charCodeAt(2)) : -1;
    const wordKey = token.length <= 2 ? hanWordKey(token) : -1;
    if (key >= 0) bigramRow.set(key, row);
    else if (wordKey >= 0) hanWordRow.set(wordKey, row);
    else wordRow.set(token, row);
  });
  return { model, logPrior, table, wordRow, hanWordRow, bigramRow, seen: new Uint32Array(entries.length), stamp: 0 };
}

/**
 * Log-scores per category (unnormalized) for a request's features; tokens the model never saw are ignored.
 * `known` counts the distinct tokens the model knew: with none, the scores are only the priors.
 */
export function scoreTokens(prepared: PreparedModel, features: ModelFeatures): { scores: number[]; known: number } {
  const scores = [...prepared.logPrior];
  const k = scores.length;
  const { table, seen } = prepared;
  // Binarized: each token counts once. Stamping rows avoids building a Set per request.
  const stamp = (prepared.stamp = (prepared.stamp + 1) >>> 0 || 1);
  let known = 0;
  const add = (row: number | undefined): void => {
    if (row === undefined || seen[row] === stamp) return;
    seen[row] = stamp;
    known++;
    for (let c = 0; c < k; c++) scores[c]! += table[row * k + c]!;
  };
  for (const t of features.words) add(prepared.wordRow.get(t));
  for (const w of features.hanWords) add(prepared.hanWordRow.get(w));
  for (const b of features.bigrams) add(prepared.bigramRow.get(b));
  return { scores, known };
}

/** The tokens that most favour `category` over the others, for the reasons shown to agents. */
export function topTokens(prepared: PreparedModel, features: ModelFeatures, category: Category, n: number): string[] {
  const c = prepared.model.categories.indexOf(category);
  const k = prepared.model.categories.length;
  const scored: Array<[string, number]> = [];
  const candidates: Array<[string, number | undefined]> = [
    ...[...new Set(features.words)].map((t): [string, number | undefined] => [t, prepared.wordRow.get(t)]),
    ...[...new Set(features.hanWords)].map((w): [string, number | undefined] => [hanWordText(w), prepared.hanWordRow.get(w)]),
    ...[...new Set(features.bigrams)].map((b): [string, number | undefined] => [bigramText(b), prepared.bigramRow.get(b)]),
  ];
  for (const [t, row] of candidates) {
    if (row === undefined) continue;
    let others = 0;
    for (let o = 0; o < k; o++) if (o !== c) others += prepared.table[row * k + o]!;
    const lift = prepared.table[row * k + c]! - others / (k - 1);
    if (lift > 0.5) scored.push([t, lift]);
  }
  scored.sort((a, b) => b[1] - a[1]);
  return scored.slice(0, n).map(([t]) => t);
}
