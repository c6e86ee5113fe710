/**
 * The million-ticket desk (issue 20): `npm run bench scale -- --tickets 1000000 --db both [--reuse]`.
 *
 * Builds a desk of N tickets (default 1,000,000: 10 % unsolved, N/5 customers, 3 messages a ticket, a mix of
 * Chinese and English subjects and bodies, 3 brands, 3 teams, 24 agents) on SQLite and on PostgreSQL. People come
 * through the app's use cases; customers, tickets, tags, messages and search documents are written in bulk with
 * SQL in big transactions (prepared statements on SQLite, multi-row `unnest` inserts on PostgreSQL), in the shape
 * the store writes them (search documents through `searchDocument`, SQLite's at the rowids the store uses), and
 * the database's own triggers keep the view counts. Not written: history events and jobs (no view reads them).
 *
 * Then, in a child process (so its RSS is the server's), it starts the HTTP app in that process on loopback and
 * times sequential requests at the client (loopback HTTP + JSON included): the first page of every view the
 * console's sidebar shows, brand pages, the Chats list, the view counts and a ticket page. One JSON line per
 * measure, then a table with the database size and the process's RSS.
 *
 * The desks stay on disk: SQLite in $BENCH_DIR (default <tmp>/walletdesk-scale), PostgreSQL in schema
 * wd_scale_<N> (BENCH_SCHEMA overrides it). `--reuse` measures an existing complete desk instead of building it
 * again; `--build-only` builds (or, with --reuse, checks) the desk and measures nothing.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { systemClock } from '../src/core/clock.js';
import { newId } from '../src/core/ids.js';
import type { Deps } from '../src/app/ports.js';
import type { Agent, Brand } from '../src/core/people.js';
import type { Principal } from '../src/core/policy.js';
import { createBrand } from '../src/app/create-brand.js';
import { createAgent } from '../src/app/create-agent.js';
import { createTeam } from '../src/app/create-team.js';
import { createApiToken } from '../src/app/create-api-token.js';
import { tokenAuthenticator } from '../src/app/authenticate.js';
import { inProcessBus } from '../src/bus/live-bus.js';
import { argon2Hasher } from '../src/crypto/passwords.js';
import { aesSecretBox } from '../src/crypto/secret-box.js';
import { openPostgres, openSqlite, type DialectName } from '../src/store/dialect.js';
import { createStore, migrateToLatest } from '../src/store/kysely-store.js';
import type { Database } from '../src/store/schema.js';
import { localFileStore } from '../src/store/file-store.js';
import { SEARCH_FORMAT, searchDocument } from '../src/store/search-text.js';
import { buildHttpApp } from '../src/http/app.js';
import { CHANNEL_MODULES } from '../src/channels/index.js';

// ---- arguments ----
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const TICKETS = Number(option('tickets', process.env.BENCH_TICKETS ?? '1000000'));
const DBS: DialectName[] = (() => {
  const d = option('db', 'both');
  return d === 'both' ? ['sqlite', 'postgres'] : [d as DialectName];
})();
const RUNS = Number(option('runs', '200'));
// `--brands N` (default 3): brands beyond the first three get small shares; the supervisor sees all but the last.
const BRANDS = Number(option('brands', '3'));
const REUSE = flag('reuse');
const MEASURE = flag('measure');
// Other benches (team-load, two-instances) build their desk with this generator and measure it themselves.
const BUILD_ONLY = flag('build-only');
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DIR = process.env.BENCH_DIR ?? join(tmpdir(), 'walletdesk-scale');
const SUFFIX = BRANDS === 3 ? '' : `_b${BRANDS}`;
const sqliteFile = join(DIR, `sqlite-${TICKETS}${SUFFIX}`, 'desk.sqlite');
const schema = process.env.BENCH_SCHEMA ?? `wd_scale_${TICKETS}${SUFFIX}`;
const CUSTOMERS = Math.max(100, Math.floor(TICKETS / 5));
const BATCH = 5000;
const DONE_KEY = 'bench.scale.complete';
if (!Number.isInteger(TICKETS) || TICKETS < 100) {
  console.error('--tickets must be a whole number ≥ 100');
  process.exit(2);
}

function openDesk(dialect: DialectName): Kysely<Database> {
  if (dialect === 'sqlite') return openSqlite(sqliteFile, { synchronous: 'normal' });
  return openPostgres(PG_URL, { schema, maxConnections: 10, applicationName: schema });
}

function deskDeps(db: Kysely<Database>, dialect: DialectName): Deps {
  return {
    store: createStore(db, dialect),
    bus: inProcessBus(),
    clock: systemClock,
    files: localFileStore(join(DIR, `files-${dialect}-${TICKETS}`)),
    passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
    secrets: aesSecretBox(randomBytes(32).toString('hex')),
  };
}

async function isComplete(dialect: DialectName): Promise<boolean> {
  if (dialect === 'sqlite') {
    if (!existsSync(sqliteFile)) return false;
    const raw = new BetterSqlite3(sqliteFile, { readonly: true });
    try {
      return raw.prepare('select value from setting where key = ?').get(DONE_KEY) !== undefined;
    } catch {
      return false;
    } finally {
      raw.close();
    }
  }
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const r = await c.query(`select 1 from information_schema.tables where table_schema = $1 and table_name = 'setting'`, [schema]);
    if (r.rowCount === 0) return false;
    return ((await c.query(`select 1 from ${schema}.setting where key = $1`, [DONE_KEY])).rowCount ?? 0) > 0;
  } finally {
    await c.end();
  }
}

// ---- a deterministic, realistic mix ----
// mulberry32: successive draws are independent enough that brand, status and deadline do not correlate.
let seed = 20;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: readonly T[], weights?: readonly number[]): T => {
  if (!weights) return items[Math.floor(rand() * items.length)]!;
  let r = rand() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) if ((r -= weights[i]!) < 0) return items[i]!;
  return items[items.length - 1]!;
};

const ZH_SUBJECTS = [
  '转账三天还没到账', '提现一直显示处理中', '钱包打不开，闪退', '助记词备份问题', '交易卡在内存池', '手续费太高了怎么办',
  '收到一笔不认识的转账', '资金被盗，请帮忙冻结账户', '如何导出私钥', '地址格式不对无法转账', '闪电网络通道关闭了',
  '充值没有到账', '验证码收不到', '更换手机后如何恢复钱包', '硬件钱包连接失败', '交易被替换（RBF）', '余额显示不对',
  '有人冒充客服联系我', '账户被锁定', '如何加速未确认交易',
];
const EN_SUBJECTS = [
  'Transaction stuck in mempool', 'Withdrawal pending for two days', 'App crashes on start', 'How do I back up my seed?',
  'Fee was much higher than expected', 'Unknown outgoing payment', 'Please freeze my account, funds stolen',
  'Cannot send to a bech32 address', 'Lightning channel force-closed', 'Deposit not credited', 'Two-factor code never arrives',
  'Restoring wallet on a new phone', 'Hardware wallet not detected', 'Replace-by-fee question', 'Balance shows zero',
  'Someone claiming to be support messaged me', 'Account locked after password reset', 'How to speed up an unconfirmed transaction',
  'Export transaction history to CSV', 'Wrong network selected when sending',
];
const ZH_BODIES = [
  '我三天前从交易所提了币，区块浏览器上显示未确认，请帮忙查一下是什么原因。',
  '打开应用后马上闪退，已经重装过了，还是不行。手机型号是小米。',
  '我想确认一下助记词应该怎么安全保存，可以截图保存在相册里吗？',
  '刚才发现钱包里少了一笔钱，我没有做过这笔转账，非常着急！',
  '转账的时候选错了网络，钱还能找回来吗？',
  '手续费设置得太低，交易一直没有被打包，能不能加速？',
  '昨天充值的比特币到现在还没有到账，交易已经有六个确认了。',
  '收不到短信验证码，换了号码也不行，请帮忙处理。',
];
const EN_BODIES = [
  'I sent 0.05 BTC from the exchange three days ago and the explorer still shows it as unconfirmed. Can you check?',
  'The app closes right after the splash screen. I already reinstalled it, same result on Android 14.',
  'What is the safest way to store my recovery words? Is a photo in my gallery fine?',
  'There is a payment in my history that I never made. Please help, this is urgent.',
  'I picked the wrong network when sending. Is there any way to get the coins back?',
  'I set the fee too low and the transaction has not confirmed for a day. Can it be bumped?',
  'My deposit from yesterday has six confirmations but my balance has not changed.',
  'The SMS code never arrives, I tried twice and waited ten minutes each time.',
];
const ZH_REPLIES = ['您好，我们已经收到您的问题，正在为您核实交易状态，请稍候。', '请不要向任何人提供您的助记词，客服不会索要。', '交易已经确认，请刷新钱包查看余额。'];
const EN_REPLIES = ['Thanks for reaching out, we are checking the transaction now.', 'Please never share your recovery phrase with anyone, support will never ask for it.', 'The transaction is confirmed now; please refresh your wallet.'];
const ZH_FOLLOW = ['好的，谢谢！', '还是没有到账，能再看一下吗？', '问题已经解决了。'];
const EN_FOLLOW = ['Thank you, that worked.', 'Still not there, could you look again?', 'All good now, thanks!'];

// Search documents: the fixed text's document is computed once; the varying tail is Latin (segmented the same
// whether joined or apart, since runs split at the space), so doc(a + ' ' + b) = doc(a) + ' ' + doc(b).
const docCache = new Map<string, string>();
const cachedDoc = (text: string) => {
  let d = docCache.get(text);
  if (d === undefined) docCache.set(text, (d = searchDocument(text)));
  return d;
};
function textAndDoc(fixed: string, tail: string): [string, string] {
  const tailDoc = searchDocument(tail);
  return [`${fixed} ${tail}`, tailDoc ? `${cachedDoc(fixed)} ${tailDoc}` : cachedDoc(fixed)];
}

const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
const STATUS_WEIGHTS = [2, 4.5, 2.5, 1, 15, 75];
const CHANNELS = ['email', 'web', 'chat', 'phone', 'api'] as const;
const CATEGORIES = ['transaction', 'technical', 'how_to', 'security', 'other'] as const;
const BRAND_IXS = Array.from({ length: BRANDS }, (_, i) => i);
const BRAND_WEIGHTS = BRAND_IXS.map((i) => (i < 3 ? [5, 3, 2][i]! : 1));

interface Cast {
  brands: Brand[];
  teams: string[];
  agentsByBrand: Agent[][];
}

async function seedPeople(deps: Deps): Promise<Cast> {
  const brands: Brand[] = [];
  const names = ['Satoshi Wallet', 'Lightning Pocket', 'Cold Vault', ...Array.from({ length: Math.max(0, BRANDS - 3) }, (_, i) => `Brand ${i + 4}`)];
  for (const [i, name] of names.slice(0, BRANDS).entries()) {
    brands.push(await createBrand(deps, null, { name, slug: `b${i}`, default_language: i === 1 ? 'en' : 'zh-CN', time_zone: 'Asia/Shanghai' }));
  }
  const admin = await createAgent(deps, null, { email: 'admin@scale.example', name: 'Admin', role: 'admin' });
  const supBrands = BRANDS > 3 ? brands.slice(0, -1) : brands.slice(0, 2);
  await createAgent(deps, null, { email: 'sup@scale.example', name: 'Supervisor', role: 'supervisor', brand_ids: supBrands.map((b) => b.id) });
  const agentsByBrand: Agent[][] = brands.map(() => []);
  for (let i = 0; i < Math.max(24, BRANDS); i++) {
    const b = i % BRANDS;
    agentsByBrand[b]!.push(await createAgent(deps, null, { email: `a${i}@scale.example`, name: `Agent ${i}`, role: 'agent', brand_ids: [brands[b]!.id] }));
  }
  const principal: Principal = { agentId: admin.id, name: admin.name, role: 'admin', brandIds: [], tokenId: null };
  const teams: string[] = [];
  for (const [name, categories] of [
    ['Transactions', ['transaction']],
    ['Security', ['security']],
    ['General', ['*']],
  ] as const) {
    teams.push((await createTeam(deps, principal, { name, categories })).id);
  }
  return { brands, teams, agentsByBrand };
}

type Row = Array<string | number | bigint | null>;
interface Batch {
  customers: Row[];
  identities: Row[];
  tickets: Row[];
  tags: Row[];
  messages: Row[];
  search: Row[]; // [sqlite ticket_text rowid (number × 2^32 + message rowid, 0 for the subject), content, doc_id, ticket_id, ticket_number]
}

const TICKET_COLS = ['id', 'number', 'brand_id', 'subject', 'status', 'priority', 'category', 'channel', 'language', 'requester_id', 'assignee_id', 'team_id', 'tags', 'details', 'first_response_at', 'solved_at', 'closed_at', 'merged_into_id', 'follow_up_of_id', 'created_at', 'updated_at', 'sla_due_at'];
const MESSAGE_COLS = ['id', 'ticket_id', 'author_type', 'author_id', 'public', 'body', 'body_html', 'channel', 'source_id', 'meta', 'delivery', 'created_at'];

/** Generates tickets [from, to) with their messages and search documents; customers are made by the first batches. */
function* batches(cast: Cast, customerIds: string[]): Generator<Batch> {
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let from = 0; from < TICKETS; from += BATCH) {
    const b: Batch = { customers: [], identities: [], tickets: [], tags: [], messages: [], search: [] };
    // customers first, a fifth of the tickets' pace, so every ticket's requester exists
    while (customerIds.length < Math.min(CUSTOMERS, Math.ceil(((from + BATCH) * CUSTOMERS) / TICKETS))) {
      const i = customerIds.length;
      const id = newId();
      customerIds.push(id);
      const zh = i % 5 < 3;
      const at = iso(now - 800 * 86_400_000 + i * 1000);
      b.customers.push([id, zh ? `王${'伟芳娜敏静丽强磊军洋'[i % 10]}${i}` : `Customer ${i}`, zh ? 'zh-CN' : 'en', i % 4 === 0 ? 'contact' : 'unverified', at, at]);
      b.identities.push(['email', `c${i}@example.com`, id, null, at]);
    }
    for (let i = from; i < Math.min(TICKETS, from + BATCH); i++) {
      const number = 1001 + i;
      const id = newId();
      const brandIx = BRANDS === 3 ? pick([0, 1, 2], [5, 3, 2]) : pick(BRAND_IXS, BRAND_WEIGHTS);
      const zh = rand() < (brandIx === 1 ? 0.3 : 0.7);
      const status = pick(STATUSES, STATUS_WEIGHTS);
      const unsolved = status !== 'solved' && status !== 'closed';
      const category = pick(CATEGORIES, [38, 25, 20, 8, 9]);
      const priority = category === 'security' ? pick(['urgent', 'high'], [1, 1]) : pick(['urgent', 'high', 'normal', 'low'], [2, 12, 71, 15]);
      const channel = pick(CHANNELS, [40, 25, 20, 10, 5]);
      const agents = cast.agentsByBrand[brandIx]!;
      const assignee = status === 'new' || (unsolved && rand() < 0.25) ? null : agents[Math.floor(rand() * agents.length)]!.id;
      // Older tickets are mostly closed; the unsolved ones were active in the last weeks.
      const age = unsolved ? rand() * 30 * 86_400_000 : rand() * 730 * 86_400_000;
      const created = now - Math.floor(age) - 3_600_000;
      const updated = Math.min(now - 1000, created + Math.floor(rand() * (unsolved ? age : 10 * 86_400_000)));
      const requester = customerIds[Math.floor(rand() * customerIds.length)]!;
      const [subject, subjectDoc] = textAndDoc(zh ? pick(ZH_SUBJECTS) : pick(EN_SUBJECTS), `#${(number * 7919) % 100000}`);
      const tags = rand() < 0.1 ? ['vip'] : rand() < 0.05 ? ['lookalike-reported'] : [];
      const firstResponse = status === 'new' ? null : iso(created + 600_000);
      const solvedAt = status === 'solved' || status === 'closed' ? iso(updated - 60_000) : null;
      const closedAt = status === 'closed' ? iso(updated) : null;
      const slaDue = unsolved && status !== 'pending' && rand() < 0.3 ? iso(now + Math.floor((rand() - 0.05) * 3 * 86_400_000)) : null;
      b.tickets.push([
        id, number, cast.brands[brandIx]!.id, subject, status, priority, category, channel, zh ? 'zh-CN' : 'en', requester, assignee,
        cast.teams[category === 'transaction' ? 0 : category === 'security' ? 1 : 2]!, JSON.stringify(tags), '{}',
        firstResponse, solvedAt, closedAt, null, null, iso(created), iso(updated), slaDue,
      ]);
      for (const tag of tags) b.tags.push([id, tag]);
      b.search.push([BigInt(number) * 4294967296n, subjectDoc, id, id, number]);
      const texts: Array<[string, string | null, string, number]> = [
        ['customer', requester, zh ? pick(ZH_BODIES) : pick(EN_BODIES), created],
        ['agent', assignee ?? agents[0]!.id, zh ? pick(ZH_REPLIES) : pick(EN_REPLIES), created + 600_000],
        ['customer', requester, zh ? pick(ZH_FOLLOW) : pick(EN_FOLLOW), Math.max(created + 1_200_000, updated - 120_000)],
      ];
      texts.forEach(([authorType, authorId, fixed, at], k) => {
        const [body, doc] = textAndDoc(fixed, k === 0 ? `order ${number}` : '');
        const messageId = newId();
        const rowid = 3 * i + k + 1;
        b.messages.push([rowid, messageId, id, authorType, authorId, 1, body, null, channel, channel === 'email' ? `<${messageId}@mail.example>` : null, '{}', null, iso(at)]);
        b.search.push([BigInt(number) * 4294967296n + BigInt(rowid), doc, messageId, id, number]);
      });
    }
    yield b;
  }
}

async function buildSqlite(): Promise<void> {
  rmSync(join(DIR, `sqlite-${TICKETS}`), { recursive: true, force: true });
  mkdirSync(join(DIR, `sqlite-${TICKETS}`), { recursive: true });
  const db = openDesk('sqlite');
  await migrateToLatest(db);
  const deps = deskDeps(db, 'sqlite');
  const cast = await seedPeople(deps);
  await deps.store.close();
  const raw = new BetterSqlite3(sqliteFile);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -400000');
  const ph = (n: number) => `(${Array.from({ length: n }, () => '?').join(', ')})`;
  const insCustomer = raw.prepare(`insert into customer (id, name, language, verification_level, created_at, updated_at) values ${ph(6)}`);
  const insIdentity = raw.prepare(`insert into customer_identity (kind, value, customer_id, bouncing_at, created_at) values ${ph(5)}`);
  const insTicket = raw.prepare(`insert into ticket (${TICKET_COLS.join(', ')}) values ${ph(TICKET_COLS.length)}`);
  const insTag = raw.prepare('insert into ticket_tag (ticket_id, tag) values (?, ?)');
  const insMessage = raw.prepare(`insert into message (rowid, ${MESSAGE_COLS.join(', ')}) values ${ph(MESSAGE_COLS.length + 1)}`);
  const insSearch = raw.prepare(`insert into ticket_text (rowid, content, format) values (?, ?, ${SEARCH_FORMAT})`);
  const write = raw.transaction((b: Batch) => {
    for (const r of b.customers) insCustomer.run(r);
    for (const r of b.identities) insIdentity.run(r);
    for (const r of b.tickets) insTicket.run(r);
    for (const r of b.tags) insTag.run(r);
    for (const r of b.messages) insMessage.run(r);
    for (const r of b.search) insSearch.run(r[0], r[1]);
  });
  let done = 0;
  for (const b of batches(cast, [])) {
    write(b);
    done += b.tickets.length;
    if (done % 100_000 === 0) console.error(`# sqlite: ${done} tickets`);
  }
  raw.prepare("update counter set value = ? where name = 'ticket_number'").run(1000 + TICKETS);
  raw.exec("insert into ticket_text (ticket_text) values ('optimize')");
  raw.exec('analyze');
  raw.prepare('insert into setting (key, value) values (?, ?)').run(DONE_KEY, JSON.stringify({ tickets: TICKETS }));
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
}

async function buildPostgres(): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = openDesk('postgres');
  await migrateToLatest(db);
  const deps = deskDeps(db, 'postgres');
  const cast = await seedPeople(deps);
  await deps.store.close();
  const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await c.connect();
  await c.query('set synchronous_commit = off');
  // One statement per table and batch: each column travels as one array.
  const unnest = async (table: string, cols: string[], types: string[], rows: Row[]) => {
    if (rows.length === 0) return;
    const arrays = cols.map((_, k) => rows.map((r) => r[k]));
    await c.query(`insert into ${table} (${cols.join(', ')}) select * from unnest(${types.map((t, k) => `$${k + 1}::${t}[]`).join(', ')})`, arrays);
  };
  const T = (n: number) => Array.from({ length: n }, () => 'text');
  let done = 0;
  for (const b of batches(cast, [])) {
    await c.query('begin');
    await unnest('customer', ['id', 'name', 'language', 'verification_level', 'created_at', 'updated_at'], T(6), b.customers);
    await unnest('customer_identity', ['kind', 'value', 'customer_id', 'bouncing_at', 'created_at'], T(5), b.identities);
    const ticketTypes = T(TICKET_COLS.length);
    ticketTypes[1] = 'int';
    await unnest('ticket', TICKET_COLS, ticketTypes, b.tickets);
    await unnest('ticket_tag', ['ticket_id', 'tag'], T(2), b.tags);
    const messageTypes = T(MESSAGE_COLS.length);
    messageTypes[4] = 'int';
    await unnest('message', MESSAGE_COLS, messageTypes, b.messages.map((r) => r.slice(1)));
    await unnest('ticket_search', ['content', 'doc_id', 'ticket_id', 'ticket_number'], [...T(3), 'int'], b.search.map((r) => r.slice(1)));
    await c.query('commit');
    done += b.tickets.length;
    if (done % 100_000 === 0) console.error(`# postgres: ${done} tickets`);
  }
  await c.query(`select setval('ticket_number_seq', $1)`, [1000 + TICKETS]);
  // The triggers appended a delta row per unsolved ticket: fold them as the scheduled job would, before the vacuum
  // (else every fold scans their dead rows until autovacuum comes by).
  const folded = deskDeps(openDesk('postgres'), 'postgres');
  await folded.store.tickets.foldCountDeltas();
  await folded.store.close();
  await c.query('vacuum analyze');
  await c.query('insert into setting (key, value) values ($1, $2)', [DONE_KEY, JSON.stringify({ tickets: TICKETS })]);
  await c.end();
}

// ---- measuring (child process) ----
async function measure(dialect: DialectName): Promise<void> {
  const db = openDesk(dialect);
  const deps = deskDeps(db, dialect);
  const { store } = deps;
  const agentOf = async (email: string) => (await store.agents.getAuthByEmail(email))!;
  const admin = await agentOf('admin@scale.example');
  const sup = await agentOf('sup@scale.example');
  const agent = await agentOf('a0@scale.example');
  const token = async (a: Agent) => (await createApiToken(deps, null, { agentId: a.id, name: 'scale bench' })).token;
  const tokens = { agent: await token(agent), admin: await token(admin), sup: await token(sup) };
  const brands = await store.brands.list(null);
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
  const get = async (tok: string, path: string) => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${tok}` } });
    const body = (await res.json()) as { tickets?: unknown[]; messages?: unknown[] };
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
    return { ms, body };
  };
  const ticketNumbers = () => 1001 + Math.floor(Math.random() * TICKETS);
  const scenarios: Array<[string, string, () => string]> = [];
  for (const [who, tok] of [['agent (1 brand)', tokens.agent], [`supervisor (${BRANDS > 3 ? BRANDS - 1 : 2} brands)`, tokens.sup], ['admin (all)', tokens.admin]] as const) {
    for (const view of ['mine', 'unassigned', 'urgent', 'sla_at_risk', 'all']) scenarios.push([`view ${view}, ${who}`, tok, () => `/api/v1/views/${view}/tickets?limit=50`]);
    scenarios.push([`view counts, ${who}`, tok, () => '/api/v1/views']);
  }
  for (const b of brands.slice(0, 3)) scenarios.push([`brand page ${b.name}, admin`, tokens.admin, () => `/api/v1/views/all/tickets?brand_id=${b.id}&limit=50`]);
  scenarios.push(['chats list (new, open), admin', tokens.admin, () => '/api/v1/tickets?channel=chat&status=new,open&sort=updated_desc&limit=100']);
  scenarios.push(['tickets new,open, admin', tokens.admin, () => '/api/v1/tickets?status=new,open&limit=50']);
  scenarios.push(['ticket page (random ticket + messages), admin', tokens.admin, () => `/api/v1/tickets/${ticketNumbers()}`]);
  const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const results: Array<{ scenario: string; rows: number; min: number; p50: number; p99: number; cpu_ms: number }> = [];
  for (const [name, tok, path] of scenarios) {
    for (let i = 0; i < 10; i++) await get(tok, path());
    const times: number[] = [];
    let rows = 0;
    // CPU time of this process per request (server and client): the cost, whatever else runs on the machine.
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < RUNS; i++) {
      const r = await get(tok, path());
      times.push(r.ms);
      rows = r.body.tickets?.length ?? r.body.messages?.length ?? 0;
    }
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    const row = { scenario: name, rows, min: +times[0]!.toFixed(2), p50: +pct(times, 50).toFixed(2), p99: +pct(times, 99).toFixed(2), cpu_ms: +((cpu.user + cpu.system) / 1000 / RUNS).toFixed(2) };
    results.push(row);
    console.log(JSON.stringify({ bench: 'scale', store: dialect, tickets: TICKETS, runs: RUNS, ...row }));
  }
  let sizeMb: number;
  if (dialect === 'sqlite') {
    sizeMb = [sqliteFile, `${sqliteFile}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0) / 2 ** 20;
  } else {
    const { rows } = await sql<{ bytes: string }>`select sum(pg_total_relation_size(c.oid))::bigint as bytes from pg_class c
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = ${schema} and c.relkind in ('r', 'm')`.execute(db);
    sizeMb = Number(rows[0]!.bytes) / 2 ** 20;
  }
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  console.log(JSON.stringify({ bench: 'scale', store: dialect, tickets: TICKETS, database_mb: Math.round(sizeMb), rss_mb: Math.round(rssMb) }));
  console.log(`\n${dialect}, ${TICKETS.toLocaleString('en')} tickets: database ${Math.round(sizeMb)} MB, process RSS ${Math.round(rssMb)} MB (HTTP on loopback, in-process client, sequential, ${RUNS} runs)\n`);
  console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log('| request | rows | min ms | p50 ms | p99 ms | CPU ms/request |\n|---|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.scenario} | ${r.rows} | ${r.min} | ${r.p50} | ${r.p99} | ${r.cpu_ms} |`);
  await app.close();
  await deps.bus.close();
  await store.close();
}

if (MEASURE) {
  await measure(DBS[0]!);
} else {
  mkdirSync(DIR, { recursive: true });
  for (const dialect of DBS) {
    if (REUSE && (await isComplete(dialect))) {
      console.error(`# ${dialect}: reusing the desk of ${TICKETS} tickets`);
    } else {
      const t0 = performance.now();
      await (dialect === 'sqlite' ? buildSqlite() : buildPostgres());
      const s = (performance.now() - t0) / 1000;
      console.log(JSON.stringify({ bench: 'scale.build', store: dialect, tickets: TICKETS, seconds: +s.toFixed(1), tickets_per_s: Math.round(TICKETS / s) }));
    }
    if (BUILD_ONLY) continue;
    const r = spawnSync(process.execPath, ['bin/run-ts.js', 'bench/scale.bench.ts', '--measure', '--db', dialect, '--tickets', String(TICKETS), '--runs', String(RUNS), '--brands', String(BRANDS)], {
      stdio: 'inherit',
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
