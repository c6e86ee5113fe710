import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainModel, parseLabelledJsonl, assertTrainable } from './train.js';
import { validateModel } from './model.js';
import { loadDefaultModel, triage } from './index.js';

const examples = [
  { text: '我的钱包被盗了', category: 'security' as const },
  { text: 'transaction unconfirmed for days', category: 'transaction' as const },
  { text: 'app crashes on start', category: 'technical' as const },
  { subject: 'question', body: 'how do i export my xpub', category: 'how_to' as const },
  { text: 'partnership proposal', category: 'other' as const },
];

test('trains a model that survives a JSON round trip and gives the same triage', () => {
  const model = trainModel(examples);
  const copy = validateModel(JSON.parse(JSON.stringify(model)));
  for (const body of ['钱包被盗了怎么办', 'my app crashes']) assert.deepEqual(triage({ body }, copy), triage({ body }, model));
  assert.equal(model.trainedOn, 5);
});

test('extends a base model without changing it', () => {
  const base = trainModel(examples);
  const before = JSON.stringify(base);
  const extended = trainModel([{ text: 'app crashes again', category: 'technical' }], { base });
  assert.equal(JSON.stringify(base), before);
  assert.equal(extended.trainedOn, 6);
});

test('refuses JSON that is not a triage model, naming the problem', () => {
  assert.throws(() => validateModel({ hello: 1 }), /not a walletdesk triage model/);
  assert.throws(() => validateModel({ ...trainModel(examples), features: 99 }), /Retrain/);
});

test('parses labelled JSONL, reporting each bad line by number', () => {
  const { examples: ok, problems } = parseLabelledJsonl(['{"text":"a","category":"other"}', '', 'nope', '{"body":"b","category":"weird"}', '{"category":"other"}'].join('\n'));
  assert.equal(ok.length, 1);
  assert.deepEqual(problems.map((p) => p.line), [3, 4, 5]);
});

test('will not train from scratch without examples of every category', () => {
  assert.throws(() => assertTrainable(examples.slice(0, 2)), /none for: technical, how_to, other/);
});

test('ships a default model trained on the corpus', () => {
  const m = loadDefaultModel();
  assert.ok(m.trainedOn >= 500);
  assert.ok(Object.keys(m.vocab).length > 1000);
});
