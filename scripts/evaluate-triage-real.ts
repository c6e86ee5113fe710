/**
 * Prints triage quality on the real corpus (every test/corpus/triage/real/*.jsonl), for rules + the shipped
 * model and for rules alone: macro-F1, per-category precision/recall/F1, security recall, priority and
 * language accuracy, the confusion matrix; then the same for each language group (en, zh).
 * Run: npm run eval [-- --misses | --json | --dev | --test | --lang zh]
 * (--dev / --test: only that half; look at misses on --dev only; --lang: only that language group)
 */
import { CATEGORIES } from '../src/triage/index.js';
import { loadRealCorpus, scoreReal, languageGroup, type RealScore } from './triage-real-corpus.js';

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
  const langArg = process.argv.indexOf('--lang');
  const lang = langArg > 0 ? process.argv[langArg + 1] : undefined;
  const rows = loadRealCorpus().filter((r) => !lang || languageGroup(r.lang) === lang);
  const split = process.argv.find((a) => a === '--dev' || a === '--test')?.slice(2);
  const picked = split ? rows.filter((r) => r.split === split) : rows;
  const label = (split ? ` [${split} half]` : '') + (lang ? ` [${lang}]` : '');
  const scores = [scoreReal(picked, undefined, `rules + shipped model${label}`), scoreReal(picked, null, `rules only${label}`)];
  if (!lang) {
    for (const g of [...new Set(picked.map((r) => languageGroup(r.lang)))].sort()) {
      const sub = picked.filter((r) => languageGroup(r.lang) === g);
      scores.push(scoreReal(sub, undefined, `rules + shipped model${label} [${g}]`), scoreReal(sub, null, `rules only${label} [${g}]`));
    }
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(scores.map(({ misses, securityBelowHigh, ...s }) => ({ ...s, misses: misses.length, securityBelowHigh: securityBelowHigh.map((m) => m.source) })), null, 1));
  else {
    for (const s of scores) print(s);
    if (process.argv.includes('--misses')) for (const m of scores[0]!.misses) console.log(`  ${m.truth} -> ${m.predicted}  ${m.source}  ${m.text.slice(0, 110)}`);
  }
}
