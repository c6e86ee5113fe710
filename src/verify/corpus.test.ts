/**
 * The labelled corpus in test/corpus/verify/: typosquats, homoglyphs, punycode, brand-in-subdomain, ending swaps,
 * free hosting, fake accounts and e-mails (all lookalikes of a named brand), official values in many formats, and
 * unrelated well-known values that must stay unknown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { domainToASCII } from 'node:url';
import { parseRegistry } from './registry.js';
import { compileRegistry } from './compile.js';
import { checkChannel } from './check.js';

const dir = new URL('../../test/corpus/verify/', import.meta.url);
const rows = <T>(file: string): T[] =>
  readFileSync(new URL(file, dir), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
const registry = parseRegistry(JSON.parse(readFileSync(new URL('registry.json', dir), 'utf8')));
const reg = compileRegistry(registry);

interface Lookalike { value: string; brand: string; category: string }
interface Idn { unicode: string; ascii: string; brand: string }
const lookalikes = rows<Lookalike>('lookalikes.jsonl');
const idn = rows<Idn>('idn.jsonl');
const official = rows<{ value: string; brand: string }>('official.jsonl');
const negatives = rows<{ value: string; category: string }>('negatives.jsonl');
const allLookalikes: Lookalike[] = [
  ...lookalikes,
  ...idn.flatMap((r) => [
    { value: r.unicode, brand: r.brand, category: 'idn-unicode' },
    { value: r.ascii, brand: r.brand, category: 'punycode' },
  ]),
];

test('the corpus is big enough to mean something', () => {
  assert.equal(registry.brands.length, 20);
  assert.ok(allLookalikes.length >= 400, `${allLookalikes.length} lookalikes`);
  assert.ok(negatives.length >= 100, `${negatives.length} negatives`);
  assert.ok(official.length >= 80, `${official.length} official values`);
});

test('the punycode cases are real: node encodes each Unicode form to the stored xn-- form', () => {
  for (const r of idn) {
    assert.equal(domainToASCII(r.unicode), r.ascii, r.unicode);
    assert.match(r.ascii, /xn--/);
  }
});

test('never answers "official" for a value outside the registry', () => {
  const wrong = [...allLookalikes, ...negatives].filter((r) => checkChannel(reg, r.value).verdict === 'official');
  assert.deepEqual(wrong.map((r) => r.value), []);
});

test('flags at least 95% of the lookalikes, as lookalikes of the right brand', () => {
  const missed = allLookalikes.filter((r) => {
    const v = checkChannel(reg, r.value);
    return v.verdict !== 'lookalike' || v.brand !== r.brand;
  });
  const recall = 1 - missed.length / allLookalikes.length;
  assert.ok(recall >= 0.95, `recall ${recall.toFixed(3)}; missed: ${missed.map((m) => m.value).join(', ')}`);
});

test('flags each category of lookalike at 90% or better', () => {
  const byCategory = new Map<string, { n: number; hit: number }>();
  for (const r of allLookalikes) {
    const c = byCategory.get(r.category) ?? { n: 0, hit: 0 };
    c.n++;
    const v = checkChannel(reg, r.value);
    if (v.verdict === 'lookalike' && v.brand === r.brand) c.hit++;
    byCategory.set(r.category, c);
  }
  for (const [category, c] of byCategory) assert.ok(c.hit / c.n >= 0.9, `${category}: ${c.hit}/${c.n}`);
});

test('gives no false lookalike on unrelated well-known values', () => {
  const flagged = negatives.filter((r) => checkChannel(reg, r.value).verdict !== 'unknown');
  assert.deepEqual(flagged.map((r) => `${r.value} → ${checkChannel(reg, r.value).reason.en}`), []);
});

test('recognises every official value, in every format, as its own brand', () => {
  const wrong = official.filter((r) => {
    const v = checkChannel(reg, r.value);
    return v.verdict !== 'official' || v.brand !== r.brand;
  });
  assert.deepEqual(wrong.map((r) => r.value), []);
});

test('every verdict carries a reason in English and Chinese', () => {
  for (const r of [...allLookalikes, ...negatives, ...official]) {
    const v = checkChannel(reg, r.value);
    assert.ok(v.reason.en.length > 0 && v.reason['zh-CN'].length > 0, r.value);
    assert.match(v.reason['zh-CN'], /[\u4e00-\u9fff]/, r.value);
  }
});

test('gives no false lookalike on 8,760 real mail-provider domains', () => {
  const domains = readFileSync(new URL('negatives-mail-providers.txt', dir), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'));
  assert.ok(domains.length > 8000);
  const flagged = domains.filter((d) => checkChannel(reg, d).verdict !== 'unknown');
  assert.deepEqual(flagged, []);
});
