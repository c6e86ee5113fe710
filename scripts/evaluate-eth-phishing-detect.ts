/**
 * The independent check of issue 21: MetaMask's eth-phishing-detect blocklist, never used to write a rule.
 * `node bin/run-ts.js scripts/evaluate-eth-phishing-detect.ts PATH/TO/config.json` (e.g. from `npm pack
 * eth-phishing-detect`): labels its blacklist with test/corpus/phishing/build.ts and prints how the verifier does,
 * on all brand imitations and on those not in our corpus.
 */
import { readFileSync } from 'node:fs';
import { label } from '../test/corpus/phishing/build.js';
import { loadPhishingRegistry, loadPhishingDomains, scorePhishing, pct, TECHNIQUES, type PhishingDomain } from './phishing-corpus.js';
if (!process.argv[2]) throw new Error('usage: evaluate-eth-phishing-detect.ts CONFIG.json');
const cfg = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { blacklist: string[]; whitelist: string[] };
const ours = new Set(loadPhishingDomains().map((r) => r.domain));
const rows: PhishingDomain[] = [];
let official = 0;
for (const h of new Set(cfg.blacklist.map((d) => d.toLowerCase()))) {
  const l = label(h);
  if (l === 'official') { official++; continue; }
  if (!l) continue;
  rows.push({ domain: h, brands: l.brands, technique: l.technique, sources: ['scamsniffer'], split: ours.has(h) ? 'dev' : 'test' });
}
const reg = loadPhishingRegistry();
console.log(`blacklist ${cfg.blacklist.length}, labelled ${rows.length}, official ${official}, also in our corpus ${rows.filter((r) => r.split === 'dev').length}`);
for (const [name, rs] of [['all', rows], ['not in our corpus', rows.filter((r) => r.split === 'test')]] as const) {
  const s = scorePhishing(reg, rs);
  console.log(`${name}: ${pct(s.flagged)} wrong brand ${s.wrongBrand} official ${s.falseOfficial.length}; ` + TECHNIQUES.map((t) => `${t} ${pct(s.byTechnique[t])}`).join(', '));
}
