/**
 * The team's load on a desk built by the scale generator (bench/scale.bench.ts), shared by the team-load and
 * two-instances benches:
 * - `prepareTeam`: N agents spread over the desk's brands, each signed in (a console session) and holding an API
 *   token, and a sample of each brand's unsolved tickets to work on;
 * - `runConsoles`: one live socket per agent, which refetches the counts and the agent's list page when notices
 *   arrive, coalesced the way the console coalesces them (web/agent/parts/desk.tsx `useNotices`, 500 ms);
 * - `runApiMix`: C connections, each an agent's token, in a loop of list, get, search, create, note and status
 *   change in equal shares.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import WebSocket from 'ws';
import { sql, type Kysely } from 'kysely';
import { systemClock } from '../src/core/clock.js';
import type { Deps } from '../src/app/ports.js';
import { createAgent } from '../src/app/create-agent.js';
import { createApiToken } from '../src/app/create-api-token.js';
import { startSession } from '../src/app/log-in.js';
import { hashToken } from '../src/core/ids.js';
import { inProcessBus } from '../src/bus/live-bus.js';
import { argon2Hasher } from '../src/crypto/passwords.js';
import { aesSecretBox } from '../src/crypto/secret-box.js';
import { openPostgres, openSqlite, type DialectName } from '../src/store/dialect.js';
import { createStore } from '../src/store/kysely-store.js';
import type { Database } from '../src/store/schema.js';
import { localFileStore } from '../src/store/file-store.js';
import { onCleanup, PG_URL, pgExec, timed, type Recorder, type Reply } from './load-kit.js';

export interface DeskLocation {
  dialect: DialectName;
  tickets: number;
  /** SQLite: the desk's file. */
  file: string;
  /** PostgreSQL: the desk's schema. */
  schema: string;
}

/**
 * The scale generator's desk of `tickets` tickets. `reuse`: its usual place (BENCH_DIR, schema wd_scale_<N>),
 * built only if missing, kept afterwards. Otherwise a private one (a temporary directory, schema `privateSchema`),
 * dropped at clean-up.
 */
export function scaleDesk(dialect: DialectName, tickets: number, reuse: boolean, privateSchema: string): DeskLocation {
  const dir = reuse ? (process.env.BENCH_DIR ?? join(tmpdir(), 'walletdesk-scale')) : mkdtempSync(join(tmpdir(), 'walletdesk-load-'));
  const schema = reuse ? (process.env.BENCH_SCHEMA ?? `wd_scale_${tickets}`) : privateSchema;
  if (!reuse) {
    onCleanup(() => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }));
    if (dialect === 'postgres') onCleanup(() => pgExec(`drop schema if exists ${schema} cascade`));
  }
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    ['bin/run-ts.js', 'bench/scale.bench.ts', '--build-only', '--reuse', '--db', dialect, '--tickets', String(tickets)],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_DIR: dir, BENCH_SCHEMA: schema }, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`the scale generator failed (exit ${r.status}): ${r.stdout}`);
  console.error(`# desk of ${tickets} tickets on ${dialect} ready in ${((performance.now() - t0) / 1000).toFixed(0)} s${reuse ? ' (reused if it existed)' : ''}`);
  return { dialect, tickets, file: join(dir, `sqlite-${tickets}`, 'desk.sqlite'), schema };
}

/** Opens the desk's database in this process (for preparing the team), migrated by the generator already. */
export function openDeskDb(desk: DeskLocation): Kysely<Database> {
  if (desk.dialect === 'sqlite') {
    if (!existsSync(desk.file)) throw new Error(`no desk at ${desk.file}`);
    return openSqlite(desk.file, { synchronous: 'normal' });
  }
  return openPostgres(PG_URL, { schema: desk.schema, maxConnections: 4, applicationName: `${desk.schema}_prep` });
}

export interface TeamAgent {
  id: string;
  email: string;
  brandId: string;
  view: 'mine' | 'unassigned' | 'urgent' | 'all';
  cookie: string;
  csrf: string;
  token: string;
}

export interface Team {
  agents: TeamAgent[];
  /** Unsolved tickets of each brand (id and number), to get, note and change. */
  ticketsByBrand: Map<string, Array<{ id: string; number: number }>>;
}

const VIEWS = ['mine', 'unassigned', 'urgent', 'all'] as const;

/**
 * Creates (or finds, on a reused desk) `count` agents load<i>@team.example over the desk's brands, starts a console
 * session for each and gives each an API token. Sessions are ended at clean-up; tokens stay (they are named).
 */
export async function prepareTeam(desk: DeskLocation, count: number): Promise<Team> {
  const db = openDeskDb(desk);
  const deps: Deps = {
    store: createStore(db, desk.dialect),
    bus: inProcessBus(),
    clock: systemClock,
    files: localFileStore(join(tmpdir(), 'walletdesk-load-files')),
    passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
    secrets: aesSecretBox(randomBytes(32).toString('hex')),
  };
  try {
    const brands = (await deps.store.brands.list(null)).sort((a, b) => a.slug.localeCompare(b.slug));
    if (brands.length === 0) throw new Error('the desk has no brand');
    const agents: TeamAgent[] = [];
    for (let i = 0; i < count; i++) {
      const email = `load${i}@team.example`;
      const brand = brands[i % brands.length]!;
      const found = await deps.store.agents.getAuthByEmail(email);
      const agent = found ?? (await createAgent(deps, null, { email, name: `Load agent ${i}`, role: 'agent', brand_ids: [brand.id] }));
      const session = await startSession(deps, agent.id, { ip: '127.0.0.1', userAgent: 'walletdesk team-load bench' });
      const token = (await createApiToken(deps, null, { agentId: agent.id, name: 'team-load bench' })).token;
      agents.push({ id: agent.id, email, brandId: brand.id, view: VIEWS[i % VIEWS.length]!, cookie: `wd_session=${session.token}`, csrf: session.csrfToken, token });
    }
    const ticketsByBrand = new Map<string, Array<{ id: string; number: number }>>();
    for (const b of brands) {
      const { rows } = await sql<{ id: string; number: number | string }>`select id, number from ticket
        where brand_id = ${b.id} and status in ('new', 'open', 'pending', 'on_hold') and merged_into_id is null limit 2000`.execute(db);
      ticketsByBrand.set(b.id, rows.map((r) => ({ id: r.id, number: Number(r.number) })));
    }
    return { agents, ticketsByBrand };
  } finally {
    await deps.store.close();
  }
}

/** Ends the team's sessions (so a reused desk does not gather live sessions run after run). */
export async function endTeamSessions(desk: DeskLocation, team: Team): Promise<void> {
  const db = openDeskDb(desk);
  try {
    const store = createStore(db, desk.dialect);
    for (const a of team.agents) await store.sessions.delete(hashToken(a.cookie.slice('wd_session='.length)));
  } finally {
    await db.destroy();
  }
}

type Request = (method: string, path: string, headers: Record<string, string>, body?: unknown) => Promise<Reply>;

export interface Consoles {
  /** Notice frames received, over every socket. */
  notices(): number;
  /** Refreshes started (each: the counts and the list page). */
  refreshes(): number;
  /** Sockets that closed before the end. */
  dropped(): number;
  stop(): Promise<void>;
}

/**
 * Opens one console per agent: a live socket (signed in by the agent's session cookie) on `bases[i % n]`, the
 * counts and list page loaded once, then again after notices, at most one refresh in flight per console and
 * notices arriving meanwhile coalesced into the next one (`coalesceMs` after the first of them; 0 refreshes
 * on every notice that finds no refresh running).
 */
export async function runConsoles(bases: string[], requests: Request[], team: Team, rec: Recorder, coalesceMs: number): Promise<Consoles> {
  let notices = 0;
  let refreshes = 0;
  let dropped = 0;
  let stopping = false;
  const sockets: WebSocket[] = [];
  const pending: Array<Promise<unknown>> = [];
  await Promise.all(
    team.agents.map(async (agent, i) => {
      const request = requests[i % requests.length]!;
      const headers = { cookie: agent.cookie };
      let running = false;
      let dirty = false;
      let timer: NodeJS.Timeout | null = null;
      const refresh = async (): Promise<void> => {
        running = true;
        refreshes++;
        await Promise.all([
          timed(rec, 'console: counts', () => request('GET', '/api/v1/views', headers)),
          timed(rec, 'console: list page', () => request('GET', `/api/v1/views/${agent.view}/tickets?limit=50`, headers)),
        ]);
        running = false;
        if (dirty && !stopping) {
          dirty = false;
          schedule();
        }
      };
      const schedule = () => {
        if (running) {
          dirty = true;
          return;
        }
        if (timer) return;
        timer = setTimeout(() => {
          timer = null;
          if (!stopping) pending.push(refresh());
        }, coalesceMs);
      };
      const ws = new WebSocket(`${bases[i % bases.length]!.replace(/^http/, 'ws')}/api/v1/live`, { headers });
      sockets.push(ws);
      await new Promise<void>((resolve, reject) => {
        ws.on('message', (data) => {
          const frame = JSON.parse(String(data)) as { type?: string };
          if (frame.type === 'ready') resolve();
          else if (frame.type === 'notice') {
            notices++;
            if (!stopping) schedule();
          }
        });
        ws.once('error', reject);
        ws.once('close', (code) => {
          if (!stopping) {
            dropped++;
            reject(new Error(`console ${agent.email} closed with ${code}`));
          }
        });
      });
      await refresh();
    }),
  );
  return {
    notices: () => notices,
    refreshes: () => refreshes,
    dropped: () => dropped,
    async stop() {
      stopping = true;
      await Promise.all(pending);
      await Promise.all(
        sockets.map(
          (ws) =>
            new Promise<void>((done) => {
              if (ws.readyState === ws.CLOSED) return done();
              ws.once('close', () => done());
              ws.close();
            }),
        ),
      );
    },
  };
}

export const API_KINDS = ['list', 'get', 'search', 'create', 'note', 'status'] as const;
const WORDS = ['到账', 'mempool', '闪退', 'withdrawal', '助记词', 'fee'];
const UNSOLVED = 'new,open,pending,on_hold';

/**
 * `connections` loops of API calls for `durationMs`, each as one agent (by its token) working in its brand: the
 * kinds in turn from a random start, so each is an equal share. Created tickets join the pool worked on.
 */
export async function runApiMix(requests: Request[], team: Team, rec: Recorder, connections: number, durationMs: number): Promise<void> {
  const end = Date.now() + durationMs;
  let created = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      const request = requests[c % requests.length]!;
      const agent = team.agents[c % team.agents.length]!;
      const pool = team.ticketsByBrand.get(agent.brandId)!;
      const headers = { authorization: `Bearer ${agent.token}` };
      let k = c % API_KINDS.length;
      while (Date.now() < end) {
        const kind = API_KINDS[k++ % API_KINDS.length]!;
        const ticket = pool[Math.floor(Math.random() * pool.length)];
        switch (kind) {
          case 'list':
            await timed(rec, 'api: list', () => request('GET', `/api/v1/tickets?status=${UNSOLVED}&limit=50`, headers));
            break;
          case 'get':
            if (ticket) await timed(rec, 'api: get', () => request('GET', `/api/v1/tickets/${ticket.number}`, headers));
            break;
          case 'search':
            await timed(rec, 'api: search', () => request('GET', `/api/v1/tickets?q=${encodeURIComponent(WORDS[Math.floor(Math.random() * WORDS.length)]!)}&limit=50`, headers));
            break;
          case 'create': {
            const n = ++created;
            const r = await timed(rec, 'api: create', () =>
              request('POST', '/api/v1/tickets', headers, {
                subject: `转账三天没到账 load #${n}`,
                body: 'I sent 0.05 BTC three days ago and it still shows unconfirmed. 我三天前转的币还没到账，请帮忙查一下。',
                requester: { email: `load-customer${n % 5000}@example.com`, name: '王伟' },
              }),
            );
            const t = r?.body as { id?: string; number?: number } | undefined;
            if (t?.id && t.number) pool.push({ id: t.id, number: t.number });
            break;
          }
          case 'note':
            if (ticket) await timed(rec, 'api: note', () => request('POST', `/api/v1/tickets/${ticket.id}/messages`, headers, { body: 'Checked the transaction: 2 confirmations now. 已确认两次。', public: false }));
            break;
          case 'status':
            if (ticket) await timed(rec, 'api: status', () => request('PATCH', `/api/v1/tickets/${ticket.id}`, headers, { status: Math.random() < 0.5 ? 'open' : 'pending' }));
            break;
        }
      }
    }),
  );
}
