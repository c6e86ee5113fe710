import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkOutbound, OUTBOUND_RULES } from './index.js';

const lines = (file: string): string[] =>
  readFileSync(new URL(`../../test/corpus/shield/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));

test('blocks every reply of the corpus that asks for a recovery phrase, private key or backup photo', () => {
  const passed = lines('outbound-blocked.txt').filter((l) => checkOutbound(l).allowed);
  assert.deepEqual(passed, []);
});

test('lets every warning and ordinary reply of the corpus through', () => {
  const blocked = lines('outbound-allowed.txt')
    .map((l) => [l, checkOutbound(l)] as const)
    .filter(([, v]) => !v.allowed)
    .map(([l, v]) => `${l} ← ${v.allowed ? '' : v.rule}`);
  assert.deepEqual(blocked, []);
});

test('names a stable rule and explains the block in English and Chinese', () => {
  const v = checkOutbound('Please send me your 12 words.');
  assert.equal(v.allowed, false);
  if (v.allowed) return;
  assert.equal(v.rule, 'en.send-secret');
  assert.ok(v.rule in OUTBOUND_RULES);
  assert.match(v.explanation.en, /recovery phrase/);
  assert.match(v.explanation['zh-CN'], /助记词/);
  const zh = checkOutbound('请提供您的助记词');
  assert.equal(zh.allowed ? '' : zh.rule, 'zh.send-secret');
});

test('blocks a reply that carries a recovery phrase itself', () => {
  const v = checkOutbound('Your backup is: legal winner thank year wave sausage worth useful legal winner thank yellow');
  assert.equal(v.allowed ? '' : v.rule, 'contains-secret');
});

test('lets the customer-facing hand-written support messages through (they ask nothing of anyone)', () => {
  for (const file of ['negatives-en.txt', 'negatives-zh.txt']) {
    const text = readFileSync(new URL(`../../test/corpus/shield/${file}`, import.meta.url), 'utf8');
    for (const m of text.split('\n---\n').slice(1)) assert.equal(checkOutbound(m).allowed, true, m);
  }
});
