/**
 * Ticket search at a million tickets (issue 20): builds a desk of BENCH_TICKETS tickets (default 1,000,000; 10 %
 * unsolved), 3 messages a ticket on average, one customer per 5 tickets, over three brands, on SQLite and on
 * PostgreSQL, writing the same tables and columns the app writes (ticket, message, customer, customer_identity
 * and the search documents, keyed as store/repos/ticket-repo.ts keys them), with message texts drawn from a pool
 * of Chinese and English support sentences. Then serves the real HTTP app on loopback and times sequential
 * searches: p50/p99 measured at the client, so they include HTTP and JSON on top of the server's work.
 * One JSON line per measurement.
 *
 * BENCH_TICKETS: desk size. BENCH_STORES: "sqlite,postgres" (default both). BENCH_RUNS: timed requests per query.
 * BENCH_KEEP=1: keep the built desk (/tmp/walletdesk-search-<n>.sqlite, schema wd_search_<n>) and reuse it next
 * time, to iterate on queries without rebuilding.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { systemClock } from '../src/core/clock.js';
import { newId } from '../src/core/ids.js';
import type { Deps } from '../src/app/ports.js';
import type { Brand } from '../src/core/people.js';
import { createBrand } from '../src/app/create-brand.js';
import { createAgent } from '../src/app/create-agent.js';
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

const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const CUSTOMERS = Math.max(1000, Math.floor(TICKETS / 5));
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const KEEP = process.env.BENCH_KEEP === '1';
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',') as DialectName[];
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// ---- texts ----
const ZH = [
  '我三天前转的币还没到账，请帮忙查一下。',
  '提现显示成功但是一直没有到账。',
  '充值的USDT什么时候到账？',
  '转账到交易所两个小时了还没到账',
  '我的账户被冻结了，不知道为什么。',
  '请尽快帮我冻结账户，手机丢了。',
  '助记词应该怎么备份？',
  '钱包打开就闪退，重装也没用。',
  '交易一直显示未确认，手续费是不是太低了？',
  '我怀疑有人盗了我的钱包，资金被转走了。',
  '客服你好，能不能加速这笔交易？',
  '更新以后余额显示为零，很着急。',
  '如何导出私钥到另一个钱包？',
  '收到一条短信说我的账户有风险，是真的吗？',
  '手续费怎么计算的？为什么这么贵',
  '地址复制以后和原来的不一样',
  '验证码一直收不到',
  '我想修改绑定的手机号',
  '请问支持闪电网络吗？',
  '硬件钱包连接不上电脑',
  '轉帳三天還沒到帳，請幫忙。',
  '帳戶被凍結了怎麼辦？',
];
const EN = [
  'I sent 0.05 BTC three days ago and it is still unconfirmed.',
  'My transaction is stuck in the mempool, can you speed it up?',
  'The app crashes on start after the update.',
  'How do I back up my recovery phrase safely?',
  'My withdrawal shows completed but never arrived.',
  'Someone claiming to be support asked for my seed words.',
  'Please freeze my account, my phone was stolen.',
  'Why is the network fee so high today?',
  'The balance shows zero after I restored the wallet.',
  'I cannot connect my hardware wallet over USB.',
  'Is Lightning supported for deposits?',
  'The verification code never arrives by SMS.',
  'How can I export the transaction history as CSV?',
  'I want to change the e-mail address on my account.',
  'The address I pasted is different from the one I copied.',
  'Can you confirm this website is your official one?',
  'The deposit has six confirmations but is not credited.',
  'Thanks, that solved it!',
];
const SUBJECTS = ['转账三天还没到账', '账户被冻结', '钱包闪退', '交易未确认', 'Transaction stuck', 'Withdrawal not received', 'App crashes', 'Recovery phrase backup', '手续费太高', 'Account frozen', '提现没到账', 'Hardware wallet'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇'];
const FIRST = ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Sofia', 'Mason'];
const LAST = ['Smith', 'Stone', 'Garcia', 'Müller', 'Rossi', 'Dubois', 'Kowalski', 'Tanaka', 'Silva', 'Novak'];

let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const any = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

/** A pool of message bodies with their search documents: the segmentation runs once per distinct text. */
const POOL = Array.from({ length: 4000 }, (_, i) => {
  const parts: string[] = [];
  const n = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < n; k++) parts.push(i % 2 === 0 ? any(ZH) : any(EN));
  if (i % 7 === 0) parts.push(`#${i} ref ${(i * 7919) % 100000}`);
  const body = parts.join(' ');
  return { body, doc: searchDocument(body) };
});
const SUBJECT_POOL = Array.from({ length: 400 }, (_, i) => {
  const subject = `${any(SUBJECTS)}${i % 3 === 0 ? ` ${i}` : ''}`;
  return { subject, doc: searchDocument(subject) };
});
const STATUSES = ['new', 'open', 'pending', 'on_hold'] as const;

interface TicketRow {
  id: string;
  number: number;
  brand: string;
  subject: (typeof SUBJECT_POOL)[number];
  status: string;
  priority: string;
  category: string;
  channel: string;
  language: string;
  requester: string;
  assignee: string | null;
  created: string;
  updated: string;
  messages: { id: string; text: (typeof POOL)[number]; author: 'customer' | 'agent' | 'system'; at: string }[];
}

/** Tickets in number order, generated in chunks so neither store holds the whole desk in memory. */
function* ticketChunks(brands: Brand[], customerIds: string[], agentsByBrand: string[][], chunk: number): Generator<TicketRow[]> {
  const start = Date.now() - 730 * 86_400_000;
  const step = (730 * 86_400_000) / TICKETS;
  for (let base = 0; base < TICKETS; base += chunk) {
    const rows: TicketRow[] = [];
    for (let i = base; i < Math.min(TICKETS, base + chunk); i++) {
      const b = Math.floor(rand() * brands.length);
      const unsolved = rand() < 0.1;
      const created = start + i * step;
      const updated = Math.min(Date.now(), created + rand() * 5 * 86_400_000);
      const messages: TicketRow['messages'] = [];
      const count = 1 + Math.floor(rand() * 5);
      for (let m = 0; m < count; m++) {
        messages.push({ id: newId(), text: any(POOL), author: m === 0 ? 'customer' : m % 2 ? 'agent' : 'customer', at: new Date(created + m * 60_000).toISOString() });
      }
      rows.push({
        id: newId(),
        number: 1001 + i,
        brand: brands[b]!.id,
        subject: any(SUBJECT_POOL),
        status: unsolved ? any(STATUSES) : rand() < 0.3 ? 'solved' : 'closed',
        priority: any(['low', 'normal', 'normal', 'normal', 'high', 'urgent']),
        category: any(['security', 'transaction', 'technical', 'how_to', 'other']),
        channel: any(['web', 'email', 'chat', 'phone', 'api']),
        language: rand() < 0.6 ? 'zh-CN' : 'en',
        requester: customerIds[Math.floor(rand() * customerIds.length)]!,
        assignee: unsolved && rand() < 0.3 ? null : any(agentsByBrand[b]!),
        created: new Date(created).toISOString(),
        updated: new Date(updated).toISOString(),
        messages,
      });
    }
    yield rows;
  }
}

function customers(): { id: string; name: string; email: string; phone: string | null }[] {
  return Array.from({ length: CUSTOMERS }, (_, i) => ({
    id: newId(),
    name: i % 2 ? `${any(SURNAMES)}${any(GIVEN)}${i % 10 ? '' : any(GIVEN)}` : `${any(FIRST)} ${any(LAST)}`,
    email: `c${i}@example.com`,
    phone: i % 4 === 0 ? `+86138${String(10_000_000 + i).slice(-8)}` : null,
  }));
}

interface Desk {
  db: Kysely<Database>;
  deps: Deps;
  brands: Brand[];
  adminToken: string;
  agentToken: string;
  close(): Promise<void>;
}

async function seedPeople(db: Kysely<Database>, dialect: DialectName, dir: string) {
  const store = createStore(db, dialect);
  const deps: Deps = {
    store,
    bus: inProcessBus(),
    clock: systemClock,
    files: localFileStore(join(dir, 'files')),
    passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
    secrets: aesSecretBox(randomBytes(32).toString('hex')),
  };
  let brands = await store.brands.list();
  if (brands.length === 0) {
    for (const [i, name] of ['Satoshi Wallet', 'Lightning Pocket', 'Cold Vault'].entries()) {
      await createBrand(deps, null, { name, slug: `b${i}`, default_language: i === 0 ? 'zh-CN' : 'en', time_zone: 'UTC' });
    }
    brands = await store.brands.list();
    await createAgent(deps, null, { email: 'admin@bench.example', name: 'Admin', role: 'admin' });
    for (let i = 0; i < 12; i++) {
      await createAgent(deps, null, { email: `a${String(i).padStart(2, '0')}@bench.example`, name: `Agent ${i}`, role: 'agent', brand_ids: [brands[i % 3]!.id] });
    }
  }
  const admin = await db.selectFrom('agent').select('id').where('email', '=', 'admin@bench.example').executeTakeFirstOrThrow();
  const agents = await db.selectFrom('agent').select(['id', 'email']).where('email', 'like', 'a%@bench.example').orderBy('email').execute();
  const agentBrands = await db.selectFrom('agent_brand').select(['agent_id', 'brand_id']).execute();
  const agentsByBrand = brands.map((b) => agentBrands.filter((ab) => ab.brand_id === b.id).map((ab) => ab.agent_id));
  const adminToken = (await createApiToken(deps, null, { agentId: admin.id, name: 'bench' })).token;
  const agentToken = (await createApiToken(deps, null, { agentId: agents[0]!.id, name: 'bench' })).token;
  return { deps, brands, agentsByBrand, adminToken, agentToken };
}

async function buildSqlite(): Promise<Desk> {
  const dir = KEEP ? tmpdir() : mkdtempSync(join(tmpdir(), 'walletdesk-search-'));
  const file = join(dir, KEEP ? `walletdesk-search-${TICKETS}.sqlite` : 'desk.sqlite');
  const fresh = !existsSync(file);
  const db = openSqlite(file, { synchronous: 'normal' });
  await migrateToLatest(db);
  const people = await seedPeople(db, 'sqlite', dir);
  if (fresh) {
    const started = performance.now();
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = OFF');
    raw.pragma('cache_size = -1000000');
    const at = new Date(Date.now() - 800 * 86_400_000).toISOString();
    const people2 = customers();
    raw.transaction(() => {
      const c = raw.prepare('insert into customer (id, name, language, verification_level, created_at, updated_at) values (?, ?, ?, ?, ?, ?)');
      const ident = raw.prepare('insert into customer_identity (kind, value, customer_id, bouncing_at, created_at) values (?, ?, ?, null, ?)');
      for (const p of people2) {
        c.run(p.id, p.name, 'zh-CN', 'none', at, at);
        ident.run('email', p.email, p.id, at);
        if (p.phone) ident.run('phone', p.phone, p.id, at);
      }
    })();
    const ids = people2.map((p) => p.id);
    const t = raw.prepare(`insert into ticket (id, number, brand_id, subject, status, priority, category, channel, language, requester_id, assignee_id,
      team_id, tags, details, first_response_at, solved_at, closed_at, merged_into_id, follow_up_of_id, created_at, updated_at, sla_due_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, '[]', '{}', null, null, null, null, null, ?, ?, null)`);
    const m = raw.prepare(`insert into message (rowid, id, ticket_id, author_type, author_id, public, body, body_html, channel, source_id, meta, delivery, created_at)
      values (?, ?, ?, ?, ?, 1, ?, null, ?, null, '{}', null, ?)`);
    const s = raw.prepare(`insert into ticket_text (rowid, content, format) values (?, ?, ${SEARCH_FORMAT})`);
    let messageRowid = 0;
    for (const chunk of ticketChunks(people.brands, ids, people.agentsByBrand, 20_000)) {
      raw.transaction(() => {
        for (const r of chunk) {
          t.run(r.id, r.number, r.brand, r.subject.subject, r.status, r.priority, r.category, r.channel, r.language, r.requester, r.assignee, r.created, r.updated);
          const key = BigInt(r.number) * 4294967296n;
          s.run(key, r.subject.doc);
          for (const msg of r.messages) {
            messageRowid++;
            m.run(messageRowid, msg.id, r.id, msg.author, msg.author === 'agent' ? r.assignee : msg.author === 'customer' ? r.requester : null, msg.text.body, r.channel, msg.at);
            s.run(key + BigInt(messageRowid), msg.text.doc);
          }
        }
      })();
    }
    raw.prepare("update counter set value = ? where name = 'ticket_number'").run(1000 + TICKETS);
    raw.exec("insert into ticket_text (ticket_text) values ('optimize')");
    raw.exec('analyze');
    raw.exec('pragma wal_checkpoint(truncate)');
    raw.close();
    console.error(`# sqlite: built ${TICKETS} tickets, ${messageRowid} messages, ${CUSTOMERS} customers in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  return {
    db,
    deps: people.deps,
    brands: people.brands,
    adminToken: people.adminToken,
    agentToken: people.agentToken,
    close: async () => {
      await people.deps.store.close();
      if (!KEEP) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function buildPostgres(): Promise<Desk> {
  const schema = KEEP ? `wd_search_${TICKETS}` : `wd_search_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const exists = (await admin.query('select 1 from information_schema.schemata where schema_name = $1', [schema])).rowCount! > 0;
  if (!exists) await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = openPostgres(PG_URL, { schema, maxConnections: 10, applicationName: schema });
  await migrateToLatest(db);
  const dir = mkdtempSync(join(tmpdir(), 'walletdesk-search-'));
  const people = await seedPeople(db, 'postgres', dir);
  if (!exists) {
    const started = performance.now();
    const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await c.connect();
    await c.query("set synchronous_commit = off; set maintenance_work_mem = '1GB'");
    // Indexes are rebuilt after the load (the same definitions): maintaining them row by row is most of the cost.
    const indexes = (
      await c.query<{ indexdef: string; indexname: string }>(
        `select indexname, indexdef from pg_indexes where schemaname = $1 and tablename in ('ticket', 'message', 'ticket_search', 'customer', 'customer_identity')
         and indexname not like '%pkey' and indexname not like '%_pk' and indexdef not like 'CREATE UNIQUE%'`,
        [schema],
      )
    ).rows;
    for (const ix of indexes) await c.query(`drop index ${ix.indexname}`);
    const at = new Date(Date.now() - 800 * 86_400_000).toISOString();
    const people2 = customers();
    for (let i = 0; i < people2.length; i += 20_000) {
      const part = people2.slice(i, i + 20_000);
      await c.query(`insert into customer (id, name, language, verification_level, created_at, updated_at) select id, name, 'zh-CN', 'none', $3, $3 from unnest($1::text[], $2::text[]) as u(id, name)`, [
        part.map((p) => p.id),
        part.map((p) => p.name),
        at,
      ]);
      const idents = part.flatMap((p) => [['email', p.email, p.id], ...(p.phone ? [['phone', p.phone, p.id]] : [])]);
      await c.query(`insert into customer_identity (kind, value, customer_id, created_at) select k, v, c, $4 from unnest($1::text[], $2::text[], $3::text[]) as u(k, v, c)`, [
        idents.map((x) => x[0]),
        idents.map((x) => x[1]),
        idents.map((x) => x[2]),
        at,
      ]);
    }
    let messages = 0;
    for (const chunk of ticketChunks(people.brands, people2.map((p) => p.id), people.agentsByBrand, 10_000)) {
      const col = <K extends keyof TicketRow>(k: K) => chunk.map((r) => r[k]);
      await c.query(
        `insert into ticket (id, number, brand_id, subject, status, priority, category, channel, language, requester_id, assignee_id, tags, details, created_at, updated_at)
         select id, number, brand_id, subject, status, priority, category, channel, language, requester_id, assignee_id, '[]', '{}', created_at, updated_at
         from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
           as u(id, number, brand_id, subject, status, priority, category, channel, language, requester_id, assignee_id, created_at, updated_at)`,
        [col('id'), col('number'), col('brand'), chunk.map((r) => r.subject.subject), col('status'), col('priority'), col('category'), col('channel'), col('language'), col('requester'), col('assignee'), col('created'), col('updated')],
      );
      const msgs = chunk.flatMap((r) => r.messages.map((m) => ({ r, m })));
      messages += msgs.length;
      await c.query(
        `insert into message (id, ticket_id, author_type, author_id, public, body, channel, meta, created_at)
         select id, ticket_id, author_type, author_id, 1, body, channel, '{}', created_at
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) as u(id, ticket_id, author_type, author_id, body, channel, created_at)`,
        [
          msgs.map((x) => x.m.id),
          msgs.map((x) => x.r.id),
          msgs.map((x) => x.m.author),
          msgs.map((x) => (x.m.author === 'agent' ? x.r.assignee : x.m.author === 'customer' ? x.r.requester : null)),
          msgs.map((x) => x.m.text.body),
          msgs.map((x) => x.r.channel),
          msgs.map((x) => x.m.at),
        ],
      );
      const docs = [...chunk.map((r) => [r.id, r.id, r.number, r.subject.doc] as const), ...msgs.map((x) => [x.m.id, x.r.id, x.r.number, x.m.text.doc] as const)];
      await c.query(
        `insert into ticket_search (doc_id, ticket_id, ticket_number, content, format) select *, ${SEARCH_FORMAT} from unnest($1::text[], $2::text[], $3::bigint[], $4::text[])`,
        [docs.map((d) => d[0]), docs.map((d) => d[1]), docs.map((d) => d[2]), docs.map((d) => d[3])],
      );
    }
    for (const ix of indexes) await c.query(ix.indexdef);
    await c.query(`select setval('ticket_number_seq', ${1000 + TICKETS})`);
    await c.query('vacuum analyze');
    await c.end();
    console.error(`# postgres: built ${TICKETS} tickets, ${messages} messages, ${CUSTOMERS} customers in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  return {
    db,
    deps: people.deps,
    brands: people.brands,
    adminToken: people.adminToken,
    agentToken: people.agentToken,
    close: async () => {
      await people.deps.store.close();
      rmSync(dir, { recursive: true, force: true });
      if (!KEEP) {
        const d = new pg.Client({ connectionString: PG_URL });
        await d.connect();
        await d.query(`drop schema if exists ${schema} cascade`);
        await d.end();
      }
    },
  };
}

async function measure(dialect: DialectName, desk: Desk): Promise<void> {
  const app = await buildHttpApp({
    ...desk.deps,
    config: { publicUrl: 'http://localhost', bodyLimit: 1_048_576, maxAttachmentBytes: 1_048_576, apiRateLimit: 0, loginRateLimit: 1000, trustProxy: false },
    tokens: tokenAuthenticator(desk.deps),
    setupToken: () => null,
    channels: CHANNEL_MODULES,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const UNSOLVED = 'new,open,pending,on_hold';
  const q = (s: string) => encodeURIComponent(s);
  const scenarios: Array<[string, string, string]> = [
    ['到账 (admin, every brand)', desk.adminToken, `/api/v1/tickets?q=${q('到账')}`],
    ['到账 (agent of one brand)', desk.agentToken, `/api/v1/tickets?q=${q('到账')}`],
    ['到賬, Traditional (admin)', desk.adminToken, `/api/v1/tickets?q=${q('到賬')}`],
    ['冻结 (admin)', desk.adminToken, `/api/v1/tickets?q=${q('冻结')}`],
    ['冻结, unsolved only (agent)', desk.agentToken, `/api/v1/tickets?q=${q('冻结')}&status=${UNSOLVED}`],
    ['English word: stuck (admin)', desk.adminToken, `/api/v1/tickets?q=stuck`],
    ['English word: mempool, unsolved only (agent)', desk.agentToken, `/api/v1/tickets?q=mempool&status=${UNSOLVED}`],
    ['English prefix: withdraw* (admin)', desk.adminToken, `/api/v1/tickets?q=${q('withdraw*')}`],
    ['English prefix between index lengths: withd* (admin)', desk.adminToken, `/api/v1/tickets?q=${q('withd*')}`],
    ['English prefix between index lengths: confirma* (admin)', desk.adminToken, `/api/v1/tickets?q=${q('confirma*')}`],
    ['two words: 钱包 闪退 (admin)', desk.adminToken, `/api/v1/tickets?q=${q('钱包 闪退')}`],
    ['rare word, new tickets only: usb (admin)', desk.adminToken, `/api/v1/tickets?q=usb&status=new`],
    ['customer name: Emma St (admin)', desk.adminToken, `/api/v1/tickets?q=${q('Emma St')}`],
    ['nothing matches: zzzz (admin)', desk.adminToken, `/api/v1/tickets?q=zzzz`],
  ];
  const timed = async (token: string, path: string) => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { tickets?: { number: number }[]; next_cursor?: string | null };
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
    return { ms, body };
  };
  const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  for (const [name, token, path] of scenarios) {
    for (let i = 0; i < 10; i++) await timed(token, path);
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof timed>> | null = null;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < RUNS; i++) {
      last = await timed(token, path);
      times.push(last.ms);
    }
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    const cursor = last?.body.next_cursor;
    const page2: number[] = [];
    if (cursor) {
      for (let i = 0; i < 20; i++) page2.push((await timed(token, `${path}&cursor=${encodeURIComponent(cursor)}`)).ms);
      page2.sort((a, b) => a - b);
    }
    const numbers = last?.body.tickets?.map((t) => t.number) ?? [];
    console.log(
      JSON.stringify({
        bench: 'search-scale',
        store: dialect,
        tickets: TICKETS,
        scenario: name,
        rows: numbers.length,
        newest_first: numbers.every((n, i) => i === 0 || numbers[i - 1]! > n),
        runs: RUNS,
        p50_ms: +pct(times, 50).toFixed(2),
        p99_ms: +pct(times, 99).toFixed(2),
        max_ms: +times[times.length - 1]!.toFixed(2),
        // This process's CPU per request (server, client, and SQLite's work; not PostgreSQL's backends): what a
        // request costs on an idle core, whatever the neighbours do.
        cpu_ms: +((cpu.user + cpu.system) / 1000 / RUNS).toFixed(2),
        page2_p50_ms: page2.length ? +pct(page2, 50).toFixed(2) : null,
        load_avg_1m: +loadavg()[0]!.toFixed(1),
      }),
    );
  }
  await app.close();
}

/** How many documents hold a term, to say how common each query is. */
async function hits(dialect: DialectName, db: Kysely<Database>): Promise<void> {
  const terms = dialect === 'postgres' ? ["'到账'", "'冻结'", "'stuck'", "'withdraw':*"] : ['"到账"', '"冻结"', '"stuck"', '"withdraw"*'];
  for (const t of terms) {
    const t0 = performance.now();
    const { rows } =
      dialect === 'postgres'
        ? await sql<{ n: number }>`select count(*)::int as n from ticket_search where tsv @@ to_tsquery('simple', ${t})`.execute(db)
        : await sql<{ n: number }>`select count(*) as n from ticket_text where ticket_text match ${t}`.execute(db);
    console.error(`# ${dialect}: ${t} in ${rows[0]!.n} documents (counted in ${(performance.now() - t0).toFixed(0)} ms)`);
  }
}

for (const dialect of STORES) {
  const desk = dialect === 'sqlite' ? await buildSqlite() : await buildPostgres();
  try {
    await hits(dialect, desk.db);
    await measure(dialect, desk);
  } finally {
    await desk.deps.bus.close();
    await desk.close();
  }
}
