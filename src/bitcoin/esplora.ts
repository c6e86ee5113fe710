/**
 * Chain backend over the Esplora REST API (Blockstream's esplora/electrs, mempool.space and compatible servers).
 * Reference: https://github.com/Blockstream/esplora/blob/master/API.md. The base URL includes the API prefix,
 * e.g. https://blockstream.info/api or https://mempool.space/api.
 */
import { AppError } from '../core/errors.js';
import type {
  AddressSummary,
  AddressTx,
  ChainBackend,
  ChainTx,
  FeeEstimates,
  NodePolicy,
  Outspend,
  ScriptType,
  TxLookup,
} from './backend.js';
import { vsizeOf } from './backend.js';
import { badAnswer, httpText, parseBackendUrl } from './http.js';
import { networkFromGenesis, networkName, type Network } from './networks.js';
import {
  asArray,
  asBoolean,
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

export interface EsploraOptions {
  /** Base URL including the API prefix, e.g. https://mempool.space/api. */
  url: string;
  /** Per-request timeout; default 5000 ms. */
  timeoutMs?: number;
  /** The network the desk serves. When set, a backend on another network is refused with a clear message. */
  network?: Network;
  /**
   * mempool.space's extra endpoints on the same host (first-seen times, minimum mempool fee). 'auto' (default)
   * tries them once and stops after a 404, so plain Esplora costs one extra request per process.
   */
  mempoolSpaceExtensions?: 'auto' | 'on' | 'off';
}

const NAME = 'Esplora backend';

const SCRIPT_TYPES: Record<string, ScriptType> = {
  p2pkh: 'p2pkh',
  p2sh: 'p2sh',
  v0_p2wpkh: 'p2wpkh',
  v0_p2wsh: 'p2wsh',
  v1_p2tr: 'p2tr',
  op_return: 'op_return',
  anchor: 'p2a',
};

function parseStatus(v: Json, path: string): ChainTx['status'] {
  const s = asObject(v, path);
  const confirmed = asBoolean(s.confirmed, `${path}.confirmed`);
  return {
    confirmed,
    blockHeight: confirmed ? asNumber(s.block_height, `${path}.block_height`) : null,
    blockHash: confirmed ? optString(s.block_hash, `${path}.block_hash`) : null,
    blockTime: confirmed ? optNumber(s.block_time, `${path}.block_time`) : null,
  };
}

/** Translates Esplora's transaction format into ChainTx (without mempool details). */
export function parseEsploraTx(v: Json): ChainTx {
  const o = asObject(v, 'tx');
  const weight = asNumber(o.weight, 'tx.weight');
  const status = parseStatus(o.status, 'tx.status');
  return {
    txid: asString(o.txid, 'tx.txid'),
    version: asNumber(o.version, 'tx.version'),
    locktime: asNumber(o.locktime, 'tx.locktime'),
    size: asNumber(o.size, 'tx.size'),
    weight,
    vsize: vsizeOf(weight),
    fee: optNumber(o.fee, 'tx.fee'),
    inputs: asArray(o.vin, 'tx.vin').map((raw, i) => {
      const vin = asObject(raw, `tx.vin[${i}]`);
      const coinbase = optBoolean(vin.is_coinbase, `tx.vin[${i}].is_coinbase`) ?? false;
      const prevout = vin.prevout === null || vin.prevout === undefined ? null : asObject(vin.prevout, `tx.vin[${i}].prevout`);
      return {
        txid: asString(vin.txid, `tx.vin[${i}].txid`),
        vout: asNumber(vin.vout, `tx.vin[${i}].vout`),
        sequence: asNumber(vin.sequence, `tx.vin[${i}].sequence`),
        coinbase,
        value: prevout ? asNumber(prevout.value, `tx.vin[${i}].prevout.value`) : null,
        address: prevout ? optString(prevout.scriptpubkey_address, `tx.vin[${i}].prevout.scriptpubkey_address`) : null,
      };
    }),
    outputs: asArray(o.vout, 'tx.vout').map((raw, n) => {
      const out = asObject(raw, `tx.vout[${n}]`);
      return {
        n,
        value: asNumber(out.value, `tx.vout[${n}].value`),
        address: optString(out.scriptpubkey_address, `tx.vout[${n}].scriptpubkey_address`),
        scriptType: SCRIPT_TYPES[optString(out.scriptpubkey_type, `tx.vout[${n}].scriptpubkey_type`) ?? ''] ?? 'other',
      };
    }),
    status,
    mempool: status.confirmed
      ? null
      : {
          firstSeen: null,
          ancestorCount: null,
          ancestorVsize: null,
          ancestorFee: null,
          descendantCount: null,
          descendantVsize: null,
          descendantFee: null,
          chunkFeeRate: null,
          depends: null,
          spentBy: null,
          unbroadcast: null,
        },
  };
}

function addressDelta(tx: Json, address: string): number {
  const o = asObject(tx, 'tx');
  let delta = 0;
  for (const raw of asArray(o.vout, 'tx.vout')) {
    const out = asObject(raw, 'tx.vout[]');
    if (out.scriptpubkey_address === address) delta += asNumber(out.value, 'tx.vout[].value');
  }
  for (const raw of asArray(o.vin, 'tx.vin')) {
    const vin = asObject(raw, 'tx.vin[]');
    const prevout = vin.prevout ? asObject(vin.prevout, 'tx.vin[].prevout') : null;
    if (prevout && prevout.scriptpubkey_address === address) delta -= asNumber(prevout.value, 'tx.vin[].prevout.value');
  }
  return delta;
}

function parseStats(v: Json, path: string): AddressSummary['confirmed'] {
  const s = asObject(v, path);
  return {
    received: asNumber(s.funded_txo_sum, `${path}.funded_txo_sum`),
    spent: asNumber(s.spent_txo_sum, `${path}.spent_txo_sum`),
    txCount: asNumber(s.tx_count, `${path}.tx_count`),
  };
}

/** Builds an Esplora-backed ChainBackend. No request is made until the first lookup. */
export function createEsploraBackend(opts: EsploraOptions): ChainBackend {
  const target = parseBackendUrl(opts.url, 'The Esplora URL');
  const timeoutMs = opts.timeoutMs ?? 5000;
  const label = target.label;
  let extensions: boolean | null =
    opts.mempoolSpaceExtensions === 'on' ? true : opts.mempoolSpaceExtensions === 'off' ? false : null;
  let networkPromise: Promise<Network> | null = null;

  async function get(path: string): Promise<{ status: number; body: string }> {
    return httpText({ url: target.base + path, label, timeoutMs, name: NAME });
  }

  function failed(status: number, body: string, what: string): AppError {
    if (status === 429) {
      return new AppError('unavailable', `The ${NAME} at ${label} is rate-limiting walletdesk (HTTP 429). Try again shortly, or use a self-hosted backend.`, {
        backend: label,
        reason: 'rate_limited',
      });
    }
    const snippet = body.trim().slice(0, 120);
    return new AppError(
      'unavailable',
      `The ${NAME} at ${label} answered HTTP ${status} to ${what}${snippet ? `: ${snippet}` : ''}.`,
      { backend: label, reason: 'http_status', status },
    );
  }

  async function getJson(path: string, what: string): Promise<Json> {
    const r = await get(path);
    if (r.status !== 200) throw failed(r.status, r.body, what);
    return shaped(() => parseJson(r.body, what));
  }

  function shaped<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof ShapeError) throw badAnswer(NAME, label, err.message);
      throw err;
    }
  }

  /** GET on a mempool.space-only endpoint; null when this server does not have it. */
  async function extension(path: string): Promise<Json | null> {
    if (extensions === false) return null;
    const r = await get(path);
    if (r.status === 404 || r.status === 400 || r.status === 501) {
      if (extensions === null) extensions = false;
      return null;
    }
    if (r.status !== 200) return null;
    extensions = true;
    try {
      return JSON.parse(r.body) as Json;
    } catch {
      return null;
    }
  }

  function network(): Promise<Network> {
    if (!networkPromise) {
      const p = (async () => {
        const r = await get('/block-height/0');
        if (r.status !== 200) throw failed(r.status, r.body, 'the genesis block query');
        const detected = networkFromGenesis(r.body);
        if (!detected) {
          throw new AppError(
            'unavailable',
            `The ${NAME} at ${label} does not serve a Bitcoin network walletdesk knows (its genesis block is ${r.body.trim().slice(0, 16)}…).`,
            { backend: label, reason: 'unknown_network' },
          );
        }
        if (opts.network && opts.network !== detected) {
          throw new AppError(
            'unavailable',
            `The network doesn't match: walletdesk is set up for ${networkName(opts.network)}, but the ${NAME} at ${label} serves ${networkName(detected)}. Fix the backend URL or the network setting.`,
            { backend: label, reason: 'network_mismatch', expected: opts.network, actual: detected },
          );
        }
        return detected;
      })();
      networkPromise = p;
      // A failed probe (backend down) is retried next time; a wrong network stays wrong.
      p.catch((err: unknown) => {
        if ((err as AppError).details?.reason !== 'network_mismatch' && networkPromise === p) networkPromise = null;
      });
    }
    return networkPromise;
  }

  async function ready(): Promise<void> {
    if (opts.network) await network();
  }

  return {
    kind: 'esplora',
    label,
    network,

    async tipHeight() {
      await ready();
      const r = await get('/blocks/tip/height');
      if (r.status !== 200) throw failed(r.status, r.body, 'the tip height query');
      const h = Number(r.body.trim());
      if (!Number.isInteger(h) || h < 0) throw badAnswer(NAME, label, 'tip height is not a number');
      return h;
    },

    async getTx(txid): Promise<TxLookup> {
      await ready();
      const r = await get(`/tx/${txid}`);
      if (r.status === 404) return { found: false, coverage: 'full' };
      if (r.status === 400) {
        throw new AppError('invalid_input', `The ${NAME} rejected the transaction ID: ${r.body.trim().slice(0, 120)}`);
      }
      if (r.status !== 200) throw failed(r.status, r.body, 'the transaction lookup');
      const tx = shaped(() => parseEsploraTx(parseJson(r.body, 'tx')));
      if (tx.mempool) {
        const times = await extension(`/v1/transaction-times?txId[]=${txid}`);
        const first = Array.isArray(times) ? times[0] : null;
        if (typeof first === 'number' && first > 0) tx.mempool.firstSeen = first;
      }
      return { found: true, tx };
    },

    async getOutspends(txid, outputCount): Promise<Outspend[]> {
      await ready();
      const json = await getJson(`/tx/${txid}/outspends`, 'the outspends query');
      return shaped(() =>
        asArray(json, 'outspends')
          .slice(0, outputCount)
          .map((raw, vout) => {
            const o = asObject(raw, `outspends[${vout}]`);
            const spent = asBoolean(o.spent, `outspends[${vout}].spent`);
            const status = spent && o.status ? asObject(o.status, `outspends[${vout}].status`) : null;
            return {
              vout,
              spent,
              spender: spent ? optString(o.txid, `outspends[${vout}].txid`) : null,
              spenderConfirmed: status ? optBoolean(status.confirmed, `outspends[${vout}].status.confirmed`) : null,
            };
          }),
      );
    },

    async feeEstimates(): Promise<FeeEstimates> {
      await ready();
      const [json, recommended] = await Promise.all([
        getJson('/fee-estimates', 'the fee estimates query'),
        extension('/v1/fees/recommended'),
      ]);
      const targets = shaped(() => {
        const o = asObject(json, 'fee-estimates');
        return Object.entries(o)
          .map(([blocks, rate]) => ({ blocks: Number(blocks), feeRate: asNumber(rate, `fee-estimates.${blocks}`) }))
          .filter((t) => Number.isInteger(t.blocks) && t.blocks > 0)
          .sort((a, b) => a.blocks - b.blocks);
      });
      let mempoolMinFee: number | null = null;
      if (recommended && typeof recommended === 'object' && !Array.isArray(recommended)) {
        const min = (recommended as Record<string, unknown>).minimumFee;
        if (typeof min === 'number' && Number.isFinite(min)) mempoolMinFee = min;
      }
      return { targets, mempoolMinFee };
    },

    async policy(): Promise<NodePolicy> {
      // Esplora does not publish its node's replacement policy.
      return { fullRbf: null };
    },

    async getAddress(address): Promise<AddressSummary> {
      await ready();
      const path = `/address/${encodeURIComponent(address)}`;
      const [infoRes, txsRes] = await Promise.all([get(path), get(`${path}/txs`)]);
      for (const r of [infoRes, txsRes]) {
        if (r.status === 400) {
          throw new AppError('invalid_input', `The ${NAME} rejected the address: ${r.body.trim().slice(0, 120)}`);
        }
        if (r.status !== 200) throw failed(r.status, r.body, 'the address lookup');
      }
      return shaped(() => {
        const info = asObject(parseJson(infoRes.body, 'address'), 'address');
        const txs = asArray(parseJson(txsRes.body, 'address txs'), 'address txs');
        const recent: AddressTx[] = txs.map((raw, i) => {
          const t = asObject(raw, `txs[${i}]`);
          const status = parseStatus(t.status, `txs[${i}].status`);
          return {
            txid: asString(t.txid, `txs[${i}].txid`),
            confirmed: status.confirmed,
            blockHeight: status.blockHeight,
            blockTime: status.blockTime,
            fee: optNumber(t.fee, `txs[${i}].fee`),
            delta: addressDelta(raw, address),
          };
        });
        return {
          address: optString(info.address, 'address.address') ?? address,
          confirmed: parseStats(info.chain_stats, 'address.chain_stats'),
          unconfirmed: parseStats(info.mempool_stats, 'address.mempool_stats'),
          recent,
        };
      });
    },
  };
}
