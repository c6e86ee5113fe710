/**
 * The chain behind the fake backends: a set of real, signed transactions (raw hex), each confirmed in a block or
 * waiting in the mempool. Everything a server reports (txid, size, weight, vsize, fee, addresses, outspends,
 * ancestors, address balances) is derived from the transaction bytes, never typed in.
 */
import * as btc from '@scure/btc-signer';
import { hex } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';

export type FakeNetwork = 'mainnet' | 'testnet' | 'testnet4' | 'signet' | 'regtest';

export const REGTEST = { bech32: 'bcrt', pubKeyHash: 0x6f, scriptHash: 0xc4, wif: 0xef };

/** btc-signer's address parameters per network. */
export function btcNetwork(network: FakeNetwork): typeof btc.NETWORK {
  if (network === 'mainnet') return btc.NETWORK;
  if (network === 'regtest') return REGTEST;
  return btc.TEST_NETWORK;
}

export const GENESIS: Record<FakeNetwork, string> = {
  mainnet: '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f',
  testnet: '000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943',
  testnet4: '00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043',
  signet: '00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6',
  regtest: '0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206',
};

/** A transaction the fake chain knows. */
export interface FakeTx {
  /** Signed raw transaction, hex. */
  hex: string;
  /**
   * The outputs its inputs spend, in input order, for parents the chain does not hold (null entries are
   * looked up in the chain).
   */
  prevouts?: Array<{ amount: bigint; script: Uint8Array } | null>;
  /** Confirmed in this block; absent means waiting in the mempool. */
  block?: { height: number; time?: number };
  /** Unix seconds the mempool first saw it (unconfirmed transactions). */
  firstSeen?: number;
}

export interface FakeChainOptions {
  transactions: FakeTx[];
  tipHeight: number;
  /** Confirmation target (blocks) → sat/vB; omitted or empty: no estimates, as on a fresh regtest node. */
  feeEstimates?: Record<string, number>;
  network?: FakeNetwork;
  /** Unix seconds of the tip block; default: now. */
  tipTime?: number;
  /** Minimum fee rate the mempool accepts, sat/vB; default 1. */
  mempoolMinFee?: number;
}

export type ScriptKind = 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr' | 'op_return' | 'unknown';

export interface Output {
  amount: bigint;
  script: Uint8Array;
  kind: ScriptKind;
  address: string | null;
}

export interface Input {
  txid: string;
  vout: number;
  sequence: number;
  scriptSig: Uint8Array;
  witness: Uint8Array[];
  prevout: Output;
}

export interface Entry {
  txid: string;
  wtxid: string;
  hex: string;
  version: number;
  locktime: number;
  size: number;
  weight: number;
  vsize: number;
  fee: bigint;
  inputs: Input[];
  outputs: Output[];
  block: { height: number; hash: string; time: number } | null;
  firstSeen: number | null;
}

export function scriptKind(script: Uint8Array): ScriptKind {
  if (script[0] === 0x6a) return 'op_return';
  try {
    const t = btc.OutScript.decode(script).type;
    const map: Record<string, ScriptKind> = { pkh: 'p2pkh', sh: 'p2sh', wpkh: 'p2wpkh', wsh: 'p2wsh', tr: 'p2tr' };
    return map[t] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function scriptAddress(script: Uint8Array, network: FakeNetwork): string | null {
  const kind = scriptKind(script);
  if (kind === 'op_return' || kind === 'unknown') return null;
  return btc.Address(btcNetwork(network)).encode(btc.OutScript.decode(script));
}

/** Script ASM in Esplora's style ("OP_0 OP_PUSHBYTES_20 …") or Bitcoin Core's ("0 …"). */
export function scriptAsm(script: Uint8Array, style: 'esplora' | 'core'): string {
  let ops: unknown[];
  try {
    ops = btc.Script.decode(script) as unknown[];
  } catch {
    return style === 'core' ? '[error]' : 'OP_UNKNOWN';
  }
  return ops
    .map((op) => {
      if (op instanceof Uint8Array) {
        if (style === 'core') return hex.encode(op);
        const push = op.length <= 75 ? `OP_PUSHBYTES_${op.length}` : op.length <= 255 ? 'OP_PUSHDATA1' : 'OP_PUSHDATA2';
        return `${push} ${hex.encode(op)}`;
      }
      if (typeof op === 'number') return style === 'core' ? String(op) : op === 0 ? 'OP_0' : `OP_PUSHNUM_${op}`;
      const name = String(op);
      return name.startsWith('OP_') ? name : `OP_${name}`;
    })
    .join(' ');
}

const sha = (s: string): string => hex.encode(sha256(new TextEncoder().encode(s)));

/** The decoded, indexed chain. Both fake servers answer from one of these. */
export class FakeChain {
  readonly network: FakeNetwork;
  readonly tipHeight: number;
  readonly tipTime: number;
  readonly feeEstimates: Record<string, number>;
  readonly mempoolMinFee: number;
  readonly entries = new Map<string, Entry>();
  /** "txid:vout" → spending entry and input index. */
  private readonly spends = new Map<string, { entry: Entry; vin: number }>();

  constructor(opts: FakeChainOptions) {
    this.network = opts.network ?? 'regtest';
    this.tipHeight = opts.tipHeight;
    this.tipTime = opts.tipTime ?? Math.floor(Date.now() / 1000);
    this.feeEstimates = opts.feeEstimates ?? {};
    this.mempoolMinFee = opts.mempoolMinFee ?? 1;
    const decoded = opts.transactions.map((t) => ({
      fake: t,
      tx: btc.Transaction.fromRaw(hex.decode(t.hex), {
        allowUnknownOutputs: true,
        allowUnknownInputs: true,
        disableScriptCheck: true,
      }),
    }));
    const outputsByTxid = new Map<string, Output[]>();
    for (const { tx } of decoded) {
      const outs: Output[] = [];
      for (let i = 0; i < tx.outputsLength; i++) {
        const o = tx.getOutput(i);
        outs.push({ amount: o.amount!, script: o.script!, kind: scriptKind(o.script!), address: scriptAddress(o.script!, this.network) });
      }
      outputsByTxid.set(tx.id, outs);
    }
    for (const { fake, tx } of decoded) {
      const inputs: Input[] = [];
      for (let i = 0; i < tx.inputsLength; i++) {
        const input = tx.getInput(i);
        const txid = hex.encode(input.txid!);
        const given = fake.prevouts?.[i];
        let prevout: Output | undefined;
        if (given) {
          prevout = { amount: given.amount, script: given.script, kind: scriptKind(given.script), address: scriptAddress(given.script, this.network) };
        } else {
          prevout = outputsByTxid.get(txid)?.[input.index!];
        }
        if (!prevout) throw new Error(`fake chain: input ${i} of ${tx.id} spends ${txid}:${input.index} which is unknown; pass prevouts`);
        inputs.push({
          txid,
          vout: input.index!,
          sequence: input.sequence ?? 0xffffffff,
          scriptSig: input.finalScriptSig ?? new Uint8Array(),
          witness: input.finalScriptWitness ?? [],
          prevout,
        });
      }
      const outputs = outputsByTxid.get(tx.id)!;
      const fee = inputs.reduce((s, i) => s + i.prevout.amount, 0n) - outputs.reduce((s, o) => s + o.amount, 0n);
      const raw = hex.decode(fake.hex);
      const block = fake.block
        ? { height: fake.block.height, hash: this.blockHash(fake.block.height), time: fake.block.time ?? this.blockTime(fake.block.height) }
        : null;
      const entry: Entry = {
        txid: tx.id,
        wtxid: hex.encode(sha256(sha256(raw)).reverse()),
        hex: fake.hex,
        version: tx.version,
        locktime: tx.lockTime,
        size: raw.length,
        weight: tx.weight,
        vsize: tx.vsize,
        fee,
        inputs,
        outputs,
        block,
        firstSeen: block ? null : (fake.firstSeen ?? this.tipTime),
      };
      this.entries.set(entry.txid, entry);
    }
    for (const entry of this.entries.values()) {
      entry.inputs.forEach((input, vin) => this.spends.set(`${input.txid}:${input.vout}`, { entry, vin }));
    }
  }

  get(txid: string): Entry | undefined {
    return this.entries.get(txid);
  }

  /** Deterministic fake hash for a height; block 0 is the real genesis of the network. */
  blockHash(height: number): string {
    return height === 0 ? GENESIS[this.network] : sha(`walletdesk-fake-block:${this.network}:${height}`);
  }

  heightOfHash(hash: string): number | null {
    if (hash === GENESIS[this.network]) return 0;
    for (let h = this.tipHeight; h > 0; h--) if (this.blockHash(h) === hash) return h;
    return null;
  }

  blockTime(height: number): number {
    for (const e of this.entries.values()) if (e.block?.height === height) return e.block.time;
    return this.tipTime - (this.tipHeight - height) * 600;
  }

  confirmations(entry: Entry): number {
    return entry.block ? this.tipHeight - entry.block.height + 1 : 0;
  }

  spenderOf(txid: string, vout: number, includeMempool = true): { entry: Entry; vin: number } | null {
    const s = this.spends.get(`${txid}:${vout}`);
    if (!s) return null;
    if (!includeMempool && !s.entry.block) return null;
    return s;
  }

  mempool(): Entry[] {
    return [...this.entries.values()].filter((e) => !e.block);
  }

  /** In-mempool ancestors (not including the tx itself). */
  ancestors(entry: Entry): Entry[] {
    const seen = new Map<string, Entry>();
    const walk = (e: Entry): void => {
      for (const i of e.inputs) {
        const parent = this.entries.get(i.txid);
        if (parent && !parent.block && !seen.has(parent.txid)) {
          seen.set(parent.txid, parent);
          walk(parent);
        }
      }
    };
    walk(entry);
    return [...seen.values()];
  }

  /** In-mempool descendants (not including the tx itself). */
  descendants(entry: Entry): Entry[] {
    const seen = new Map<string, Entry>();
    const walk = (e: Entry): void => {
      e.outputs.forEach((_, vout) => {
        const s = this.spenderOf(e.txid, vout);
        if (s && !s.entry.block && !seen.has(s.entry.txid)) {
          seen.set(s.entry.txid, s.entry);
          walk(s.entry);
        }
      });
    };
    walk(entry);
    return [...seen.values()];
  }

  /** BIP125: some input's nSequence is below 0xfffffffe. */
  signalsRbf(entry: Entry): boolean {
    return entry.inputs.some((i) => i.sequence < 0xfffffffe);
  }

  /** Everything touching an address, for Esplora's address endpoints. */
  addressActivity(address: string): Entry[] {
    return [...this.entries.values()].filter(
      (e) => e.outputs.some((o) => o.address === address) || e.inputs.some((i) => i.prevout.address === address),
    );
  }
}

/** sats → BTC as Bitcoin Core prints it in JSON (a number with at most 8 decimals). */
export function btcAmount(sats: bigint | number): number {
  return Number(sats) / 1e8;
}
