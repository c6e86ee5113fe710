import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildScenario } from '../../../test/fakes/scenario.js';
import { startEsplora, type FakeServer } from '../../../test/fakes/esplora-server.js';
import { startBitcoinRpc, type FakeRpcServer } from '../../../test/fakes/bitcoin-rpc-server.js';
import { closedPortUrl } from '../../../test/fakes/http-server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const sc = buildScenario({ now: new Date() });
let esplora: FakeServer;
let rpc: FakeRpcServer;

before(async () => {
  const opts = { transactions: sc.transactions, tipHeight: sc.tipHeight, feeEstimates: sc.feeEstimates };
  esplora = await startEsplora(opts);
  rpc = await startBitcoinRpc(opts);
});
after(() => Promise.all([esplora.close(), rpc.close()]));

/** Runs `walletdesk …` as a child process (the servers live in this process, so spawn must not block it). */
function walletdesk(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/walletdesk.js', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('tx status --json prints exactly the contract object for a stuck RBF transaction', async () => {
  const r = await walletdesk('tx', 'status', sc.txids.rbfLowFee, '--esplora', esplora.url, '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 1, 'one line of JSON');
  assert.deepEqual(JSON.parse(r.stdout), {
    txid: sc.txids.rbfLowFee,
    found: true,
    confirmed: false,
    confirmations: 0,
    block_height: null,
    fee: sc.facts.rbfLowFee.fee,
    vsize: sc.facts.rbfLowFee.vsize,
    fee_rate: 1,
    signals_rbf: true,
    stuck: true,
    advice: ['rbf', 'cpfp', 'wait'],
  });
});

test('tx status --json over Bitcoin Core with a cookie file reports a confirmed transaction', async () => {
  const r = await walletdesk('tx', 'status', sc.txids.confirmed, '--bitcoin-rpc', rpc.url, '--rpc-cookie', rpc.cookieFile!, '--json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(j.confirmed, true);
  assert.equal(j.confirmations, 3);
  assert.equal(j.block_height, sc.tipHeight - 2);
  assert.equal(j.fee_rate, sc.facts.confirmed.feeRate);
});

test('an invalid txid exits with code 2 and says why, before contacting any backend', async () => {
  const before = esplora.requests.length;
  const r = await walletdesk('tx', 'status', 'abc123', '--esplora', esplora.url, '--json');
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /exactly 64 hexadecimal characters; this one has 6/);
  assert.equal(esplora.requests.length, before);
});

test('an unreachable backend exits with code 3 and names it', async () => {
  const url = await closedPortUrl('/api');
  const r = await walletdesk('tx', 'status', sc.txids.confirmed, '--esplora', url, '--json');
  assert.equal(r.code, 3);
  assert.match(r.stderr, /Esplora backend at http:\/\/127\.0\.0\.1:\d+ refused the connection/);
});

test('a backend on the wrong network exits with code 3 and says the network does not match', async () => {
  const r = await walletdesk('tx', 'status', sc.txids.confirmed, '--esplora', esplora.url, '--network', 'mainnet');
  assert.equal(r.code, 3);
  assert.match(r.stderr, /network doesn't match/);
});

test('without a backend option the command exits with code 2', async () => {
  const r = await walletdesk('tx', 'status', sc.txids.confirmed);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--esplora URL or --bitcoin-rpc URL/);
});

test('without --json a readable summary is printed in the requested language', async () => {
  const r = await walletdesk('tx', 'status', sc.txids.noRbf, '--esplora', esplora.url, '--lang', 'zh-CN');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /状态：未确认 · 卡住/);
  assert.match(r.stdout, /给客服的建议：\n {2}1\. \[cpfp\]/);
  assert.match(r.stdout, /给用户的说明：/);
});

test('tx address --json shows balance, count and recent transactions', async () => {
  const r = await walletdesk('tx', 'address', sc.wallets.exchange!.address, '--esplora', esplora.url, '--json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { balance: unknown; tx_count: number; recent: Array<{ txid: string }> };
  assert.deepEqual(j.balance, { confirmed: 0, unconfirmed: 1_400_000 });
  assert.equal(j.tx_count, 2);
  assert.equal(j.recent.length, 2);
});
