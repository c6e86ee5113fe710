import { isHan } from './normalize.js';
import type { RuleMatch } from './analyze.js';
import { CATEGORIES, type Category } from './types.js';

/**
 * A multinomial logistic regression over TF-IDF features, learnt alongside the naive Bayes model (issue 21):
 * Chinese character 1–3-grams (robust to ICU splitting a phrase oddly, and to Traditional text once
 * normalized), English word unigrams and bigrams, and the phrase rules that fired (per category and per
 * phrase), so the learner weighs the rules itself instead of a fixed rule weight. Plain JSON of weights: small
 * (pruned, rounded), scored in one map lookup per feature.
 */
export interface LinearModel {
  format: 'walletdesk-triage-linear';
  version: number;
  categories: Category[];
  /** Per feature: idf, then one weight per category (in `categories` order). */
  weights: Record<string, number[]>;
  bias: number[];
}

export const LINEAR_VERSION = 1;

function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const LATIN = /[a-z0-9]+/g;

/**
 * Raw feature counts of normalized text (see normalizeText) and its rule matches. Keys carry a one-character
 * kind so that an English word and a Chinese n-gram never share a weight.
 */
export function linearCounts(normalized: string, matches: readonly RuleMatch[]): Map<string, number> {
  const counts = new Map<string, number>();
  forEachFeature(normalized, matches, (k, by) => {
    counts.set(k, (counts.get(k) ?? 0) + by);
  });
  return counts;
}

/** Calls `bump` for every feature occurrence of linearCounts, in the same order (scoring needs no Map of them). */
export function forEachFeature(normalized: string, matches: readonly RuleMatch[], bump: (key: string, by: number) => void): void {
  const n = normalized.length;
  let i = 0;
  while (i < n) {
    if (!isHan(normalized.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isHan(normalized.charCodeAt(j))) j++;
    for (let a = i; a < j; a++) {
      bump(`c${normalized[a]}`, 1);
      if (a + 1 < j) bump(`c${normalized.slice(a, a + 2)}`, 1);
      if (a + 2 < j) bump(`c${normalized.slice(a, a + 3)}`, 1);
    }
    i = j;
  }
  let prev = '';
  let prevEnd = -2;
  for (const m of normalized.matchAll(LATIN)) {
    const raw = m[0];
    const w = raw.length >= 26 ? 'xlongx' : raw.charCodeAt(0) <= 0x39 ? '#' : stem(raw);
    bump(`w${w}`, 1);
    // A bigram only across a single space: "not received" is a phrase, "received. not" is not.
    if (prev && prevEnd === m.index - 1 && normalized[prevEnd] === ' ') bump(`b${prev} ${w}`, 1);
    prev = w;
    prevEnd = m.index + raw.length;
  }
  for (const m of matches) {
    bump(`r${m.rule.category!}`, m.rule.weight);
    bump(`p${m.rule.phrase}`, 1);
  }
}

/** Sparse TF-IDF vector: sublinear term frequency times idf, L2-normalized; rule features kept as they are. */
export interface SparseVector {
  keys: string[];
  values: number[];
}

export function tfidf(counts: Map<string, number>, idf: (key: string) => number | undefined): SparseVector {
  const keys: string[] = [];
  const values: number[] = [];
  let norm = 0;
  for (const [k, c] of counts) {
    if (k[0] === 'r') continue;
    const w = idf(k);
    if (w === undefined) continue;
    const v = (1 + Math.log(c)) * w;
    keys.push(k);
    values.push(v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let x = 0; x < values.length; x++) values[x]! /= norm;
  // Rule scores stay on their own scale (a weight-3 phrase is decisive whatever the length of the message).
  for (const [k, c] of counts) {
    if (k[0] !== 'r') continue;
    if (idf(k) === undefined) continue;
    keys.push(k);
    values.push(Math.min(c, 9) / 3);
  }
  return { keys, values };
}

/** A linear model's weights in a Map (a plain object with tens of thousands of keys is slower to look up in). */
export interface PreparedLinear {
  bias: number[];
  rows: Map<string, number[]>;
  /** Feature → row number, for linearScoresOf: counts go into `count` by row, with `seen` stamps (no Map per request). */
  rowOf: Map<string, number>;
  rowList: number[][];
  /** 1 for rule features ("r…"), which stay on their own scale. */
  isRule: Uint8Array;
  count: Float64Array;
  seen: Uint32Array;
  stamp: number;
}

export function prepareLinear(model: LinearModel): PreparedLinear {
  const entries = Object.entries(model.weights);
  return {
    bias: model.bias,
    rows: new Map(entries),
    rowOf: new Map(entries.map(([key], i) => [key, i])),
    rowList: entries.map(([, row]) => row),
    isRule: Uint8Array.from(entries, ([key]) => (key.charCodeAt(0) === 0x72 ? 1 : 0)),
    count: new Float64Array(entries.length),
    seen: new Uint32Array(entries.length),
    stamp: 0,
  };
}

/**
 * linearScores(model, linearCounts(normalized, matches)) without building the counts: only features the model
 * knows are counted, by row. The same sums in the same order, so the same scores.
 */
export function linearScoresOf(model: PreparedLinear, normalized: string, matches: readonly RuleMatch[]): { scores: number[]; known: number } {
  const stamp = (model.stamp = (model.stamp + 1) >>> 0 || 1);
  const touched: number[] = [];
  const { rowOf, count, seen } = model;
  forEachFeature(normalized, matches, (key, by) => {
    const r = rowOf.get(key);
    if (r === undefined) return;
    if (seen[r] !== stamp) {
      seen[r] = stamp;
      count[r] = 0;
      touched.push(r);
    }
    count[r]! += by;
  });
  const s = [...model.bias];
  const k = s.length;
  const dense: number[] = [];
  let norm = 0;
  for (const r of touched) {
    const row = model.rowList[r]!;
    const c = count[r]!;
    if (model.isRule[r] === 1) {
      const v = Math.min(c, 9) / 3;
      for (let j = 0; j < k; j++) s[j]! += row[j + 1]! * v;
      continue;
    }
    const v = (1 + Math.log(c)) * row[0]!;
    dense.push(r, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let x = 0; x < dense.length; x += 2) {
    const row = model.rowList[dense[x]!]!;
    const v = dense[x + 1]! / norm;
    for (let j = 0; j < k; j++) s[j]! += row[j + 1]! * v;
  }
  return { scores: s, known: dense.length / 2 };
}

/** How many of a message's features (rules aside) the model knows: below a few, its decision is mostly its bias. */
export function knownFeatures(model: PreparedLinear, counts: Map<string, number>): number {
  let n = 0;
  counts.forEach((_c, key) => {
    if (key.charCodeAt(0) !== 0x72 && model.rows.has(key)) n++;
  });
  return n;
}


/**
 * Category log-odds (unnormalized) of a message under a prepared linear model: the same TF-IDF as `tfidf`, in one
 * pass with one map lookup per feature (this runs on every request).
 */
export function linearScores(model: PreparedLinear, counts: Map<string, number>): number[] {
  const s = [...model.bias];
  const k = s.length;
  const rows: number[][] = [];
  const values: number[] = [];
  let norm = 0;
  // forEach, not for…of over entries: no [key, count] pair is allocated per feature.
  counts.forEach((c, key) => {
    const row = model.rows.get(key);
    if (!row) return;
    if (key.charCodeAt(0) === 0x72) {
      // A rule feature ("r…"): on its own scale, not normalized (see tfidf).
      const v = Math.min(c, 9) / 3;
      for (let j = 0; j < k; j++) s[j]! += row[j + 1]! * v;
      return;
    }
    const v = (1 + Math.log(c)) * row[0]!;
    rows.push(row);
    values.push(v);
    norm += v * v;
  });
  norm = Math.sqrt(norm) || 1;
  for (let x = 0; x < rows.length; x++) {
    const row = rows[x]!;
    const v = values[x]! / norm;
    for (let j = 0; j < k; j++) s[j]! += row[j + 1]! * v;
  }
  return s;
}

export interface LinearTrainOptions {
  /** L2 penalty per example. */
  l2?: number;
  epochs?: number;
  /**
   * Classes are weighted by (n / (k × n_class))^balance: 0 leaves them as they come, 1 balances them fully
   * (the corpus has few security and other messages, and macro-F1 counts every class the same).
   */
  balance?: number;
  /** An extra multiplier of the security class's weight. */
  securityWeight?: number;
  /** Features seen in fewer documents are dropped. */
  minDf?: number;
  /** Weights smaller than this (in absolute value) are pruned from the shipped JSON; 0 keeps all. */
  prune?: number;
  /** Decimal places kept in the JSON. */
  digits?: number;
}

/** An example for the linear learner: feature counts, category and how much it counts. */
export interface LinearExample {
  counts: Map<string, number>;
  category: Category;
  weight?: number;
}

/**
 * Trains the logistic regression by full-batch gradient descent with Adam (deterministic: no shuffling, zero
 * initialization), so that retraining on the same data gives the same file.
 */
export function trainLinear(examples: readonly LinearExample[], options: LinearTrainOptions = {}): LinearModel {
  const l2 = options.l2 ?? 1e-4;
  const epochs = options.epochs ?? 150;
  const minDf = options.minDf ?? 2;
  const k = CATEGORIES.length;
  const perClass = CATEGORIES.map((c) => examples.filter((e) => e.category === c).length);
  const classWeight = CATEGORIES.map((c, i) => (perClass[i] ? (examples.length / (k * perClass[i]!)) ** (options.balance ?? 0) : 1) * (c === 'security' ? (options.securityWeight ?? 1) : 1));
  const df = new Map<string, number>();
  for (const e of examples) for (const key of e.counts.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const nDocs = examples.length;
  const index = new Map<string, number>();
  const idfs: number[] = [];
  for (const [key, d] of [...df].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (d < minDf && key[0] !== 'r') continue;
    index.set(key, idfs.length);
    idfs.push(key[0] === 'r' ? 1 : Math.log((1 + nDocs) / (1 + d)) + 1);
  }
  const vectors = examples.map((e) => {
    const v = tfidf(e.counts, (key) => {
      const at = index.get(key);
      return at === undefined ? undefined : idfs[at];
    });
    return { idx: Int32Array.from(v.keys, (key) => index.get(key)!), val: Float64Array.from(v.values) };
  });
  const labels = examples.map((e) => CATEGORIES.indexOf(e.category));
  const exWeight = examples.map((e, n) => (e.weight ?? 1) * classWeight[labels[n]!]!);
  const totalWeight = exWeight.reduce((a, b) => a + b, 0);
  const dim = idfs.length;
  const W = new Float64Array(dim * k);
  const b = new Float64Array(k);
  const mW = new Float64Array(dim * k);
  const vW = new Float64Array(dim * k);
  const mb = new Float64Array(k);
  const vb = new Float64Array(k);
  const gW = new Float64Array(dim * k);
  const gb = new Float64Array(k);
  const lr = 0.05;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const p = new Float64Array(k);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    gW.fill(0);
    gb.fill(0);
    for (let n = 0; n < vectors.length; n++) {
      const { idx, val } = vectors[n]!;
      for (let c = 0; c < k; c++) p[c] = b[c]!;
      for (let x = 0; x < idx.length; x++) {
        const at = idx[x]! * k;
        for (let c = 0; c < k; c++) p[c]! += W[at + c]! * val[x]!;
      }
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, p[c]!);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += p[c] = Math.exp(p[c]! - max);
      const w = exWeight[n]! / totalWeight;
      for (let c = 0; c < k; c++) {
        const g = w * (p[c]! / sum - (c === labels[n] ? 1 : 0));
        gb[c]! += g;
        for (let x = 0; x < idx.length; x++) gW[idx[x]! * k + c]! += g * val[x]!;
      }
    }
    const c1 = 1 - beta1 ** epoch;
    const c2 = 1 - beta2 ** epoch;
    for (let j = 0; j < W.length; j++) {
      const g = gW[j]! + l2 * W[j]!;
      mW[j] = beta1 * mW[j]! + (1 - beta1) * g;
      vW[j] = beta2 * vW[j]! + (1 - beta2) * g * g;
      W[j]! -= (lr * (mW[j]! / c1)) / (Math.sqrt(vW[j]! / c2) + 1e-8);
    }
    for (let c = 0; c < k; c++) {
      const g = gb[c]!;
      mb[c] = beta1 * mb[c]! + (1 - beta1) * g;
      vb[c] = beta2 * vb[c]! + (1 - beta2) * g * g;
      b[c]! -= (lr * (mb[c]! / c1)) / (Math.sqrt(vb[c]! / c2) + 1e-8);
    }
  }
  const digits = options.digits ?? 3;
  const scale = 10 ** digits;
  // `|| 0` turns -0 into 0, which JSON would write as 0 anyway.
  const round = (x: number): number => Math.round(x * scale) / scale || 0;
  const prune = options.prune ?? 0;
  const weights: Record<string, number[]> = {};
  for (const [key, at] of index) {
    const row = Array.from(W.subarray(at * k, at * k + k));
    if (prune > 0 && row.every((x) => Math.abs(x) < prune)) continue;
    weights[key] = [round(idfs[at]!), ...row.map(round)];
  }
  return { format: 'walletdesk-triage-linear', version: LINEAR_VERSION, categories: [...CATEGORIES], weights, bias: Array.from(b, round) };
}
