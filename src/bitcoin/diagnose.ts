/**
 * Stuck-transaction diagnosis: where a transaction is, what it pays compared with what the network asks now,
 * whether and how it can be sped up, and what to advise. Works on any ChainBackend; pass a cached one
 * (withCacheAndCoalescing) when many people may ask at once.
 */
import type { AdviceCode } from './advice.js';
import type { AddressTx, ChainBackend, ChainTx, FeeEstimate, Outspend, ScriptType } from './backend.js';
import { addressFitsNetwork, networkMismatch, parseAddress, parseTxid, type Network, type ParsedAddress } from './networks.js';

/** Bitcoin Core drops a transaction from its mempool after this long by default (-mempoolexpiry=336 hours). */
export const MEMPOOL_EXPIRY_SECONDS = 14 * 24 * 3600;
/** Bitcoin Core's default limit on in-mempool descendants of one transaction. */
const DESCENDANT_LIMIT = 25;
/** The target a speed-up aims at: about an hour. */
const SPEEDUP_TARGET_BLOCKS = 6;
/** Related transactions looked up per diagnosis, at most. */
const RELATED_LIMIT = 12;

/** Why a txid may be missing. What cannot be known is named, never guessed. */
export type NotFoundReason =
  | 'never_broadcast'
  | 'dropped'
  | 'replaced'
  | 'other_network'
  | 'confirmed_but_unindexed'
  | 'looks_like_block_hash';

/** Caveats the agent should see next to the verdict. */
export type DiagnosisNote =
  | 'partial_coverage'
  | 'first_seen_unknown'
  | 'fee_unknown'
  | 'no_fee_estimates'
  | 'below_mempool_min_fee'
  | 'unconfirmed_parent'
  | 'unbroadcast'
  | 'near_expiry'
  | 'test_network'
  | 'few_confirmations'
  | 'related_not_checked';

export interface RelatedTx {
  txid: string;
  fee: number | null;
  vsize: number;
  feeRate: number | null;
}

export interface TxOutputView {
  n: number;
  value: number;
  address: string | null;
  scriptType: ScriptType;
  /** null when unknown. */
  spent: boolean | null;
}

export interface CpfpPlan {
  /** An output exists that a child could spend, and the child can pay the fee needed out of it. */
  possible: boolean;
  /** Outputs a child could spend (unspent, not OP_RETURN, above dust). */
  outputs: number[];
  targetBlocks: number | null;
  /** Fee rate the parent + child package must reach. */
  packageFeeRate: number | null;
  /** Estimated size of a one-input, one-output child spending the largest usable output. */
  childVsize: number | null;
  /** Fee the child must pay for the package to reach packageFeeRate. */
  childFee: number | null;
}

export interface RbfPlan {
  /** The transaction signals BIP125 or the backend node runs full-RBF. */
  possible: boolean;
  targetBlocks: number | null;
  targetFeeRate: number | null;
  /** Smallest total fee of a replacement that reaches the target and pays for what it evicts (BIP125 rules 3 and 4). */
  minNewFee: number | null;
}

/** Everything the desk knows about one txid at one moment. Amounts in sats, rates in sat/vB (one decimal). */
export interface TxDiagnosis {
  txid: string;
  network: Network;
  backend: 'esplora' | 'bitcoin-rpc';
  checkedAt: string;
  found: boolean;
  /** When not found: what the absence can mean, most likely first. Empty when found. */
  notFoundReasons: NotFoundReason[];
  confirmed: boolean;
  confirmations: number;
  blockHeight: number | null;
  blockTime: string | null;
  fee: number | null;
  vsize: number | null;
  weight: number | null;
  feeRate: number | null;
  /** The rate miners effectively see: with unconfirmed parents pulling down and children pushing up. */
  effectiveFeeRate: number | null;
  /** The backend's current estimates (blocks → sat/vB). */
  estimates: FeeEstimate[];
  mempoolMinFee: number | null;
  totalOutput: number | null;
  outputs: TxOutputView[];
  /** Some input has nSequence below 0xfffffffe (BIP125 opt-in). */
  signalsRbf: boolean | null;
  /** Replaceable under full-RBF policy (Bitcoin Core's default since 28) even without the signal. */
  replaceableFullRbf: boolean | null;
  parents: RelatedTx[];
  children: RelatedTx[];
  rbf: RbfPlan | null;
  cpfp: CpfpPlan | null;
  firstSeen: string | null;
  timeInMempoolSeconds: number | null;
  /** Estimated blocks until confirmation; null when unknown or beyond the estimates. */
  expectedBlocks: number | null;
  expectedMinutes: number | null;
  /** The fee rate is below even the slowest estimate: it may not confirm until fees fall, or be dropped. */
  beyondEstimates: boolean;
  /** When default-policy nodes drop it if still unconfirmed (first seen + 14 days). */
  expiresAt: string | null;
  stuck: boolean;
  advice: AdviceCode[];
  notes: DiagnosisNote[];
}

const DUST: Partial<Record<ScriptType, number>> = { p2pkh: 546, p2sh: 540, p2wpkh: 294, p2wsh: 330, p2tr: 330, p2a: 0 };
/** vbytes of one input spending this script type (p2sh assumed p2sh-p2wpkh, p2wsh assumed 2-of-3 multisig). */
const INPUT_VBYTES: Partial<Record<ScriptType, number>> = {
  p2pkh: 148,
  p2sh: 91,
  p2wpkh: 68,
  p2wsh: 104.5,
  p2tr: 57.5,
  p2a: 41,
};

const round1 = (x: number): number => Math.round(x * 10) / 10;
const rate = (fee: number | null, vsize: number): number | null => (fee === null || vsize <= 0 ? null : fee / vsize);
const iso = (unixSeconds: number | null): string | null => (unixSeconds === null ? null : new Date(unixSeconds * 1000).toISOString());

/** Blocks until a tx paying `feeRate` confirms, from the estimates: the first target it meets. */
export function expectedBlocksFor(feeRate: number, targets: FeeEstimate[]): { blocks: number | null; beyond: boolean } {
  if (targets.length === 0) return { blocks: null, beyond: false };
  for (const t of targets) if (feeRate >= t.feeRate) return { blocks: t.blocks, beyond: false };
  return { blocks: null, beyond: true };
}

/** The estimate for confirmation within about `blocks` blocks: the nearest target at or after it. */
export function feeRateFor(blocks: number, targets: FeeEstimate[]): { blocks: number; feeRate: number } | null {
  const t = targets.find((x) => x.blocks >= blocks) ?? targets[targets.length - 1];
  return t ? { blocks: t.blocks, feeRate: t.feeRate } : null;
}

function emptyDiagnosis(txid: string, network: Network, backend: ChainBackend, now: Date): TxDiagnosis {
  return {
    txid,
    network,
    backend: backend.kind,
    checkedAt: now.toISOString(),
    found: false,
    notFoundReasons: [],
    confirmed: false,
    confirmations: 0,
    blockHeight: null,
    blockTime: null,
    fee: null,
    vsize: null,
    weight: null,
    feeRate: null,
    effectiveFeeRate: null,
    estimates: [],
    mempoolMinFee: null,
    totalOutput: null,
    outputs: [],
    signalsRbf: null,
    replaceableFullRbf: null,
    parents: [],
    children: [],
    rbf: null,
    cpfp: null,
    firstSeen: null,
    timeInMempoolSeconds: null,
    expectedBlocks: null,
    expectedMinutes: null,
    beyondEstimates: false,
    expiresAt: null,
    stuck: false,
    advice: [],
    notes: network === 'mainnet' ? [] : ['test_network'],
  };
}

async function related(backend: ChainBackend, txids: string[]): Promise<Array<ChainTx | null>> {
  return Promise.all(
    txids.map(async (id) => {
      const r = await backend.getTx(id);
      return r.found ? r.tx : null;
    }),
  );
}

const view = (t: ChainTx): RelatedTx => {
  const r = rate(t.fee, t.vsize);
  return { txid: t.txid, fee: t.fee, vsize: t.vsize, feeRate: r === null ? null : round1(r) };
};

/**
 * Diagnoses one txid against the backend at time `now`. Throws invalid_input for something that is not a txid
 * and unavailable when the backend cannot answer; a txid the backend does not know is a result, not an error.
 */
export async function diagnoseTx(backend: ChainBackend, txidInput: string, now: Date): Promise<TxDiagnosis> {
  const txid = parseTxid(txidInput);
  const [network, lookup] = await Promise.all([backend.network(), backend.getTx(txid)]);
  const d = emptyDiagnosis(txid, network, backend, now);

  if (!lookup.found) {
    const reasons: NotFoundReason[] = [];
    if (txid.startsWith('00000000')) reasons.push('looks_like_block_hash');
    if (lookup.coverage === 'partial') {
      d.notes.push('partial_coverage');
      reasons.push('confirmed_but_unindexed');
    }
    reasons.push('never_broadcast', 'replaced', 'dropped');
    if (network !== 'mainnet') reasons.push('other_network');
    d.notFoundReasons = reasons;
    // With partial coverage the tx may well be confirmed: advising a rebroadcast would mislead.
    d.advice = lookup.coverage === 'full' ? ['rebroadcast'] : [];
    return d;
  }

  const tx = lookup.tx;
  const [tip, fees, policy] = await Promise.all([backend.tipHeight(), backend.feeEstimates(), backend.policy()]);
  d.found = true;
  d.fee = tx.fee;
  d.vsize = tx.vsize;
  d.weight = tx.weight;
  const ownRate = rate(tx.fee, tx.vsize);
  d.feeRate = ownRate === null ? null : round1(ownRate);
  if (tx.fee === null) d.notes.push('fee_unknown');
  d.estimates = fees.targets;
  d.mempoolMinFee = fees.mempoolMinFee;
  d.totalOutput = tx.outputs.reduce((s, o) => s + o.value, 0);
  d.signalsRbf = tx.inputs.some((i) => i.sequence < 0xfffffffe);

  if (tx.status.confirmed) {
    d.confirmed = true;
    d.blockHeight = tx.status.blockHeight;
    d.blockTime = iso(tx.status.blockTime);
    d.confirmations = tx.status.blockHeight === null ? 1 : Math.max(1, tip - tx.status.blockHeight + 1);
    d.outputs = tx.outputs.map((o) => ({ n: o.n, value: o.value, address: o.address, scriptType: o.scriptType, spent: null }));
    if (d.confirmations < 3) {
      d.notes.push('few_confirmations');
      d.advice = ['wait', 'contact_receiver', 'check_address'];
    } else {
      d.advice = ['contact_receiver', 'check_address'];
    }
    return d;
  }

  // Unconfirmed: look at the mempool entry, the outputs, parents and children.
  const entry = tx.mempool;
  d.replaceableFullRbf = policy.fullRbf ?? true;
  if (entry?.firstSeen) {
    d.firstSeen = iso(entry.firstSeen);
    d.timeInMempoolSeconds = Math.max(0, Math.round(now.getTime() / 1000 - entry.firstSeen));
    d.expiresAt = iso(entry.firstSeen + MEMPOOL_EXPIRY_SECONDS);
    if (d.timeInMempoolSeconds > 12 * 24 * 3600) d.notes.push('near_expiry');
  } else {
    d.notes.push('first_seen_unknown');
  }
  if (entry?.unbroadcast) d.notes.push('unbroadcast');

  const outspends: Outspend[] = await backend.getOutspends(txid, tx.outputs.length);
  d.outputs = tx.outputs.map((o) => ({
    n: o.n,
    value: o.value,
    address: o.address,
    scriptType: o.scriptType,
    spent: o.scriptType === 'op_return' ? null : (outspends[o.n]?.spent ?? null),
  }));

  const childIds = new Set<string>(entry?.spentBy ?? []);
  for (const s of outspends) if (s.spent && s.spender && s.spenderConfirmed !== true) childIds.add(s.spender);
  const parentIds = entry?.depends ?? [...new Set(tx.inputs.filter((i) => !i.coinbase).map((i) => i.txid))];
  const childList = [...childIds].slice(0, RELATED_LIMIT);
  const parentList = parentIds.slice(0, RELATED_LIMIT);
  if (childIds.size > RELATED_LIMIT || parentIds.length > RELATED_LIMIT) d.notes.push('related_not_checked');
  const [parents, children] = await Promise.all([related(backend, parentList), related(backend, childList)]);
  const unconfirmedParents = parents.filter((p): p is ChainTx => p !== null && !p.status.confirmed);
  const mempoolChildren = children.filter((c): c is ChainTx => c !== null && !c.status.confirmed);
  d.parents = unconfirmedParents.map(view);
  d.children = mempoolChildren.map(view);
  if (unconfirmedParents.length > 0) d.notes.push('unconfirmed_parent');

  // The package a miner would take: this tx with its unconfirmed parents (Core reports all ancestors).
  let ancFee: number | null = tx.fee;
  let ancVsize = tx.vsize;
  if (entry?.ancestorFee != null && entry.ancestorVsize != null) {
    ancFee = entry.ancestorFee;
    ancVsize = entry.ancestorVsize;
  } else {
    for (const p of unconfirmedParents) {
      ancFee = ancFee === null || p.fee === null ? null : ancFee + p.fee;
      ancVsize += p.vsize;
    }
  }
  let effective: number | null = null;
  if (entry?.chunkFeeRate != null) {
    effective = entry.chunkFeeRate;
  } else if (ownRate !== null) {
    const ancestorRate = rate(ancFee, ancVsize);
    effective = ancestorRate === null ? ownRate : Math.min(ownRate, ancestorRate);
    for (const c of mempoolChildren) {
      const pkg = rate(ancFee === null || c.fee === null ? null : ancFee + c.fee, ancVsize + c.vsize);
      if (pkg !== null && pkg > effective) effective = pkg;
    }
  }
  d.effectiveFeeRate = effective === null ? null : round1(effective);

  if (fees.targets.length === 0) d.notes.push('no_fee_estimates');
  if (effective !== null) {
    const eta = expectedBlocksFor(effective, fees.targets);
    d.expectedBlocks = eta.blocks;
    d.expectedMinutes = eta.blocks === null ? null : eta.blocks * 10;
    d.beyondEstimates = eta.beyond;
    if (fees.mempoolMinFee !== null && effective < fees.mempoolMinFee) d.notes.push('below_mempool_min_fee');
  }

  const target = feeRateFor(SPEEDUP_TARGET_BLOCKS, fees.targets);
  const incremental = 1;
  const childrenFee = mempoolChildren.reduce((s, c) => s + (c.fee ?? 0), 0);
  d.rbf = {
    possible: d.signalsRbf || d.replaceableFullRbf,
    targetBlocks: target?.blocks ?? null,
    targetFeeRate: target?.feeRate ?? null,
    minNewFee:
      target && tx.fee !== null
        ? Math.max(Math.ceil(target.feeRate * tx.vsize), tx.fee + childrenFee + Math.ceil(incremental * tx.vsize))
        : null,
  };

  const usable = d.outputs.filter(
    (o) => o.spent === false && o.scriptType !== 'op_return' && o.value >= (DUST[o.scriptType] ?? 546),
  );
  const best = usable.reduce<TxOutputView | null>((a, o) => (a === null || o.value > a.value ? o : a), null);
  const childVsize = best ? Math.ceil(10.5 + (INPUT_VBYTES[best.scriptType] ?? 68) + 31) : null;
  let childFee: number | null = null;
  if (best && childVsize !== null && target && ancFee !== null) {
    childFee = Math.max(Math.ceil(target.feeRate * (ancVsize + childVsize) - ancFee), childVsize);
  }
  const tooManyDescendants = (entry?.descendantCount ?? (1 + mempoolChildren.length)) >= DESCENDANT_LIMIT;
  d.cpfp = {
    possible:
      best !== null && !tooManyDescendants && (childFee === null || best.value - childFee >= (DUST.p2wpkh ?? 294)),
    outputs: usable.map((o) => o.n),
    targetBlocks: target?.blocks ?? null,
    packageFeeRate: target?.feeRate ?? null,
    childVsize,
    childFee,
  };

  const waitedLong = d.timeInMempoolSeconds !== null && d.timeInMempoolSeconds > 24 * 3600;
  d.stuck =
    d.beyondEstimates ||
    (d.expectedBlocks !== null && d.expectedBlocks > 144) ||
    d.notes.includes('below_mempool_min_fee') ||
    (waitedLong && (d.expectedBlocks === null || d.expectedBlocks > SPEEDUP_TARGET_BLOCKS));

  const advice: AdviceCode[] = [];
  if (entry?.unbroadcast) advice.push('rebroadcast');
  const slow = d.stuck || (d.expectedBlocks !== null && d.expectedBlocks > SPEEDUP_TARGET_BLOCKS);
  if (!d.stuck) advice.push('wait');
  if (slow) {
    if (d.signalsRbf) advice.push('rbf');
    if (d.cpfp.possible) advice.push('cpfp');
    if (!d.signalsRbf && d.replaceableFullRbf) advice.push('rbf');
  }
  if (d.stuck) advice.push('wait');
  d.advice = advice;
  return d;
}

/** An address with its balance and recent history, as the desk shows it. */
export interface AddressLookup {
  address: string;
  network: Network;
  type: ParsedAddress['type'];
  balance: { confirmed: number; unconfirmed: number };
  totalReceived: number;
  txCount: number;
  unconfirmedTxCount: number;
  /** Newest first, at most `limit`. */
  recent: AddressTx[];
}

/**
 * Looks an address up: throws invalid_input for a bad address or one from another network than the backend's,
 * unavailable when the backend cannot answer (Bitcoin Core has no address index).
 */
export async function lookupAddress(backend: ChainBackend, addressInput: string, limit = 10): Promise<AddressLookup> {
  const parsed = parseAddress(addressInput);
  const network = await backend.network();
  if (!addressFitsNetwork(parsed, network)) throw networkMismatch(parsed, network);
  const s = await backend.getAddress(parsed.address);
  return {
    address: parsed.address,
    network,
    type: parsed.type,
    balance: {
      confirmed: s.confirmed.received - s.confirmed.spent,
      unconfirmed: s.unconfirmed.received - s.unconfirmed.spent,
    },
    totalReceived: s.confirmed.received + s.unconfirmed.received,
    txCount: s.confirmed.txCount + s.unconfirmed.txCount,
    unconfirmedTxCount: s.unconfirmed.txCount,
    recent: s.recent.slice(0, limit),
  };
}

/** The `walletdesk tx status --json` contract: exactly these fields. */
export interface TxStatusJson {
  txid: string;
  found: boolean;
  confirmed: boolean;
  confirmations: number;
  block_height: number | null;
  fee: number | null;
  vsize: number | null;
  fee_rate: number | null;
  signals_rbf: boolean | null;
  stuck: boolean;
  advice: AdviceCode[];
}

/** Shapes a diagnosis as the CLI/API contract object. */
export function txStatusJson(d: TxDiagnosis): TxStatusJson {
  return {
    txid: d.txid,
    found: d.found,
    confirmed: d.confirmed,
    confirmations: d.confirmations,
    block_height: d.blockHeight,
    fee: d.fee,
    vsize: d.vsize,
    fee_rate: d.feeRate,
    signals_rbf: d.signalsRbf,
    stuck: d.stuck,
    advice: [...d.advice],
  };
}
