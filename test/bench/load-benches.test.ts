/**
 * The team-load and two-instances benchmarks in a tiny configuration (a few agents, a few connections, 2 s), so
 * they cannot rot: each report has its fields and no errors, the consoles heard notices, the counts come from
 * the maintained table, and the private desk is gone afterwards. Shape only, never timing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// Six connections: each starts on a different kind, so every kind completes at least once however slow the machine.
const TINY = ['--tickets', '300', '--agents', '6', '--connections', '6', '--duration', '2'];

type Report = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function runBench(name: string, args: string[]): Promise<Report[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/run-ts.js', `bench/${name}.bench.ts`, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${name} exited with ${code}:\n${out.slice(-3000)}\n${err.slice(-3000)}`));
      resolve(out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Report));
    });
  });
}

async function schemaExists(schema: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return ((await c.query('select 1 from pg_namespace where nspname = $1', [schema])).rowCount ?? 0) > 0;
  } finally {
    await c.end();
  }
}

function assertKinds(kinds: Report, expected: string[]): void {
  for (const kind of expected) {
    const k = kinds[kind];
    assert.ok(k, `a line for ${kind}`);
    assert.ok(k.requests > 0, `${kind} was requested`);
    assert.equal(k.errors, 0, `${kind} had no errors`);
    for (const f of ['p50_ms', 'p99_ms', 'max_ms']) assert.equal(typeof k[f], 'number', `${kind}.${f}`);
    assert.ok(k.p50_ms <= k.p99_ms && k.p99_ms <= k.max_ms, `${kind}: p50 ≤ p99 ≤ max`);
  }
}

const API = ['api: list', 'api: get', 'api: search', 'api: create', 'api: note', 'api: status'];
const CONSOLE = ['console: counts', 'console: list page'];

for (const db of ['sqlite', 'postgres']) {
  test(`team-load on ${db} reports every request kind without errors, the notices delivered and counts read from the maintained table`, async () => {
    const [report] = await runBench('team-load', [...TINY, '--db', db]);
    assert.ok(report, 'one JSON report');
    assert.equal(report.bench, 'team-load');
    assert.equal(report.store, db);
    assert.equal(report.errors, 0, JSON.stringify(report.error_samples));
    assert.equal(report.sockets_dropped, 0);
    assertKinds(report.kinds, [...API, ...CONSOLE]);
    assert.ok(report.requests_per_s > 0);
    assert.ok(report.notices_delivered > 0, 'the consoles heard the changes');
    assert.ok(report.server.rss_mb > 0 && typeof report.server.cpu_cores === 'number');
    assert.equal(report.counts.reads_ticket_table, false, report.counts.plan.join(' / '));
    assert.ok(report.counts.plan.some((l: string) => l.includes('ticket_view_count')), 'the counts query reads the maintained groups');
    assert.equal(report.load_average.length, 3);
    assert.equal(report.desk.private, true);
    if (db === 'sqlite') assert.equal(existsSync(report.desk.file), false, 'the private desk is removed');
    else assert.equal(await schemaExists(report.desk.schema), false, 'the private schema is dropped');
  });
}

test('two-instances reports one and two instances behind the balancer, with the ratio and where the CPU went', async () => {
  const reports = await runBench('two-instances', [...TINY.slice(0, -2), '--duration', '3', '--warmup', '0', '--consoles', '2']);
  const phases = reports.filter((r) => r.phase);
  assert.deepEqual(phases.map((p) => p.instances), [1, 2]);
  for (const p of phases) {
    assert.equal(p.errors, 0, JSON.stringify(p.error_samples));
    assertKinds(p.kinds, API);
    assert.equal(p.cpu_cores.desks.length, p.instances);
    for (const f of ['balancer', 'redis', 'postgres_backends', 'client']) assert.equal(typeof p.cpu_cores[f], 'number', f);
    assert.equal(typeof p.desks_cpu_ms_per_request, 'number');
  }
  // A notice travels through Redis and may land just after a phase's window: over both phases, the consoles
  // behind the balancer heard changes and refetched without errors.
  assert.ok(phases.reduce((n, p) => n + p.notices_delivered, 0) > 0, 'consoles behind the balancer heard the changes through Redis');
  for (const kind of CONSOLE) {
    assert.ok(phases.some((p) => p.kinds[kind]?.requests > 0), `${kind} in some phase`);
    for (const p of phases) assert.equal(p.kinds[kind]?.errors ?? 0, 0, kind);
  }
  const summary = reports.find((r) => r.ratio !== undefined);
  assert.ok(summary, 'a summary line');
  assert.equal(summary.target_ratio, 1.6);
  assert.ok(summary.ratio > 0);
  assert.equal(summary.errors, 0);
  assert.equal(await schemaExists(summary.desk.schema), false, 'the private schema is dropped');
});
