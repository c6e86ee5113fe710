/**
 * Prints triage quality on the real corpus (test/corpus/triage/real/messages.jsonl), for rules + the shipped
 * model and for rules alone: macro-F1, per-category precision/recall/F1, security recall, priority and
 * language accuracy, the confusion matrix. Run: npm run eval [-- --misses | --json | --dev | --test]
 * (--dev / --test: only that half; look at misses on --dev only)
 */
import { CATEGORIES } from '../src/triage/index.js';
import { loadRealCorpus, scoreReal, type RealScore } from './triage-real-corpus.js';

function print(s: RealScore): void {
  const e = s.evaluation;
  console.log(`\n${s.name}: n=${s.n} ${JSON.stringify(s.byLanguage)}`);
  console.log(`  macro-F1 ${e.macroF1.toFixed(3)}  accuracy ${e.accuracy.toFixed(3)}  security recall ${s.securityRecall.toFixed(3)}  priority exact ${s.priorityAccuracy.toFixed(3)}  language ${s.languageAccuracy.toFixed(3)}`);
  console.log(`  security reports (high/urgent) put below high: ${s.securityBelowHigh.length}; any high/urgent put below high: ${s.highBelowHigh}`);
  for (const c of CATEGORIES) {
    const v = e.perCategory[c];
    console.log(`  ${c.padEnd(12)} P ${v.precision.toFixed(2)} R ${v.recall.toFixed(2)} F1 ${v.f1.toFixed(2)} (n=${v.support})`);
  }
  console.log(`  confusion (rows truth, columns predicted: ${CATEGORIES.join(' ')})`);
  for (const t of CATEGORIES) console.log(`  ${t.padEnd(12)} ${CATEGORIES.map((p) => String(e.confusion[t][p]).padStart(5)).join('')}`);
}

{
  const rows = loadRealCorpus();
  const split = process.argv.find((a) => a === '--dev' || a === '--test')?.slice(2);
  const picked = split ? rows.filter((r) => r.split === split) : rows;
  const label = split ? ` [${split} half]` : '';
  const scores = [scoreReal(picked, undefined, `rules + shipped model${label}`), scoreReal(picked, null, `rules only${label}`)];
  if (process.argv.includes('--json')) console.log(JSON.stringify(scores.map(({ misses, securityBelowHigh, ...s }) => ({ ...s, misses: misses.length, securityBelowHigh: securityBelowHigh.map((m) => m.source) })), null, 1));
  else {
    for (const s of scores) print(s);
    if (process.argv.includes('--misses')) for (const m of scores[0]!.misses) console.log(`  ${m.truth} -> ${m.predicted}  ${m.source}  ${m.text.slice(0, 110)}`);
  }
}
