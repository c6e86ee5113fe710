/**
 * Console views with 100,000 tickets in SQLite (issue 3 target: a view listing 50 tickets answers in ≤ 50 ms
 * server-side). Seeds brands, agents and customers through the app, then 100,000 tickets (with their search
 * documents) by direct inserts, starts the real HTTP app on loopback and times sequential requests of each view.
 * Latency is measured at the client over loopback, so it includes HTTP and JSON on top of the server's work.
 * One JSON line per measurement. BENCH_TICKETS overrides the count.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { systemClock } from '../src/core/clock.js';
import { newId } from '../src/core/ids.js';
import type { Deps } from '../src/app/ports.js';
import type { Agent, Brand } from '../src/core/people.js';
import { createBrand } from '../src/app/create-brand.js';
import { createAgent } from '../src/app/create-agent.js';
import { createApiToken } from '../src/app/create-api-token.js';
import { tokenAuthenticator } from '../src/app/authenticate.js';
import { inProcessBus } from '../src/bus/live-bus.js';
import { argon2Hasher } from '../src/crypto/passwords.js';
import { aesSecretBox } from '../src/crypto/secret-box.js';
import { openSqlite } from '../src/store/dialect.js';
import { createStore, migrateToLatest } from '../src/store/kysely-store.js';
import { localFileStore } from '../src/store/file-store.js';
import { SEARCH_FORMAT, searchDocument } from '../src/store/search-text.js';
import { buildHttpApp } from '../src/http/app.js';
import { CHANNEL_MODULES } from '../src/channels/index.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const CUSTOMERS = Math.max(1000, Math.floor(TICKETS / 5));
const RUNS = 60;

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

// ---- seed people through the app ----
const brands: Brand[] = [];
for (const [i, name] of ['Satoshi Wallet', 'Lightning Pocket', 'Cold Vault'].entries()) {
  brands.push(await createBrand(deps, null, { name, slug: `b${i}`, default_language: i === 0 ? 'zh-CN' : 'en', time_zone: 'UTC' }));
}
const admin = await createAgent(deps, null, { email: 'admin@bench.example', name: 'Admin', role: 'admin' });
const agents: Agent[] = [];
for (let i = 0; i < 24; i++) {
  agents.push(await createAgent(deps, null, { email: `a${i}@bench.example`, name: `Agent ${i}`, role: 'agent', brand_ids: [brands[i % 3]!.id] }));
}
const agent = agents[0]!;
const agentToken = (await createApiToken(deps, null, { agentId: agent.id, name: 'bench' })).token;
const adminToken = (await createApiToken(deps, null, { agentId: admin.id, name: 'bench' })).token;

// ---- seed customers and tickets by direct inserts ----
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
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
const customerIds: string[] = [];
raw.transaction(() => {
  const c = raw.prepare('insert into customer (id, name, language, verification_level, created_at, updated_at) values (?, ?, ?, ?, ?, ?)');
  const ident = raw.prepare('insert into customer_identity (kind, value, customer_id, bouncing_at, created_at) values (?, ?, ?, null, ?)');
  const at = new Date(now - 400 * 86_400_000).toISOString();
  for (let i = 0; i < CUSTOMERS; i++) {
    const id = newId();
    customerIds.push(id);
    c.run(id, `Customer ${i}`, i % 2 ? 'en' : 'zh-CN', 'none', at, at);
    ident.run('email', `c${i}@example.com`, id, at);
  }
})();
const SUBJECTS = ['转账三天还没到账', 'Transaction stuck in mempool', '无法打开钱包', 'App crashes on start', '如何备份助记词', 'How do I export my keys?', '资金被盗', 'Unknown outgoing payment'];
raw.transaction(() => {
  const t = raw.prepare(`insert into ticket (id, number, brand_id, subject, status, priority, category, channel, language, requester_id, assignee_id,
    team_id, tags, details, first_response_at, solved_at, closed_at, merged_into_id, follow_up_of_id, created_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, '[]', '{}', null, null, null, null, null, ?, ?)`);
  const s = raw.prepare(`insert into ticket_text (rowid, content, format) values (? * 4294967296, ?, ${SEARCH_FORMAT})`);
  for (let i = 0; i < TICKETS; i++) {
    const id = newId();
    const brandIx = Math.floor(rand() * 3);
    const status = pick(['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const, [3, 8, 5, 2, 12, 70]);
    const unsolved = status !== 'solved' && status !== 'closed';
    const brandAgents = agents.filter((_, k) => k % 3 === brandIx);
    const assignee = status === 'new' || (unsolved && rand() < 0.25) ? null : brandAgents[Math.floor(rand() * brandAgents.length)]!.id;
    const created = now - Math.floor(rand() * 365 * 86_400_000);
    const updated = Math.min(now, created + Math.floor(rand() * 10 * 86_400_000));
    const subject = `${SUBJECTS[i % SUBJECTS.length]} ${i}`;
    t.run(
      id, 1001 + i, brands[brandIx]!.id, subject, status,
      pick(['urgent', 'high', 'normal', 'low'] as const, [3, 12, 70, 15]),
      pick(['security', 'transaction', 'technical', 'how_to', 'other'] as const, [8, 35, 25, 20, 12]),
      pick(['web', 'email', 'chat', 'phone', 'api'] as const, [30, 40, 20, 8, 2]),
      'zh-CN', customerIds[Math.floor(rand() * customerIds.length)]!, assignee,
      new Date(created).toISOString(), new Date(updated).toISOString(),
    );
    s.run(1001 + i, searchDocument(subject));
  }
  raw.prepare("update counter set value = ? where name = 'ticket_number'").run(1000 + TICKETS);
})();
raw.exec('analyze');
raw.close();
console.error(`# seeded ${TICKETS} tickets and ${CUSTOMERS} customers in ${((performance.now() - started) / 1000).toFixed(1)} s`);

// ---- serve and measure ----
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

const UNSOLVED = 'new,open,pending,on_hold';
const scenarios: Array<[string, string, string]> = [
  ['tickets: all statuses, newest activity', agentToken, '/api/v1/tickets?limit=50'],
  ['tickets: all statuses (admin, every brand)', adminToken, '/api/v1/tickets?limit=50'],
  ['tickets: mine, unsolved', agentToken, `/api/v1/tickets?assignee_id=me&status=${UNSOLVED}&limit=50`],
  ['tickets: unassigned, unsolved', agentToken, `/api/v1/tickets?assignee_id=none&status=${UNSOLVED}&limit=50`],
  ['tickets: urgent, unsolved', agentToken, `/api/v1/tickets?priority=urgent&status=${UNSOLVED}&limit=50`],
  ['tickets: one brand, unsolved (admin)', adminToken, `/api/v1/tickets?brand_id=${brands[1]!.id}&status=${UNSOLVED}&limit=50`],
  ['view: mine', agentToken, '/api/v1/views/mine/tickets?limit=50'],
  ['view: unassigned', agentToken, '/api/v1/views/unassigned/tickets?limit=50'],
  ['view: urgent and security', agentToken, '/api/v1/views/urgent/tickets?limit=50'],
  ['view: all unsolved', agentToken, '/api/v1/views/all/tickets?limit=50'],
  ['view: all unsolved (admin)', adminToken, '/api/v1/views/all/tickets?limit=50'],
  ['view counts (4 views + per brand)', agentToken, '/api/v1/views'],
  ['search: Chinese word', agentToken, `/api/v1/tickets?q=${encodeURIComponent('到账')}&limit=50`],
  ['search: English word', agentToken, '/api/v1/tickets?q=mempool&limit=50'],
];

async function timed(token: string, path: string): Promise<{ ms: number; body: { tickets?: unknown[]; next_cursor?: string | null } }> {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { tickets?: unknown[]; next_cursor?: string | null };
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return { ms, body };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
for (const [name, token, path] of scenarios) {
  for (let i = 0; i < 5; i++) await timed(token, path);
  const times: number[] = [];
  let rows = 0;
  let cursor: string | null | undefined = null;
  for (let i = 0; i < RUNS; i++) {
    const r = await timed(token, path);
    times.push(r.ms);
    rows = r.body.tickets?.length ?? 0;
    cursor = r.body.next_cursor;
  }
  times.sort((a, b) => a - b);
  let page2: number | null = null;
  if (cursor) page2 = +(await timed(token, `${path}&cursor=${encodeURIComponent(cursor)}`)).ms.toFixed(1);
  console.log(
    JSON.stringify({
      bench: 'views.http',
      tickets: TICKETS,
      scenario: name,
      rows,
      runs: RUNS,
      p50_ms: +pct(times, 50).toFixed(1),
      p95_ms: +pct(times, 95).toFixed(1),
      max_ms: +times[times.length - 1]!.toFixed(1),
      page2_ms: page2,
      target_ms: 50,
    }),
  );
}

await app.close();
await deps.bus.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
