/**
 * Quality on the held-out split of the labelled corpus. The split of each example is fixed by a hash of its
 * text (checked below), and the shipped model is exactly the one trained on the training split plus the real
 * corpus's `dev` half (also checked), so these numbers are measured on requests the model never saw.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { triage, loadDefaultModel, trainModel, evaluateCategories, type Category, type Priority } from '../../../src/triage/index.js';
import { loadRealCorpus } from '../../../scripts/triage-real-corpus.js';
import { buildDefaultModel, serializeModel } from '../../../scripts/triage-default-model.js';

interface Row { subject?: string; body: string; category: Category; priority: Priority; language: string; split: 'train' | 'test' }
const dir = new URL('./', import.meta.url);
const rows: Row[] = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) => readFileSync(new URL(f, dir), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row));
const heldOut = rows.filter((r) => r.split === 'test');
const results = heldOut.map((r) => ({ row: r, result: triage(r.subject ? { subject: r.subject, body: r.body } : { body: r.body }) }));

test('the corpus has several hundred examples in every category and language, about 30% held out', () => {
  assert.ok(rows.length >= 900);
  for (const c of ['security', 'transaction', 'technical', 'how_to', 'other'] as const) {
    for (const lang of ['zh-Hans', 'zh-Hant', 'en']) assert.ok(rows.filter((r) => r.category === c && r.language === lang).length >= 25, `${c}/${lang}`);
  }
  assert.ok(heldOut.length >= 250);
});

test('each example is in the split a hash of its text puts it in, so nobody chose the held-out examples', () => {
  const wrong = rows.filter((r) => {
    const key = (r.subject ? `${r.subject}\n` : '') + r.body;
    return (createHash('sha256').update(key).digest()[0]! < 77 ? 'test' : 'train') !== r.split;
  });
  assert.deepEqual(wrong.map((r) => r.body), []);
});

test('the shipped model is the one trained on the training split and the real dev half, no held-out text', () => {
  const train = rows.filter((r) => r.split === 'train');
  const realDev = loadRealCorpus().filter((r) => r.split === 'dev').map(({ text, category, priority }) => ({ text, category, priority }));
  const retrained = trainModel([...train, ...realDev]);
  const shipped = loadDefaultModel();
  assert.equal(shipped.trainedOn, train.length + realDev.length);
  assert.deepEqual(shipped.docs, retrained.docs);
  assert.deepEqual(shipped.vocab, retrained.vocab);
});

test('the shipped file is exactly the model rebuilt from the same two sets, linear part included, under 2 MB', () => {
  const file = new URL('../../../src/triage/default-model.json', import.meta.url);
  const shipped = readFileSync(file, 'utf8');
  assert.ok(loadDefaultModel().linear, 'the shipped model has no linear part');
  // Compared as text (training is deterministic) so that a difference is reported as a line, not a whole model.
  const rebuilt = serializeModel(buildDefaultModel()).split('\n');
  const lines = shipped.split('\n');
  const first = rebuilt.findIndex((l, i) => l !== lines[i]);
  assert.equal(first < 0 && rebuilt.length === lines.length ? '' : `line ${first + 1}: ${lines[first]} vs ${rebuilt[first]}`, '');
  assert.ok(statSync(file).size < 2_000_000);
});

test('finds at least 95% of the held-out security requests', () => {
  const sec = results.filter((x) => x.row.category === 'security');
  const found = sec.filter((x) => x.result.category === 'security').length;
  assert.ok(found / sec.length >= 0.95, `security recall ${found}/${sec.length}`);
});

test('reaches a macro-F1 of at least 0.8 over the five categories on the held-out split', () => {
  const e = evaluateCategories(results.map((x) => ({ truth: x.row.category, predicted: x.result.category })));
  assert.ok(e.macroF1 >= 0.8, `macro-F1 ${e.macroF1.toFixed(3)}`);
});

test('never gives a held-out security request low priority', () => {
  const low = results.filter((x) => x.row.category === 'security' && x.result.priority === 'low');
  assert.deepEqual(low.map((x) => x.row.body), []);
});

test('detects the labelled language of at least 97% of held-out requests', () => {
  const right = results.filter((x) => x.result.language === x.row.language).length;
  assert.ok(right / results.length >= 0.97, `language ${right}/${results.length}`);
});
