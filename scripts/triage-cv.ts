/**
 * Development aid: k-fold cross-validation of triage on the TRAINING split of test/corpus/triage only
 * (the held-out split is never read here). Used to choose the rule/model combination parameters.
 * Run: node bin/run-ts.js scripts/triage-cv.ts [--errors] [--grid]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { triageWith, DEFAULT_PARAMS, type CombineParams } from '../src/triage/classify.js';
import { evaluateCategories } from '../src/triage/evaluate.js';
import { trainModel, exampleInput } from '../src/triage/train.js';
import type { Category, Priority } from '../src/triage/types.js';

interface Row { subject?: string; body: string; category: Category; priority: Priority; language: string; split: string }
const dir = new URL('../test/corpus/triage/', import.meta.url);
const rows: Row[] = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()
  .flatMap((f) => readFileSync(new URL(f, dir), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row))
  .filter((r) => r.split === 'train');

const K = 5;
const folds = rows.map((_, i) => i % K);
function cv(params: CombineParams, useModel = true, showErrors = false) {
  const pairs: Array<{ truth: Category; predicted: Category }> = [];
  let prioOk = 0, secLow = 0;
  for (let f = 0; f < K; f++) {
    const model = useModel ? trainModel(rows.filter((_, i) => folds[i] !== f)) : null;
    rows.forEach((r, i) => {
      if (folds[i] !== f) return;
      const res = triageWith(exampleInput(r), model, params);
      pairs.push({ truth: r.category, predicted: res.category });
      if (res.priority === r.priority) prioOk++;
      if (r.category === 'security' && res.priority === 'low') secLow++;
      if (showErrors && (res.category !== r.category || res.priority !== r.priority)) {
        console.log(`${r.category}/${r.priority} -> ${res.category}/${res.priority}  ${r.subject ?? ''} ${r.body.slice(0, 90)}  | ${res.reasons.join('; ')}`);
      }
    });
  }
  const e = evaluateCategories(pairs);
  return { macroF1: +e.macroF1.toFixed(3), acc: +e.accuracy.toFixed(3), secRecall: +e.perCategory.security.recall.toFixed(3), secPrec: +e.perCategory.security.precision.toFixed(3), prio: +(prioOk / rows.length).toFixed(3), secLow, f1: Object.fromEntries(Object.entries(e.perCategory).map(([c, v]) => [c, +v.f1.toFixed(2)])) };
}

console.log(`train split: ${rows.length} examples`);
if (process.argv.includes('--priority-grid')) {
  for (const priorityTemperature of [1, 2, 4, 8])
    for (const priorityThreshold of [0.6, 0.7, 0.8, 0.9, 0.95, 2]) {
      const p = { ...DEFAULT_PARAMS, priorityTemperature, priorityThreshold };
      console.log(JSON.stringify({ priorityTemperature, priorityThreshold }), JSON.stringify(cv(p)));
    }
} else if (process.argv.includes('--grid')) {
  const results: Array<[string, ReturnType<typeof cv>]> = [];
  for (const ruleWeight of [0.3, 0.6, 1])
    for (const temperature of [1, 2, 4, 8])
      for (const securityBias of [0, 0.5, 1])
        for (const strongRule of [3, 4, 6])
          for (const margin of [2, 3]) {
            const p = { ...DEFAULT_PARAMS, ruleWeight, temperature, securityBias, strongRule, margin };
            results.push([JSON.stringify(p), cv(p)]);
          }
  results.sort((a, b) => b[1].macroF1 - a[1].macroF1);
  for (const [p, r] of results.slice(0, 15)) console.log(p, JSON.stringify(r));
} else {
  console.log('rules only  ', JSON.stringify(cv(DEFAULT_PARAMS, false)));
  console.log('rules+model ', JSON.stringify(cv(DEFAULT_PARAMS, true, process.argv.includes('--errors'))));
}
