import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildScenario } from '../../test/fakes/scenario.js';
import { startBitcoinRpc, type FakeRpcServer } from '../../test/fakes/bitcoin-rpc-server.js';
import { closedPortUrl, startHangingServer } from '../../test/fakes/http-server.js';
import { createBitcoinRpcBackend } from './bitcoin-rpc.js';

const sc = buildScenario();
const chainOpts = { transactions: sc.transactions, tipHeight: sc.tipHeight, feeEstimates: sc.feeEstimates };
let node: FakeRpcServer;

before(async () => {
  node = await startBitcoinRpc(chainOpts);
});
after(() => node.close());

const backend = () => createBitcoinRpcBackend({ url: node.url, cookieFile: node.cookieFile! });

test('authenticates with the cookie file and reads the chain name', async () => {
  assert.equal(await backend().network(), 'regtest');
  assert.equal(await backend().tipHeight(), sc.tipHeight);
});

test('re-reads the cookie once when bitcoind restarted and wrote a new one', async () => {
  const b = backend();
  await b.tipHeight();
  node.rotateCookie();
  assert.equal(await b.tipHeight(), sc.tipHeight);
});

test('wrong credentials give unavailable, without showing them', async () => {
  const b = createBitcoinRpcBackend({ url: node.url, user: 'alice', password: 'not-the-password' });
  await assert.rejects(b.tipHeight(), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'unavailable');
    assert.match(err.message, /rejected walletdesk's RPC credentials/);
    assert.doesNotMatch(err.message, /not-the-password/);
    return true;
  });
});

test('no credentials at all says which option to give', async () => {
  await assert.rejects(createBitcoinRpcBackend({ url: node.url }).tipHeight(), { code: 'unavailable', message: /--rpc-cookie/ });
});

test('a missing cookie file is named in the error', async () => {
  await assert.rejects(createBitcoinRpcBackend({ url: node.url, cookieFile: '/nonexistent/.cookie' }).tipHeight(), {
    code: 'unavailable',
    message: /cookie file \/nonexistent\/\.cookie cannot be read \(ENOENT\)/,
  });
});

test('user and password in the URL are used for basic auth and kept out of the label', async () => {
  const fixed = await startBitcoinRpc({ ...chainOpts, auth: { user: 'desk', password: 's3cret' } });
  try {
    const url = fixed.url.replace('http://', 'http://desk:s3cret@');
    const b = createBitcoinRpcBackend({ url });
    assert.equal(await b.tipHeight(), sc.tipHeight);
    assert.doesNotMatch(b.label, /s3cret|desk/);
  } finally {
    await fixed.close();
  }
});

test('a mempool transaction carries Core mempool data: first seen, ancestors, descendants and children', async () => {
  const r = await backend().getTx(sc.txids.parent);
  assert.ok(r.found);
  const m = r.tx.mempool!;
  assert.equal(m.descendantCount, 2);
  assert.equal(m.descendantVsize, sc.facts.parent.vsize + sc.facts.child.vsize);
  assert.equal(m.descendantFee, sc.facts.parent.fee + sc.facts.child.fee);
  assert.deepEqual(m.spentBy, [sc.txids.child]);
  assert.deepEqual(m.depends, []);
  assert.equal(m.firstSeen, Math.floor(sc.now.getTime() / 1000) - 2 * 3600);
});

test('fee estimates come from estimatesmartfee in BTC/kvB, converted to sat/vB, in one batch', async () => {
  const before = node.requests;
  const fees = await backend().feeEstimates();
  assert.equal(node.requests - before, 1, 'one HTTP request for all targets');
  assert.deepEqual(fees.targets.slice(0, 3), [
    { blocks: 2, feeRate: 25 },
    { blocks: 3, feeRate: 20 },
    { blocks: 6, feeRate: 15 },
  ]);
  assert.equal(fees.mempoolMinFee, 1);
});

test('a node with no fee estimates yet returns none instead of failing', async () => {
  const fresh = await startBitcoinRpc({ ...chainOpts, feeEstimates: {} });
  try {
    const fees = await createBitcoinRpcBackend({ url: fresh.url, cookieFile: fresh.cookieFile! }).feeEstimates();
    assert.deepEqual(fees.targets, []);
  } finally {
    await fresh.close();
  }
});

test('full-RBF policy is read from getmempoolinfo, or from the version when the field is gone', async () => {
  assert.deepEqual(await backend().policy(), { fullRbf: true });
  const v29 = await startBitcoinRpc({ ...chainOpts, fullRbf: null, version: 290000 });
  const v26 = await startBitcoinRpc({ ...chainOpts, fullRbf: null, version: 260000 });
  try {
    assert.deepEqual(await createBitcoinRpcBackend({ url: v29.url, cookieFile: v29.cookieFile! }).policy(), { fullRbf: true });
    assert.deepEqual(await createBitcoinRpcBackend({ url: v26.url, cookieFile: v26.cookieFile! }).policy(), { fullRbf: null });
  } finally {
    await Promise.all([v29.close(), v26.close()]);
  }
});

test('outspends come from gettxout: spent outputs answer null', async () => {
  const spends = await backend().getOutspends(sc.txids.parent, 2);
  assert.deepEqual(
    spends.map((s) => s.spent),
    [true, false],
  );
});

test('a node on another network than configured is refused before any txid is sent', async () => {
  const before = node.calls.length;
  const b = createBitcoinRpcBackend({ url: node.url, cookieFile: node.cookieFile!, network: 'mainnet' });
  await assert.rejects(b.getTx(sc.txids.confirmed), {
    code: 'unavailable',
    message: /network doesn't match: walletdesk is set up for Bitcoin mainnet, but the Bitcoin Core node .* runs regtest/,
  });
  assert.deepEqual(
    node.calls.slice(before).map((c) => c.method),
    ['getblockchaininfo'],
  );
});

test('a node that is down or hangs gives unavailable', async () => {
  await assert.rejects(createBitcoinRpcBackend({ url: await closedPortUrl(), user: 'u', password: 'p' }).tipHeight(), {
    code: 'unavailable',
    message: /Bitcoin Core node at .* refused the connection/,
  });
  const hanging = await startHangingServer();
  try {
    await assert.rejects(createBitcoinRpcBackend({ url: hanging.url, user: 'u', password: 'p', timeoutMs: 200 }).tipHeight(), {
      code: 'unavailable',
      message: /did not answer within 0\.2 s/,
    });
  } finally {
    await hanging.close();
  }
});
