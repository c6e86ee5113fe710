/**
 * Recovery phrases as users really type them (issue 21): the official BIP39 test vectors in all ten lists,
 * written with list numbering (`1、` `(1)` `#1` `1:`), several numbered words a line, bullets, commas and
 * semicolons (ASCII and Chinese), capitalised or in capitals, one mistyped word, quotes and code fences, and
 * placed inside REAL support messages (test/corpus/triage/real/). Recall must be 100%; the real messages
 * themselves must give no finding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { findSecrets } from '../../src/shield/index.js';
import { realShapeCases, realMessages } from './real-shapes.js';

test('finds every official vector in every real-user shape, inside real messages (recall 100%)', () => {
  const cases = realShapeCases();
  assert.ok(cases.length >= 3000, `${cases.length} cases`);
  const missed = cases.filter((c) => !findSecrets(c.text).some((f) => f.start <= c.start && f.end >= c.end));
  assert.deepEqual(missed.map((c) => c.name).slice(0, 40), [], `${missed.length} of ${cases.length} missed`);
});

/**
 * Two real Chinese messages of trading-API users are read as phrases: twelve list characters of jargon whose BIP39
 * checksum happens to pass (1 in 16) and whose prose score stays under the bar (本位 永续合约 市价平仓 报错, as white-
 * space blocks; 损预埋单等手动挂单会报错, the edge of a longer group). The shield errs towards recall; the cost is
 * those words masked in the stored message (docs/shield.md). Any other message flagged fails this test.
 */
const KNOWN_FALSE_POSITIVES = ['vnpy/vnpy#2998', 'vnpy/vnpy#3159'];

test('flags nothing in the real support messages but the two known Chinese false positives', () => {
  const messages = realMessages();
  assert.ok(messages.length >= 2000, `${messages.length} messages`);
  const flagged = messages.filter((m) => findSecrets(m.text).length > 0).map((m) => m.source);
  assert.deepEqual(flagged.sort(), KNOWN_FALSE_POSITIVES);
});

test('reads every real corpus file', () => {
  const dir = new URL('../corpus/triage/real/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  const lines = files.reduce((n, f) => n + readFileSync(new URL(f, dir), 'utf8').split('\n').filter(Boolean).length, 0);
  assert.equal(realMessages().length, lines);
});
