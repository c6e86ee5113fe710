/**
 * Prints how the channel verifier does on real phishing domains (see scripts/phishing-corpus.ts):
 * `node bin/run-ts.js scripts/evaluate-phishing.ts [--misses dev|test] [--limit N]`.
 */
import { loadOpenDnsDomains, loadPhishingDomains, loadPhishingRegistry, loadUnrelatedDomains, pct, scorePhishing, TECHNIQUES, unrelatedNotUnknown } from './phishing-corpus.js';

const args = process.argv.slice(2);
const missesOf = args.includes('--misses') ? args[args.indexOf('--misses') + 1] : undefined;
const limit = args.includes('--limit') ? Number(args[args.indexOf('--limit') + 1]) : 60;

const reg = loadPhishingRegistry();
const rows = loadPhishingDomains();
for (const split of ['dev', 'test', 'all'] as const) {
  const s = scorePhishing(reg, rows.filter((r) => split === 'all' || r.split === split));
  const line = TECHNIQUES.map((t) => `${t} ${pct(s.byTechnique[t])}`).join(', ');
  process.stdout.write(`${split}: flagged with the right brand ${pct(s.flagged)}; wrong brand ${s.wrongBrand}; false official ${s.falseOfficial.length}\n`);
  process.stdout.write(`  by technique: ${line}\n  by source: scamsniffer ${pct(s.bySource.scamsniffer)}, polkadot-js only ${pct(s.bySource['polkadot-only'])}\n`);
  if (split === missesOf) {
    for (const m of s.misses.slice(0, limit)) process.stdout.write(`  miss ${m.technique} ${m.domain} → ${m.verdict} ${m.got ?? ''} (want ${m.brands.join('/')})\n`);
  }
}
const unrelated = loadUnrelatedDomains(reg);
const bad = unrelatedNotUnknown(reg, unrelated);
process.stdout.write(`unrelated real domains: ${unrelated.length - bad.length}/${unrelated.length} unknown\n`);
for (const b of bad.slice(0, limit)) process.stdout.write(`  ${b.domain} → ${b.verdict} ${b.brand}\n`);
const openDns = unrelatedNotUnknown(reg, loadOpenDnsDomains());
process.stdout.write(`OpenDNS domains: ${loadOpenDnsDomains().length - openDns.length}/${loadOpenDnsDomains().length} unknown\n`);
for (const b of openDns.slice(0, limit)) process.stdout.write(`  ${b.domain} → ${b.verdict} ${b.brand}\n`);
