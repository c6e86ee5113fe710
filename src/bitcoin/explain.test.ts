import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildScenario } from '../../test/fakes/scenario.js';
import { startEsplora, type FakeServer } from '../../test/fakes/esplora-server.js';
import { ADVICE_CODES, adviceText } from './advice.js';
import { diagnoseTx } from './diagnose.js';
import { createEsploraBackend } from './esplora.js';
import { explainDiagnosis, formatBtc, formatDuration, summarizeForAgent } from './explain.js';

const sc = buildScenario();
let server: FakeServer;
before(async () => {
  server = await startEsplora({ transactions: sc.transactions, tipHeight: sc.tipHeight, feeEstimates: sc.feeEstimates, mempoolSpace: true });
});
after(() => server.close());
const diagnose = (txid: string) => diagnoseTx(createEsploraBackend({ url: server.url }), txid, sc.now);
const CJK = /[\u4e00-\u9fff]/;

test('every advice code has its own text for agents and users in English and Chinese', () => {
  const seen = new Set<string>();
  for (const code of ADVICE_CODES) {
    for (const audience of ['agent', 'user'] as const) {
      const en = adviceText(code, audience, 'en');
      const zh = adviceText(code, audience, 'zh-CN');
      assert.ok(en.length > 40 && !CJK.test(en), `${code}/${audience}/en`);
      assert.ok(CJK.test(zh), `${code}/${audience}/zh-CN is Chinese`);
      seen.add(en).add(zh);
    }
  }
  assert.equal(seen.size, ADVICE_CODES.length * 4, 'no text is reused for another code or audience');
});

test('a stuck transaction is explained with its fee, the fee needed, the 14-day expiry and the speed-ups', async () => {
  const d = await diagnose(sc.txids.rbfLowFee);
  const en = explainDiagnosis(d, 'en');
  assert.match(en, /1\.0 sat\/vB/);
  assert.match(en, /about 15\.0 sat\/vB to be confirmed within an hour/);
  assert.match(en, /not lost/);
  assert.match(en, /2026-03-12 12:00 UTC/);
  assert.match(en, /Bump fee/);
  const zh = explainDiagnosis(d, 'zh-CN');
  assert.match(zh, /没有丢失/);
  assert.match(zh, /加速/);
  assert.doesNotMatch(zh, /。 /, 'Chinese sentences are not separated by spaces');
});

test('a confirmed transaction is explained as arrived and irreversible', async () => {
  const d = await diagnose(sc.txids.confirmed);
  assert.match(explainDiagnosis(d, 'en'), new RegExp(`block ${sc.tipHeight - 2} .* 3 confirmations`));
  assert.match(explainDiagnosis(d, 'zh-CN'), /已确认/);
});

test('a parent rescued by a child is explained as fast because of the follow-up transaction', async () => {
  const d = await diagnose(sc.txids.parent);
  assert.match(explainDiagnosis(d, 'en'), /own fee is low \(1\.5 sat\/vB\), but a follow-up transaction/);
});

test('an unknown transaction is explained with the three usual reasons and where the coins are', async () => {
  const d = await diagnose(sc.txids.neverBroadcast);
  const en = explainDiagnosis(d, 'en');
  assert.match(en, /never sent it out/);
  assert.match(en, /14 days/);
  assert.match(en, /replaced/);
  assert.match(en, /still in the sending wallet/);
  assert.match(en, /network doesn't match if the transaction was made on mainnet/, 'the fake chain is regtest');
  assert.match(explainDiagnosis(d, 'zh-CN'), /网络不匹配/);
});

test('the agent summary lists fee, estimates, RBF and CPFP facts', async () => {
  const lines = summarizeForAgent(await diagnose(sc.txids.noRbf), 'en').join('\n');
  assert.match(lines, /STUCK/);
  assert.match(lines, /signals BIP125 no · replaceable under full-RBF yes/);
  assert.match(lines, /CPFP: possible/);
});

test('the Chinese agent summary has no English words left but units, ids and protocol names', async () => {
  for (const txid of Object.values(sc.txids)) {
    // The lines of reason and note codes (other_network, replaced) list identifiers, the same in every language.
    const text = summarizeForAgent(await diagnose(txid), 'zh-CN').slice(1).filter((l) => !/^(可能原因|备注)/.test(l)).join('\n');
    const words = (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !/^(sat|sats|vB|RBF|BIP|CPFP|full|txid|esplora|[0-9a-f]+)$/.test(w));
    assert.deepEqual(words, [], text);
  }
});

test('durations and amounts read naturally', () => {
  assert.equal(formatDuration(60, 'en'), 'about 1 minute');
  assert.equal(formatDuration(40 * 60, 'zh-CN'), '约 40 分钟');
  assert.equal(formatDuration(5 * 3600, 'en'), 'about 5 hours');
  assert.equal(formatDuration(3 * 86400, 'en'), 'about 3 days');
  assert.equal(formatBtc(123_456), '0.00123456 BTC');
  assert.equal(formatBtc(-210_000_000), '-2.10000000 BTC');
});
