import { CATEGORIES, type Category } from './types.js';

/** Per-category precision, recall and F1, the confusion matrix (rows: truth), accuracy and macro-F1. */
export interface Evaluation {
  n: number;
  accuracy: number;
  macroF1: number;
  perCategory: Record<Category, { precision: number; recall: number; f1: number; support: number }>;
  confusion: Record<Category, Record<Category, number>>;
}

/** Scores predicted categories against the truth. */
export function evaluateCategories(pairs: ReadonlyArray<{ truth: Category; predicted: Category }>): Evaluation {
  const confusion = Object.fromEntries(CATEGORIES.map((t) => [t, Object.fromEntries(CATEGORIES.map((p) => [p, 0]))])) as Evaluation['confusion'];
  for (const { truth, predicted } of pairs) confusion[truth][predicted] += 1;
  const perCategory = {} as Evaluation['perCategory'];
  let f1Sum = 0;
  let correct = 0;
  for (const c of CATEGORIES) {
    const tp = confusion[c][c];
    correct += tp;
    const predicted = CATEGORIES.reduce((s, t) => s + confusion[t][c], 0);
    const support = CATEGORIES.reduce((s, p) => s + confusion[c][p], 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perCategory[c] = { precision, recall, f1, support };
    f1Sum += f1;
  }
  return { n: pairs.length, accuracy: pairs.length ? correct / pairs.length : 0, macroF1: f1Sum / CATEGORIES.length, perCategory, confusion };
}
