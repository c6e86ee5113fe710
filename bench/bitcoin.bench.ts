/**
 * Bitcoin transaction desk, against the local fake Esplora server (no public network):
 *  - latency of a cached lookup (target ≤ 5 ms), p50/p99, for a full diagnosis and for the raw tx lookup;
 *  - latency of an uncached diagnosis against the local server, for scale;
 *  - backend requests caused by 100 concurrent identical lookups (target: 1 per distinct query).
 * Prints one JSON line per measurement.
 */
import { buildScenario } from '../test/fakes/scenario.js';
import { startEsplora } from '../test/fakes/esplora-server.js';
import { createEsploraBackend, diagnoseTx, withCacheAndCoalescing } from '../src/bitcoin/index.js';

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 1000) / 1000;
}

async function timeEach(n: number, fn: () => Promise<unknown>): Promise<{ p50: number; p99: number; max: number }> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: percentile(samples, 100) };
}

const emit = (o: Record<string, unknown>): void => console.log(JSON.stringify({ bench: 'bitcoin', ...o }));

const sc = buildScenario();
const server = await startEsplora({
  transactions: sc.transactions,
  tipHeight: sc.tipHeight,
  feeEstimates: sc.feeEstimates,
  mempoolSpace: true,
});
try {
  const txid = sc.txids.rbfLowFee;

  // Cached: one warm-up fills the cache; the TTL is longer than the run.
  const cached = withCacheAndCoalescing(createEsploraBackend({ url: server.url }), { ttlMs: 60 * 60_000 });
  await diagnoseTx(cached, txid, sc.now);
  const before = server.requests.length;
  const n = 5000;
  const diag = await timeEach(n, () => diagnoseTx(cached, txid, sc.now));
  const raw = await timeEach(n, () => cached.getTx(txid));
  emit({ name: 'cached_diagnosis_latency_ms', n, ...diag, target: '<= 5', backend_requests_during_run: server.requests.length - before });
  emit({ name: 'cached_tx_lookup_latency_ms', n, ...raw, target: '<= 5' });

  // Uncached, over HTTP to the local fake, for comparison.
  const plain = createEsploraBackend({ url: server.url });
  await diagnoseTx(plain, txid, sc.now);
  const m = 200;
  const startReq = server.requests.length;
  const uncached = await timeEach(m, () => diagnoseTx(plain, txid, sc.now));
  emit({
    name: 'uncached_diagnosis_latency_ms',
    n: m,
    ...uncached,
    requests_per_diagnosis: (server.requests.length - startReq) / m,
    note: 'local fake server over loopback HTTP; a public backend adds its network round trips',
  });

  // 100 agents at once, identical lookups, fresh cache each time.
  const concurrent = 100;
  for (const flavour of ['plain-esplora', 'mempool.space'] as const) {
    const a = withCacheAndCoalescing(
      createEsploraBackend({ url: server.url, mempoolSpaceExtensions: flavour === 'plain-esplora' ? 'off' : 'on' }),
      { ttlMs: 10_000 },
    );
    const s = server.requests.length;
    await Promise.all(Array.from({ length: concurrent }, () => a.getTx(txid)));
    emit({
      name: 'concurrent_identical_tx_lookups',
      flavour,
      callers: concurrent,
      backend_lookups: a.stats().misses,
      http_requests: server.requests.length - s,
      target: 1,
      note: flavour === 'mempool.space' ? 'one lookup of an unconfirmed tx = GET /tx/:txid + GET /v1/transaction-times' : undefined,
    });
  }

  const b = withCacheAndCoalescing(createEsploraBackend({ url: server.url }), { ttlMs: 10_000 });
  const start = server.requests.length;
  await Promise.all(Array.from({ length: concurrent }, () => diagnoseTx(b, txid, sc.now)));
  const paths = server.requests.slice(start).map((r) => r.path);
  const single = withCacheAndCoalescing(createEsploraBackend({ url: server.url }), { ttlMs: 10_000 });
  const s0 = server.requests.length;
  await diagnoseTx(single, txid, sc.now);
  emit({
    name: 'concurrent_identical_diagnoses',
    callers: concurrent,
    backend_requests: paths.length,
    distinct_queries: new Set(paths).size,
    requests_for_one_diagnosis: server.requests.length - s0,
    target: 'one request per distinct query',
  });
} finally {
  await server.close();
}
