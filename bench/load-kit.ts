/**
 * Shared parts of the load benchmarks (team-load, two-instances): desk server child processes, a private Redis,
 * a keep-alive HTTP client that records latency per request kind, the process's CPU and RSS from /proc, and
 * clean-up that runs however the bench ends (a failure, Ctrl-C).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

// BENCH_DESK_BIN: another checkout's bin/walletdesk.js, to compare code before and after a change on the same load.
export const BIN = process.env.BENCH_DESK_BIN ?? join(process.cwd(), 'bin', 'walletdesk.js');
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// ---- command line ----
export function options(argv: string[] = process.argv.slice(2)) {
  return {
    flag: (name: string) => argv.includes(`--${name}`),
    value: (name: string, fallback: string) => {
      const i = argv.indexOf(`--${name}`);
      return i >= 0 && argv[i + 1] && !argv[i + 1]!.startsWith('--') ? argv[i + 1]! : fallback;
    },
  };
}

// ---- clean-up, whatever happens ----
const cleanups: Array<() => unknown> = [];
let cleaning: Promise<void> | null = null;
/** Registers a step to undo at the end (last registered runs first). */
export function onCleanup(step: () => unknown): void {
  cleanups.push(step);
}
export function cleanUp(): Promise<void> {
  return (cleaning ??= (async () => {
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step();
      } catch (err) {
        console.error(`# clean-up step failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  })());
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}
/** Runs the bench's main function, then the clean-up, also after a failure (exit 1). */
export async function runBench(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

// ---- child processes ----
/** Starts a child that prints `ready` (a regex with the port as group 1) on stdout; killed at clean-up. */
export function startChild(args: string[], env: Record<string, string>, ready: RegExp, name: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  onCleanup(() => stopChild(child));
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    if (err.length > 20_000) err = err.slice(-10_000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = ready.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({ child, port: Number(m[1]) });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready: ${out.slice(-2000)} ${err.slice(-2000)}`)));
  });
}

/** SIGTERM, then SIGKILL if it has not gone within 10 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

/** The environment of a desk server (`walletdesk serve`): loopback, any port, no SMTP, no rate limit. */
export function deskEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    SMTP_PORT: 'off',
    API_RATE_LIMIT: '0',
    LOGIN_RATE_LIMIT: '100000',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    NODE_ENV: 'production',
    ...extra,
  };
}

/** Starts `walletdesk serve`; `cpuProfDir` adds --cpu-prof (written when the server exits). */
export async function startDesk(env: Record<string, string>, name: string, cpuProfDir?: string): Promise<{ child: ChildProcess; port: number }> {
  const args = [...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []), BIN, 'serve'];
  return startChild(args, env, /serving at http:\/\/[^:]+:(\d+)/, name);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A private redis-server on a free loopback port, killed at clean-up: the bus's channels and the rate-limit keys
 * have a fixed `walletdesk:` prefix, so a private server is the only way not to mix with other desks on the
 * shared one (and to flush nothing of theirs).
 */
export async function startPrivateRedis(): Promise<{ url: string; pid: number }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  onCleanup(() => stopChild(child));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/Ready to accept connections/.test(out)) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out.slice(-1000)}`)));
  });
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid! };
}

export const randomSecretKey = (): string => randomBytes(32).toString('hex');

// ---- /proc ----
const TICKS = 100; // USER_HZ on Linux
/** CPU time (user + system, ms) and resident memory (MB, now and peak) of a process. */
export function procStats(pid: number): { cpu_ms: number; rss_mb: number; peak_rss_mb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpu = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { cpu_ms: cpu, rss_mb: Math.round(kb('VmRSS') / 1024), peak_rss_mb: Math.round(kb('VmHWM') / 1024) };
}

/** Share of one core a process used between two readings. */
export const cpuShare = (before: { cpu_ms: number }, after: { cpu_ms: number }, wallMs: number): number => +((after.cpu_ms - before.cpu_ms) / wallMs).toFixed(2);

/** CPU time (ms) of the PostgreSQL backends whose application_name is `name` (the desk's pool), from /proc. */
export async function pgBackendsCpuMs(name: string): Promise<number> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [name]);
    let total = 0;
    for (const { pid } of rows) {
      try {
        total += procStats(pid).cpu_ms;
      } catch {
        // the backend ended between the query and the read
      }
    }
    return total;
  } finally {
    await c.end();
  }
}

/** A PostgreSQL URL for the desk: its schema on the search path, its connections named (to find their CPU). */
export const pgDeskUrl = (schema: string, applicationName: string): string =>
  `${PG_URL}?application_name=${applicationName}&options=${encodeURIComponent(`-c search_path=${schema}`)}`;

export async function pgExec(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

// ---- latency recording ----
export interface KindSummary {
  requests: number;
  errors: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
}

/** Latencies and failures per request kind. */
export class Recorder {
  private readonly times = new Map<string, number[]>();
  private readonly failures = new Map<string, number>();
  readonly errorSamples: string[] = [];
  /** Forgets everything recorded so far (the warm-up). */
  reset(): void {
    this.times.clear();
    this.failures.clear();
    this.errorSamples.length = 0;
  }
  add(kind: string, ms: number): void {
    let t = this.times.get(kind);
    if (!t) this.times.set(kind, (t = []));
    t.push(ms);
  }
  fail(kind: string, why: string): void {
    this.failures.set(kind, (this.failures.get(kind) ?? 0) + 1);
    if (this.errorSamples.length < 10) this.errorSamples.push(`${kind}: ${why}`);
  }
  get total(): number {
    let n = 0;
    for (const t of this.times.values()) n += t.length;
    for (const f of this.failures.values()) n += f;
    return n;
  }
  get errors(): number {
    let n = 0;
    for (const f of this.failures.values()) n += f;
    return n;
  }
  summary(): Record<string, KindSummary> {
    const out: Record<string, KindSummary> = {};
    const kinds = new Set([...this.times.keys(), ...this.failures.keys()]);
    for (const kind of [...kinds].sort()) {
      const t = (this.times.get(kind) ?? []).slice().sort((a, b) => a - b);
      const at = (p: number) => (t.length === 0 ? 0 : +t[Math.min(t.length - 1, Math.ceil((p / 100) * t.length) - 1)]!.toFixed(1));
      out[kind] = { requests: t.length, errors: this.failures.get(kind) ?? 0, p50_ms: at(50), p99_ms: at(99), max_ms: t.length ? +t[t.length - 1]!.toFixed(1) : 0 };
    }
    return out;
  }
}

// ---- HTTP ----
export interface Reply {
  status: number;
  body: unknown;
}

/** A keep-alive HTTP client for one base URL with at most `sockets` connections. */
export function httpClient(base: string, sockets: number) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  onCleanup(() => agent.destroy());
  return function request(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: { ...headers, ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              // not JSON: keep the text for the error sample
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timed out after 30 s')));
      req.on('error', reject);
      req.end(payload);
    });
  };
}

/** Times one request into the recorder; a non-2xx answer or a network error is a failure of that kind. */
export async function timed(rec: Recorder, kind: string, call: () => Promise<Reply>): Promise<Reply | null> {
  const t0 = performance.now();
  try {
    const r = await call();
    if (r.status >= 200 && r.status < 300) {
      rec.add(kind, performance.now() - t0);
      return r;
    }
    rec.fail(kind, `HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    return null;
  } catch (err) {
    rec.fail(kind, err instanceof Error ? err.message : String(err));
    return null;
  }
}
