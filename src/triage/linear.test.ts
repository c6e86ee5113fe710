import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRequest, triageWith, DEFAULT_PARAMS, LINEAR_PARAMS } from './classify.js';
import { linearCounts, linearScores, linearScoresOf, prepareLinear, trainLinear, type LinearExample } from './linear.js';
import { combineLinear, securityHead } from './combine.js';
import { validateModel } from './model.js';
import { trainModel } from './train.js';
import { loadDefaultModel, triage } from './index.js';
import { CATEGORIES, type Category } from './types.js';

const counts = (text: string): Map<string, number> => {
  const a = analyzeRequest({ body: text });
  return linearCounts(a.normalized, a.matches);
};

test('features: Chinese character 1–3-grams, English words and bigrams within a sentence, and the rules that fired', () => {
  const c = counts('钱包被盗 my coins were stolen. Help');
  for (const k of ['c钱', 'c钱包', 'c钱包被', 'c被盗', 'wcoin', 'bmy coin', 'bcoin were', 'whelp']) assert.ok(c.has(k), k);
  // No bigram across the full stop: "stolen. help" is not a phrase.
  assert.ok(!c.has('bstolen help'));
  assert.ok((c.get('rsecurity') ?? 0) >= 3, 'the theft phrase counts as rule evidence');
  assert.ok(c.has('p被盗'));
});

test('features: Traditional Chinese gives the same n-grams as Simplified', () => {
  const simp = [...counts('我的钱包被盗了').keys()].filter((k) => k.startsWith('c')).sort();
  const trad = [...counts('我的錢包被盜了').keys()].filter((k) => k.startsWith('c')).sort();
  assert.deepEqual(trad, simp);
});

test('scoring straight from the text gives the same scores as from the counts', () => {
  const p = prepareLinear(loadDefaultModel().linear!);
  for (const body of ['我的钱包被盗了，币全部被转走了', 'Transaction confirmed but no bitcoin in my wallet. Sent 0.1 BTC 3 days ago', '手续费能不能调低一点 fee too high', '']) {
    const a = analyzeRequest({ body });
    assert.deepEqual(linearScoresOf(p, a.normalized, a.matches).scores, linearScores(p, linearCounts(a.normalized, a.matches)), body);
  }
});

test('learns a separable toy set, deterministically', () => {
  const ex = (text: string, category: Category): LinearExample => ({ counts: counts(text), category });
  const data: LinearExample[] = [];
  for (let i = 0; i < 6; i++) {
    data.push(ex(`alpha bravo ${i}`, 'security'), ex(`charlie delta ${i}`, 'transaction'), ex(`echo foxtrot ${i}`, 'technical'), ex(`golf hotel ${i}`, 'how_to'), ex(`india juliet ${i}`, 'other'));
  }
  const a = trainLinear(data, { epochs: 60, minDf: 1 });
  const b = trainLinear(data, { epochs: 60, minDf: 1 });
  assert.deepEqual(a, b);
  const p = prepareLinear(a);
  const guess = (text: string): Category => {
    const s = linearScores(p, counts(text));
    return CATEGORIES[s.indexOf(Math.max(...s))]!;
  };
  assert.equal(guess('bravo alpha'), 'security');
  assert.equal(guess('delta'), 'transaction');
  assert.equal(guess('foxtrot echo'), 'technical');
  assert.equal(guess('hotel'), 'how_to');
  assert.equal(guess('juliet india'), 'other');
});

test('class weights move a doubtful message towards the weighted class', () => {
  const data: LinearExample[] = [];
  for (let i = 0; i < 5; i++) data.push({ counts: counts(`shared word alpha${i}`), category: 'security' }, { counts: counts(`shared word beta${i}`), category: 'technical' });
  const plain = prepareLinear(trainLinear(data, { epochs: 60, minDf: 1 }));
  const weighted = prepareLinear(trainLinear(data, { epochs: 60, minDf: 1, securityWeight: 3 }));
  const margin = (p: ReturnType<typeof prepareLinear>): number => {
    const s = linearScores(p, counts('shared word'));
    return s[0]! - s[2]!;
  };
  assert.ok(margin(weighted) > margin(plain) + 0.1, `${margin(weighted)} vs ${margin(plain)}`);
});

test('a decisive security phrase wins over the linear model, and fires the security head', () => {
  const a = analyzeRequest({ body: '我的钱包被盗了' });
  const technical = [0, 0, 5, 0, 0];
  const d = combineLinear(a.matches, technical, null, { ...LINEAR_PARAMS, gate: 0 });
  assert.equal(d.category, 'security');
  assert.equal(securityHead(a.matches, d.probabilities, LINEAR_PARAMS), true);
  const calm = analyzeRequest({ body: 'the app crashes on start' });
  assert.equal(combineLinear(calm.matches, technical, null, LINEAR_PARAMS).category, 'technical');
  assert.equal(securityHead(calm.matches, [0.3, 0.01, 0.67, 0.01, 0.01], LINEAR_PARAMS), false, 'no probability threshold by default');
  assert.equal(securityHead(calm.matches, [0.3, 0.01, 0.67, 0.01, 0.01], { ...LINEAR_PARAMS, headThreshold: 0.2 }), true);
});

test('with a probability threshold, the security head keeps a possible theft report at high under another category', () => {
  // A model whose linear part leans to security but not enough to win against a technical rule.
  const base = loadDefaultModel();
  const model = { ...base, linear: { ...base.linear!, bias: [6.5, -5, 2.6, -5, -5] } };
  const r = triageWith({ body: 'the app crashes on start' }, model, DEFAULT_PARAMS, { ...LINEAR_PARAMS, gate: 0, nbWeight: 0, securityBias: 0, headThreshold: 0.2 });
  assert.equal(r.category, 'technical');
  assert.equal(r.priority, 'high');
  assert.match(r.reasons.at(-1)!, /possible theft or exposure/);
});

test('the shipped model carries a linear part, and a damaged one is refused with a clear message', () => {
  const m = loadDefaultModel();
  assert.ok(m.linear && Object.keys(m.linear.weights).length > 1000);
  const damaged = structuredClone(m);
  damaged.linear!.bias = [1, 2];
  assert.throws(() => validateModel(damaged), /linear part/);
  assert.throws(() => validateModel({ ...structuredClone(m), linear: { format: 'other' } }), /linear part/);
});

test('corrections added to the shipped model keep its linear part', () => {
  const model = trainModel([{ body: '手续费能不能调低一点', category: 'transaction', priority: 'low' }], { base: loadDefaultModel(), weight: 5 });
  assert.deepEqual(model.linear, loadDefaultModel().linear);
  assert.equal(triage({ body: '我的钱包被盗了，币全部被转走了' }, model).category, 'security');
});

test('a request with almost nothing the linear model knows is decided the older way, not by its security bias', () => {
  const r = triage({ subject: 's', body: 'b' });
  assert.notEqual(r.category, 'security');
  assert.ok(r.priority === 'normal' || r.priority === 'low', r.priority);
  const p = prepareLinear(loadDefaultModel().linear!);
  const a = analyzeRequest({ body: 's\nb' });
  assert.ok(linearScoresOf(p, a.normalized, a.matches).known < LINEAR_PARAMS.minFeatures!);
});
