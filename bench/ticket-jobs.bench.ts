/**
 * Ticket creation while the job worker runs the processors it queues (routing on every new ticket), in one
 * process on SQLite (a file, WAL, group commit): how many tickets per second ingestion sustains with 50 callers,
 * and how long until the queue is empty, for a worker that takes one job per claim against the batching worker
 * (32 per claim, 4 at a time, one statement completes the batch). Routing is on (mode team), so each job writes.
 * Prints one JSON line per run. BENCH_TICKETS (default 1500) and BENCH_ROUNDS (default 2) override.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/core/clock.js';
import type { Deps } from '../src/app/ports.js';
import type { Principal } from '../src/core/policy.js';
import { createBrand } from '../src/app/create-brand.js';
import { createTeam } from '../src/app/create-team.js';
import { ingestInbound } from '../src/app/ingest-inbound.js';
import { updateRoutingSettings } from '../src/app/route-ticket.js';
import { PROCESSOR_JOB } from '../src/app/processors/processor.js';
import { runProcessorJob } from '../src/app/processors/run-processor-job.js';
import { startJobWorker } from '../src/bus/job-worker.js';
import { inProcessBus } from '../src/bus/live-bus.js';
import { argon2Hasher } from '../src/crypto/passwords.js';
import { aesSecretBox } from '../src/crypto/secret-box.js';
import { openSqlite } from '../src/store/dialect.js';
import { createStore, migrateToLatest } from '../src/store/kysely-store.js';
import { localFileStore } from '../src/store/file-store.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 1500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CALLERS = 50;
const ADMIN: Principal = { agentId: 'bench', name: 'Bench', role: 'admin', brandIds: [], tokenId: null };

async function run(worker: { batch: number; concurrency: number }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'walletdesk-jobs-bench-'));
  const db = openSqlite(join(dir, 'desk.db'));
  await migrateToLatest(db);
  const deps: Deps = {
    store: createStore(db, 'sqlite'),
    bus: inProcessBus(),
    clock: systemClock,
    files: localFileStore(join(dir, 'files')),
    passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
    secrets: aesSecretBox(randomBytes(32).toString('hex')),
  };
  const brand = await createBrand(deps, null, { name: 'Bench Wallet', slug: 'bench', default_language: 'en' });
  await createTeam(deps, ADMIN, { name: 'Support', brand_id: brand.id, categories: ['*'] } as never);
  await updateRoutingSettings(deps, ADMIN, { mode: 'team' });
  const w = startJobWorker({ store: deps.store, clock: systemClock, handlers: { [PROCESSOR_JOB]: (job) => runProcessorJob(deps, job) }, pollMs: 50, ...worker });
  deps.jobsNudge = w.nudge;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (next < TICKETS) {
        const n = next++;
        await ingestInbound(deps, { brandId: brand.id, channel: 'api', from: { email: `bench${n % 500}@example.com` }, subject: `转账三天没到账 #${n}`, body: 'I sent 0.05 BTC three days ago and it still shows unconfirmed. 我三天前转的币还没到账。' });
      }
    }),
  );
  const created = performance.now() - t0;
  // Until routing has run for every ticket.
  for (;;) {
    const queued = await db.selectFrom('job').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', ['queued', 'running']).executeTakeFirstOrThrow();
    if (Number(queued.n) === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const drained = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const routed = await db.selectFrom('ticket').select((eb) => eb.fn.countAll<number>().as('n')).where('team_id', 'is not', null).executeTakeFirstOrThrow();
  await w.stop();
  await deps.bus.close();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      worker: `batch ${worker.batch} x ${worker.concurrency}`,
      tickets: TICKETS,
      created_per_s: Math.round(TICKETS / (created / 1000)),
      all_routed_after_s: Math.round(drained) / 1000,
      routed: Number(routed.n),
      cpu_ms_per_ticket: Math.round(((cpu.user + cpu.system) / 1000 / TICKETS) * 100) / 100,
    }),
  );
}

for (let round = 0; round < ROUNDS; round++) {
  await run({ batch: 1, concurrency: 1 });
  await run({ batch: 32, concurrency: 4 });
}
