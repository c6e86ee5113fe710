/**
 * A local server speaking Bitcoin Core's JSON-RPC over a FakeChain of real signed transactions: HTTP basic auth
 * (a cookie file "__cookie__:<hex>" by default, or a fixed user and password), JSON-RPC 1.0 (errors as HTTP 500,
 * unknown methods as 404) and 2.0 (errors with HTTP 200), batches, and Core's result shapes and error codes for
 * the methods walletdesk uses. With txindex off it refuses confirmed lookups without a block hash, like Core.
 * Usage: const s = await startBitcoinRpc({ transactions, tipHeight, feeEstimates }); s.url, s.cookieFile, s.calls.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { hex } from '@scure/base';
import { FakeChain, btcAmount, scriptAsm, type Entry, type FakeChainOptions, type FakeNetwork, type Output } from './chain.js';
import { listen, readBody } from './http-server.js';

export interface BitcoinRpcFakeOptions extends FakeChainOptions {
  /** Default true. */
  txindex?: boolean;
  /** Fixed credentials; without them the server writes a cookie file and reports its path. */
  auth?: { user: string; password: string };
  /** getnetworkinfo.version; default 280000 (Core 28.0). */
  version?: number;
  /** getmempoolinfo.fullrbf; omitted from the answer when undefined (as in Core 29+). Default true. */
  fullRbf?: boolean | null;
  /** Delay every answer. */
  delayMs?: number;
}

export interface RecordedCall {
  method: string;
  params: unknown[];
}

export interface FakeRpcServer {
  /** http://127.0.0.1:port */
  url: string;
  /** The cookie file to authenticate with, when no fixed credentials were given. */
  cookieFile: string | null;
  /** Every RPC call (batch entries one by one), in order. */
  calls: RecordedCall[];
  /** HTTP requests received (a batch is one). */
  readonly requests: number;
  chain: FakeChain;
  /** Writes a new cookie, as bitcoind does when it restarts. */
  rotateCookie(): void;
  close(): Promise<void>;
}

const CORE_CHAIN: Record<FakeNetwork, string> = {
  mainnet: 'main',
  testnet: 'test',
  testnet4: 'testnet4',
  signet: 'signet',
  regtest: 'regtest',
};

const CORE_TYPES: Record<string, string> = {
  p2pkh: 'pubkeyhash',
  p2sh: 'scripthash',
  p2wpkh: 'witness_v0_keyhash',
  p2wsh: 'witness_v0_scripthash',
  p2tr: 'witness_v1_taproot',
  op_return: 'nulldata',
  unknown: 'nonstandard',
};

class RpcFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const RPC_INVALID_ADDRESS_OR_KEY = -5;
const RPC_INVALID_PARAMETER = -8;
const RPC_METHOD_NOT_FOUND = -32601;

function scriptPubKey(o: Output): Record<string, unknown> {
  const spk: Record<string, unknown> = { asm: scriptAsm(o.script, 'core'), hex: hex.encode(o.script) };
  if (o.address) spk.address = o.address;
  spk.type = CORE_TYPES[o.kind];
  return spk;
}

function checkTxid(v: unknown, name = 'txid'): string {
  const s = String(v);
  if (s.length !== 64) throw new RpcFailure(RPC_INVALID_PARAMETER, `${name} must be of length 64 (not ${s.length}, for '${s}')`);
  if (!/^[0-9a-fA-F]{64}$/.test(s)) throw new RpcFailure(RPC_INVALID_PARAMETER, `${name} must be hexadecimal string (not '${s}')`);
  return s.toLowerCase();
}

/** Starts the fake Bitcoin Core node. */
export async function startBitcoinRpc(opts: BitcoinRpcFakeOptions): Promise<FakeRpcServer> {
  const chain = new FakeChain(opts);
  const txindex = opts.txindex ?? true;
  const calls: RecordedCall[] = [];
  const state = { requests: 0 };
  let cookieDir: string | null = null;
  let cookieFile: string | null = null;
  let credentials = opts.auth ? `${opts.auth.user}:${opts.auth.password}` : '';
  const rotateCookie = (): void => {
    if (!cookieFile) return;
    credentials = `__cookie__:${randomBytes(32).toString('hex')}`;
    writeFileSync(cookieFile, credentials, { mode: 0o600 });
  };
  if (!opts.auth) {
    cookieDir = mkdtempSync(join(tmpdir(), 'walletdesk-fake-bitcoind-'));
    cookieFile = join(cookieDir, '.cookie');
    rotateCookie();
  }

  function txJson(e: Entry, verbosity: number, inActiveChain: boolean | null): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (inActiveChain !== null) out.in_active_chain = inActiveChain;
    Object.assign(out, {
      txid: e.txid,
      hash: e.wtxid,
      version: e.version,
      size: e.size,
      vsize: e.vsize,
      weight: e.weight,
      locktime: e.locktime,
      vin: e.inputs.map((i) => {
        const vin: Record<string, unknown> = {
          txid: i.txid,
          vout: i.vout,
          scriptSig: { asm: i.scriptSig.length ? scriptAsm(i.scriptSig, 'core') : '', hex: hex.encode(i.scriptSig) },
        };
        if (i.witness.length) vin.txinwitness = i.witness.map((w) => hex.encode(w));
        if (verbosity >= 2) {
          const parent = chain.get(i.txid);
          vin.prevout = {
            generated: false,
            height: parent?.block?.height ?? chain.tipHeight + 1,
            value: btcAmount(i.prevout.amount),
            scriptPubKey: scriptPubKey(i.prevout),
          };
        }
        vin.sequence = i.sequence;
        return vin;
      }),
      vout: e.outputs.map((o, n) => ({ value: btcAmount(o.amount), n, scriptPubKey: scriptPubKey(o) })),
    });
    if (verbosity >= 2) out.fee = btcAmount(e.fee);
    out.hex = e.hex;
    if (e.block) {
      Object.assign(out, {
        blockhash: e.block.hash,
        confirmations: chain.confirmations(e),
        time: e.block.time,
        blocktime: e.block.time,
      });
    }
    return out;
  }

  function mempoolEntry(e: Entry): Record<string, unknown> {
    const anc = chain.ancestors(e);
    const desc = chain.descendants(e);
    const sum = (xs: Entry[], f: (x: Entry) => number | bigint): number => xs.reduce((s, x) => s + Number(f(x)), 0);
    const parents = new Set(e.inputs.map((i) => i.txid).filter((id) => chain.get(id) && !chain.get(id)!.block));
    const children = new Set<string>();
    e.outputs.forEach((_, vout) => {
      const s = chain.spenderOf(e.txid, vout);
      if (s && !s.entry.block) children.add(s.entry.txid);
    });
    return {
      vsize: e.vsize,
      weight: e.weight,
      time: e.firstSeen,
      height: chain.tipHeight,
      descendantcount: desc.length + 1,
      descendantsize: sum(desc, (x) => x.vsize) + e.vsize,
      ancestorcount: anc.length + 1,
      ancestorsize: sum(anc, (x) => x.vsize) + e.vsize,
      wtxid: e.wtxid,
      fees: {
        base: btcAmount(e.fee),
        modified: btcAmount(e.fee),
        ancestor: btcAmount(sum(anc, (x) => x.fee) + Number(e.fee)),
        descendant: btcAmount(sum(desc, (x) => x.fee) + Number(e.fee)),
      },
      depends: [...parents],
      spentby: [...children],
      'bip125-replaceable': chain.signalsRbf(e) || anc.some((a) => chain.signalsRbf(a)),
      unbroadcast: false,
    };
  }

  function noSuchTx(): RpcFailure {
    return new RpcFailure(
      RPC_INVALID_ADDRESS_OR_KEY,
      txindex
        ? 'No such mempool or blockchain transaction. Use gettransaction for wallet transactions.'
        : 'No such mempool transaction. Use -txindex or provide a block hash to enable blockchain transaction queries. Use gettransaction for wallet transactions.',
    );
  }

  function dispatch(method: string, params: unknown[]): unknown {
    switch (method) {
      case 'getblockchaininfo':
        return {
          chain: CORE_CHAIN[chain.network],
          blocks: chain.tipHeight,
          headers: chain.tipHeight,
          bestblockhash: chain.blockHash(chain.tipHeight),
          difficulty: 4.656542373906925e-10,
          time: chain.tipTime,
          mediantime: chain.tipTime - 3000,
          verificationprogress: 1,
          initialblockdownload: false,
          chainwork: '0'.repeat(60) + 'ffff',
          size_on_disk: 1_000_000,
          pruned: false,
          warnings: [],
        };
      case 'getblockcount':
        return chain.tipHeight;
      case 'getblockhash': {
        const h = Number(params[0]);
        if (!Number.isInteger(h) || h < 0 || h > chain.tipHeight) throw new RpcFailure(RPC_INVALID_PARAMETER, 'Block height out of range');
        return chain.blockHash(h);
      }
      case 'getblockheader': {
        const hash = checkTxid(params[0], 'hash');
        const h = chain.heightOfHash(hash);
        if (h === null) throw new RpcFailure(RPC_INVALID_ADDRESS_OR_KEY, 'Block not found');
        const header: Record<string, unknown> = {
          hash,
          confirmations: chain.tipHeight - h + 1,
          height: h,
          version: 536870912,
          versionHex: '20000000',
          merkleroot: '0'.repeat(64),
          time: chain.blockTime(h),
          mediantime: chain.blockTime(h) - 3000,
          nonce: 0,
          bits: '207fffff',
          difficulty: 4.656542373906925e-10,
          chainwork: '0'.repeat(60) + 'ffff',
          nTx: [...chain.entries.values()].filter((e) => e.block?.height === h).length + 1,
        };
        if (h > 0) header.previousblockhash = chain.blockHash(h - 1);
        if (h < chain.tipHeight) header.nextblockhash = chain.blockHash(h + 1);
        return header;
      }
      case 'getrawtransaction': {
        const txid = checkTxid(params[0]);
        const v = params[1];
        const verbosity = v === true ? 1 : v === false || v === undefined || v === null ? 0 : Number(v);
        const e = chain.get(txid);
        if (params[2] !== undefined && params[2] !== null) {
          const blockhash = checkTxid(params[2], 'blockhash');
          if (chain.heightOfHash(blockhash) === null) throw new RpcFailure(RPC_INVALID_ADDRESS_OR_KEY, 'Block hash not found');
          if (!e || e.block?.hash !== blockhash) {
            throw new RpcFailure(RPC_INVALID_ADDRESS_OR_KEY, 'No such transaction found in the provided block. Use gettransaction for wallet transactions.');
          }
          return verbosity === 0 ? e.hex : txJson(e, verbosity, true);
        }
        if (!e || (e.block && !txindex)) throw noSuchTx();
        return verbosity === 0 ? e.hex : txJson(e, verbosity, null);
      }
      case 'getmempoolentry': {
        const e = chain.get(checkTxid(params[0]));
        if (!e || e.block) throw new RpcFailure(RPC_INVALID_ADDRESS_OR_KEY, 'Transaction not in mempool');
        return mempoolEntry(e);
      }
      case 'getmempoolinfo': {
        const txs = chain.mempool();
        const info: Record<string, unknown> = {
          loaded: true,
          size: txs.length,
          bytes: txs.reduce((s, e) => s + e.vsize, 0),
          usage: txs.reduce((s, e) => s + e.size * 4, 0),
          total_fee: btcAmount(txs.reduce((s, e) => s + e.fee, 0n)),
          maxmempool: 300_000_000,
          mempoolminfee: chain.mempoolMinFee / 1e5,
          minrelaytxfee: 0.00001,
          incrementalrelayfee: 0.00001,
          unbroadcastcount: 0,
        };
        const fullRbf = opts.fullRbf === undefined ? true : opts.fullRbf;
        if (fullRbf !== null) info.fullrbf = fullRbf;
        return info;
      }
      case 'getnetworkinfo': {
        const version = opts.version ?? 280000;
        const major = Math.floor(version / 10000);
        return {
          version,
          subversion: `/Satoshi:${major}.${Math.floor(version / 100) % 100}.0/`,
          protocolversion: 70016,
          localservices: '0000000000000c09',
          localrelay: true,
          timeoffset: 0,
          networkactive: true,
          connections: 8,
          relayfee: 0.00001,
          incrementalfee: 0.00001,
          warnings: [],
        };
      }
      case 'estimatesmartfee': {
        const target = Number(params[0]);
        if (!Number.isInteger(target) || target < 1 || target > 1008) {
          throw new RpcFailure(RPC_INVALID_PARAMETER, 'Invalid conf_target, must be between 1 and 1008');
        }
        const wanted = Math.max(2, target);
        const known = Object.keys(chain.feeEstimates)
          .map(Number)
          .filter((b) => b >= wanted)
          .sort((a, b) => a - b);
        const blocks = known[0];
        if (blocks === undefined) return { errors: ['Insufficient data or no feerate found'], blocks: 0 };
        return { feerate: Math.round(chain.feeEstimates[String(blocks)]! * 1e3) / 1e8, blocks };
      }
      case 'gettxout': {
        const txid = checkTxid(params[0]);
        const n = Number(params[1]);
        const includeMempool = params[2] === undefined ? true : Boolean(params[2]);
        const e = chain.get(txid);
        const out = e?.outputs[n];
        if (!e || !out || out.kind === 'op_return') return null;
        if (!e.block && !includeMempool) return null;
        if (chain.spenderOf(txid, n, includeMempool)) return null;
        return {
          bestblock: chain.blockHash(chain.tipHeight),
          confirmations: chain.confirmations(e),
          value: btcAmount(out.amount),
          scriptPubKey: scriptPubKey(out),
          coinbase: false,
        };
      }
      case 'getindexinfo':
        return txindex ? { txindex: { synced: true, best_block_height: chain.tipHeight } } : {};
      default:
        throw new RpcFailure(RPC_METHOD_NOT_FOUND, 'Method not found');
    }
  }

  type Reply = { status: number; body: Record<string, unknown> };
  function answer(req: unknown): Reply {
    const r = (req ?? {}) as { id?: unknown; method?: unknown; params?: unknown; jsonrpc?: unknown };
    const v2 = r.jsonrpc === '2.0';
    const id = r.id ?? null;
    const method = String(r.method ?? '');
    const params = Array.isArray(r.params) ? r.params : [];
    calls.push({ method, params });
    try {
      const result = dispatch(method, params);
      return { status: 200, body: v2 ? { jsonrpc: '2.0', result, id } : { result, error: null, id } };
    } catch (err) {
      if (!(err instanceof RpcFailure)) throw err;
      const error = { code: err.code, message: err.message };
      if (v2) return { status: 200, body: { jsonrpc: '2.0', error, id } };
      return { status: err.code === RPC_METHOD_NOT_FOUND ? 404 : 500, body: { result: null, error, id } };
    }
  }

  const l = await listen(async (req, res) => {
    state.requests++;
    const body = await readBody(req);
    const reply = (status: number, text: string, headers: Record<string, string> = {}): void => {
      const write = (): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(text);
      };
      if (opts.delayMs) setTimeout(write, opts.delayMs);
      else write();
    };
    const given = req.headers.authorization?.startsWith('Basic ')
      ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString('utf8')
      : null;
    if (given !== credentials) {
      reply(401, '', { 'www-authenticate': 'Basic realm="jsonrpc"' });
      return;
    }
    if (req.method !== 'POST') {
      reply(405, 'JSONRPC server handles only POST requests');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      reply(500, JSON.stringify({ result: null, error: { code: -32700, message: 'Parse error' }, id: null }));
      return;
    }
    if (Array.isArray(parsed)) {
      reply(200, JSON.stringify(parsed.map((item) => answer(item).body)));
      return;
    }
    const single = answer(parsed);
    reply(single.status, JSON.stringify(single.body));
  });

  return {
    url: `http://127.0.0.1:${l.port}`,
    cookieFile,
    calls,
    get requests() {
      return state.requests;
    },
    chain,
    rotateCookie,
    close: async () => {
      await l.close();
      if (cookieDir) rmSync(cookieDir, { recursive: true, force: true });
    },
  };
}

/** The brief's name for it: `import { start } from './bitcoin-rpc-server.js'`. */
export const start = startBitcoinRpc;
