import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildScenario } from '../../test/fakes/scenario.js';
import { startEsplora, type FakeServer } from '../../test/fakes/esplora-server.js';
import { startBitcoinRpc, type FakeRpcServer } from '../../test/fakes/bitcoin-rpc-server.js';
import { closedPortUrl } from '../../test/fakes/http-server.js';
import { createEsploraBackend } from './esplora.js';
import { createBitcoinRpcBackend } from './bitcoin-rpc.js';
import { withCacheAndCoalescing } from './cache.js';
import { diagnoseTx } from './diagnose.js';

const sc = buildScenario();
const chainOpts = { transactions: sc.transactions, tipHeight: sc.tipHeight, feeEstimates: sc.feeEstimates };
let esplora: FakeServer;
let rpc: FakeRpcServer;

before(async () => {
  esplora = await startEsplora({ ...chainOpts, delayMs: 20 });
  rpc = await startBitcoinRpc({ ...chainOpts, delayMs: 20 });
});
after(() => Promise.all([esplora.close(), rpc.close()]));

function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

test('100 identical concurrent lookups cause exactly one backend request', async () => {
  const cached = withCacheAndCoalescing(createEsploraBackend({ url: esplora.url }), { ttlMs: 10_000 });
  const before = esplora.count(`/tx/${sc.txids.noRbf}`);
  const results = await Promise.all(Array.from({ length: 100 }, () => cached.getTx(sc.txids.noRbf)));
  assert.equal(esplora.count(`/tx/${sc.txids.noRbf}`) - before, 1);
  assert.ok(results.every((r) => r === results[0]), 'everyone gets the same answer');
  assert.deepEqual(cached.stats(), { hits: 0, misses: 1, coalesced: 99, size: 1 });
});

test('100 agents diagnosing the same txid at once send each distinct query once', async () => {
  const cached = withCacheAndCoalescing(createEsploraBackend({ url: esplora.url, mempoolSpaceExtensions: 'off' }), { ttlMs: 10_000 });
  const start = esplora.requests.length;
  const all = await Promise.all(Array.from({ length: 100 }, () => diagnoseTx(cached, sc.txids.rbfLowFee, sc.now)));
  const paths = esplora.requests.slice(start).map((r) => r.path);
  assert.equal(new Set(paths).size, paths.length, `no query repeated: ${paths.join(', ')}`);
  assert.ok(all.every((d) => d.stuck && d.fee === sc.facts.rbfLowFee.fee));
  const one = withCacheAndCoalescing(createEsploraBackend({ url: esplora.url, mempoolSpaceExtensions: 'off' }), { ttlMs: 10_000 });
  const single = esplora.requests.length;
  await diagnoseTx(one, sc.txids.rbfLowFee, sc.now);
  assert.equal(paths.length, esplora.requests.length - single, '100 diagnoses cost what one costs');
});

test('Bitcoin Core lookups are coalesced too', async () => {
  const cached = withCacheAndCoalescing(createBitcoinRpcBackend({ url: rpc.url, cookieFile: rpc.cookieFile! }), { ttlMs: 10_000 });
  const before = rpc.requests;
  await Promise.all(Array.from({ length: 100 }, () => cached.feeEstimates()));
  assert.equal(rpc.requests - before, 1);
});

test('an answer is reused until its TTL runs out, then fetched again', async () => {
  const clock = manualClock();
  const cached = withCacheAndCoalescing(createEsploraBackend({ url: esplora.url }), { ttlMs: 5000, now: clock.now });
  const path = '/blocks/tip/height';
  const before = esplora.count(path);
  await cached.tipHeight();
  clock.advance(4999);
  await cached.tipHeight();
  assert.equal(esplora.count(path) - before, 1, 'still fresh at 4999 ms');
  clock.advance(2);
  await cached.tipHeight();
  assert.equal(esplora.count(path) - before, 2, 'expired after 5000 ms');
  assert.equal(cached.stats().hits, 1);
});

test('a failure is shared by the callers waiting on it but not cached', async () => {
  const cached = withCacheAndCoalescing(createEsploraBackend({ url: await closedPortUrl('/api') }), { ttlMs: 60_000 });
  const results = await Promise.allSettled(Array.from({ length: 10 }, () => cached.tipHeight()));
  assert.ok(results.every((r) => r.status === 'rejected'));
  assert.equal(cached.stats().misses, 1);
  await assert.rejects(cached.tipHeight(), { code: 'unavailable' });
  assert.equal(cached.stats().misses, 2, 'the next call tries the backend again');
});

test('cached answers are frozen so one caller cannot change what the next one sees', async () => {
  const cached = withCacheAndCoalescing(createEsploraBackend({ url: esplora.url }), { ttlMs: 10_000 });
  const r = await cached.getTx(sc.txids.confirmed);
  assert.ok(r.found);
  assert.throws(() => {
    (r.tx as { fee: number | null }).fee = 0;
  }, TypeError);
});

test('the cache keeps at most maxEntries answers, dropping the least recently used', async () => {
  const cached = withCacheAndCoalescing(createEsploraBackend({ url: esplora.url }), { ttlMs: 10_000, maxEntries: 2 });
  await cached.getTx(sc.txids.confirmed);
  await cached.getTx(sc.txids.noRbf);
  await cached.getTx(sc.txids.confirmed);
  await cached.getTx(sc.txids.parent);
  assert.equal(cached.stats().size, 2);
  const before = esplora.count(`/tx/${sc.txids.confirmed}`);
  await cached.getTx(sc.txids.confirmed);
  assert.equal(esplora.count(`/tx/${sc.txids.confirmed}`), before, 'recently used: still cached');
  await cached.getTx(sc.txids.noRbf);
  assert.equal(cached.stats().misses, 4, 'noRbf was evicted and fetched again');
});
