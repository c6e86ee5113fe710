import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correctionToExample } from './corrections.js';
import { trainModel } from './train.js';
import { triage, loadDefaultModel } from './index.js';

test('turns a correction into a labelled example with the corrected category and the kept priority', () => {
  const ex = correctionToExample({ input: { subject: 'hi', body: '请帮我看看这个' }, from: { category: 'other', priority: 'low' }, to: { category: 'how_to' } });
  assert.deepEqual(ex, { subject: 'hi', body: '请帮我看看这个', category: 'how_to', priority: 'low' });
});

test('refuses a correction that changes nothing', () => {
  assert.throws(() => correctionToExample({ input: { body: 'x' }, from: { category: 'other', priority: 'low' }, to: { category: 'other' } }), /changes neither/);
});

test('feeds a model that then follows the corrections', () => {
  const text = 'zorblax flimflam quux';
  const corrections = Array.from({ length: 5 }, () => correctionToExample({ input: { body: text }, from: { category: 'other', priority: 'low' }, to: { category: 'technical', priority: 'normal' } }));
  const others = ['hello', 'thanks a lot', 'my wallet was stolen', 'tx not received', 'how do i backup'].map((body, i) => ({ body, category: (['other', 'other', 'security', 'transaction', 'how_to'] as const)[i]! }));
  const model = trainModel([...corrections, ...others]);
  assert.equal(triage({ body: text }, model).category, 'technical');
});

test('feeds the priority model, which then overrides the rules for similar requests', () => {
  const body = '能不能把手续费调低一点，感觉有点贵';
  assert.equal(triage({ body }).priority, 'normal');
  const ex = correctionToExample({ input: { body }, from: { category: 'transaction', priority: 'normal' }, to: { priority: 'low' } });
  const model = trainModel([ex], { base: loadDefaultModel(), weight: 5 });
  const r = triage({ body: '手续费能不能调低一点' }, model);
  assert.equal(r.priority, 'low');
  assert.match(r.reasons.at(-1)!, /model .*rules said normal/);
});

test('cannot be taught to put a theft report below high', () => {
  const body = '我的钱包被盗了，币全部被转走了';
  const ex = correctionToExample({ input: { body }, from: { category: 'security', priority: 'urgent' }, to: { priority: 'low' } });
  const model = trainModel([ex], { base: loadDefaultModel(), weight: 50 });
  const r = triage({ body }, model);
  assert.equal(r.category, 'security');
  assert.ok(r.priority === 'urgent' || r.priority === 'high');
});
