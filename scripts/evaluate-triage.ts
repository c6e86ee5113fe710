/**
 * Prints triage quality on the HELD-OUT split of test/corpus/triage (the shipped model never saw it):
 * macro-F1, per-category precision/recall/F1, confusion matrix, priority and language accuracy,
 * for rules + model and for rules alone. Run: node bin/run-ts.js scripts/evaluate-triage.ts
 */
import { readFileSync, readdirSync } from 'node:fs';
import { triage, evaluateCategories, type Category, type Priority, type TriageModel } from '../src/triage/index.js';

interface Row { subject?: string; body: string; category: Category; priority: Priority; language: string; split: string }
const dir = new URL('../test/corpus/triage/', import.meta.url);
const rows: Row[] = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()
  .flatMap((f) => readFileSync(new URL(f, dir), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row))
  .filter((r) => r.split === 'test');

function report(name: string, model: TriageModel | null | undefined): void {
  const res = rows.map((r) => ({ r, t: triage(r.subject ? { subject: r.subject, body: r.body } : { body: r.body }, model) }));
  const e = evaluateCategories(res.map(({ r, t }) => ({ truth: r.category, predicted: t.category })));
  const prio = res.filter(({ r, t }) => r.priority === t.priority).length / res.length;
  const lang = res.filter(({ r, t }) => r.language === t.language).length / res.length;
  const secLow = res.filter(({ r, t }) => r.category === 'security' && t.priority === 'low').length;
  const theftBelowHigh = res.filter(({ r, t }) => r.priority === 'urgent' && (t.priority === 'low' || t.priority === 'normal')).length;
  console.log(JSON.stringify({ name, n: res.length, macroF1: +e.macroF1.toFixed(3), accuracy: +e.accuracy.toFixed(3), securityRecall: +e.perCategory.security.recall.toFixed(3), securityPrecision: +e.perCategory.security.precision.toFixed(3), priorityAccuracy: +prio.toFixed(3), languageAccuracy: +lang.toFixed(3), securityLow: secLow, urgentLabelledBelowHigh: theftBelowHigh }));
  for (const [c, v] of Object.entries(e.perCategory)) console.log(`  ${c.padEnd(12)} P ${v.precision.toFixed(2)} R ${v.recall.toFixed(2)} F1 ${v.f1.toFixed(2)} (n=${v.support})`);
  console.log(`  confusion (rows truth): ${JSON.stringify(e.confusion)}`);
}
report('rules + shipped model', undefined);
report('rules only', null);
