/**
 * Ticket creation over HTTP: 50 connections for 10 s against `walletdesk serve` (a child process, so the load
 * generator does not share its event loop), on SQLite and PostgreSQL, and the same load against the floor
 * (bench/floor-server.ts). Prints one JSON line per run: {store, requests_per_s, p50_ms, p99_ms, rss_mb, ...}.
 * BENCH_DURATION (seconds) and BENCH_CONNECTIONS override the defaults; BENCH_STORES=sqlite (or postgres) runs one
 * store, BENCH_FLOOR=0 skips the floor. BENCH_PROBE=1 loads bench/loop-probe.mjs into the server and prints its
 * summary (event-loop stalls, GC pauses, group-commit batches) as a second line; BENCH_SERVER_FLAGS passes node
 * flags to the server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, `--trace-gc`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BIN = join(process.cwd(), 'bin', 'walletdesk.js');

function startChild(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = ready.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${out}`)));
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? /VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** p-th percentile of latencies in ms. */
function percentile(xs: number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
}

async function load(url: string, token: string | null) {
  let n = 0;
  // Every response with when it came back.
  const t0 = performance.now();
  const timeline: Array<{ at: number; ms: number }> = [];
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    requests: [
      {
        setupRequest: (req) => {
          n++;
          return {
            ...req,
            body: JSON.stringify({
              subject: `转账三天没到账 #${n}`,
              body: 'I sent 0.05 BTC three days ago and it still shows unconfirmed. 我三天前转的币还没到账，请帮忙查一下。',
              requester: { email: `bench${n % 5000}@example.com`, name: '王伟' },
            }),
          };
        },
      },
    ],
  }, (err, result) => (err ? reject(err) : resolve(result)));
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => timeline.push({ at: performance.now() - t0, ms }));
  const result = await done;
  const ok = result['2xx'];
  // The first two rounds of every connection (a cold server: lazy loading, JIT) against the rest.
  const cold = timeline.slice(0, 2 * CONNECTIONS).map((r) => r.ms);
  const warm = timeline.slice(2 * CONNECTIONS).map((r) => r.ms);
  return {
    requests_per_s: Math.round(ok / DURATION),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    first_two_rounds: { responses: cold.length, p50_ms: percentile(cold, 50), max_ms: percentile(cold, 100), last_at_ms: Math.round(timeline[cold.length - 1]?.at ?? 0) },
    after: { responses: warm.length, p50_ms: percentile(warm, 50), p99_ms: percentile(warm, 99), max_ms: percentile(warm, 100) },
  };
}

async function pgSchema(name: string, drop = false): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(drop ? `drop schema if exists ${name} cascade` : `create schema ${name}`);
  await client.end();
}

async function benchDesk(store: 'sqlite' | 'postgres'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'walletdesk-bench-'));
  const schema = `wd_bench_${process.pid}`;
  const env: Record<string, string> = { DATA_DIR: dir, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', API_RATE_LIMIT: '0', PORT: '0', HOST: '127.0.0.1', SMTP_PORT: 'off' };
  if (store === 'postgres') {
    await pgSchema(schema);
    env.DATABASE_URL = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  }
  const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  cli(['user', 'create', '--email', 'bench@example.com', '--name', 'Bench', '--role', 'admin', '--password', 'bench password 123']);
  const token = cli(['token', 'create', '--email', 'bench@example.com']).stdout.trim();
  const probeOut = join(dir, 'probe.json');
  const nodeFlags = [
    ...(process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean),
    ...(process.env.BENCH_PROBE === '1' ? ['--import', join(process.cwd(), 'bench', 'loop-probe.mjs')] : []),
  ];
  const { child, port } = await startChild([...nodeFlags, BIN, 'serve'], { ...env, PROBE_OUT: probeOut }, /serving at http:\/\/localhost:(\d+)/);
  try {
    const r = await load(`http://127.0.0.1:${port}/api/v1/tickets`, token);
    console.log(JSON.stringify({ store, ...r, rss_mb: rssMb(child.pid!), connections: CONNECTIONS, duration_s: DURATION }));
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    if (process.env.BENCH_PROBE === '1') console.log(JSON.stringify({ store, probe: JSON.parse(readFileSync(probeOut, 'utf8')) }));
    rmSync(dir, { recursive: true, force: true });
    if (store === 'postgres') await pgSchema(schema, true);
  }
}

async function benchFloor(store: 'sqlite' | 'postgres'): Promise<number> {
  const schema = `wd_floor_${process.pid}`;
  const env: Record<string, string> = {};
  if (store === 'postgres') {
    await pgSchema(schema);
    env.DATABASE_URL = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  }
  const { child, port } = await startChild(['bin/run-ts.js', 'bench/floor-server.ts', store], env, /listening (\d+)/);
  try {
    const r = await load(`http://127.0.0.1:${port}/floor`, null);
    console.log(JSON.stringify({ store: `${store}-floor`, ...r, rss_mb: rssMb(child.pid!), connections: CONNECTIONS, duration_s: DURATION }));
    return r.requests_per_s;
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    if (store === 'postgres') await pgSchema(schema, true);
  }
}

const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',') as Array<'sqlite' | 'postgres'>;
for (const store of STORES) {
  await benchDesk(store);
  if (process.env.BENCH_FLOOR !== '0') await benchFloor(store);
}
