/**
 * The standard test chain: real transactions built and signed with @scure/btc-signer from deterministic keys.
 *   funding      confirmed 20 blocks ago, pays everyone below
 *   confirmed    confirmed 2 blocks before the tip (3 confirmations)
 *   rbfLowFee    unconfirmed, 1 sat/vB, signals RBF (nSequence 0xfffffffd), taproot input, 3 days in the mempool
 *   noRbf        unconfirmed, 2 sat/vB, no RBF signal (nSequence 0xffffffff), 5 hours in the mempool
 *   parent       unconfirmed, 1.5 sat/vB, no signal; its receiver already spent output 0 in …
 *   child        unconfirmed, ~60 sat/vB, pays for its parent (CPFP)
 *   neverBroadcast  signed but unknown to the backends
 * `facts` holds what tests compare against, computed by btc-signer from the same transactions.
 */
import * as btc from '@scure/btc-signer';
import { hex } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { btcNetwork, type FakeNetwork, type FakeTx } from './chain.js';

export interface Wallet {
  name: string;
  priv: Uint8Array;
  address: string;
  script: Uint8Array;
  kind: 'wpkh' | 'tr';
  /** Fields addInput needs to sign (tapInternalKey for taproot). */
  spend: Record<string, unknown>;
}

/** A deterministic key and its address of the given type. */
export function wallet(name: string, kind: 'wpkh' | 'tr', network: FakeNetwork): Wallet {
  const net = btcNetwork(network);
  const priv = sha256(new TextEncoder().encode(`walletdesk-test-key:${name}`));
  if (kind === 'tr') {
    const p = btc.p2tr(btc.utils.pubSchnorr(priv), undefined, net);
    return { name, priv, address: p.address!, script: p.script, kind, spend: { tapInternalKey: p.tapInternalKey } };
  }
  const address = btc.getAddress('wpkh', priv, net)!;
  return { name, priv, address, script: btc.OutScript.encode(btc.Address(net).decode(address)), kind, spend: {} };
}

export interface Coin {
  txid: string;
  vout: number;
  amount: bigint;
  owner: Wallet;
}

export interface SpendOptions {
  coins: Coin[];
  /** Payments; whatever is left after the fee goes to `change` (or is the fee when there is no change). */
  pay: Array<{ to: string | Uint8Array; amount: bigint }>;
  change?: Wallet;
  feeRate: number;
  sequence: number;
  network: FakeNetwork;
}

/** Builds and signs a transaction paying `feeRate` (sat/vB) on its real, signed size. */
export function spend(o: SpendOptions): btc.Transaction {
  const net = btcNetwork(o.network);
  const build = (fee: bigint): btc.Transaction => {
    const tx = new btc.Transaction({ allowUnknownOutputs: true });
    for (const c of o.coins) {
      tx.addInput({
        txid: c.txid,
        index: c.vout,
        sequence: o.sequence,
        witnessUtxo: { script: c.owner.script, amount: c.amount },
        ...c.owner.spend,
      });
    }
    for (const p of o.pay) {
      if (typeof p.to === 'string') tx.addOutputAddress(p.to, p.amount, net);
      else tx.addOutput({ script: p.to, amount: p.amount });
    }
    const inSum = o.coins.reduce((s, c) => s + c.amount, 0n);
    const outSum = o.pay.reduce((s, p) => s + p.amount, 0n);
    if (o.change) tx.addOutputAddress(o.change.address, inSum - outSum - fee, net);
    for (const c of new Set(o.coins.map((c) => c.owner))) tx.sign(c.priv, undefined, new Uint8Array(32));
    tx.finalize();
    return tx;
  };
  // Sign once to learn the size, then again with the fee that size needs.
  const draft = build(1000n);
  return build(BigInt(Math.ceil(o.feeRate * draft.vsize)));
}

export interface TxFacts {
  txid: string;
  fee: number;
  vsize: number;
  weight: number;
  /** sat/vB, one decimal, as the desk reports it. */
  feeRate: number;
}

function facts(tx: btc.Transaction, prevoutSum: bigint): TxFacts {
  let out = 0n;
  for (let i = 0; i < tx.outputsLength; i++) out += tx.getOutput(i).amount!;
  const fee = Number(prevoutSum - out);
  return { txid: tx.id, fee, vsize: tx.vsize, weight: tx.weight, feeRate: Math.round((fee / tx.vsize) * 10) / 10 };
}

export interface Scenario {
  network: FakeNetwork;
  now: Date;
  tipHeight: number;
  feeEstimates: Record<string, number>;
  /** What the backends serve. */
  transactions: FakeTx[];
  txids: Record<'funding' | 'confirmed' | 'rbfLowFee' | 'noRbf' | 'parent' | 'child' | 'neverBroadcast', string>;
  facts: Record<'confirmed' | 'rbfLowFee' | 'noRbf' | 'parent' | 'child', TxFacts>;
  wallets: Record<string, Wallet>;
}

/** Mainnet-like estimates: 25 sat/vB for the next blocks down to 1.5 sat/vB for a week. */
export const DEFAULT_FEE_ESTIMATES: Record<string, number> = {
  '2': 25,
  '3': 20,
  '4': 18,
  '5': 16,
  '6': 15,
  '10': 12,
  '20': 9,
  '25': 8,
  '144': 4,
  '504': 2.5,
  '1008': 1.5,
};

/** Builds the standard test chain. Deterministic: the same options give the same txids. */
export function buildScenario(opts: { network?: FakeNetwork; now?: Date; tipHeight?: number } = {}): Scenario {
  const network = opts.network ?? 'regtest';
  const now = opts.now ?? new Date('2026-03-01T12:00:00Z');
  const nowS = Math.floor(now.getTime() / 1000);
  const tipHeight = opts.tipHeight ?? 880_000;
  const w = {
    faucet: wallet('faucet', 'wpkh', network),
    alice: wallet('alice', 'wpkh', network),
    aliceTr: wallet('alice-taproot', 'tr', network),
    bob: wallet('bob', 'wpkh', network),
    carol: wallet('carol', 'wpkh', network),
    dave: wallet('dave', 'wpkh', network),
    merchant: wallet('merchant', 'wpkh', network),
    exchange: wallet('exchange-deposit', 'wpkh', network),
    receiver: wallet('receiver', 'wpkh', network),
  };
  const external = { txid: hex.encode(sha256(new TextEncoder().encode('walletdesk-fake-coinbase'))), amount: 10_000_000n };

  const funding = spend({
    network,
    coins: [{ txid: external.txid, vout: 0, amount: external.amount, owner: w.faucet }],
    pay: [
      { to: w.alice.address, amount: 1_000_000n },
      { to: w.aliceTr.address, amount: 1_000_000n },
      { to: w.bob.address, amount: 1_000_000n },
      { to: w.carol.address, amount: 1_000_000n },
      { to: w.dave.address, amount: 1_000_000n },
    ],
    change: w.faucet,
    feeRate: 10,
    sequence: 0xfffffffe,
  });
  const coin = (vout: number, owner: Wallet): Coin => ({ txid: funding.id, vout, amount: 1_000_000n, owner });

  const confirmed = spend({
    network,
    coins: [coin(0, w.alice)],
    pay: [{ to: w.merchant.address, amount: 600_000n }],
    change: w.alice,
    feeRate: 12,
    sequence: 0xfffffffe,
  });
  const rbfLowFee = spend({
    network,
    coins: [coin(1, w.aliceTr)],
    pay: [{ to: w.exchange.address, amount: 900_000n }],
    change: w.aliceTr,
    feeRate: 1,
    sequence: 0xfffffffd,
  });
  const noRbf = spend({
    network,
    coins: [coin(2, w.bob)],
    pay: [
      { to: w.exchange.address, amount: 500_000n },
      { to: btc.Script.encode(['RETURN', new TextEncoder().encode('walletdesk')]), amount: 0n },
    ],
    change: w.bob,
    feeRate: 2,
    sequence: 0xffffffff,
  });
  const parent = spend({
    network,
    coins: [coin(3, w.carol)],
    pay: [{ to: w.receiver.address, amount: 700_000n }],
    change: w.carol,
    feeRate: 1.5,
    sequence: 0xffffffff,
  });
  const child = spend({
    network,
    coins: [{ txid: parent.id, vout: 0, amount: 700_000n, owner: w.receiver }],
    pay: [],
    change: w.receiver,
    feeRate: 60,
    sequence: 0xfffffffd,
  });
  const neverBroadcast = spend({
    network,
    coins: [coin(4, w.dave)],
    pay: [{ to: w.merchant.address, amount: 400_000n }],
    change: w.dave,
    feeRate: 5,
    sequence: 0xfffffffd,
  });

  const hour = 3600;
  const transactions: FakeTx[] = [
    {
      hex: funding.hex,
      prevouts: [{ amount: external.amount, script: w.faucet.script }],
      block: { height: tipHeight - 20 },
    },
    { hex: confirmed.hex, block: { height: tipHeight - 2 } },
    { hex: rbfLowFee.hex, firstSeen: nowS - 72 * hour },
    { hex: noRbf.hex, firstSeen: nowS - 5 * hour },
    { hex: parent.hex, firstSeen: nowS - 2 * hour },
    { hex: child.hex, firstSeen: nowS - 1 * hour },
  ];
  return {
    network,
    now,
    tipHeight,
    feeEstimates: DEFAULT_FEE_ESTIMATES,
    transactions,
    txids: {
      funding: funding.id,
      confirmed: confirmed.id,
      rbfLowFee: rbfLowFee.id,
      noRbf: noRbf.id,
      parent: parent.id,
      child: child.id,
      neverBroadcast: neverBroadcast.id,
    },
    facts: {
      confirmed: facts(confirmed, 1_000_000n),
      rbfLowFee: facts(rbfLowFee, 1_000_000n),
      noRbf: facts(noRbf, 1_000_000n),
      parent: facts(parent, 1_000_000n),
      child: facts(child, 700_000n),
    },
    wallets: w,
  };
}
