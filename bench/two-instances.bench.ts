/**
 * Two desk instances against one (issue 20): `npm run bench two-instances -- [--tickets N] [--reuse]
 * [--connections 128] [--duration 20] [--warmup 3] [--consoles 0] [--agents 200]`.
 *
 * On a PostgreSQL desk built by the scale generator (default 10,000 tickets in a private schema, dropped
 * afterwards; `--reuse` takes the generator's kept desk of that size) and a private Redis (the live bus and rate
 * limits of both instances), the same client load runs twice through the same local balancer
 * (bench/round-robin-proxy.ts, a layer-4 round robin per connection, in its own process):
 * 1. one `walletdesk serve` behind the balancer;
 * 2. two `walletdesk serve` behind it (the first, still running, and a second one).
 * The load: `--connections` API connections, each an agent's token, doing list, get, search, create, note and
 * status change in equal shares (the team-load mix), and optionally `--consoles` live consoles refreshing on
 * notices (they reach both instances through Redis). Each phase is warmed up for `--warmup` seconds, unrecorded.
 *
 * Prints one JSON line per phase (requests/s, p50/p99/max and errors per kind; CPU of each desk process, the
 * balancer, Redis, the PostgreSQL backends and this client) and one with the ratio of the two phases' requests/s.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  cpuShare,
  deskEnv,
  httpClient,
  onCleanup,
  options,
  pgBackendsCpuMs,
  pgDeskUrl,
  procStats,
  randomSecretKey,
  Recorder,
  runBench,
  startChild,
  startDesk,
  startPrivateRedis,
  stopChild,
} from './load-kit.js';
import { endTeamSessions, prepareTeam, runApiMix, runConsoles, scaleDesk, type Team } from './team-mix.js';

const o = options();
const TICKETS = Number(o.value('tickets', '10000'));
const REUSE = o.flag('reuse');
const CONNECTIONS = Number(o.value('connections', '128'));
const DURATION_S = Number(o.value('duration', '20'));
const WARMUP_S = Number(o.value('warmup', '3'));
const CONSOLES = Number(o.value('consoles', '0'));
const AGENTS = Math.max(CONSOLES, Number(o.value('agents', '200')));
const TARGET_RATIO = 1.6;

interface Phase {
  instances: number;
  requests_per_s: number;
  requests: number;
  errors: number;
  error_samples: string[];
  notices_delivered: number | null;
  kinds: ReturnType<Recorder['summary']>;
  desks_cpu_ms_per_request: number | null;
  cpu_cores: { desks: number[]; balancer: number; redis: number; postgres_backends: number; client: number };
  load_average: number[];
}

await runBench(async () => {
  if (!Number.isInteger(TICKETS) || TICKETS < 100) throw new Error('--tickets must be a whole number ≥ 100');
  const tag = `wd_two_${process.pid}`;
  const desk = scaleDesk('postgres', TICKETS, REUSE, tag);
  const team: Team = await prepareTeam(desk, AGENTS);
  if (REUSE) onCleanup(() => endTeamSessions(desk, team));
  const redis = await startPrivateRedis();
  const secretKey = randomSecretKey();
  const desks: Array<{ child: ChildProcess; port: number }> = [];
  const startInstance = async (n: number) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'walletdesk-two-'));
    onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
    // Every instance runs the job worker too, as a cluster does (jobs are claimed with SKIP LOCKED).
    const env = deskEnv({ DATA_DIR: dataDir, SECRET_KEY: secretKey, DATABASE_URL: pgDeskUrl(desk.schema, tag), REDIS_URL: redis.url });
    desks.push(await startDesk(env, `desk instance ${n}`));
  };

  const runPhase = async (instances: number): Promise<Phase> => {
    while (desks.length < instances) await startInstance(desks.length + 1);
    const proxy = await startChild(['bin/run-ts.js', 'bench/round-robin-proxy.ts', ...desks.map((d) => String(d.port))], {}, /listening (\d+)/, 'balancer');
    const base = `http://127.0.0.1:${proxy.port}`;
    const apiRequest = httpClient(base, CONNECTIONS);
    const rec = new Recorder();
    const consoles = CONSOLES > 0 ? await runConsoles([base], [httpClient(base, CONSOLES * 2)], { ...team, agents: team.agents.slice(0, CONSOLES) }, rec, 500) : null;
    if (WARMUP_S > 0) await runApiMix([apiRequest], team, rec, CONNECTIONS, WARMUP_S * 1000);
    rec.reset();
    const notices0 = consoles?.notices() ?? 0;
    const before = { desks: desks.map((d) => procStats(d.child.pid!)), proxy: procStats(proxy.child.pid!), redis: procStats(redis.pid), pg: await pgBackendsCpuMs(tag), client: process.cpuUsage() };
    const t0 = performance.now();
    await runApiMix([apiRequest], team, rec, CONNECTIONS, DURATION_S * 1000);
    const wallMs = performance.now() - t0;
    const client = process.cpuUsage(before.client);
    const phase: Phase = {
      instances,
      requests_per_s: Math.round(rec.total / (wallMs / 1000)),
      requests: rec.total,
      errors: rec.errors,
      error_samples: rec.errorSamples,
      notices_delivered: consoles ? consoles.notices() - notices0 : null,
      kinds: rec.summary(),
      desks_cpu_ms_per_request: rec.total ? +(desks.reduce((n, d, i) => n + procStats(d.child.pid!).cpu_ms - before.desks[i]!.cpu_ms, 0) / rec.total).toFixed(2) : null,
      cpu_cores: {
        desks: desks.map((d, i) => cpuShare(before.desks[i]!, procStats(d.child.pid!), wallMs)),
        balancer: cpuShare(before.proxy, procStats(proxy.child.pid!), wallMs),
        redis: cpuShare(before.redis, procStats(redis.pid), wallMs),
        postgres_backends: +(((await pgBackendsCpuMs(tag)) - before.pg) / wallMs).toFixed(2),
        client: +((client.user + client.system) / 1000 / wallMs).toFixed(2),
      },
      load_average: loadavg().map((x) => +x.toFixed(1)),
    };
    await consoles?.stop();
    await stopChild(proxy.child);
    console.log(JSON.stringify({ bench: 'two-instances', phase: `${instances} instance${instances > 1 ? 's' : ''}`, tickets: TICKETS, connections: CONNECTIONS, duration_s: DURATION_S, consoles: CONSOLES, ...phase }));
    return phase;
  };

  const one = await runPhase(1);
  const two = await runPhase(2);
  const ratio = one.requests_per_s > 0 ? +(two.requests_per_s / one.requests_per_s).toFixed(2) : 0;
  console.log(
    JSON.stringify({
      bench: 'two-instances',
      ratio,
      target_ratio: TARGET_RATIO,
      one_requests_per_s: one.requests_per_s,
      two_requests_per_s: two.requests_per_s,
      errors: one.errors + two.errors,
      desk: { private: !REUSE, schema: desk.schema },
      machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}`,
    }),
  );
  console.log(`\ntwo-instances, PostgreSQL + Redis, ${TICKETS.toLocaleString('en')} tickets, ${CONNECTIONS} connections for ${DURATION_S} s through a layer-4 round robin\n`);
  console.log('| instances | requests/s | errors | worst p99 ms | CPU cores: desks | balancer | Redis | PostgreSQL | client | load average |\n|---|---|---|---|---|---|---|---|---|---|');
  for (const p of [one, two]) {
    const worst = Math.max(...Object.values(p.kinds).map((k) => k.p99_ms));
    console.log(`| ${p.instances} | ${p.requests_per_s} | ${p.errors} | ${worst} | ${p.cpu_cores.desks.join(' + ')} | ${p.cpu_cores.balancer} | ${p.cpu_cores.redis} | ${p.cpu_cores.postgres_backends} | ${p.cpu_cores.client} | ${p.load_average.join(' ')} |`);
  }
  console.log(`\nratio ${ratio} (target ≥ ${TARGET_RATIO})`);
  if (one.errors + two.errors > 0) process.exitCode = 1;
});
