/**
 * Chain backend over Bitcoin Core's JSON-RPC (HTTP POST, basic auth with the node's cookie file or
 * rpcuser/rpcpassword). Works with and without -txindex: without it, a confirmed transaction is found through
 * one of its unspent outputs (gettxout → its block → getrawtransaction with the block hash), and a lookup that
 * finds nothing says its coverage was partial.
 */
import { readFile } from 'node:fs/promises';
import { AppError } from '../core/errors.js';
import type {
  ChainBackend,
  ChainTx,
  FeeEstimates,
  MempoolEntry,
  NodePolicy,
  Outspend,
  ScriptType,
  TxLookup,
} from './backend.js';
import { btcToSats, vsizeOf } from './backend.js';
import { badAnswer, httpText, parseBackendUrl } from './http.js';
import { networkFromCoreChain, networkName, type Network } from './networks.js';
import {
  asArray,
  asNumber,
  asObject,
  asString,
  optBoolean,
  optNumber,
  optString,
  parseJson,
  ShapeError,
  type Json,
} from './read-json.js';

export interface BitcoinRpcOptions {
  /** e.g. http://127.0.0.1:8332; user:password in the URL is accepted and never shown in messages. */
  url: string;
  /** Path to the node's .cookie file ("__cookie__:password"); re-read when the node restarts. */
  cookieFile?: string;
  user?: string;
  password?: string;
  /** Per-request timeout; default 5000 ms. */
  timeoutMs?: number;
  /** The network the desk serves; a node on another chain is refused with a clear message. */
  network?: Network;
}

const NAME = 'Bitcoin Core node';
/** Confirmation targets asked of estimatesmartfee: next blocks, an hour, a few hours, a day, a week. */
const FEE_TARGETS = [2, 3, 6, 12, 24, 144, 504, 1008];
/** Outputs probed with gettxout to find a confirmed transaction without -txindex. */
const UTXO_PROBE = 16;
/** RPC error codes from Bitcoin Core's rpc/protocol.h. */
const RPC_INVALID_ADDRESS_OR_KEY = -5;
const RPC_INVALID_PARAMETER = -8;
const RPC_IN_WARMUP = -28;
const RPC_METHOD_NOT_FOUND = -32601;

const SCRIPT_TYPES: Record<string, ScriptType> = {
  pubkeyhash: 'p2pkh',
  scripthash: 'p2sh',
  witness_v0_keyhash: 'p2wpkh',
  witness_v0_scripthash: 'p2wsh',
  witness_v1_taproot: 'p2tr',
  nulldata: 'op_return',
  anchor: 'p2a',
};

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

type RpcResult = { ok: true; result: Json } | { ok: false; error: RpcError };

function scriptAddress(spk: Record<string, Json>, path: string): string | null {
  const address = optString(spk.address, `${path}.address`);
  if (address) return address;
  // Bitcoin Core before 22 listed addresses in an array.
  if (Array.isArray(spk.addresses) && spk.addresses.length === 1) return optString(spk.addresses[0], `${path}.addresses[0]`);
  return null;
}

/** Translates getrawtransaction (verbosity 1 or 2) into ChainTx; block height comes from the caller. */
export function parseCoreTx(v: Json, blockHeight: number | null): ChainTx {
  const o = asObject(v, 'tx');
  const weight = asNumber(o.weight, 'tx.weight');
  const blockHash = optString(o.blockhash, 'tx.blockhash');
  const confirmations = optNumber(o.confirmations, 'tx.confirmations') ?? 0;
  const confirmed = blockHash !== null && confirmations > 0;
  const feeBtc = optNumber(o.fee, 'tx.fee');
  return {
    txid: asString(o.txid, 'tx.txid'),
    version: asNumber(o.version, 'tx.version'),
    locktime: asNumber(o.locktime, 'tx.locktime'),
    size: asNumber(o.size, 'tx.size'),
    weight,
    vsize: vsizeOf(weight),
    fee: feeBtc === null ? null : btcToSats(feeBtc),
    inputs: asArray(o.vin, 'tx.vin').map((raw, i) => {
      const vin = asObject(raw, `tx.vin[${i}]`);
      const sequence = asNumber(vin.sequence, `tx.vin[${i}].sequence`);
      if (typeof vin.coinbase === 'string') {
        return { txid: '0'.repeat(64), vout: 0xffffffff, sequence, coinbase: true, value: null, address: null };
      }
      const prevout = vin.prevout ? asObject(vin.prevout, `tx.vin[${i}].prevout`) : null;
      const spk = prevout?.scriptPubKey ? asObject(prevout.scriptPubKey, `tx.vin[${i}].prevout.scriptPubKey`) : null;
      return {
        txid: asString(vin.txid, `tx.vin[${i}].txid`),
        vout: asNumber(vin.vout, `tx.vin[${i}].vout`),
        sequence,
        coinbase: false,
        value: prevout ? btcToSats(asNumber(prevout.value, `tx.vin[${i}].prevout.value`)) : null,
        address: spk ? scriptAddress(spk, `tx.vin[${i}].prevout.scriptPubKey`) : null,
      };
    }),
    outputs: asArray(o.vout, 'tx.vout').map((raw, i) => {
      const out = asObject(raw, `tx.vout[${i}]`);
      const spk = asObject(out.scriptPubKey, `tx.vout[${i}].scriptPubKey`);
      return {
        n: asNumber(out.n, `tx.vout[${i}].n`),
        value: btcToSats(asNumber(out.value, `tx.vout[${i}].value`)),
        address: scriptAddress(spk, `tx.vout[${i}].scriptPubKey`),
        scriptType: SCRIPT_TYPES[optString(spk.type, `tx.vout[${i}].scriptPubKey.type`) ?? ''] ?? 'other',
      };
    }),
    status: {
      confirmed,
      blockHeight: confirmed ? blockHeight : null,
      blockHash: confirmed ? blockHash : null,
      blockTime: confirmed ? optNumber(o.blocktime, 'tx.blocktime') : null,
    },
    mempool: null,
  };
}

/** Translates getmempoolentry. Fees are BTC in Core; here sats. */
export function parseMempoolEntry(v: Json): MempoolEntry {
  const o = asObject(v, 'mempoolentry');
  const fees = asObject(o.fees, 'mempoolentry.fees');
  const sats = (x: Json, p: string): number | null => {
    const n = optNumber(x, p);
    return n === null ? null : btcToSats(n);
  };
  const chunkFee = sats(fees.chunk, 'mempoolentry.fees.chunk');
  const chunkWeight = optNumber(o.chunkweight, 'mempoolentry.chunkweight');
  return {
    firstSeen: optNumber(o.time, 'mempoolentry.time'),
    ancestorCount: optNumber(o.ancestorcount, 'mempoolentry.ancestorcount'),
    ancestorVsize: optNumber(o.ancestorsize, 'mempoolentry.ancestorsize'),
    ancestorFee: sats(fees.ancestor, 'mempoolentry.fees.ancestor'),
    descendantCount: optNumber(o.descendantcount, 'mempoolentry.descendantcount'),
    descendantVsize: optNumber(o.descendantsize, 'mempoolentry.descendantsize'),
    descendantFee: sats(fees.descendant, 'mempoolentry.fees.descendant'),
    chunkFeeRate: chunkFee !== null && chunkWeight ? chunkFee / (chunkWeight / 4) : null,
    depends: asArray(o.depends ?? [], 'mempoolentry.depends').map((d, i) => asString(d, `mempoolentry.depends[${i}]`)),
    spentBy: asArray(o.spentby ?? [], 'mempoolentry.spentby').map((d, i) => asString(d, `mempoolentry.spentby[${i}]`)),
    unbroadcast: optBoolean(o.unbroadcast, 'mempoolentry.unbroadcast'),
  };
}

/** Builds a Bitcoin Core-backed ChainBackend. No request is made until the first lookup. */
export function createBitcoinRpcBackend(opts: BitcoinRpcOptions): ChainBackend {
  const target = parseBackendUrl(opts.url, 'The Bitcoin Core RPC URL');
  const timeoutMs = opts.timeoutMs ?? 5000;
  const label = target.label;
  let cookie: string | null = null;
  let nextId = 1;
  let networkPromise: Promise<Network> | null = null;
  let txindex: Promise<'on' | 'off' | 'syncing'> | null = null;

  async function readCookie(): Promise<string> {
    try {
      return (await readFile(opts.cookieFile!, 'utf8')).trim();
    } catch (err) {
      throw new AppError(
        'unavailable',
        `The Bitcoin Core cookie file ${opts.cookieFile} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}). Is the node running, and may walletdesk read its data directory?`,
        { backend: label, reason: 'cookie' },
      );
    }
  }

  async function authorization(fresh: boolean): Promise<string | null> {
    let pair: string | null = null;
    if (opts.cookieFile) {
      if (fresh || cookie === null) cookie = await readCookie();
      pair = cookie;
    } else if (opts.user !== undefined) {
      pair = `${opts.user}:${opts.password ?? ''}`;
    } else if (target.user !== null) {
      pair = `${target.user}:${target.password ?? ''}`;
    }
    return pair === null ? null : `Basic ${Buffer.from(pair).toString('base64')}`;
  }

  async function post(body: unknown): Promise<Json> {
    for (let attempt = 0; ; attempt++) {
      const auth = await authorization(attempt > 0);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (auth) headers.authorization = auth;
      const r = await httpText({
        url: target.base,
        label,
        timeoutMs,
        name: NAME,
        init: { method: 'POST', headers, body: JSON.stringify(body) },
      });
      if (r.status === 401) {
        // The cookie changes every time bitcoind restarts: read it again once before giving up.
        if (opts.cookieFile && attempt === 0) continue;
        throw new AppError(
          'unavailable',
          auth
            ? `The ${NAME} at ${label} rejected walletdesk's RPC credentials. Check the cookie file or rpcuser/rpcpassword.`
            : `The ${NAME} at ${label} needs RPC credentials: give the cookie file (--rpc-cookie) or a user and password.`,
          { backend: label, reason: 'auth' },
        );
      }
      if (r.status === 403) {
        throw new AppError('unavailable', `The ${NAME} at ${label} refused walletdesk's address (check rpcallowip).`, {
          backend: label,
          reason: 'forbidden',
        });
      }
      // Legacy JSON-RPC answers errors with HTTP 500/404 and a JSON body; JSON-RPC 2.0 uses 200.
      if (r.status !== 200 && r.status !== 404 && r.status !== 500) {
        throw new AppError('unavailable', `The ${NAME} at ${label} answered HTTP ${r.status}.`, {
          backend: label,
          reason: 'http_status',
          status: r.status,
        });
      }
      try {
        return parseJson(r.body, 'rpc response');
      } catch {
        throw new AppError('unavailable', `The ${NAME} at ${label} answered HTTP ${r.status} without a JSON-RPC body.`, {
          backend: label,
          reason: 'bad_answer',
        });
      }
    }
  }

  function toResult(v: Json): RpcResult {
    const o = asObject(v, 'rpc response');
    if (o.error !== null && o.error !== undefined) {
      const e = asObject(o.error, 'rpc response.error');
      return { ok: false, error: new RpcError(asNumber(e.code, 'error.code'), asString(e.message, 'error.message')) };
    }
    return { ok: true, result: o.result ?? null };
  }

  function shaped<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof ShapeError) throw badAnswer(NAME, label, err.message);
      throw err;
    }
  }

  /** An RPC error we did not expect, worded for the agent. */
  function rpcFailure(method: string, err: RpcError): AppError {
    if (err.code === RPC_IN_WARMUP) {
      return new AppError('unavailable', `The ${NAME} at ${label} is still starting up (${err.message}). Try again in a minute.`, {
        backend: label,
        reason: 'warmup',
      });
    }
    return new AppError('unavailable', `The ${NAME} at ${label} answered an error to ${method}: ${err.message} (code ${err.code}).`, {
      backend: label,
      reason: 'rpc_error',
      rpcCode: err.code,
    });
  }

  async function batch(calls: Array<[string, Json[]]>): Promise<RpcResult[]> {
    if (calls.length === 0) return [];
    const first = nextId;
    nextId += calls.length;
    const body = calls.map(([method, params], i) => ({ jsonrpc: '1.0', id: first + i, method, params }));
    const answer = await post(body);
    return shaped(() => {
      if (!Array.isArray(answer)) {
        // A server that rejects the whole batch answers with one error object.
        const single = toResult(answer);
        if (!single.ok) throw rpcFailure(calls[0]![0], single.error);
        throw new ShapeError('rpc batch', 'an array');
      }
      const byId = new Map<number, RpcResult>();
      for (const item of answer) byId.set(asNumber(asObject(item, 'rpc batch[]').id, 'rpc batch[].id'), toResult(item));
      return calls.map((_, i) => {
        const r = byId.get(first + i);
        if (!r) throw new ShapeError(`rpc batch id ${first + i}`, 'an answer');
        return r;
      });
    });
  }

  async function call(method: string, params: Json[] = []): Promise<Json> {
    const [r] = await batch([[method, params]]);
    if (!r!.ok) throw rpcFailure(method, r!.error);
    return r!.result;
  }

  function network(): Promise<Network> {
    if (!networkPromise) {
      const p = (async () => {
        const info = await call('getblockchaininfo');
        const chain = shaped(() => asString(asObject(info, 'getblockchaininfo').chain, 'getblockchaininfo.chain'));
        const detected = networkFromCoreChain(chain);
        if (!detected) {
          throw new AppError('unavailable', `The ${NAME} at ${label} runs a chain walletdesk does not know ("${chain}").`, {
            backend: label,
            reason: 'unknown_network',
          });
        }
        if (opts.network && opts.network !== detected) {
          throw new AppError(
            'unavailable',
            `The network doesn't match: walletdesk is set up for ${networkName(opts.network)}, but the ${NAME} at ${label} runs ${networkName(detected)}. Fix the RPC URL or the network setting.`,
            { backend: label, reason: 'network_mismatch', expected: opts.network, actual: detected },
          );
        }
        return detected;
      })();
      networkPromise = p;
      p.catch((err: unknown) => {
        if ((err as AppError).details?.reason !== 'network_mismatch' && networkPromise === p) networkPromise = null;
      });
    }
    return networkPromise;
  }

  async function ready(): Promise<void> {
    if (opts.network) await network();
  }

  /** Whether -txindex is on and synced; asked once (getindexinfo exists since Core 0.21). */
  function txindexState(): Promise<'on' | 'off' | 'syncing'> {
    if (!txindex) {
      const p = (async () => {
        const [r] = await batch([['getindexinfo', ['txindex']]]);
        if (!r!.ok) {
          if (r!.error.code === RPC_METHOD_NOT_FOUND) return 'off' as const;
          throw rpcFailure('getindexinfo', r!.error);
        }
        return shaped(() => {
          const o = asObject(r!.result, 'getindexinfo');
          if (!o.txindex) return 'off' as const;
          const synced = optBoolean(asObject(o.txindex, 'getindexinfo.txindex').synced, 'getindexinfo.txindex.synced');
          return synced === false ? ('syncing' as const) : ('on' as const);
        });
      })();
      txindex = p;
      p.catch(() => {
        if (txindex === p) txindex = null;
      });
    }
    return txindex;
  }

  async function blockHeightOf(blockHash: string): Promise<number> {
    const header = await call('getblockheader', [blockHash]);
    return shaped(() => asNumber(asObject(header, 'getblockheader').height, 'getblockheader.height'));
  }

  async function withBlockHeight(raw: Json): Promise<ChainTx> {
    const tx = shaped(() => parseCoreTx(raw, null));
    if (tx.status.confirmed && tx.status.blockHash) tx.status.blockHeight = await blockHeightOf(tx.status.blockHash);
    return tx;
  }

  /** Without -txindex: find the block through an unspent output, then fetch the tx from that block. */
  async function findThroughUtxo(txid: string): Promise<ChainTx | null> {
    const probes = await batch(Array.from({ length: UTXO_PROBE }, (_, n): [string, Json[]] => ['gettxout', [txid, n, true]]));
    const hit = probes.find((p) => p.ok && p.result !== null);
    if (!hit || !hit.ok) return null;
    const { bestblock, confirmations } = shaped(() => {
      const o = asObject(hit.result, 'gettxout');
      return { bestblock: asString(o.bestblock, 'gettxout.bestblock'), confirmations: asNumber(o.confirmations, 'gettxout.confirmations') };
    });
    if (confirmations < 1) return null;
    const height = (await blockHeightOf(bestblock)) - confirmations + 1;
    const hashAnswer = await call('getblockhash', [height]);
    const hash = shaped(() => asString(hashAnswer, 'getblockhash'));
    const raw = await call('getrawtransaction', [txid, 2, hash]);
    return shaped(() => parseCoreTx(raw, height));
  }

  return {
    kind: 'bitcoin-rpc',
    label,
    network,

    async tipHeight() {
      await ready();
      const n = await call('getblockcount');
      return shaped(() => asNumber(n, 'getblockcount'));
    },

    async getTx(txid): Promise<TxLookup> {
      await ready();
      const [raw, entry] = await batch([
        ['getrawtransaction', [txid, 2]],
        ['getmempoolentry', [txid]],
      ]);
      if (raw!.ok) {
        const tx = await withBlockHeight(raw!.result);
        if (!tx.status.confirmed && entry!.ok) {
          tx.mempool = shaped(() => parseMempoolEntry(entry!.result));
          if (tx.fee === null) {
            const base = shaped(() => optNumber(asObject(asObject(entry!.result, 'e').fees, 'e.fees').base, 'e.fees.base'));
            if (base !== null) tx.fee = btcToSats(base);
          }
        }
        return { found: true, tx };
      }
      const err = raw!.error;
      if (err.code === RPC_INVALID_PARAMETER) {
        throw new AppError('invalid_input', `Bitcoin Core rejected the transaction ID: ${err.message}`);
      }
      if (err.code !== RPC_INVALID_ADDRESS_OR_KEY) throw rpcFailure('getrawtransaction', err);
      const index = await txindexState();
      if (index === 'on') return { found: false, coverage: 'full' };
      const tx = await findThroughUtxo(txid);
      return tx ? { found: true, tx } : { found: false, coverage: 'partial' };
    },

    async getOutspends(txid, outputCount): Promise<Outspend[]> {
      await ready();
      const results = await batch(
        Array.from({ length: Math.min(outputCount, 1000) }, (_, n): [string, Json[]] => ['gettxout', [txid, n, true]]),
      );
      return results.map((r, vout) => {
        if (!r.ok) throw rpcFailure('gettxout', r.error);
        // gettxout (mempool included) answers null once an output is spent in a block or by a mempool tx.
        return { vout, spent: r.result === null, spender: null, spenderConfirmed: null };
      });
    },

    async feeEstimates(): Promise<FeeEstimates> {
      await ready();
      const results = await batch([
        ...FEE_TARGETS.map((t): [string, Json[]] => ['estimatesmartfee', [t]]),
        ['getmempoolinfo', []],
      ]);
      return shaped(() => {
        const targets = FEE_TARGETS.flatMap((blocks, i) => {
          const r = results[i]!;
          if (!r.ok) return [];
          const rate = optNumber(asObject(r.result, 'estimatesmartfee').feerate, 'estimatesmartfee.feerate');
          // BTC per kvB → sat/vB
          return rate === null ? [] : [{ blocks, feeRate: Math.round(rate * 1e5 * 1000) / 1000 }];
        });
        const info = results[FEE_TARGETS.length]!;
        let mempoolMinFee: number | null = null;
        if (info.ok) {
          const min = optNumber(asObject(info.result, 'getmempoolinfo').mempoolminfee, 'getmempoolinfo.mempoolminfee');
          if (min !== null) mempoolMinFee = Math.round(min * 1e5 * 1000) / 1000;
        }
        return { targets, mempoolMinFee };
      });
    },

    async policy(): Promise<NodePolicy> {
      await ready();
      const [info, net] = await batch([
        ['getmempoolinfo', []],
        ['getnetworkinfo', []],
      ]);
      return shaped(() => {
        if (info!.ok) {
          const fullRbf = optBoolean(asObject(info!.result, 'getmempoolinfo').fullrbf, 'getmempoolinfo.fullrbf');
          if (fullRbf !== null) return { fullRbf };
        }
        // Core 28 made full RBF the default and later releases dropped the switch (and the field).
        if (net!.ok) {
          const version = optNumber(asObject(net!.result, 'getnetworkinfo').version, 'getnetworkinfo.version');
          if (version !== null) return { fullRbf: version >= 280000 ? true : null };
        }
        return { fullRbf: null };
      });
    },

    async getAddress() {
      throw new AppError(
        'unavailable',
        'Bitcoin Core keeps no address index, so it cannot show an address balance or history. Configure an Esplora backend for address lookups.',
        { backend: label, reason: 'unsupported' },
      );
    },
  };
}
