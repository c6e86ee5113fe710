/**
 * Triage throughput on one core (msgPerSec: wall clock; msgPerCpuSec: per second of this process's CPU time,
 * which stays meaningful when other work shares the machine): the labelled corpus as written (short chat-style requests), and e-mail-length
 * requests (a subject and three to five requests joined, 150–400 characters). Also the time to train the
 * model from the corpus. Each case runs with the shipped model and, back to back, with the same model without its
 * linear part (issue 21: naive Bayes and rules only, what shipped before), so the cost of the linear part is
 * measured under the same load. `real-messages`: the real corpus (test/corpus/triage/real), users' own length.
 * One JSON line per measurement.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { triage, loadDefaultModel, trainModel, type TriageInput, type TriageModel, type LabelledExample } from '../src/triage/index.js';
import { loadRealCorpus } from '../scripts/triage-real-corpus.js';

const dir = new URL('../test/corpus/triage/', import.meta.url);
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) => readFileSync(new URL(f, dir), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LabelledExample & { body: string }));

const short: TriageInput[] = corpus.map((r) => (r.subject ? { subject: r.subject, body: r.body } : { body: r.body }));
const long: TriageInput[] = corpus.map((r, i) => {
  const n = 3 + (i % 3);
  const parts = Array.from({ length: n }, (_, k) => corpus[(i + k * 97) % corpus.length]!.body);
  return { subject: r.body.slice(0, 20), body: parts.join(' ') };
});

const real: TriageInput[] = loadRealCorpus().map((r) => ({ body: r.text }));

function measure(name: string, inputs: TriageInput[], seconds: number, model?: TriageModel): void {
  for (let i = 0; i < 2000; i++) triage(inputs[i % inputs.length]!, model);
  let n = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    for (let k = 0; k < 100; k++) triage(inputs[(n + k) % inputs.length]!, model);
    n += 100;
  }
  const ms = performance.now() - start;
  const cpuUsed = process.cpuUsage(cpu);
  const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
  const avgChars = inputs.reduce((s, x) => s + x.body.length + (x.subject?.length ?? 0), 0) / inputs.length;
  console.log(JSON.stringify({ bench: 'triage', case: name, messages: n, avgChars: Math.round(avgChars), msgPerSec: Math.round((n / ms) * 1000), msgPerCpuSec: Math.round((n / cpuMs) * 1000), usPerMsg: +((ms / n) * 1000).toFixed(1) }));
}

const t0 = performance.now();
loadDefaultModel();
console.log(JSON.stringify({ bench: 'triage', case: 'load-default-model', ms: +(performance.now() - t0).toFixed(1) }));
const { linear: _linear, ...naiveBayesOnly } = loadDefaultModel();
for (const [name, inputs] of [['corpus-as-written', short], ['email-length', long], ['real-messages', real]] as const) {
  measure(name, inputs, 5);
  measure(`${name} (naive Bayes only)`, inputs, 5, naiveBayesOnly);
}
const t1 = performance.now();
const model = trainModel(corpus);
console.log(JSON.stringify({ bench: 'triage', case: 'train', examples: model.trainedOn, ms: +(performance.now() - t1).toFixed(1) }));
