import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildScenario } from '../../test/fakes/scenario.js';
import { startEsplora, type FakeServer } from '../../test/fakes/esplora-server.js';
import { startBitcoinRpc, type FakeRpcServer } from '../../test/fakes/bitcoin-rpc-server.js';
import type { ChainBackend } from './backend.js';
import { createBitcoinRpcBackend } from './bitcoin-rpc.js';
import { diagnoseTx, expectedBlocksFor, feeRateFor, lookupAddress, txStatusJson } from './diagnose.js';
import { createEsploraBackend } from './esplora.js';

const sc = buildScenario();
const tipTime = Math.floor(sc.now.getTime() / 1000);
const chainOpts = { transactions: sc.transactions, tipHeight: sc.tipHeight, feeEstimates: sc.feeEstimates, tipTime };

let esplora: FakeServer;
let rpc: FakeRpcServer;
let rpcNoIndex: FakeRpcServer;
const backends: Record<string, () => ChainBackend> = {
  'Esplora (mempool.space flavour)': () => createEsploraBackend({ url: esplora.url }),
  'Bitcoin Core with txindex': () => createBitcoinRpcBackend({ url: rpc.url, cookieFile: rpc.cookieFile! }),
  'Bitcoin Core without txindex': () => createBitcoinRpcBackend({ url: rpcNoIndex.url, cookieFile: rpcNoIndex.cookieFile! }),
};

before(async () => {
  esplora = await startEsplora({ ...chainOpts, mempoolSpace: true });
  rpc = await startBitcoinRpc(chainOpts);
  rpcNoIndex = await startBitcoinRpc({ ...chainOpts, txindex: false });
});
after(async () => {
  await Promise.all([esplora.close(), rpc.close(), rpcNoIndex.close()]);
});

for (const [name, make] of Object.entries(backends)) {
  describe(`diagnosis over ${name}`, () => {
    test('a confirmed transaction reports its block, confirmations and the fee derived from its bytes', async () => {
      const d = await diagnoseTx(make(), sc.txids.confirmed, sc.now);
      const f = sc.facts.confirmed;
      assert.deepEqual(txStatusJson(d), {
        txid: sc.txids.confirmed,
        found: true,
        confirmed: true,
        confirmations: 3,
        block_height: sc.tipHeight - 2,
        fee: f.fee,
        vsize: f.vsize,
        fee_rate: f.feeRate,
        signals_rbf: false,
        stuck: false,
        advice: ['contact_receiver', 'check_address'],
      });
      assert.equal(d.weight, f.weight);
      assert.match(d.blockTime ?? '', /^\d{4}-\d\d-\d\dT/);
    });

    test('a 1 sat/vB transaction that signals RBF is stuck and the sender is told to bump the fee first', async () => {
      const d = await diagnoseTx(make(), sc.txids.rbfLowFee, sc.now);
      assert.equal(d.found, true);
      assert.equal(d.confirmed, false);
      assert.equal(d.fee, sc.facts.rbfLowFee.fee);
      assert.equal(d.vsize, sc.facts.rbfLowFee.vsize);
      assert.equal(d.feeRate, 1);
      assert.equal(d.signalsRbf, true);
      assert.equal(d.replaceableFullRbf, true);
      assert.equal(d.stuck, true);
      assert.equal(d.beyondEstimates, true, '1 sat/vB is below the 1008-block estimate of 1.5');
      assert.deepEqual(d.advice, ['rbf', 'cpfp', 'wait']);
      assert.deepEqual(d.cpfp?.outputs, [0, 1]);
      assert.equal(d.cpfp?.packageFeeRate, 15, 'the package aims at the 6-block estimate');
      // The child must lift parent + child to 15 sat/vB: 15 × (142 + child) − 142.
      assert.equal(d.cpfp?.childFee, Math.ceil(15 * (sc.facts.rbfLowFee.vsize + d.cpfp!.childVsize!) - sc.facts.rbfLowFee.fee));
      assert.ok((d.rbf?.minNewFee ?? 0) >= 15 * sc.facts.rbfLowFee.vsize);
    });

    test('time in the mempool and the 14-day expiry come from the first-seen time', async () => {
      const d = await diagnoseTx(make(), sc.txids.rbfLowFee, sc.now);
      assert.equal(d.timeInMempoolSeconds, 72 * 3600);
      assert.equal(d.expiresAt, new Date(sc.now.getTime() + (14 * 24 - 72) * 3600_000).toISOString());
    });

    test('a low-fee transaction without the RBF signal leads with CPFP and still mentions full-RBF', async () => {
      const d = await diagnoseTx(make(), sc.txids.noRbf, sc.now);
      assert.equal(d.signalsRbf, false);
      assert.equal(d.replaceableFullRbf, true);
      assert.equal(d.feeRate, sc.facts.noRbf.feeRate);
      assert.equal(d.stuck, true);
      assert.equal(d.expectedBlocks, 1008);
      assert.deepEqual(d.advice, ['cpfp', 'rbf', 'wait']);
      const opReturn = d.outputs.find((o) => o.scriptType === 'op_return');
      assert.ok(opReturn, 'the OP_RETURN output is listed');
      assert.ok(!d.cpfp?.outputs.includes(opReturn.n), 'an OP_RETURN output cannot pay for a child');
    });

    test('a parent whose receiver already paid for it with a child is not stuck: the package rate counts', async () => {
      const d = await diagnoseTx(make(), sc.txids.parent, sc.now);
      assert.equal(d.feeRate, sc.facts.parent.feeRate);
      assert.deepEqual(
        d.children.map((c) => c.txid),
        [sc.txids.child],
      );
      const pkg = (sc.facts.parent.fee + sc.facts.child.fee) / (sc.facts.parent.vsize + sc.facts.child.vsize);
      assert.equal(d.effectiveFeeRate, Math.round(pkg * 10) / 10);
      assert.equal(d.expectedBlocks, 2);
      assert.equal(d.stuck, false);
      assert.deepEqual(d.advice, ['wait']);
      assert.deepEqual(d.cpfp?.outputs, [1], 'output 0 is already spent by the child');
    });

    test('a child sees its unconfirmed parent pulling its effective rate down', async () => {
      const d = await diagnoseTx(make(), sc.txids.child, sc.now);
      assert.deepEqual(
        d.parents.map((p) => p.txid),
        [sc.txids.parent],
      );
      assert.ok(d.notes.includes('unconfirmed_parent'));
      assert.ok((d.effectiveFeeRate ?? 0) < (d.feeRate ?? 0));
    });

    test('an unknown txid is a result, not an error, and says what cannot be known', async () => {
      const d = await diagnoseTx(make(), sc.txids.neverBroadcast, sc.now);
      assert.equal(d.found, false);
      assert.equal(d.stuck, false);
      assert.equal(d.fee, null);
      assert.equal(d.signalsRbf, null);
      assert.ok(d.notFoundReasons.includes('never_broadcast'));
      assert.ok(d.notFoundReasons.includes('dropped'));
      assert.ok(d.notFoundReasons.includes('replaced'));
    });

    test('a txid with spaces and upper case is normalised; a cut-off one is refused before any request', async () => {
      const d = await diagnoseTx(make(), `  ${sc.txids.confirmed.toUpperCase()} `, sc.now);
      assert.equal(d.txid, sc.txids.confirmed);
      await assert.rejects(diagnoseTx(make(), sc.txids.confirmed.slice(0, 60), sc.now), {
        code: 'invalid_input',
        message: /exactly 64 hexadecimal characters; this one has 60/,
      });
    });
  });
}

test('Bitcoin Core without txindex finds a confirmed transaction through its unspent output', async () => {
  const before = rpcNoIndex.calls.length;
  const d = await diagnoseTx(backends['Bitcoin Core without txindex']!(), sc.txids.confirmed, sc.now);
  assert.equal(d.confirmed, true);
  assert.equal(d.blockHeight, sc.tipHeight - 2);
  const methods = rpcNoIndex.calls.slice(before).map((c) => c.method);
  assert.ok(methods.includes('gettxout') && methods.includes('getblockhash'));
  assert.ok(
    rpcNoIndex.calls.slice(before).some((c) => c.method === 'getrawtransaction' && c.params.length === 3),
    'the second getrawtransaction names the block',
  );
});

test('without txindex an unknown txid is reported as partially searched, with no rebroadcast advice', async () => {
  const d = await diagnoseTx(backends['Bitcoin Core without txindex']!(), sc.txids.neverBroadcast, sc.now);
  assert.equal(d.found, false);
  assert.ok(d.notes.includes('partial_coverage'));
  assert.equal(d.notFoundReasons[0], 'confirmed_but_unindexed');
  assert.deepEqual(d.advice, []);
});

test('with txindex an unknown txid is fully searched and the advice is to rebroadcast', async () => {
  const d = await diagnoseTx(backends['Bitcoin Core with txindex']!(), sc.txids.neverBroadcast, sc.now);
  assert.ok(!d.notes.includes('partial_coverage'));
  assert.deepEqual(d.advice, ['rebroadcast']);
});

test('a block hash pasted as a txid is recognised as probably a block hash', async () => {
  const d = await diagnoseTx(createEsploraBackend({ url: esplora.url }), esplora.chain.blockHash(sc.tipHeight - 1).replace(/^.{8}/, '00000000'), sc.now);
  assert.equal(d.notFoundReasons[0], 'looks_like_block_hash');
});

test('a transaction with one confirmation advises waiting before contacting the receiver', async () => {
  const s = await startEsplora({ ...chainOpts, tipHeight: sc.tipHeight - 2 });
  try {
    const d = await diagnoseTx(createEsploraBackend({ url: s.url }), sc.txids.confirmed, sc.now);
    assert.equal(d.confirmations, 1);
    assert.deepEqual(d.advice, ['wait', 'contact_receiver', 'check_address']);
    assert.ok(d.notes.includes('few_confirmations'));
  } finally {
    await s.close();
  }
});

test('without fee estimates (fresh regtest node) a young transaction is not called stuck', async () => {
  const s = await startEsplora({ ...chainOpts, feeEstimates: {} });
  try {
    const d = await diagnoseTx(createEsploraBackend({ url: s.url, mempoolSpaceExtensions: 'off' }), sc.txids.noRbf, sc.now);
    assert.ok(d.notes.includes('no_fee_estimates'));
    assert.ok(d.notes.includes('first_seen_unknown'), 'plain Esplora keeps no first-seen time');
    assert.equal(d.stuck, false);
    assert.deepEqual(d.advice, ['wait']);
  } finally {
    await s.close();
  }
});

test('a fee rate below the mempool minimum is stuck even when estimates are low', async () => {
  const s = await startEsplora({ ...chainOpts, feeEstimates: { '2': 1.2, '144': 1 }, mempoolMinFee: 3, mempoolSpace: true });
  try {
    const d = await diagnoseTx(createEsploraBackend({ url: s.url }), sc.txids.noRbf, sc.now);
    assert.equal(d.mempoolMinFee, 3);
    assert.ok(d.notes.includes('below_mempool_min_fee'));
    assert.equal(d.stuck, true);
  } finally {
    await s.close();
  }
});

test('a slow but not stuck transaction is told to wait, with speed-ups offered after', async () => {
  const s = await startBitcoinRpc({ ...chainOpts, feeEstimates: { '2': 30, '6': 20, '24': 10, '144': 1 } });
  try {
    const backend = createBitcoinRpcBackend({ url: s.url, cookieFile: s.cookieFile! });
    const young = await diagnoseTx(backend, sc.txids.noRbf, sc.now);
    assert.equal(young.expectedBlocks, 144, '2 sat/vB meets only the one-day estimate');
    assert.equal(young.stuck, false, 'five hours in, a day still to go is slow, not stuck');
    assert.deepEqual(young.advice, ['wait', 'cpfp', 'rbf']);
    const old = await diagnoseTx(backend, sc.txids.rbfLowFee, sc.now);
    assert.equal(old.expectedBlocks, 144);
    assert.equal(old.stuck, true, 'three days in the mempool with a day still to go is stuck');
  } finally {
    await s.close();
  }
});

test('a node that does not run full-RBF makes a non-signalling transaction unreplaceable', async () => {
  const s = await startBitcoinRpc({ ...chainOpts, fullRbf: false, version: 270000 });
  try {
    const d = await diagnoseTx(createBitcoinRpcBackend({ url: s.url, cookieFile: s.cookieFile! }), sc.txids.noRbf, sc.now);
    assert.equal(d.replaceableFullRbf, false);
    assert.equal(d.rbf?.possible, false);
    assert.deepEqual(d.advice, ['cpfp', 'wait']);
  } finally {
    await s.close();
  }
});

test('expectedBlocksFor takes the first target the fee rate meets, and flags rates below every estimate', () => {
  const targets = [
    { blocks: 2, feeRate: 20 },
    { blocks: 6, feeRate: 10 },
    { blocks: 144, feeRate: 3 },
  ];
  assert.deepEqual(expectedBlocksFor(25, targets), { blocks: 2, beyond: false });
  assert.deepEqual(expectedBlocksFor(10, targets), { blocks: 6, beyond: false });
  assert.deepEqual(expectedBlocksFor(2.9, targets), { blocks: null, beyond: true });
  assert.deepEqual(expectedBlocksFor(5, []), { blocks: null, beyond: false });
  assert.deepEqual(feeRateFor(5, targets), { blocks: 6, feeRate: 10 });
  assert.deepEqual(feeRateFor(1000, targets), { blocks: 144, feeRate: 3 });
});

describe('address lookup', () => {
  test('sums confirmed and unconfirmed balances and lists recent transactions newest first', async () => {
    const a = await lookupAddress(createEsploraBackend({ url: esplora.url }), sc.wallets.exchange!.address);
    assert.equal(a.type, 'p2wpkh');
    assert.equal(a.network, 'regtest');
    assert.deepEqual(a.balance, { confirmed: 0, unconfirmed: 1_400_000 });
    assert.equal(a.txCount, 2);
    assert.deepEqual(
      a.recent.map((t) => t.txid),
      [sc.txids.noRbf, sc.txids.rbfLowFee],
    );
  });

  test('an address that sent and received shows the net effect of each transaction', async () => {
    const a = await lookupAddress(createEsploraBackend({ url: esplora.url }), sc.wallets.alice!.address);
    assert.equal(a.balance.confirmed, 1_000_000 - 600_000 - sc.facts.confirmed.fee);
    const spend = a.recent.find((t) => t.txid === sc.txids.confirmed);
    assert.equal(spend?.delta, -(600_000 + sc.facts.confirmed.fee));
  });

  test('a mainnet address on a regtest backend is refused with a network-mismatch message', async () => {
    await assert.rejects(lookupAddress(createEsploraBackend({ url: esplora.url }), 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'), {
      code: 'invalid_input',
      message: /network doesn't match: this is a mainnet address, but the chain backend serves regtest/,
    });
  });

  test('Bitcoin Core cannot list an address and says to use Esplora', async () => {
    await assert.rejects(
      lookupAddress(createBitcoinRpcBackend({ url: rpc.url, cookieFile: rpc.cookieFile! }), sc.wallets.exchange!.address),
      { code: 'unavailable', message: /no address index/ },
    );
  });
});
