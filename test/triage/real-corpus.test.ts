/**
 * Today's triage on real users' words (every test/corpus/triage/real/*.jsonl: messages.jsonl and
 * messages-zh.jsonl, labelled by test/corpus/triage/GUIDE.md). Nothing is trained or tuned on this set. The
 * floors sit a little below the values measured when the set was collected (docs/triage.md), per language
 * group, so a change that makes triage worse on real messages fails here; raise them when triage gets better.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { loadRealCorpus, realCorpusFiles, scoreReal, languageGroup } from '../../scripts/triage-real-corpus.js';

/**
 * Measured on the Chinese half when it was collected (docs/triage.md), a little below. Re-measured when the half
 * grew from 229 to 1,009 messages (pool operators, payment gateways, SDK users): the rules and the model did not
 * change, the set got harder (macro-F1 0.529 → 0.409, accuracy 0.594 → 0.548, security recall 4/4 → 7/11).
 */
const ZH_FLOOR = { macroF1: 0.39, accuracy: 0.53, securityRecall: 0.6, testAccuracy: 0.51, securityBelowHigh: 2 };

const rows = loadRealCorpus();
const en = rows.filter((r) => languageGroup(r.lang) === 'en');
const zh = rows.filter((r) => languageGroup(r.lang) === 'zh');

test('the real corpus is every .jsonl file of the folder, the Chinese half included', () => {
  const names = realCorpusFiles().map((u) => u.pathname.split('/').pop());
  assert.ok(names.includes('messages.jsonl') && names.includes('messages-zh.jsonl'), names.join(', '));
  const perFile = realCorpusFiles().map((u) => loadRealCorpus(u).length);
  assert.equal(perFile.reduce((a, b) => a + b, 0), rows.length);
  assert.ok(zh.length >= 1000, `only ${zh.length} Chinese messages`);
  assert.ok(loadRealCorpus(realCorpusFiles().find((u) => u.pathname.endsWith('messages-zh.jsonl'))!).every((r) => r.lang.startsWith('zh')));
});

test('every real message has a source, a language, a label and a unique id, and no e-mail address or txid', () => {
  assert.ok(rows.length >= 1200, `only ${rows.length} messages`);
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length);
  assert.equal(new Set(rows.map((r) => r.text)).size, rows.length, 'a message appears twice');
  for (const r of rows) {
    assert.match(r.source, /^[\w.-]+\/[\w.-]+#\d+$|^https?:\/\//, r.id);
    assert.ok(['en', 'zh-Hans', 'zh-Hant'].includes(r.lang), r.id);
    assert.doesNotMatch(r.text, /[\w.+-]+@[\w-]+\.[a-z]{2,}/i, `${r.id} has an e-mail address`);
    assert.doesNotMatch(r.text, /\b[0-9a-f]{64}\b/i, `${r.id} has a txid`);
  }
  for (const c of ['security', 'transaction', 'technical', 'how_to', 'other'] as const) assert.ok(rows.some((r) => r.category === c), c);
});

test('theft, loss and exposure are labelled high or urgent, never lower (the guide)', () => {
  const low = rows.filter((r) => r.category === 'security' && (r.priority === 'low' || r.priority === 'normal'));
  assert.deepEqual(low.map((r) => r.id), []);
});

test('each message is in the half a hash of its text puts it in, so nobody chose the test half', () => {
  const wrong = rows.filter((r) => (createHash('sha256').update(r.text).digest()[0]! < 128 ? 'dev' : 'test') !== r.split);
  assert.deepEqual(wrong.map((r) => r.id), []);
  assert.ok(rows.filter((r) => r.split === 'test').length >= 100);
});

test('triage with the shipped model stays at or above its measured quality on the real English messages', () => {
  const s = scoreReal(en, undefined, 'shipped');
  assert.ok(s.evaluation.macroF1 >= 0.64, `macro-F1 ${s.evaluation.macroF1.toFixed(3)}`);
  assert.ok(s.evaluation.accuracy >= 0.8, `accuracy ${s.evaluation.accuracy.toFixed(3)}`);
  assert.ok(s.securityRecall >= 0.77, `security recall ${s.securityRecall.toFixed(3)}`);
  assert.ok(s.languageAccuracy >= 0.99, `language ${s.languageAccuracy.toFixed(3)}`);
  assert.ok(s.securityBelowHigh.length <= 4, `security reports below high: ${s.securityBelowHigh.map((r) => r.source).join(', ')}`);
  const t = scoreReal(en.filter((r) => r.split === 'test'), undefined, 'test half');
  assert.ok(t.evaluation.macroF1 >= 0.61, `test-half macro-F1 ${t.evaluation.macroF1.toFixed(3)}`);
  assert.ok(t.evaluation.accuracy >= 0.77, `test-half accuracy ${t.evaluation.accuracy.toFixed(3)}`);
});

test('triage with the shipped model stays at or above its measured quality on the real Chinese messages', () => {
  const s = scoreReal(zh, undefined, 'shipped zh');
  assert.ok(s.evaluation.macroF1 >= ZH_FLOOR.macroF1, `macro-F1 ${s.evaluation.macroF1.toFixed(3)}`);
  assert.ok(s.evaluation.accuracy >= ZH_FLOOR.accuracy, `accuracy ${s.evaluation.accuracy.toFixed(3)}`);
  assert.ok(s.securityRecall >= ZH_FLOOR.securityRecall, `security recall ${s.securityRecall.toFixed(3)}`);
  assert.ok(s.languageAccuracy >= 0.98, `language ${s.languageAccuracy.toFixed(3)}`);
  assert.ok(s.securityBelowHigh.length <= ZH_FLOOR.securityBelowHigh, `security reports below high: ${s.securityBelowHigh.map((r) => r.source).join(', ')}`);
  const t = scoreReal(zh.filter((r) => r.split === 'test'), undefined, 'zh test half');
  assert.ok(t.evaluation.accuracy >= ZH_FLOOR.testAccuracy, `test-half accuracy ${t.evaluation.accuracy.toFixed(3)}`);
});

test('the score is computed from the labels: swapping two categories in the truth lowers it', () => {
  const s = scoreReal(rows, undefined, 'shipped');
  const swapped = rows.map((r) => ({ ...r, category: r.category === 'security' ? ('technical' as const) : r.category === 'technical' ? ('security' as const) : r.category }));
  // 0.501 → 0.307 on the 1,204 messages (technical is now the biggest class, so the drop is a little under 0.2)
  assert.ok(scoreReal(swapped, undefined, 'swapped').evaluation.macroF1 < s.evaluation.macroF1 - 0.15);
});
