/**
 * Scores today's triage on the REAL corpus (every test/corpus/triage/real/*.jsonl: messages.jsonl, mostly
 * English, and messages-zh.jsonl, Chinese): support messages that
 * real wallet users wrote on public issue trackers, each with its source, labelled by
 * test/corpus/triage/GUIDE.md. The shipped model is trained on the `dev` half (scripts/train-triage-model.ts,
 * parameters by cross-validation inside it: scripts/triage-cv-real.ts); rule changes are made from `dev` misses
 * only. The `test` half is never trained or tuned on, and is the measure.
 * Used by scripts/evaluate-triage-real.ts (npm run eval) and test/triage/real-corpus.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { triage, evaluateCategories, CATEGORIES, type Category, type Priority, type TriageModel, type Evaluation } from '../src/triage/index.js';

/**
 * `split` is fixed by the text's hash (first byte of SHA-256 below 128: `dev`, else `test`). Rules may only be
 * changed by looking at `dev` misses; `test` is scored, never read for tuning.
 */
export interface RealMessage { id: string; text: string; lang: string; source: string; category: Category; priority: Priority; split: 'dev' | 'test'; note?: string }

/** The folder of the real corpus: every `*.jsonl` in it is read, in name order. */
export const REAL_CORPUS = new URL('../test/corpus/triage/real/', import.meta.url);

/** The `.jsonl` files of the real corpus folder, in name order (a file URL is returned as is). */
export function realCorpusFiles(dirOrFile: URL = REAL_CORPUS): URL[] {
  if (!dirOrFile.pathname.endsWith('/')) return [dirOrFile];
  return readdirSync(dirOrFile).filter((f) => f.endsWith('.jsonl')).sort().map((f) => new URL(f, dirOrFile));
}

/** Reads the real corpus (a folder: all its `*.jsonl`; or one file); throws on a line that is not a well-formed message. */
export function loadRealCorpus(dirOrFile: URL = REAL_CORPUS): RealMessage[] {
  return realCorpusFiles(dirOrFile).flatMap((file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line, i) => {
    const r = JSON.parse(line) as RealMessage;
    if (!r.id || !r.text || !r.source || !(CATEGORIES as readonly string[]).includes(r.category) || !['low', 'normal', 'high', 'urgent'].includes(r.priority)) {
      throw new Error(`${file.pathname.split('/').pop()} line ${i + 1} is not a labelled message`);
    }
    return r;
  }));
}

/** `zh` for zh-Hans and zh-Hant, else the label itself: the groups `npm run eval` reports one by one. */
export function languageGroup(lang: string): string {
  return lang.startsWith('zh') ? 'zh' : lang;
}

const RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

export interface RealScore {
  name: string;
  n: number;
  byLanguage: Record<string, number>;
  evaluation: Evaluation;
  securityRecall: number;
  /** Labelled high or urgent security reports (theft, loss, exposure) that triage put below high. */
  securityBelowHigh: RealMessage[];
  /** Messages whose predicted priority is exactly the label. */
  priorityAccuracy: number;
  /** Messages labelled high/urgent (any category) that triage put below high. */
  highBelowHigh: number;
  languageAccuracy: number;
  misses: Array<{ id: string; source: string; truth: Category; predicted: Category; text: string }>;
}

/** Triage on every real message with the given model (undefined: the shipped model; null: rules only). */
export function scoreReal(rows: readonly RealMessage[], model: TriageModel | null | undefined, name: string): RealScore {
  const res = rows.map((r) => ({ r, t: triage({ body: r.text }, model) }));
  const evaluation = evaluateCategories(res.map(({ r, t }) => ({ truth: r.category, predicted: t.category })));
  const byLanguage: Record<string, number> = {};
  for (const r of rows) byLanguage[r.lang] = (byLanguage[r.lang] ?? 0) + 1;
  return {
    name,
    n: rows.length,
    byLanguage,
    evaluation,
    securityRecall: evaluation.perCategory.security.recall,
    securityBelowHigh: res.filter(({ r, t }) => r.category === 'security' && RANK[r.priority] >= 2 && RANK[t.priority] < 2).map(({ r }) => r),
    priorityAccuracy: res.filter(({ r, t }) => r.priority === t.priority).length / Math.max(1, res.length),
    highBelowHigh: res.filter(({ r, t }) => RANK[r.priority] >= 2 && RANK[t.priority] < 2).length,
    languageAccuracy: res.filter(({ r, t }) => r.lang === t.language).length / Math.max(1, res.length),
    misses: res.filter(({ r, t }) => r.category !== t.category).map(({ r, t }) => ({ id: r.id, source: r.source, truth: r.category, predicted: t.category, text: r.text })),
  };
}

