/**
 * Scores the channel verifier (src/verify/) on REAL phishing domains: test/corpus/phishing/brand-imitations.jsonl
 * holds the domains of public crypto-phishing blocklists that imitate a brand of the corpus registry
 * (test/corpus/phishing/registry.json), labelled by brand and technique by test/corpus/phishing/build.ts, a rule
 * written apart from the verifier. `split` is fixed by the domain's hash: verifier changes may only be made from
 * `dev` misses and are judged on `test`.
 * Also checks that unrelated real domains stay "unknown": the 8,760 mail-provider domains and the hand-made
 * negatives of test/corpus/verify/.
 * Used by scripts/evaluate-phishing.ts and test/verify/phishing-corpus.test.ts.
 */
import { readFileSync } from 'node:fs';
import { checkChannel, compileRegistry, parseRegistry, type CompiledRegistry } from '../src/verify/index.js';

export type Technique = 'punycode' | 'subdomain' | 'tld-swap' | 'homoglyph' | 'typo' | 'added-word';
export const TECHNIQUES: readonly Technique[] = ['typo', 'homoglyph', 'added-word', 'tld-swap', 'subdomain', 'punycode'];

export interface PhishingDomain {
  domain: string;
  /** The brand(s) imitated (more than one for `metamask-binance-…`). */
  brands: string[];
  technique: Technique;
  sources: Array<'scamsniffer' | 'polkadot'>;
  split: 'dev' | 'test';
}

const dir = new URL('../test/corpus/phishing/', import.meta.url);
const verifyDir = new URL('../test/corpus/verify/', import.meta.url);

export function loadPhishingRegistry(): CompiledRegistry {
  return compileRegistry(parseRegistry(JSON.parse(readFileSync(new URL('registry.json', dir), 'utf8'))));
}

export function loadPhishingDomains(): PhishingDomain[] {
  return readFileSync(new URL('brand-imitations.jsonl', dir), 'utf8').split('\n').filter(Boolean).map((l, i) => {
    const r = JSON.parse(l) as PhishingDomain;
    if (!r.domain || !Array.isArray(r.brands) || r.brands.length === 0 || !TECHNIQUES.includes(r.technique)) {
      throw new Error(`brand-imitations.jsonl line ${i + 1} is not a labelled domain`);
    }
    return r;
  });
}

/**
 * The OpenDNS Top Domains and Random Sample lists (github.com/opendns/public-domain-lists, commit 59bc34f, 2014,
 * public domain): 19,718 real domains, mostly unrelated to crypto.
 */
export function loadOpenDnsDomains(): string[] {
  return readFileSync(new URL('unrelated-opendns.txt', dir), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
}

/**
 * OpenDNS domains that are not "unknown", by design: each names a brand or is one edit from an official domain
 * under the same ending, which the typosquat rules flag whoever owns it.
 */
export const OPENDNS_EXPECTED_LOOKALIKES: Readonly<Record<string, string>> = {
  'kraken.name': 'kraken', // kraken.com's label under another ending (TLD swap)
  'tybit.com': 'bybit', // one letter from bybit.com under .com (typosquat)
  'finsmob-exoduss.com': 'exodus', // "exodus" plus one letter, beside another word
};

/**
 * Real domains that name no brand of the registry: they must all be "unknown". The hand-made negatives were
 * written for the 20-brand registry of test/corpus/verify/; values this registry lists (coinbase.com, @binance)
 * are left out.
 */
export function loadUnrelatedDomains(reg: CompiledRegistry): string[] {
  const mail = readFileSync(new URL('negatives-mail-providers.txt', verifyDir), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const negatives = readFileSync(new URL('negatives.jsonl', verifyDir), 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as { value: string }).map((r) => r.value);
  const listed = (v: string): boolean => {
    const host = v.toLowerCase().replace(/^@/, '');
    return reg.hosts.has(host) || [...reg.hosts.keys()].some((h) => host.endsWith(`.${h}`)) || reg.handlesByName.has(host);
  };
  return [...new Set([...mail, ...negatives])].filter((v) => !listed(v));
}

export interface Rate { hit: number; n: number }
export interface PhishingScore {
  n: number;
  /** Flagged as a lookalike of (one of) the brand(s) it imitates. */
  flagged: Rate;
  byTechnique: Record<Technique, Rate>;
  bySource: Record<'scamsniffer' | 'polkadot-only', Rate>;
  /** Flagged, but as a lookalike of another brand. */
  wrongBrand: number;
  /** Answered "official": must be 0. */
  falseOfficial: PhishingDomain[];
  misses: Array<PhishingDomain & { verdict: string; got: string | null }>;
}

export function scorePhishing(reg: CompiledRegistry, rows: readonly PhishingDomain[]): PhishingScore {
  const rate = (): Rate => ({ hit: 0, n: 0 });
  const s: PhishingScore = {
    n: rows.length, flagged: rate(), wrongBrand: 0, falseOfficial: [], misses: [],
    byTechnique: Object.fromEntries(TECHNIQUES.map((t) => [t, rate()])) as Record<Technique, Rate>,
    bySource: { scamsniffer: rate(), 'polkadot-only': rate() },
  };
  for (const r of rows) {
    const v = checkChannel(reg, r.domain);
    const ok = v.verdict === 'lookalike' && v.brand !== null && r.brands.includes(v.brand);
    if (v.verdict === 'official') s.falseOfficial.push(r);
    if (v.verdict === 'lookalike' && !ok) s.wrongBrand++;
    const src = r.sources.includes('scamsniffer') ? 'scamsniffer' : 'polkadot-only';
    for (const x of [s.flagged, s.byTechnique[r.technique], s.bySource[src]]) {
      x.n++;
      if (ok) x.hit++;
    }
    if (!ok) s.misses.push({ ...r, verdict: v.verdict, got: v.brand });
  }
  return s;
}

/** Unrelated domains that did not come back "unknown". */
export function unrelatedNotUnknown(reg: CompiledRegistry, domains: readonly string[]): Array<{ domain: string; verdict: string; brand: string | null }> {
  return domains.map((d) => ({ d, v: checkChannel(reg, d) })).filter(({ v }) => v.verdict !== 'unknown')
    .map(({ d, v }) => ({ domain: d, verdict: v.verdict, brand: v.brand }));
}

export const pct = (r: Rate): string => (r.n === 0 ? '-' : `${((100 * r.hit) / r.n).toFixed(1)}% (${r.hit}/${r.n})`);
