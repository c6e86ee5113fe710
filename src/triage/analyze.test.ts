import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRules, matchRules, segment } from './analyze.js';
import { normalizeText } from './normalize.js';
import { PHRASE_RULES, type PhraseRule } from './rules.js';

const compiled = compileRules(PHRASE_RULES);
const phrases = (text: string): string[] => {
  const n = normalizeText(text);
  return matchRules(n, segment(n), compiled).map((m) => m.rule.phrase);
};

test('lists every phrase once, so no rule is silently shadowed by an earlier one', () => {
  const seen = new Map<string, PhraseRule>();
  const dupes: string[] = [];
  for (const r of PHRASE_RULES) {
    const p = normalizeText(r.phrase);
    if (seen.has(p)) dupes.push(p);
    seen.set(p, r);
  }
  assert.deepEqual(dupes, []);
});

test('finds every Chinese phrase when it stands alone, whatever ICU makes of its word boundaries', () => {
  const missed = PHRASE_RULES.filter((r) => r.category && /[\u4e00-\u9fff]/.test(r.phrase) && !phrases(`${r.phrase}。`).includes(normalizeText(r.phrase)));
  assert.deepEqual(missed.map((r) => r.phrase), []);
});

test('matches a phrase across ICU word boundaries (ICU splits 我被|骗了) but not inside a longer ICU word', () => {
  assert.ok(phrases('我被骗了').includes('被骗'));
  assert.ok(!phrases('从交易所提币').includes('交易'));
  assert.ok(phrases('从交易所提币').includes('提币'));
});

test('matches Traditional Chinese text against the Simplified rules', () => {
  assert.ok(phrases('我的錢包被盜了').includes('被盗'));
  assert.ok(phrases('交易一直未確認').includes('未确认'));
});

test('matches English phrases on whole words only, in any case and with or without apostrophes', () => {
  assert.ok(phrases("I DIDN'T RECEIVE it").includes('didnt receive'));
  assert.ok(!phrases('the crashed-out mood').includes('crash'));
  assert.ok(!phrases('unscammable').includes('scam'));
});

test('ignores a theft phrase right after a negation, but not a question', () => {
  assert.ok(!phrases('币还没被转走').includes('被转走'));
  assert.ok(!phrases('I never shared my seed with anyone').includes('shared my seed'));
  assert.ok(phrases('是不是被盗了').includes('被盗'));
});

test('counts a phrase inside a longer matched phrase only once', () => {
  const p = phrases('转账之后交易失败了');
  assert.ok(p.includes('交易失败'));
  assert.ok(!p.includes('失败'));
});
