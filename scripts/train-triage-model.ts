/**
 * Builds the shipped default model, src/triage/default-model.json, from two sets kept apart on disk:
 * - the TRAINING split of the team-written corpus in test/corpus/triage/*.jsonl ("split":"test" is held out);
 * - the DEV half of the real corpus in test/corpus/triage/real/*.jsonl ("split":"test" is held out).
 * Each example counts once (realWeight 1, chosen by cross-validation inside those two sets:
 * scripts/triage-cv-real.ts). Run: node bin/run-ts.js scripts/train-triage-model.ts
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { trainModel } from '../src/triage/train.js';
import type { LabelledExample } from '../src/triage/types.js';
import { loadRealCorpus } from './triage-real-corpus.js';

const dir = new URL('../test/corpus/triage/', import.meta.url);
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) => readFileSync(new URL(f, dir), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LabelledExample & { split: string }));
const train = all.filter((e) => e.split === 'train').map(({ subject, body, category, priority }) => ({ subject, body, category, priority }));
const real = loadRealCorpus();
const realDev = real.filter((r) => r.split === 'dev').map(({ text, category, priority }) => ({ text, category, priority }));
const model = trainModel([...train, ...realDev]);
// Stable output: tokens sorted, no timestamp, so that rebuilding without changes gives the same file.
const vocab = Object.fromEntries(Object.entries(model.vocab).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const lines = Object.entries(vocab).map(([t, row]) => `    ${JSON.stringify(t)}: ${JSON.stringify(row)}`);
const json = `{
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
  }
}
`;
writeFileSync(new URL('../src/triage/default-model.json', import.meta.url), json);
console.log(`trained on ${train.length} written examples (held out: ${all.length - train.length}) and ${realDev.length} real dev messages (held out: ${real.length - realDev.length}); vocabulary ${lines.length} tokens; ${json.length} bytes`);
