/**
 * The lookalike rules added from the real phishing corpus (issue 21), each with the real popular domains that
 * bound it: what they must flag, and the look-alike but unrelated names they must leave "unknown".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkChannel } from '../../src/verify/index.js';
import { loadPhishingRegistry } from '../../scripts/phishing-corpus.js';

const reg = loadPhishingRegistry();
const brandOf = (v: string): string | null => {
  const r = checkChannel(reg, v);
  return r.verdict === 'lookalike' ? r.brand : r.verdict === 'official' ? `official:${r.brand}` : null;
};

test('an official label with a few characters of noise is a lookalike; word endings and words before it are not noise', () => {
  const cases: Array<[string, string]> = [['okxtra.cc', 'okx'], ['bitgetno1.top', 'bitget'], ['krakenbet.xyz', 'kraken'], ['llkraken.com', 'kraken'], ['okxpos-web3.com', 'okx']];
  for (const [d, b] of cases) {
    assert.equal(brandOf(d), b, d);
  }
  for (const d of ['gitkraken.com', 'bitboxer.com', 'krakenfiles.com', 'builtbybit.com']) assert.equal(brandOf(d), null, d);
});

test('a mark beside a filler word inside a longer word is a lookalike, a word merely containing it is not', () => {
  for (const d of ['web3ledgersecured.com', 'ledgerrecoverykeyclaim.com', 'ledgerauthentication.com']) {
    assert.equal(brandOf(d), 'ledger', d);
  }
  for (const d of ['clarionledger.com', 'openledger.xyz', 'firstledger.net', 'iotaledger.net', 'knowledgerank.com', 'myphantomemail.com']) {
    assert.equal(brandOf(d), null, d);
  }
});

test('short names misspelt alone must keep their ends and length; with a filler word beside them any misspelling counts', () => {
  for (const d of ['karken.vip', 'kucoiin.cc', 'ledgeer.xyz', 'bifget.pro', 'krakenz.top', 'bitgets.co']) assert.notEqual(brandOf(d), null, d);
  // Real sites of the top-100k list one edit from a brand name.
  for (const d of ['habby.com', 'tabby.ai', 'ucoin.net', 'itbox.ua', 'bitbo.io', 'bitpin.ir', 'bitpix.top', 'safepavo.com', 'e-conomic.com']) {
    assert.equal(brandOf(d), null, d);
  }
  assert.equal(brandOf('ucoin-wallet.com'), 'kucoin');
  assert.equal(brandOf('habby-wallet.com'), 'rabby');
});

test('brands named by common words (keywords) are not misspelt alone, and later words of a name are not marks', () => {
  for (const d of ['acint.net', 'edgoapp.com', 'dewallet.pro', 'greenbot.com', 'the-green-centre.com', 'greenmanager.top', 'slickstream.com']) {
    assert.equal(brandOf(d), null, d);
  }
  assert.equal(brandOf('edgewalet-support.com'), 'edge');
});

test('a same-ending misspelling of an official domain stays a lookalike, the typosquat rule', () => {
  assert.equal(brandOf('bybitt.com'), 'bybit');
  assert.equal(brandOf('trzor.io'), 'trezor');
});

test('reasons are written when read, in both languages, and survive JSON', () => {
  const v = checkChannel(reg, 'okxtra.cc');
  const json = JSON.parse(JSON.stringify(v)) as { reason: Record<string, string> };
  assert.match(json.reason.en!, /OKX/);
  assert.match(json.reason['zh-CN']!, /OKX/);
  assert.deepEqual({ ...v.reason }, json.reason);
});
