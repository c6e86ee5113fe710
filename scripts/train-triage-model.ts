/**
 * Builds the shipped default model, src/triage/default-model.json, from the TRAINING split of the labelled
 * corpus in test/corpus/triage/*.jsonl (examples marked "split":"test" are held out and never used here).
 * Run: node bin/run-ts.js scripts/train-triage-model.ts
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { trainModel } from '../src/triage/train.js';
import type { LabelledExample } from '../src/triage/types.js';

const dir = new URL('../test/corpus/triage/', import.meta.url);
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) => readFileSync(new URL(f, dir), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LabelledExample & { split: string }));
const train = all.filter((e) => e.split === 'train').map(({ subject, body, category, priority }) => ({ subject, body, category, priority }));
const model = trainModel(train);
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
console.log(`trained on ${train.length} examples (held out: ${all.length - train.length}); vocabulary ${lines.length} tokens`);
