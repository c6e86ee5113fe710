import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildScenario } from '../../test/fakes/scenario.js';
import { startEsplora, type FakeServer } from '../../test/fakes/esplora-server.js';
import { closedPortUrl, startHangingServer } from '../../test/fakes/http-server.js';
import { createEsploraBackend } from './esplora.js';
import { diagnoseTx } from './diagnose.js';

const sc = buildScenario();
const chainOpts = { transactions: sc.transactions, tipHeight: sc.tipHeight, feeEstimates: sc.feeEstimates };
let server: FakeServer;

before(async () => {
  server = await startEsplora({ ...chainOpts, mempoolSpace: true });
});
after(() => server.close());

test('reads a transaction in the Esplora format: sizes, fee, sequences, prevout values and addresses', async () => {
  const r = await createEsploraBackend({ url: server.url }).getTx(sc.txids.rbfLowFee);
  assert.ok(r.found);
  const tx = r.tx;
  assert.equal(tx.weight, sc.facts.rbfLowFee.weight);
  assert.equal(tx.vsize, sc.facts.rbfLowFee.vsize);
  assert.equal(tx.fee, sc.facts.rbfLowFee.fee);
  assert.equal(tx.inputs[0]?.sequence, 0xfffffffd);
  assert.equal(tx.inputs[0]?.value, 1_000_000);
  assert.equal(tx.inputs[0]?.address, sc.wallets.aliceTr!.address);
  assert.deepEqual(
    tx.outputs.map((o) => [o.address, o.scriptType]),
    [
      [sc.wallets.exchange!.address, 'p2wpkh'],
      [sc.wallets.aliceTr!.address, 'p2tr'],
    ],
  );
  assert.equal(tx.status.confirmed, false);
});

test('an unknown txid is not found (HTTP 404), with full coverage', async () => {
  const r = await createEsploraBackend({ url: server.url }).getTx(sc.txids.neverBroadcast);
  assert.deepEqual(r, { found: false, coverage: 'full' });
});

test('outspends name the child that spent an output', async () => {
  const spends = await createEsploraBackend({ url: server.url }).getOutspends(sc.txids.parent, 2);
  assert.deepEqual(spends, [
    { vout: 0, spent: true, spender: sc.txids.child, spenderConfirmed: false },
    { vout: 1, spent: false, spender: null, spenderConfirmed: null },
  ]);
});

test('fee estimates are sorted by target, and the mempool.space minimum fee is read when offered', async () => {
  const fees = await createEsploraBackend({ url: server.url }).feeEstimates();
  assert.deepEqual(
    fees.targets.map((t) => t.blocks),
    [2, 3, 4, 5, 6, 10, 20, 25, 144, 504, 1008],
  );
  assert.equal(fees.targets[0]?.feeRate, 25);
  assert.equal(fees.mempoolMinFee, 1);
});

test('the network is detected from the genesis block', async () => {
  const before = server.count('/block-height/0');
  const backend = createEsploraBackend({ url: server.url });
  assert.equal(await backend.network(), 'regtest');
  await backend.network();
  assert.equal(server.count('/block-height/0') - before, 1, 'the network is asked once per backend');
});

test('a backend on another network than configured is refused, naming both networks', async () => {
  const testnet = await startEsplora({ ...chainOpts, network: 'testnet' });
  try {
    const backend = createEsploraBackend({ url: testnet.url, network: 'mainnet' });
    await assert.rejects(backend.getTx(sc.txids.confirmed), {
      code: 'unavailable',
      message: /network doesn't match: walletdesk is set up for Bitcoin mainnet, but the Esplora backend at .* serves testnet3/,
    });
    assert.equal(testnet.count('/tx/'), 0, 'no customer txid is sent to a backend on the wrong network');
  } finally {
    await testnet.close();
  }
});

test('plain Esplora without mempool.space extensions is probed once, then left alone', async () => {
  const plain = await startEsplora(chainOpts);
  try {
    const backend = createEsploraBackend({ url: plain.url });
    await backend.getTx(sc.txids.noRbf);
    await backend.getTx(sc.txids.rbfLowFee);
    assert.equal(plain.count('/v1/'), 1);
    const r = await backend.getTx(sc.txids.noRbf);
    assert.ok(r.found && r.tx.mempool?.firstSeen === null);
  } finally {
    await plain.close();
  }
});

test('mempool.space first-seen times fill the time in the mempool', async () => {
  const r = await createEsploraBackend({ url: server.url }).getTx(sc.txids.noRbf);
  assert.ok(r.found);
  assert.equal(r.tx.mempool?.firstSeen, Math.floor(sc.now.getTime() / 1000) - 5 * 3600);
});

test('a backend that is down gives unavailable with a message naming the host', async () => {
  const url = await closedPortUrl('/api');
  await assert.rejects(diagnoseTx(createEsploraBackend({ url }), sc.txids.confirmed, sc.now), {
    code: 'unavailable',
    message: /The Esplora backend at http:\/\/127\.0\.0\.1:\d+ refused the connection: it is not running/,
  });
});

test('a backend that never answers times out after the configured time', async () => {
  const hanging = await startHangingServer();
  try {
    const started = performance.now();
    await assert.rejects(createEsploraBackend({ url: `${hanging.url}/api`, timeoutMs: 300 }).getTx(sc.txids.confirmed), {
      code: 'unavailable',
      message: /did not answer within 0\.3 s/,
    });
    const took = performance.now() - started;
    assert.ok(took >= 290 && took < 3000, `took ${took} ms`);
  } finally {
    await hanging.close();
  }
});

test('an HTTP 503 from the backend is unavailable, a 429 says rate-limited', async () => {
  for (const [status, pattern] of [
    [503, /answered HTTP 503/],
    [429, /rate-limiting walletdesk/],
  ] as const) {
    const failing = await startEsplora({ ...chainOpts, failStatus: status });
    try {
      await assert.rejects(createEsploraBackend({ url: failing.url }).getTx(sc.txids.confirmed), { code: 'unavailable', message: pattern });
    } finally {
      await failing.close();
    }
  }
});

test('customer data never follows a redirect to another host', async () => {
  const elsewhere = await startEsplora(chainOpts);
  const redirecting = await startEsplora({ ...chainOpts, redirectTo: `${elsewhere.url}` });
  try {
    await assert.rejects(createEsploraBackend({ url: redirecting.url }).getTx(sc.txids.confirmed), {
      code: 'unavailable',
      message: /tried to redirect .* does not follow redirects/,
    });
    assert.equal(redirecting.count('/tx/'), 1);
    assert.equal(elsewhere.requests.length, 0, 'the other host received nothing');
  } finally {
    await Promise.all([elsewhere.close(), redirecting.close()]);
  }
});

test('an answer in an unexpected shape is reported as not understood, not as a crash', async () => {
  const { listen } = await import('../../test/fakes/http-server.js');
  const l = await listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ txid: sc.txids.confirmed, weight: 'heavy' }));
  });
  try {
    await assert.rejects(createEsploraBackend({ url: `http://127.0.0.1:${l.port}/api` }).getTx(sc.txids.confirmed), {
      code: 'unavailable',
      message: /does not understand \(tx\.weight: expected a number\)/,
    });
  } finally {
    await l.close();
  }
});

test('a URL that is not http(s) is refused as invalid input', () => {
  assert.throws(() => createEsploraBackend({ url: 'ftp://example.org/api' }), { code: 'invalid_input' });
  assert.throws(() => createEsploraBackend({ url: 'not a url' }), { code: 'invalid_input' });
});
