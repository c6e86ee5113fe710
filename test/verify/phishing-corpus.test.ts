/**
 * The channel verifier on real phishing domains (test/corpus/phishing/, issue 21): public blocklist entries that
 * imitate a wallet or exchange of the corpus registry. Thresholds are checked on the held-out `test` split.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { label } from '../corpus/phishing/build.js';
import { loadOpenDnsDomains, loadPhishingDomains, loadPhishingRegistry, loadUnrelatedDomains, OPENDNS_EXPECTED_LOOKALIKES, pct, scorePhishing, TECHNIQUES, unrelatedNotUnknown } from '../../scripts/phishing-corpus.js';

const reg = loadPhishingRegistry();
const rows = loadPhishingDomains();
const heldOut = rows.filter((r) => r.split === 'test');

test('the phishing corpus is real-sized, split by hash, and names only registry brands', () => {
  assert.ok(rows.length >= 10_000, `${rows.length} domains`);
  assert.ok(reg.brands.size >= 40);
  for (const r of rows) {
    for (const b of r.brands) assert.ok(reg.brands.has(b), `${r.domain}: ${b}`);
    assert.equal(r.split, createHash('sha256').update(r.domain).digest()[0]! < 128 ? 'dev' : 'test', r.domain);
  }
  for (const t of TECHNIQUES) assert.ok(rows.filter((r) => r.technique === t).length >= 90, t);
  assert.ok(rows.some((r) => r.sources.length === 1 && r.sources[0] === 'polkadot'), 'a second, independent list');
});

test('the labeller reads each technique (it shares no code with the verifier)', () => {
  assert.deepEqual(label('metamask-login.com'), { brands: ['metamask'], technique: 'added-word' });
  assert.deepEqual(label('binance.com.lc'), { brands: ['binance'], technique: 'tld-swap' });
  assert.deepEqual(label('xn--metamsk-lwa.com'), { brands: ['metamask'], technique: 'punycode' });
  assert.deepEqual(label('unisawp-app.com'), { brands: ['uniswap'], technique: 'typo' });
  assert.deepEqual(label('c0inbasedex.tech'), { brands: ['coinbase'], technique: 'homoglyph' });
  assert.deepEqual(label('metamask.io.merge.example.com'), { brands: ['metamask'], technique: 'subdomain' });
  assert.equal(label('claim-token.org'), null);
  // Other projects' ledgers and the QFS scam genre are not the Ledger wallet.
  for (const d of ['xrpledger.app', 'openledger.events', 'firstledger.live', 'qfsassetsledger.com']) assert.equal(label(d), null, d);
  assert.deepEqual(label('ledgerlive-support.com'), { brands: ['ledger'], technique: 'added-word' });
  assert.equal(label('portfolio.metamask.io'), 'official');
});

test('never answers "official" for a blocklisted domain', () => {
  const s = scorePhishing(reg, rows);
  assert.deepEqual(s.falseOfficial.map((r) => r.domain), []);
});

test('flags at least 96% of the held-out phishing domains as lookalikes of the right brand, each technique 94%+', () => {
  const s = scorePhishing(reg, heldOut);
  assert.ok(s.flagged.hit / s.flagged.n >= 0.96, pct(s.flagged));
  for (const t of TECHNIQUES) {
    const r = s.byTechnique[t];
    assert.ok(r.hit / r.n >= 0.94, `${t}: ${pct(r)}`);
  }
  assert.ok(s.wrongBrand <= s.n * 0.005, `${s.wrongBrand} attributed to another brand`);
  const independent = s.bySource['polkadot-only'];
  assert.ok(independent.hit / independent.n >= 0.92, `polkadot-js only: ${pct(independent)}`);
});

test('the 19,718 OpenDNS domains stay unknown, except three that name a brand or are one letter from its domain', () => {
  const domains = loadOpenDnsDomains();
  assert.ok(domains.length >= 19_000);
  const flagged = Object.fromEntries(unrelatedNotUnknown(reg, domains).map((b) => [b.domain, b.brand]));
  assert.deepEqual(flagged, OPENDNS_EXPECTED_LOOKALIKES);
});

test('every unrelated real domain stays unknown', () => {
  const unrelated = loadUnrelatedDomains(reg);
  assert.ok(unrelated.length >= 8_000);
  assert.deepEqual(unrelatedNotUnknown(reg, unrelated), []);
});
