/**
 * Typosquats generated the way domain-permutation tools (dnstwist and the like) make them, for every official
 * domain in the corpus registry whose name is at least six letters: the checker must flag ≥ 95% of them, as
 * lookalikes of the right brand. Generated, so not tuned case by case like the hand-written corpus.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as parseDomain } from 'tldts';
import { parseRegistry } from './registry.js';
import { compileRegistry } from './compile.js';
import { checkChannel } from './check.js';

const registry = parseRegistry(JSON.parse(readFileSync(new URL('../../test/corpus/verify/registry.json', import.meta.url), 'utf8')));
const reg = compileRegistry(registry);

const KEYBOARD: Record<string, string> = {
  q: 'wa', w: 'qes', e: 'wrd', r: 'etf', t: 'ryg', y: 'tuh', u: 'yij', i: 'uok', o: 'ipl', p: 'ol', a: 'qsz', s: 'adw',
  d: 'sfe', f: 'dgr', g: 'fht', h: 'gjy', j: 'hku', k: 'jli', l: 'ko', z: 'xa', x: 'zcs', c: 'xvd', v: 'cbf', b: 'vng',
  n: 'bmh', m: 'nj',
};
const VOWELS = 'aeiou';

function permutations(label: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < label.length; i++) {
    const ch = label[i]!;
    out.push(['omission', label.slice(0, i) + label.slice(i + 1)]);
    out.push(['repetition', label.slice(0, i + 1) + ch + label.slice(i + 1)]);
    if (i < label.length - 1) out.push(['transposition', label.slice(0, i) + label[i + 1] + ch + label.slice(i + 2)]);
    const near = KEYBOARD[ch];
    if (near) {
      out.push(['replacement', label.slice(0, i) + near[0] + label.slice(i + 1)]);
      out.push(['insertion', label.slice(0, i + 1) + near[near.length - 1] + label.slice(i + 1)]);
    }
    if (VOWELS.includes(ch)) out.push(['vowel-swap', label.slice(0, i) + VOWELS[(VOWELS.indexOf(ch) + 1) % 5] + label.slice(i + 1)]);
    if (i > 0) out.push(['hyphenation', `${label.slice(0, i)}-${label.slice(i)}`]);
  }
  return out;
}

test('flags at least 95% of generated typosquats of the official domains', () => {
  const stats = new Map<string, { n: number; hit: number }>();
  const missed: string[] = [];
  const note = (category: string, value: string, brand: string): void => {
    const v = checkChannel(reg, value);
    const s = stats.get(category) ?? { n: 0, hit: 0 };
    s.n++;
    if (v.verdict === 'lookalike' && v.brand === brand) s.hit++;
    else missed.push(`${value} (${v.verdict})`);
    stats.set(category, s);
  };
  for (const brand of registry.brands) {
    if (brand.keywords) continue; // common-word names opt out of spelling matches on purpose
    for (const domain of brand.domains) {
      const p = parseDomain(domain, { allowPrivateDomains: true });
      const label = p.domainWithoutSuffix!;
      if (label.length < 6 || p.subdomain) continue;
      for (const [category, variant] of permutations(label)) {
        const host = `${variant}.${p.publicSuffix}`;
        if (host === domain || reg.hosts.has(host)) continue;
        note(category, host, brand.id);
      }
      for (const tld of ['com', 'net', 'org', 'co', 'app', 'xyz']) if (tld !== p.publicSuffix && !reg.hosts.has(`${label}.${tld}`)) note('tld-swap', `${label}.${tld}`, brand.id);
      for (const affix of ['login', 'support', 'wallet', 'download', 'secure']) {
        note('dictionary', `${label}-${affix}.com`, brand.id);
        note('dictionary', `${affix}${label}.com`, brand.id);
      }
      note('subdomain', `${domain}.account-verify.com`, brand.id);
      note('subdomain', `${label}.login-portal.net`, brand.id);
    }
  }
  const n = [...stats.values()].reduce((a, s) => a + s.n, 0);
  const hit = [...stats.values()].reduce((a, s) => a + s.hit, 0);
  const summary = [...stats].map(([c, s]) => `${c} ${s.hit}/${s.n}`).join(', ');
  assert.ok(n >= 1000, `${n} permutations`);
  assert.ok(hit / n >= 0.95, `recall ${(hit / n).toFixed(3)} (${summary}); missed e.g. ${missed.slice(0, 30).join(', ')}`);
});
