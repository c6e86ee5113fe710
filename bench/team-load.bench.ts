/**
 * A whole team's load (issue 20): `npm run bench team-load -- [--tickets N] [--db sqlite|postgres] [--reuse]
 * [--agents 200] [--connections 128] [--duration 30] [--coalesce-ms 500] [--cpu-prof DIR]`.
 *
 * On a desk built by the scale generator (default 20,000 tickets, private and dropped afterwards; `--reuse` works
 * on the generator's kept desk of that size, e.g. the million-ticket one, and keeps it), `walletdesk serve` runs in
 * a child process and this process plays the team:
 * - `--agents` consoles: each a live socket signed in as a distinct agent (session cookie), refreshing its view
 *   counts (GET /api/v1/views) and its list page (one of mine, unassigned, urgent, all) when notices arrive,
 *   coalesced as the console does (`--coalesce-ms`, default 500 like web/agent/parts/desk.tsx; 0: on every notice
 *   that finds no refresh of that console running);
 * - `--connections` API connections, each an agent's token, doing list, get, search, create, note and status change
 *   in equal shares for `--duration` seconds.
 * Prints one JSON line with p50/p99/max and errors per request kind, requests/s, notices delivered, the server's
 * RSS and CPU (and PostgreSQL's backends'), this client's CPU and the load average; then the same as a table.
 * Also shows where the counts come from: the rows of the maintained ticket_view_count table against the unsolved
 * tickets, and the counts query's plan.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DialectName } from '../src/store/dialect.js';
import { cpuShare, deskEnv, httpClient, onCleanup, options, pgBackendsCpuMs, pgDeskUrl, procStats, randomSecretKey, Recorder, runBench, startDesk } from './load-kit.js';
import { endTeamSessions, openDeskDb, prepareTeam, runApiMix, runConsoles, scaleDesk, type DeskLocation } from './team-mix.js';

const o = options();
const TICKETS = Number(o.value('tickets', '20000'));
const DB = o.value('db', 'sqlite') as DialectName;
const REUSE = o.flag('reuse');
const AGENTS = Number(o.value('agents', '200'));
const CONNECTIONS = Number(o.value('connections', '128'));
const DURATION_S = Number(o.value('duration', '30'));
const COALESCE_MS = Number(o.value('coalesce-ms', '500'));
const CPU_PROF = o.value('cpu-prof', '');
const TARGET_P99_MS = 200;

/** Where the view counts come from: the maintained groups, not the unsolved tickets. */
async function countsSource(desk: DeskLocation) {
  const db = openDeskDb(desk);
  try {
    const groups = await sql<{ n: number | string }>`select count(*) as n from ticket_view_count`.execute(db);
    const unsolved = await sql<{ n: number | string }>`select count(*) as n from ticket where status in ('new', 'open', 'pending', 'on_hold')`.execute(db);
    const query = sql`select brand_id, assignee_id, urgent, chat_waiting, sum(n) as n
      from (select brand_id, assignee_id, urgent, chat_waiting, n from ticket_view_count
            union all select brand_id, assignee_id, urgent, chat_waiting, n from ticket_view_count_delta) c
      group by brand_id, assignee_id, urgent, chat_waiting having sum(n) <> 0`;
    const plan = desk.dialect === 'sqlite' ? await sql<{ detail: string }>`explain query plan ${query}`.execute(db) : await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(db);
    const lines = plan.rows.map((r) => ('detail' in r ? r.detail : r['QUERY PLAN']).trim());
    return {
      count_groups: Number(groups.rows[0]!.n),
      unsolved_tickets: Number(unsolved.rows[0]!.n),
      reads_ticket_table: lines.some((l) => /\bticket\b(?!_view)/.test(l) && !/ticket_view_count/.test(l)),
      plan: lines,
    };
  } finally {
    await db.destroy();
  }
}

await runBench(async () => {
  if (!Number.isInteger(TICKETS) || TICKETS < 100) throw new Error('--tickets must be a whole number ≥ 100');
  if (DB !== 'sqlite' && DB !== 'postgres') throw new Error('--db is sqlite or postgres');
  const desk = scaleDesk(DB, TICKETS, REUSE, `wd_team_${process.pid}`);
  const team = await prepareTeam(desk, AGENTS);
  // A private desk is dropped whole; on a reused one, end the sessions this run started.
  if (REUSE) onCleanup(() => endTeamSessions(desk, team));

  const dataDir = mkdtempSync(join(tmpdir(), 'walletdesk-team-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }));
  const appName = `wd_team_${process.pid}`;
  const env: Record<string, string> = { DATA_DIR: dataDir, SECRET_KEY: randomSecretKey() };
  // SQLite: the server's file is the generator's desk (SQLite resolves the link, so its WAL sits beside the desk).
  if (DB === 'sqlite') symlinkSync(desk.file, join(dataDir, 'walletdesk.sqlite'));
  else env.DATABASE_URL = pgDeskUrl(desk.schema, appName);
  const { child, port } = await startDesk(deskEnv(env), 'desk server', CPU_PROF || undefined);
  const base = `http://127.0.0.1:${port}`;
  // Consoles and API connections on separate pools, as separate browsers and integrations would be.
  const consoleRequest = httpClient(base, AGENTS * 2);
  const apiRequest = httpClient(base, CONNECTIONS);

  const rec = new Recorder();
  const consoles = await runConsoles([base], [consoleRequest], team, rec, COALESCE_MS);
  const server0 = procStats(child.pid!);
  const client0 = process.cpuUsage();
  const pg0 = DB === 'postgres' ? await pgBackendsCpuMs(appName) : 0;
  // Only the steady state counts: the consoles' first loads (done by now) are left out.
  rec.reset();
  const notices0 = consoles.notices();
  const t0 = performance.now();
  await runApiMix([apiRequest], team, rec, CONNECTIONS, DURATION_S * 1000);
  const wallMs = performance.now() - t0;
  const server1 = procStats(child.pid!);
  const client1 = process.cpuUsage(client0);
  const pg1 = DB === 'postgres' ? await pgBackendsCpuMs(appName) : 0;
  const notices = consoles.notices() - notices0;
  await consoles.stop();

  const kinds = rec.summary();
  const total = rec.total;
  const apiTotal = Object.entries(kinds).reduce((n, [kind, k]) => (kind.startsWith('api:') ? n + k.requests + k.errors : n), 0);
  const errors = rec.errors;
  const worstP99 = Math.max(...Object.values(kinds).map((k) => k.p99_ms));
  const report = {
    bench: 'team-load',
    store: DB,
    tickets: TICKETS,
    agents: AGENTS,
    connections: CONNECTIONS,
    duration_s: DURATION_S,
    coalesce_ms: COALESCE_MS,
    requests: total,
    requests_per_s: Math.round(total / (wallMs / 1000)),
    api_requests_per_s: Math.round(apiTotal / (wallMs / 1000)),
    errors,
    error_samples: rec.errorSamples,
    notices_delivered: notices,
    console_refreshes: consoles.refreshes(),
    sockets_dropped: consoles.dropped(),
    kinds,
    worst_p99_ms: worstP99,
    target_p99_ms: TARGET_P99_MS,
    // CPU per answered request: the cost, comparable run to run even when other work on the machine starves the server.
    server: { cpu_cores: cpuShare(server0, server1, wallMs), cpu_ms_per_request: total ? +((server1.cpu_ms - server0.cpu_ms) / total).toFixed(2) : null, rss_mb: server1.rss_mb, peak_rss_mb: server1.peak_rss_mb },
    postgres_backends_cpu_cores: DB === 'postgres' ? +((pg1 - pg0) / wallMs).toFixed(2) : null,
    client_cpu_cores: +((client1.user + client1.system) / 1000 / wallMs).toFixed(2),
    counts: await countsSource(desk),
    desk: { private: !REUSE, ...(DB === 'sqlite' ? { file: desk.file } : { schema: desk.schema }) },
    machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}`,
    load_average: loadavg().map((x) => +x.toFixed(1)),
  };
  console.log(JSON.stringify(report));
  console.log(`\nteam-load, ${DB}, ${TICKETS.toLocaleString('en')} tickets: ${AGENTS} consoles + ${CONNECTIONS} API connections for ${DURATION_S} s (load average ${report.load_average.join(' ')})\n`);
  console.log('| request | requests | errors | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|');
  for (const [kind, k] of Object.entries(kinds)) console.log(`| ${kind} | ${k.requests} | ${k.errors} | ${k.p50_ms} | ${k.p99_ms} | ${k.max_ms} |`);
  console.log(
    `\n${report.requests_per_s} requests/s (${report.api_requests_per_s} API), ${errors} errors, ${notices} notices delivered, ${report.console_refreshes} console refreshes; ` +
      `server ${report.server.cpu_cores} cores (${report.server.cpu_ms_per_request} ms CPU a request), RSS ${report.server.rss_mb} MB (peak ${report.server.peak_rss_mb}); client ${report.client_cpu_cores} cores` +
      (DB === 'postgres' ? `; PostgreSQL backends ${report.postgres_backends_cpu_cores} cores` : ''),
  );
  console.log(`counts: ${report.counts.count_groups} maintained groups for ${report.counts.unsolved_tickets} unsolved tickets; plan: ${report.counts.plan.join(' / ')}`);
  if (errors > 0) process.exitCode = 1;
});
