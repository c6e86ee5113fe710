/** The fakes are test infrastructure others will reuse: these tests pin that they speak the documented protocols. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildScenario } from './scenario.js';
import { startEsplora } from './esplora-server.js';
import { startBitcoinRpc } from './bitcoin-rpc-server.js';

const sc = buildScenario();
const opts = { transactions: sc.transactions, tipHeight: sc.tipHeight, feeEstimates: sc.feeEstimates };

test('the scenario is deterministic and its transactions pay the fee rates they were built for', () => {
  const again = buildScenario();
  assert.deepEqual(again.txids, sc.txids);
  assert.equal(sc.facts.rbfLowFee.feeRate, 1);
  assert.equal(sc.facts.noRbf.feeRate, 2);
  assert.equal(sc.facts.parent.feeRate, 1.5);
  assert.equal(sc.facts.child.feeRate, 60);
  assert.match(sc.wallets.aliceTr!.address, /^bcrt1p/, 'a taproot input is part of the scenario');
});

test('the fake Esplora serves the documented transaction format with sizes taken from the bytes', async () => {
  const s = await startEsplora(opts);
  try {
    const res = await fetch(`${s.url}/tx/${sc.txids.noRbf}`);
    const tx = (await res.json()) as Record<string, unknown> & { vin: Array<Record<string, unknown>>; vout: Array<Record<string, unknown>> };
    assert.deepEqual(Object.keys(tx), ['txid', 'version', 'locktime', 'vin', 'vout', 'size', 'weight', 'fee', 'status']);
    assert.equal(tx.weight, sc.facts.noRbf.weight);
    assert.equal(tx.fee, sc.facts.noRbf.fee);
    assert.deepEqual(Object.keys(tx.vin[0]!), ['txid', 'vout', 'prevout', 'scriptsig', 'scriptsig_asm', 'witness', 'is_coinbase', 'sequence']);
    assert.equal(tx.vout[1]!.scriptpubkey_type, 'op_return');
    assert.match(String(tx.vout[0]!.scriptpubkey_asm), /^OP_0 OP_PUSHBYTES_20 [0-9a-f]{40}$/);
    assert.deepEqual(tx.status, { confirmed: false });
    assert.equal((await fetch(`${s.url}/tx/${sc.txids.neverBroadcast}`)).status, 404);
    assert.equal((await fetch(`${s.url}/tx/xyz`)).status, 400);
    assert.equal(await (await fetch(`${s.url}/blocks/tip/height`)).text(), String(sc.tipHeight));
    assert.deepEqual(s.requests.map((r) => r.path).slice(0, 2), [`/tx/${sc.txids.noRbf}`, `/tx/${sc.txids.neverBroadcast}`]);
  } finally {
    await s.close();
  }
});

async function rpcPost(url: string, auth: string | null, body: unknown): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth) headers.authorization = `Basic ${Buffer.from(auth).toString('base64')}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

test('the fake Bitcoin Core wants basic auth and answers legacy errors with HTTP 500 and 2.0 errors with 200', async () => {
  const s = await startBitcoinRpc({ ...opts, auth: { user: 'u', password: 'p' } });
  try {
    assert.equal((await rpcPost(s.url, null, { method: 'getblockcount', params: [], id: 1 })).status, 401);
    assert.deepEqual(await rpcPost(s.url, 'u:p', { jsonrpc: '1.0', method: 'getblockcount', params: [], id: 1 }), {
      status: 200,
      json: { result: sc.tipHeight, error: null, id: 1 },
    });
    const legacy = await rpcPost(s.url, 'u:p', { method: 'getmempoolentry', params: [sc.txids.confirmed], id: 2 });
    assert.equal(legacy.status, 500);
    assert.deepEqual((legacy.json as { error: unknown }).error, { code: -5, message: 'Transaction not in mempool' });
    const v2 = await rpcPost(s.url, 'u:p', { jsonrpc: '2.0', method: 'getrawtransaction', params: ['zz', 1], id: 3 });
    assert.equal(v2.status, 200);
    assert.deepEqual(v2.json, { jsonrpc: '2.0', error: { code: -8, message: "txid must be of length 64 (not 2, for 'zz')" }, id: 3 });
    assert.equal((await rpcPost(s.url, 'u:p', { method: 'nosuchmethod', params: [], id: 4 })).status, 404);
  } finally {
    await s.close();
  }
});

test('the fake Bitcoin Core answers batches and reports amounts in BTC', async () => {
  const s = await startBitcoinRpc(opts);
  try {
    const { readFileSync } = await import('node:fs');
    const cookie = readFileSync(s.cookieFile!, 'utf8');
    assert.match(cookie, /^__cookie__:[0-9a-f]{64}$/);
    const r = await rpcPost(s.url, cookie, [
      { method: 'getrawtransaction', params: [sc.txids.confirmed, 2], id: 7 },
      { method: 'estimatesmartfee', params: [6], id: 8 },
    ]);
    const [tx, fee] = r.json as Array<{ id: number; result: Record<string, unknown> }>;
    assert.equal(tx!.id, 7);
    assert.equal(tx!.result.fee, sc.facts.confirmed.fee / 1e8);
    assert.equal(tx!.result.vsize, sc.facts.confirmed.vsize);
    assert.equal(tx!.result.confirmations, 3);
    assert.deepEqual(fee!.result, { feerate: 0.00015, blocks: 6 });
  } finally {
    await s.close();
  }
});
