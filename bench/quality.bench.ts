/**
 * The quality report (issue 16) over 100,000 tickets in SQLite: seeds a year of tickets with their history
 * (ticket.created, an automatic reply for some, one or two public agent replies, a solve, some reopened and solved
 * again, CSAT requested and rated for a share) by direct inserts, then times the report computed from the history
 * (`computeQualityReport`, what GET /api/v1/reports/quality and /reports/full run) for a 30-day and a 365-day
 * range, all brands and one brand, and once over HTTP. One JSON line per measurement. BENCH_TICKETS overrides the
 * count (1,000,000 for the note in BENCHMARKS.md). Each line has the wall time and this process's CPU time: on a
 * shared machine the wall time mostly measures the neighbours.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { systemClock } from '../src/core/clock.js';
import { newId } from '../src/core/ids.js';
import type { Deps } from '../src/app/ports.js';
import type { Brand } from '../src/core/people.js';
import { createBrand } from '../src/app/create-brand.js';
import { createAgent } from '../src/app/create-agent.js';
import { createApiToken } from '../src/app/create-api-token.js';
import { tokenAuthenticator } from '../src/app/authenticate.js';
import { computeQualityReport } from '../src/app/quality-report.js';
import { inProcessBus } from '../src/bus/live-bus.js';
import { argon2Hasher } from '../src/crypto/passwords.js';
import { aesSecretBox } from '../src/crypto/secret-box.js';
import { openSqlite } from '../src/store/dialect.js';
import { createStore, migrateToLatest } from '../src/store/kysely-store.js';
import { localFileStore } from '../src/store/file-store.js';
import { buildHttpApp } from '../src/http/app.js';
import { CHANNEL_MODULES } from '../src/channels/index.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const CUSTOMERS = Math.max(1000, Math.floor(TICKETS / 4));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DAY = 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'walletdesk-bench-'));
const file = join(dir, 'desk.sqlite');
const db = openSqlite(file, { synchronous: 'normal' });
await migrateToLatest(db);
const store = createStore(db, 'sqlite');
const deps: Deps = {
  store,
  bus: inProcessBus(),
  clock: systemClock,
  files: localFileStore(join(dir, 'files')),
  passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
  secrets: aesSecretBox(randomBytes(32).toString('hex')),
};

const brands: Brand[] = [];
for (const [i, name] of ['Satoshi Wallet', 'Lightning Pocket', 'Cold Vault'].entries()) {
  brands.push(await createBrand(deps, null, { name, slug: `b${i}`, default_language: i === 0 ? 'zh-CN' : 'en', time_zone: i === 0 ? 'Asia/Shanghai' : 'Europe/Berlin' }));
}
const admin = await createAgent(deps, null, { email: 'admin@bench.example', name: 'Admin', role: 'admin' });
const adminToken = (await createApiToken(deps, null, { agentId: admin.id, name: 'bench' })).token;
const agentIds: string[] = [];
for (let i = 0; i < 12; i++) agentIds.push((await createAgent(deps, null, { email: `a${i}@bench.example`, name: `Agent ${i}`, role: 'agent', brand_ids: [brands[i % 3]!.id] })).id);

let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[], weights: readonly number[]): T => {
  let r = rand() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) if ((r -= weights[i]!) < 0) return items[i]!;
  return items[items.length - 1]!;
};

const raw = new BetterSqlite3(file);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = OFF');
const started = performance.now();
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const customerIds: string[] = [];
raw.transaction(() => {
  const c = raw.prepare('insert into customer (id, name, language, verification_level, created_at, updated_at) values (?, ?, ?, ?, ?, ?)');
  const at = iso(now - 400 * DAY);
  for (let i = 0; i < CUSTOMERS; i++) {
    const id = newId();
    customerIds.push(id);
    c.run(id, `Customer ${i}`, i % 2 ? 'en' : 'zh-CN', 'none', at, at);
  }
})();

let events = 0;
const BATCH = 20_000;
for (let from = 0; from < TICKETS; from += BATCH) {
  raw.transaction(() => {
    const t = raw.prepare(`insert into ticket (id, number, brand_id, subject, status, priority, category, channel, language, requester_id, assignee_id,
      team_id, tags, details, first_response_at, solved_at, closed_at, merged_into_id, follow_up_of_id, created_at, updated_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, 'zh-CN', ?, ?, null, '[]', '{}', ?, ?, null, null, null, ?, ?)`);
    const e = raw.prepare(`insert into event (id, ticket_id, subject_type, subject_id, type, actor_type, actor_id, actor_via, at, changes, data)
      values (?, ?, 'ticket', ?, ?, ?, ?, null, ?, ?, ?)`);
    for (let i = from; i < Math.min(TICKETS, from + BATCH); i++) {
      const id = newId();
      const brandIx = Math.floor(rand() * 3);
      const agent = agentIds[brandIx + 3 * Math.floor(rand() * 4)]!;
      const created = now - Math.floor(rand() * 365 * DAY);
      const channel = pick(['web', 'email', 'chat', 'phone', 'api'] as const, [30, 40, 20, 8, 2]);
      const category = pick(['security', 'transaction', 'technical', 'how_to', 'other'] as const, [8, 35, 25, 20, 12]);
      const priority = pick(['urgent', 'high', 'normal', 'low'] as const, [3, 12, 70, 15]);
      const ev = (type: string, at: number, actorType: string, changes: object, data: object) => {
        e.run(newId(), id, id, type, actorType, actorType === 'agent' ? agent : null, iso(at), JSON.stringify(changes), JSON.stringify(data));
        events++;
      };
      ev('ticket.created', created, 'customer', {}, { number: 1001 + i, channel, priority, category });
      let at = created;
      if (rand() < 0.3) ev('message.added', at + 1000, 'system', {}, { message_id: newId(), public: true, author_type: 'system', kind: 'missing_details' });
      let status = 'new';
      let firstResponse: number | null = null;
      let solvedAt: number | null = null;
      const replies = rand() < 0.6 ? 1 : 2;
      for (let r = 0; r < replies && at < now; r++) {
        at += Math.floor(rand() * 8 * 3_600_000);
        if (at >= now) break;
        ev('message.added', at, 'agent', {}, { message_id: newId(), public: true, author_type: 'agent', channel });
        firstResponse ??= at;
      }
      const solve = at + Math.floor(rand() * 2 * DAY);
      if (firstResponse !== null && solve < now && rand() < 0.9) {
        ev('ticket.updated', solve, 'agent', { status: [status === 'new' ? 'open' : status, 'solved'] }, {});
        status = 'solved';
        solvedAt = solve;
        at = solve;
        if (rand() < 0.5 && at + DAY < now) {
          ev('csat.requested', at + DAY, 'system', {}, { survey_id: `s-${id}` });
          if (rand() < 0.4) ev('csat.rated', at + DAY + 3_600_000, 'customer', {}, { survey_id: `s-${id}`, rating: rand() < 0.85 ? 'good' : 'bad', reason: null });
        }
        if (rand() < 0.08 && at + 2 * DAY < now) {
          ev('ticket.reopened', at + 2 * DAY, 'customer', { status: ['solved', 'open'] }, { reason: 'customer_reply' });
          at += 2 * DAY;
          status = 'open';
          const again = at + Math.floor(rand() * DAY);
          if (again < now) {
            ev('ticket.updated', again, 'agent', { status: ['open', 'solved'] }, {});
            status = 'solved';
            solvedAt = again;
            at = again;
          }
        }
      } else if (firstResponse !== null) status = 'open';
      t.run(id, 1001 + i, brands[brandIx]!.id, `Ticket ${i}`, status, priority, category, channel, customerIds[Math.floor(rand() * customerIds.length)]!, agent, firstResponse === null ? null : iso(firstResponse), solvedAt === null ? null : iso(solvedAt), iso(created), iso(Math.max(at, created)));
    }
  })();
}
raw.prepare("update counter set value = ? where name = 'ticket_number'").run(1000 + TICKETS);
raw.exec('analyze');
raw.close();
console.error(`# seeded ${TICKETS} tickets with ${events} history events in ${((performance.now() - started) / 1000).toFixed(1)} s`);

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { min_ms: Math.round(s[0]!), median_ms: Math.round(s[Math.floor(s.length / 2)]!), max_ms: Math.round(s[s.length - 1]!) };
}

const ranges: Array<[string, number]> = [
  ['30 days', 30],
  ['365 days', 365],
];
for (const [name, days] of ranges) {
  for (const brand of [null, brands[0]!]) {
    const range = { from: iso(now - days * DAY), to: iso(now + 1000) };
    const filter = { visibleBrandIds: null, ...(brand ? { brandId: brand.id } : {}) };
    const times: number[] = [];
    const cpu: number[] = [];
    let report: Awaited<ReturnType<typeof computeQualityReport>> | null = null;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      report = await computeQualityReport(deps, filter, range);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      times.push(performance.now() - t0);
    }
    console.log(
      JSON.stringify({
        bench: 'quality-report',
        tickets: TICKETS,
        events,
        range: name,
        brand: brand ? 'one of 3' : 'all',
        created: report!.tickets.created,
        solved: report!.tickets.solved,
        runs: RUNS,
        ...stats(times),
        // CPU time of this process (SQLite runs in it): what the report costs when the machine is not shared.
        cpu_median_ms: stats(cpu).median_ms,
        heap_mb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      }),
    );
  }
}

// Once through HTTP (JSON and the contract's shape on top).
const app = await buildHttpApp({
  ...deps,
  config: { publicUrl: 'http://localhost', bodyLimit: 1_048_576, maxAttachmentBytes: 1_048_576, apiRateLimit: 0, loginRateLimit: 1000, trustProxy: false },
  tokens: tokenAuthenticator(deps),
  setupToken: () => null,
  channels: CHANNEL_MODULES,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
for (const days of [30, 365]) {
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/reports/quality?from=${iso(now - days * DAY).slice(0, 10)}`, { headers: { authorization: `Bearer ${adminToken}` } });
    if (res.status !== 200) throw new Error(`GET /reports/quality answered ${res.status}`);
    await res.json();
    times.push(performance.now() - t0);
  }
  console.log(JSON.stringify({ bench: 'quality-report-http', tickets: TICKETS, range: `${days} days`, runs: RUNS, ...stats(times) }));
}
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
