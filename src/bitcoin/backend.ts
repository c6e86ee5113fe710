/**
 * The one interface every chain backend (Esplora REST, Bitcoin Core JSON-RPC) implements. Amounts are integer
 * satoshis, sizes are BIP 141 weight units and virtual bytes, fee rates are sat/vB, times are Unix seconds.
 * Backends translate their vendor's shapes into these and throw AppError('unavailable', …) when they cannot answer.
 */
import type { Network } from './networks.js';

export type ScriptType = 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr' | 'p2a' | 'op_return' | 'other';

export interface ChainTxInput {
  txid: string;
  vout: number;
  sequence: number;
  coinbase: boolean;
  /** Value of the output this input spends; null when the backend did not say (old Bitcoin Core, pruned undo data). */
  value: number | null;
  address: string | null;
}

export interface ChainTxOutput {
  n: number;
  value: number;
  address: string | null;
  scriptType: ScriptType;
}

export interface ChainTxStatus {
  confirmed: boolean;
  blockHeight: number | null;
  blockHash: string | null;
  blockTime: number | null;
}

/** What a backend knows about an unconfirmed transaction's stay in the mempool. */
export interface MempoolEntry {
  /** When the backend first saw it; null when the backend does not keep that (plain Esplora). */
  firstSeen: number | null;
  /** In-mempool ancestors including this tx (Bitcoin Core); null when unknown. */
  ancestorCount: number | null;
  ancestorVsize: number | null;
  ancestorFee: number | null;
  descendantCount: number | null;
  descendantVsize: number | null;
  descendantFee: number | null;
  /** Bitcoin Core 31+: the fee rate its cluster mempool would mine this tx at. */
  chunkFeeRate: number | null;
  /** Unconfirmed parents; null when the backend does not say (the diagnosis then looks them up). */
  depends: string[] | null;
  /** Unconfirmed children; null when the backend does not say. */
  spentBy: string[] | null;
  /** Bitcoin Core's own node has not yet seen this wallet tx relayed by a peer. */
  unbroadcast: boolean | null;
}

export interface ChainTx {
  txid: string;
  version: number;
  locktime: number;
  /** Serialized size in bytes, witness included. */
  size: number;
  weight: number;
  /** ceil(weight / 4) */
  vsize: number;
  /** Sats; null when the backend could not compute it (prevouts unknown). */
  fee: number | null;
  inputs: ChainTxInput[];
  outputs: ChainTxOutput[];
  status: ChainTxStatus;
  /** Present for unconfirmed transactions. */
  mempool: MempoolEntry | null;
}

/**
 * The result of looking up a txid. `coverage: 'partial'` means the backend can only see the mempool and unspent
 * outputs (Bitcoin Core without -txindex), so a confirmed transaction whose outputs are all spent looks "not found".
 */
export type TxLookup = { found: true; tx: ChainTx } | { found: false; coverage: 'full' | 'partial' };

/** Whether an output has been spent, and by which tx when the backend says (Esplora does, Bitcoin Core does not). */
export interface Outspend {
  vout: number;
  /** null when unknown. An OP_RETURN output is never "unspent". */
  spent: boolean | null;
  spender: string | null;
  spenderConfirmed: boolean | null;
}

export interface FeeEstimate {
  /** Confirmation target in blocks. */
  blocks: number;
  feeRate: number;
}

export interface FeeEstimates {
  /** Sorted by blocks ascending; empty when the backend has no estimates yet (fresh node, regtest). */
  targets: FeeEstimate[];
  /** Lowest fee rate the backend's mempool accepts right now; null when unknown. */
  mempoolMinFee: number | null;
}

export interface NodePolicy {
  /** Whether the backend's mempool replaces transactions that do not signal BIP125; null when it does not say. */
  fullRbf: boolean | null;
}

export interface AddressTx {
  txid: string;
  confirmed: boolean;
  blockHeight: number | null;
  blockTime: number | null;
  fee: number | null;
  /** Net effect on this address: received minus spent, in sats. */
  delta: number;
}

export interface AddressSummary {
  address: string;
  confirmed: { received: number; spent: number; txCount: number };
  unconfirmed: { received: number; spent: number; txCount: number };
  /** Newest first: unconfirmed ones, then the most recent confirmed ones. */
  recent: AddressTx[];
}

/** A chain backend. Each method is one logical lookup, so a cache can key on (method, arguments). */
export interface ChainBackend {
  readonly kind: 'esplora' | 'bitcoin-rpc';
  /** scheme://host:port of the backend, never credentials: safe for messages and logs. */
  readonly label: string;
  network(): Promise<Network>;
  tipHeight(): Promise<number>;
  getTx(txid: string): Promise<TxLookup>;
  /** Spending status of outputs 0..outputCount-1 of a known transaction. */
  getOutspends(txid: string, outputCount: number): Promise<Outspend[]>;
  feeEstimates(): Promise<FeeEstimates>;
  policy(): Promise<NodePolicy>;
  getAddress(address: string): Promise<AddressSummary>;
}

/** vsize from weight, as BIP 141 defines it. */
export function vsizeOf(weight: number): number {
  return Math.ceil(weight / 4);
}

/** BTC amounts (as Bitcoin Core's JSON numbers) to integer sats without float drift. */
export function btcToSats(btc: number): number {
  return Math.round(btc * 1e8);
}
