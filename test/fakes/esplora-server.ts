/**
 * A local server speaking the Esplora REST API (https://github.com/Blockstream/esplora/blob/master/API.md) over
 * a FakeChain of real signed transactions, under the /api prefix like blockstream.info and mempool.space.
 * Usage: const s = await startEsplora({ transactions, tipHeight, feeEstimates }); … s.url, s.requests; await s.close().
 */
import type http from 'node:http';
import * as btc from '@scure/btc-signer';
import { hex } from '@scure/base';
import { FakeChain, btcNetwork, scriptAsm, type Entry, type FakeChainOptions, type Output } from './chain.js';
import { listen } from './http-server.js';

export interface EsploraFakeOptions extends FakeChainOptions {
  /** Also serve mempool.space's /v1/transaction-times and /v1/fees/recommended. Default false. */
  mempoolSpace?: boolean;
  /** Delay every answer. */
  delayMs?: number;
  /** Answer every request with this HTTP status (e.g. 503). */
  failStatus?: number;
  /** Redirect every request here (to prove the client does not follow). */
  redirectTo?: string;
}

export interface RecordedRequest {
  method: string;
  /** Path below the /api prefix, with the query string. */
  path: string;
}

export interface FakeServer {
  /** Base URL including /api, as an operator would configure it. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  chain: FakeChain;
  /** Requests whose path starts with `prefix`. */
  count(prefix?: string): number;
  close(): Promise<void>;
}

const ESPLORA_TYPES: Record<string, string> = {
  p2pkh: 'p2pkh',
  p2sh: 'p2sh',
  p2wpkh: 'v0_p2wpkh',
  p2wsh: 'v0_p2wsh',
  p2tr: 'v1_p2tr',
  op_return: 'op_return',
  unknown: 'unknown',
};

function outputJson(o: Output): Record<string, unknown> {
  const out: Record<string, unknown> = {
    scriptpubkey: hex.encode(o.script),
    scriptpubkey_asm: scriptAsm(o.script, 'esplora'),
    scriptpubkey_type: ESPLORA_TYPES[o.kind],
  };
  if (o.address) out.scriptpubkey_address = o.address;
  out.value = Number(o.amount);
  return out;
}

function statusJson(e: Entry): Record<string, unknown> {
  return e.block
    ? { confirmed: true, block_height: e.block.height, block_hash: e.block.hash, block_time: e.block.time }
    : { confirmed: false };
}

/** The Esplora transaction format, field for field. */
export function esploraTx(e: Entry): Record<string, unknown> {
  return {
    txid: e.txid,
    version: e.version,
    locktime: e.locktime,
    vin: e.inputs.map((i) => {
      const vin: Record<string, unknown> = {
        txid: i.txid,
        vout: i.vout,
        prevout: outputJson(i.prevout),
        scriptsig: hex.encode(i.scriptSig),
        scriptsig_asm: i.scriptSig.length ? scriptAsm(i.scriptSig, 'esplora') : '',
      };
      if (i.witness.length) vin.witness = i.witness.map((w) => hex.encode(w));
      vin.is_coinbase = false;
      vin.sequence = i.sequence;
      return vin;
    }),
    vout: e.outputs.map(outputJson),
    size: e.size,
    weight: e.weight,
    fee: Number(e.fee),
    status: statusJson(e),
  };
}

function addressStats(chain: FakeChain, address: string, confirmed: boolean): Record<string, number> {
  let fundedCount = 0;
  let fundedSum = 0;
  let spentCount = 0;
  let spentSum = 0;
  let txCount = 0;
  for (const e of chain.addressActivity(address)) {
    if (Boolean(e.block) !== confirmed) continue;
    txCount++;
    for (const o of e.outputs) {
      if (o.address === address) {
        fundedCount++;
        fundedSum += Number(o.amount);
      }
    }
    for (const i of e.inputs) {
      if (i.prevout.address === address) {
        spentCount++;
        spentSum += Number(i.prevout.amount);
      }
    }
  }
  return { funded_txo_count: fundedCount, funded_txo_sum: fundedSum, spent_txo_count: spentCount, spent_txo_sum: spentSum, tx_count: txCount };
}

/** Starts the fake Esplora server. */
export async function startEsplora(opts: EsploraFakeOptions): Promise<FakeServer> {
  const chain = new FakeChain(opts);
  const requests: RecordedRequest[] = [];

  const send = (res: http.ServerResponse, status: number, body: unknown): void => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const type = typeof body === 'string' ? 'text/plain' : 'application/json';
    const write = (): void => {
      res.writeHead(status, { 'content-type': type, 'access-control-allow-origin': '*' });
      res.end(text);
    };
    if (opts.delayMs) setTimeout(write, opts.delayMs);
    else write();
  };

  function route(method: string, path: string, query: URLSearchParams): [number, unknown] {
    if (method !== 'GET') return [404, 'Not Found'];
    let m: RegExpMatchArray | null;
    if ((m = path.match(/^\/tx\/([^/]+)(\/[a-z]+)?$/))) {
      const id = m[1]!;
      if (!/^[0-9a-fA-F]{64}$/.test(id)) return [400, 'Invalid hex string'];
      const e = chain.get(id.toLowerCase());
      if (!e) return [404, 'Transaction not found'];
      switch (m[2]) {
        case undefined:
          return [200, esploraTx(e)];
        case '/status':
          return [200, statusJson(e)];
        case '/hex':
          return [200, e.hex];
        case '/outspends':
          return [
            200,
            e.outputs.map((_, vout) => {
              const s = chain.spenderOf(e.txid, vout);
              return s ? { spent: true, txid: s.entry.txid, vin: s.vin, status: statusJson(s.entry) } : { spent: false };
            }),
          ];
        default:
          return [404, 'Not Found'];
      }
    }
    if ((m = path.match(/^\/address\/([^/]+)(\/txs)?$/))) {
      const address = decodeURIComponent(m[1]!);
      try {
        btc.Address(btcNetwork(chain.network)).decode(address);
      } catch {
        return [400, 'Invalid Bitcoin address'];
      }
      if (!m[2]) {
        return [
          200,
          {
            address,
            chain_stats: addressStats(chain, address, true),
            mempool_stats: addressStats(chain, address, false),
          },
        ];
      }
      const activity = chain.addressActivity(address);
      const mempool = activity
        .filter((e) => !e.block)
        .sort((a, b) => (b.firstSeen ?? 0) - (a.firstSeen ?? 0))
        .slice(0, 50);
      const confirmed = activity
        .filter((e) => e.block)
        .sort((a, b) => b.block!.height - a.block!.height)
        .slice(0, 25);
      return [200, [...mempool, ...confirmed].map(esploraTx)];
    }
    if ((m = path.match(/^\/block-height\/(\d+)$/))) {
      const h = Number(m[1]);
      return h <= chain.tipHeight ? [200, chain.blockHash(h)] : [404, 'Block not found'];
    }
    if (path === '/blocks/tip/height') return [200, String(chain.tipHeight)];
    if (path === '/blocks/tip/hash') return [200, chain.blockHash(chain.tipHeight)];
    if (path === '/fee-estimates') return [200, chain.feeEstimates];
    if (path === '/mempool') {
      const txs = chain.mempool();
      return [
        200,
        {
          count: txs.length,
          vsize: txs.reduce((s, e) => s + e.vsize, 0),
          total_fee: txs.reduce((s, e) => s + Number(e.fee), 0),
          fee_histogram: [],
        },
      ];
    }
    if (opts.mempoolSpace && path === '/v1/transaction-times') {
      const ids = query.getAll('txId[]');
      return [200, ids.map((id) => chain.get(id)?.firstSeen ?? 0)];
    }
    if (opts.mempoolSpace && path === '/v1/fees/recommended') {
      const f = chain.feeEstimates;
      const pick = (k: string): number => Math.ceil(f[k] ?? chain.mempoolMinFee);
      return [
        200,
        { fastestFee: pick('2'), halfHourFee: pick('3'), hourFee: pick('6'), economyFee: pick('144'), minimumFee: chain.mempoolMinFee },
      ];
    }
    return [404, 'Not Found'];
  }

  const l = await listen((req, res) => {
    const u = new URL(req.url ?? '/', 'http://fake');
    const path = u.pathname.startsWith('/api') ? u.pathname.slice(4) : u.pathname;
    requests.push({ method: req.method ?? 'GET', path: path + u.search });
    if (opts.redirectTo) {
      res.writeHead(302, { location: opts.redirectTo + path + u.search });
      res.end();
      return;
    }
    if (opts.failStatus) {
      send(res, opts.failStatus, 'Service Unavailable');
      return;
    }
    if (!u.pathname.startsWith('/api/')) {
      send(res, 404, 'Not Found');
      return;
    }
    const [status, body] = route(req.method ?? 'GET', path, u.searchParams);
    send(res, status, body);
  });

  return {
    url: `http://127.0.0.1:${l.port}/api`,
    requests,
    chain,
    count: (prefix = '') => requests.filter((r) => r.path.startsWith(prefix)).length,
    close: l.close,
  };
}

/** The brief's name for it: `import { start } from './esplora-server.js'`. */
export const start = startEsplora;
