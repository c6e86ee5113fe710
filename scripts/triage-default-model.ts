/**
 * The shipped default model (src/triage/default-model.json), built from two sets kept apart on disk:
 * - the TRAINING split of the team-written corpus in test/corpus/triage/*.jsonl ("split":"test" is held out);
 * - the DEV half of the real corpus in test/corpus/triage/real/*.jsonl ("split":"test" is held out).
 * Naive Bayes counts each example once; the linear part (issue 21) counts a real message LINEAR_TRAINING.realWeight
 * times (chosen by cross-validation inside those two sets: scripts/triage-cv-linear.ts). Used by
 * scripts/train-triage-model.ts and by test/corpus/triage/heldout.test.ts, which checks the shipped file is this.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { trainModel, trainLinearPart, LINEAR_TRAINING } from '../src/triage/train.js';
import type { TriageModel } from '../src/triage/model.js';
import type { LabelledExample } from '../src/triage/types.js';
import { loadRealCorpus } from './triage-real-corpus.js';

export function defaultModelSets(): { written: LabelledExample[]; realDev: LabelledExample[]; heldOut: { written: number; real: number } } {
  const dir = new URL('../test/corpus/triage/', import.meta.url);
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readFileSync(new URL(f, dir), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LabelledExample & { split: string }));
  const written = all.filter((e) => e.split === 'train').map(({ subject, body, category, priority }) => ({ subject, body, category, priority }));
  const real = loadRealCorpus();
  const realDev = real.filter((r) => r.split === 'dev').map(({ text, category, priority }) => ({ text, category, priority }));
  return { written, realDev, heldOut: { written: all.length - written.length, real: real.length - realDev.length } };
}

export function buildDefaultModel(): TriageModel {
  const { written, realDev } = defaultModelSets();
  const model = trainModel([...written, ...realDev]);
  model.linear = trainLinearPart([...written.map((example) => ({ example })), ...realDev.map((example) => ({ example, weight: LINEAR_TRAINING.realWeight }))]);
  return model;
}

/** Stable JSON: tokens sorted, one per line, no timestamp, so that rebuilding without changes gives the same file. */
export function serializeModel(model: TriageModel): string {
  const sorted = (o: Record<string, number[]>): Array<[string, number[]]> => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = sorted(model.vocab).map(([t, row]) => `    ${JSON.stringify(t)}: ${JSON.stringify(row)}`);
  const linear = model.linear
    ? `,
  "linear": {
    "format": ${JSON.stringify(model.linear.format)},
    "version": ${model.linear.version},
    "categories": ${JSON.stringify(model.linear.categories)},
    "bias": ${JSON.stringify(model.linear.bias)},
    "weights": {
${sorted(model.linear.weights).map(([t, row]) => `      ${JSON.stringify(t)}: ${JSON.stringify(row)}`).join(',\n')}
    }
  }`
    : '';
  return `{
  "format": "walletdesk-triage-nb",
  "features": ${model.features},
  "categories": ${JSON.stringify(model.categories)},
  "priorities": ${JSON.stringify(model.priorities)},
  "docs": ${JSON.stringify(model.docs)},
  "totals": ${JSON.stringify(model.totals)},
  "priorityDocs": ${JSON.stringify(model.priorityDocs)},
  "priorityTotals": ${JSON.stringify(model.priorityTotals)},
  "trainedOn": ${model.trainedOn},
  "vocab": {
${lines.join(',\n')}
  }${linear}
}
`;
}
