import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correctionToExample } from './corrections.js';
import { trainModel } from './train.js';
import { triage } from './index.js';

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
