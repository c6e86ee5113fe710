/**
 * Development aid for issue 21: chooses the linear model (src/triage/linear.ts) and how it is combined with the
 * naive Bayes model and the rules, by 5-fold cross-validation over the team-written TRAINING split plus the real
 * corpus's DEV half, exactly like scripts/triage-cv-real.ts (same folds). The real `test` half and the written
 * `test` split are dropped as soon as they are read: nothing here sees them.
 *
 * With no option it scores what ships (LINEAR_TRAINING, LINEAR_PARAMS) next to today's rules + naive Bayes.
 * --grid: L2 × class balance × real weight; --combine: naive Bayes blend, security bias and phrase override;
 * --head: how many dev security reports a probability threshold would catch; --priority: full triage out of fold
 * (priority exact, security reports below high) per threshold; --bias: nested per-category offsets;
 * --misses zh|en|all: the out-of-fold misses (dev only).
 * Run: node bin/run-ts.js scripts/triage-cv-linear.ts [--grid] [--combine] [--head] [--priority] [--bias] [--misses zh|en|all] [--params '{…}']
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { analyzeRequest, decide, triageWith, DEFAULT_PARAMS, LINEAR_PARAMS } from '../src/triage/classify.js';
import { tokenStrings } from '../src/triage/analyze.js';
import { addToModel, emptyModel, prepareModel, scoreTokens, type PreparedModel, type TriageModel } from '../src/triage/model.js';
import { knownFeatures, linearCounts, linearScores, prepareLinear, trainLinear, type PreparedLinear, type LinearModel, type LinearTrainOptions } from '../src/triage/linear.js';
import { combineLinear, securityHead, type LinearCombine } from '../src/triage/combine.js';
import { evaluateCategories } from '../src/triage/evaluate.js';
import { exampleInput, LINEAR_TRAINING } from '../src/triage/train.js';
import { CATEGORIES, type Category, type Priority } from '../src/triage/types.js';
import { loadRealCorpus, languageGroup } from './triage-real-corpus.js';

interface Item { kind: 'written' | 'real'; lang: string; category: Category; priority?: Priority; text: string; source: string; fold: number; a: ReturnType<typeof analyzeRequest>; tokens: string[]; counts: Map<string, number> }

const K = 5;
const foldOf = (text: string): number => createHash('sha256').update(`cv:${text}`).digest()[0]! % K;
const dir = new URL('../test/corpus/triage/', import.meta.url);
const written = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()
  .flatMap((f) => readFileSync(new URL(f, dir), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { subject?: string; body: string; category: Category; priority?: Priority; language: string; split: string }))
  .filter((r) => r.split === 'train');
const realDev = loadRealCorpus().filter((r) => r.split === 'dev');

const items: Item[] = [
  ...written.map((r) => {
    const a = analyzeRequest(exampleInput(r));
    return { kind: 'written' as const, lang: languageGroup(r.language), category: r.category, priority: r.priority, text: `${r.subject ?? ''} ${r.body}`, source: 'written', fold: foldOf(r.body), a, tokens: tokenStrings(a.features), counts: linearCounts(a.normalized, a.matches) };
  }),
  ...realDev.map((r) => {
    const a = analyzeRequest({ body: r.text });
    return { kind: 'real' as const, lang: languageGroup(r.lang), category: r.category, priority: r.priority, text: r.text, source: r.source, fold: foldOf(r.text), a, tokens: tokenStrings(a.features), counts: linearCounts(a.normalized, a.matches) };
  }),
];

const nbCache = new Map<number, PreparedModel>();
function nbModel(fold: number): PreparedModel {
  let p = nbCache.get(fold);
  if (!p) {
    const m = emptyModel();
    for (const it of items) if (it.fold !== fold) addToModel(m, it.tokens, it.category, it.priority);
    p = prepareModel(m);
    nbCache.set(fold, p);
  }
  return p;
}

/**
 * Full triage (priority rules, floors and the security head included), out of fold, on the real dev messages:
 * priority exact, security reports (all labelled high/urgent) put below high, any high/urgent put below high.
 */
function priorityCheck(o: Options, c: LinearCombine): { exact: number; secBelow: string[]; anyBelow: number; raisedWrongly: number } {
  const rank = { urgent: 0, high: 1, normal: 2, low: 3 } as const;
  const lin = rawLinModels(o);
  const models = new Map<number, TriageModel>();
  for (let f = 0; f < K; f++) models.set(f, { ...nbModel(f).model, linear: lin[f]! });
  let exact = 0;
  let n = 0;
  let anyBelow = 0;
  let raisedWrongly = 0;
  const secBelow: string[] = [];
  for (const it of items) {
    if (it.kind !== 'real' || !it.priority) continue;
    const r = triageWith({ body: it.text }, models.get(it.fold)!, DEFAULT_PARAMS, c);
    n++;
    if (r.priority === it.priority) exact++;
    if (rank[it.priority] <= 1 && rank[r.priority] > 1) {
      anyBelow++;
      if (it.category === 'security') secBelow.push(it.source);
    }
    if (rank[it.priority] > 1 && rank[r.priority] <= 1) raisedWrongly++;
  }
  return { exact: exact / n, secBelow, anyBelow, raisedWrongly };
}

type Options = LinearTrainOptions & { realWeight?: number };
const linCache = new Map<string, LinearModel[]>();
function rawLinModels(o: Options): LinearModel[] {
  const key = JSON.stringify(o);
  let ms = linCache.get(key);
  if (!ms) {
    ms = [];
    for (let f = 0; f < K; f++) {
      const train = items.filter((it) => it.fold !== f).map((it) => ({ counts: it.counts, category: it.category, weight: it.kind === 'real' ? (o.realWeight ?? 1) : 1 }));
      ms.push(trainLinear(train, o));
    }
    linCache.set(key, ms);
  }
  return ms;
}
const linModels = (o: Options): PreparedLinear[] => rawLinModels(o).map(prepareLinear);

interface Out { linear: number[]; nb: number[] | null; nbRows: number; known: number }
function outOfFold(o: Options): Out[] {
  const ms = linModels(o);
  return items.map((it) => {
    const s = scoreTokens(nbModel(it.fold), it.a.features);
    return { linear: linearScores(ms[it.fold]!, it.counts), nb: s.scores, nbRows: s.rows.length, known: knownFeatures(ms[it.fold]!, it.counts) };
  });
}

function evaluate(preds: Category[]) {
  const pick = (f: (it: Item) => boolean) => evaluateCategories(items.flatMap((it, i) => (f(it) ? [{ truth: it.category, predicted: preds[i]! }] : [])));
  return { real: pick((it) => it.kind === 'real'), zh: pick((it) => it.kind === 'real' && it.lang === 'zh'), en: pick((it) => it.kind === 'real' && it.lang === 'en'), written: pick((it) => it.kind === 'written') };
}
const fmt = (e: ReturnType<typeof evaluateCategories>): string => `F1 ${e.macroF1.toFixed(3)} acc ${e.accuracy.toFixed(3)} secR ${e.perCategory.security.recall.toFixed(3)} secP ${e.perCategory.security.precision.toFixed(2)}`;
const line = (name: string, r: ReturnType<typeof evaluate>): string => `${name.padEnd(60)} real ${fmt(r.real)} | zh ${fmt(r.zh)} | en ${fmt(r.en)} | written ${fmt(r.written)}`;

function predictAll(outs: Out[], c: LinearCombine): Category[] {
  return items.map((it, i) => {
    // As triageWith: nothing to go on → other; too little for the linear model, or unsure → rules + naive Bayes.
    if (it.a.matches.length === 0 && outs[i]!.nbRows < 2) return 'other';
    if (outs[i]!.known < (c.minFeatures ?? 0)) return decide(it.a.matches, outs[i]!.nb, DEFAULT_PARAMS).category;
    const d = combineLinear(it.a.matches, outs[i]!.linear, outs[i]!.nb, c);
    if (d.confidence < (c.gate ?? 0) && outs[i]!.nb) return decide(it.a.matches, outs[i]!.nb, DEFAULT_PARAMS).category;
    return d.category;
  });
}

/** Real dev security reports labelled high/urgent whose security probability stays under the head's threshold. */
function headMisses(outs: Out[], c: LinearCombine): { missed: string[]; flagged: number; nonSecFlagged: number } {
  const missed: string[] = [];
  let flagged = 0;
  let nonSecFlagged = 0;
  items.forEach((it, i) => {
    if (it.kind !== 'real') return;
    const d = combineLinear(it.a.matches, outs[i]!.linear, outs[i]!.nb, c);
    const hit = d.category === 'security' || securityHead(it.a.matches, d.probabilities, c);
    if (hit) flagged++;
    if (hit && it.category !== 'security') nonSecFlagged++;
    if (it.category === 'security' && !hit) missed.push(it.source);
  });
  return { missed, flagged, nonSecFlagged };
}

console.log(`written train ${items.filter((i) => i.kind === 'written').length}, real dev ${realDev.length} (zh ${items.filter((i) => i.kind === 'real' && i.lang === 'zh').length}, security ${items.filter((i) => i.kind === 'real' && i.category === 'security').length})`);
{
  const preds = items.map((it) => {
    const s = scoreTokens(nbModel(it.fold), it.a.features);
    if (it.a.matches.length === 0 && s.rows.length < 2) return 'other' as Category;
    return decide(it.a.matches, s.scores, DEFAULT_PARAMS).category;
  });
  console.log(line('today: rules + naive Bayes (out of fold)', evaluate(preds)));
}

const argParams = process.argv.indexOf('--params');
const chosen = argParams > 0 ? (JSON.parse(process.argv[argParams + 1]!) as Options & Partial<LinearCombine>) : {};
const DEFAULT_COMBINE: LinearCombine = LINEAR_PARAMS;

if (process.argv.includes('--grid')) {
  for (const l2 of [1e-5, 1e-4, 1e-3])
    for (const balance of [0, 0.5, 1])
      for (const realWeight of [1, 2]) {
        const o: Options = { l2, balance, realWeight, epochs: chosen.epochs ?? 150 };
        const outs = outOfFold(o);
        const bare: LinearCombine = { nbWeight: 0, nbTemperature: 8, securityBias: 0, securityOverride: false };
        console.log(line(JSON.stringify(o), evaluate(predictAll(outs, bare))));
        console.log(line(`  + security phrase override`, evaluate(predictAll(outs, { ...bare, securityOverride: true }))));
      }
}

// Defaults: what ships (LINEAR_TRAINING, LINEAR_PARAMS); --params overrides any of them.
const { l2, epochs, balance, securityWeight, minDf, digits, prune, realWeight } = { ...LINEAR_TRAINING, ...chosen };
const trainOpts: Options = { l2, epochs, balance, securityWeight, minDf, digits, prune, realWeight };
const combine: LinearCombine = { ...DEFAULT_COMBINE, ...chosen };
const outs = outOfFold(trainOpts);
console.log(line(`chosen ${JSON.stringify(trainOpts)} ${JSON.stringify(combine)}`, evaluate(predictAll(outs, combine))));

if (process.argv.includes('--combine')) {
  for (const nbWeight of [0, 0.25, 0.5, 1])
    for (const nbTemperature of [4, 8, 16])
      for (const securityBias of [0, 0.5, 1])
        for (const securityOverride of [false, true]) {
          if (nbWeight === 0 && nbTemperature !== 8) continue;
          const c = { ...combine, nbWeight, nbTemperature, securityBias, securityOverride };
          console.log(line(JSON.stringify({ nbWeight, nbTemperature, securityBias, securityOverride }), evaluate(predictAll(outs, c))));
        }
}

if (process.argv.includes('--head')) {
  for (const headThreshold of [0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3]) {
    const h = headMisses(outs, { ...combine, headThreshold });
    console.log(`head threshold ${headThreshold}: real dev security reports missed ${h.missed.length} [${h.missed.join(' ')}]; flagged ${h.flagged} of ${items.filter((i) => i.kind === 'real').length}, of which not security ${h.nonSecFlagged}`);
  }
}

if (process.argv.includes('--priority')) {
  for (const headThreshold of [0.1, 0.2, 0.3, 0.5, undefined]) {
    const r = priorityCheck(trainOpts, { ...combine, headThreshold });
    console.log(`head ${headThreshold ?? 'off'}: priority exact ${r.exact.toFixed(3)}; security below high ${r.secBelow.length} [${r.secBelow.join(' ')}]; any high/urgent below high ${r.anyBelow}; normal/low raised to high+ ${r.raisedWrongly}`);
  }
}

if (process.argv.includes('--bias')) {
  // Per-category offsets by coordinate ascent on real-dev out-of-fold macro-F1. Nested: offsets are fitted on
  // four folds' predictions and scored on the fifth, so the reported gain is not the fit's own.
  const fit = (use: (it: Item) => boolean): number[] => {
    const bias = CATEGORIES.map(() => 0);
    const score = (b: number[]): number => {
      const preds = predictAll(outs, { ...combine, classBias: b });
      return evaluateCategories(items.flatMap((it, i) => (it.kind === 'real' && use(it) ? [{ truth: it.category, predicted: preds[i]! }] : []))).macroF1;
    };
    let best = score(bias);
    for (let round = 0; round < 2; round++)
      for (let c = 0; c < CATEGORIES.length; c++)
        for (const v of [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1]) {
          const b = [...bias];
          b[c] = v;
          const s = score(b);
          if (s > best + 1e-9) {
            best = s;
            bias[c] = v;
          }
        }
    return bias;
  };
  const nested: Category[] = new Array<Category>(items.length);
  for (let f = 0; f < K; f++) {
    const b = fit((it) => it.fold !== f);
    console.log(`fold ${f}: offsets ${JSON.stringify(b)}`);
    const preds = predictAll(outs, { ...combine, classBias: b });
    items.forEach((it, i) => {
      if (it.fold === f) nested[i] = preds[i]!;
    });
  }
  console.log(line('nested per-category offsets', evaluate(nested)));
  console.log(`offsets on all dev: ${JSON.stringify(fit(() => true))}`);
}

const missArg = process.argv.indexOf('--misses');
if (missArg > 0) {
  const lang = process.argv[missArg + 1];
  const preds = predictAll(outs, combine);
  items.forEach((it, i) => {
    if (it.kind === 'real' && (lang === 'all' || it.lang === lang) && preds[i] !== it.category) console.log(`${it.category} -> ${preds[i]}  ${it.source}  ${it.text.slice(0, 140).replace(/\s+/g, ' ')}`);
  });
}
