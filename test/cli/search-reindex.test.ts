/**
 * `walletdesk search reindex` (issue 20), once per database: documents written before the current format
 * (here: the old words a migration carried over, marked format 0 / null) are rewritten from their message or
 * subject, so the tickets are found by today's segmentation; one brand at a time; a stopped run goes on where it
 * was; a second run rewrites nothing; progress on stderr. Run through the real command line.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { DIALECTS, TEST_DATABASE_URL, dropSchema } from '../helpers/stores.js';
import { openPostgres, openSqlite, type DialectName } from '../../src/store/dialect.js';
import { createStore, migrateToLatest } from '../../src/store/kysely-store.js';
import type { Database } from '../../src/store/schema.js';
import type { Deps } from '../../src/app/ports.js';
import type { Principal } from '../../src/core/policy.js';
import { systemClock } from '../../src/core/clock.js';
import { inProcessBus } from '../../src/bus/live-bus.js';
import { argon2Hasher } from '../../src/crypto/passwords.js';
import { aesSecretBox } from '../../src/crypto/secret-box.js';
import { localFileStore } from '../../src/store/file-store.js';
import { createBrand } from '../../src/app/create-brand.js';
import { createAgent } from '../../src/app/create-agent.js';
import { createTicket } from '../../src/app/create-ticket.js';

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/walletdesk.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A desk where the CLI finds it (DATA_DIR's SQLite file, or DATABASE_URL with the schema on its search path). */
async function openCliDesk(dialect: DialectName): Promise<{ db: Kysely<Database>; dir: string; env: Record<string, string>; drop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'wd-reindex-'));
  if (dialect === 'sqlite') {
    const db = openSqlite(join(dir, 'walletdesk.sqlite'), { synchronous: 'normal' });
    return { db, dir, env: { DATA_DIR: dir, DATABASE_URL: '' }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `wd_test_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(TEST_DATABASE_URL, { maxConnections: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  await admin.destroy();
  const db = openPostgres(TEST_DATABASE_URL, { schema, maxConnections: 3, applicationName: schema });
  return {
    db,
    dir,
    env: { DATA_DIR: dir, DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}` },
    drop: async () => {
      await dropSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

for (const dialect of DIALECTS) {
  describe(`walletdesk search reindex (${dialect})`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    test('rewrites old documents by brand, resumes a stopped run, and rewrites nothing twice', async () => {
      const desk = await openCliDesk(dialect);
      cleanups.push(desk.drop);
      const db = desk.db as Kysely<Database>;
      await migrateToLatest(db);
      const store = createStore(db, dialect);
      cleanups.push(() => store.close());
      const deps: Deps = {
        store,
        bus: inProcessBus(),
        clock: systemClock,
        files: localFileStore(join(desk.dir, 'files')),
        passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
        secrets: aesSecretBox(randomBytes(32).toString('hex')),
      };
      await createBrand(deps, null, { name: 'Alpha Wallet', slug: 'alpha', default_language: 'en', time_zone: 'UTC' });
      await createBrand(deps, null, { name: 'Beta Wallet', slug: 'beta', default_language: 'zh-CN', time_zone: 'UTC' });
      const adminAgent = await createAgent(deps, null, { email: 'admin@reindex.example', name: 'Admin', role: 'admin' });
      const admin: Principal = { agentId: adminAgent.id, name: 'Admin', role: 'admin', brandIds: [], tokenId: null };
      const numbers: Record<string, number> = {};
      for (const [key, brand, subject, body] of [
        ['a1', 'alpha', 'Withdrawals pending', 'My withdrawals are pending since Monday.'],
        ['a2', 'alpha', 'Deposit missing', 'The deposits never showed up.'],
        ['b1', 'beta', '轉帳問題', '轉帳三天還沒到帳'],
        ['a3', 'alpha', 'Fees', 'Why are the fees so high?'],
      ] as const) {
        const r = await createTicket(deps, admin, { brand, subject, body, requester: { email: `${key}@example.com` } });
        numbers[key] = r.ticket.number;
      }
      const found = async (q: string) => (await store.tickets.list({ q }, { limit: 50 })).tickets.map((t) => t.number).sort((a, b) => a - b);
      assert.deepEqual(await found('pending'), [numbers.a1]);

      // Make every document look written by an older segmentation: the words as typed, format unknown.
      if (dialect === 'sqlite') await sql`update ticket_text set content = 'oldword', format = 0`.execute(db);
      else await sql`update ticket_search set content = 'oldword', format = null`.execute(db);
      assert.equal((await found('oldword')).length, 4);
      assert.deepEqual(await found('pending'), []);

      // One brand only.
      const beta1 = await run(['search', 'reindex', '--brand', 'beta'], desk.env);
      assert.equal(beta1.code, 0, beta1.stderr);
      assert.match(beta1.stdout, /done; 1 ticket looked at, 2 documents rewritten/);
      assert.match(beta1.stderr, /1 ticket of 1 looked at/);
      assert.deepEqual(await found('到账'), [numbers.b1]);
      assert.deepEqual(await found('oldword'), [numbers.a1, numbers.a2, numbers.a3]);

      // A run that stopped after a2: the next one goes on after it and leaves a1 and a2 alone.
      await store.settings.set('search.reindex:all', { after: numbers.a2 });
      const resumed = await run(['search', 'reindex', '--lang', 'zh-CN'], desk.env);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stdout, new RegExp(`从上次中断的工单 #${numbers.a2} 之后继续`));
      assert.match(resumed.stdout, /重写了 2 个文档/);
      assert.deepEqual(await found('fee'), [numbers.a3]);
      assert.deepEqual(await found('oldword'), [numbers.a1, numbers.a2]);
      assert.equal(await store.settings.get('search.reindex:all'), null);

      // From the start: the rest is rewritten; the Simplified/Traditional and English endings of today apply.
      const all = await run(['search', 'reindex'], desk.env);
      assert.equal(all.code, 0, all.stderr);
      assert.match(all.stdout, /done; 4 tickets looked at, 4 documents rewritten/);
      assert.deepEqual(await found('oldword'), []);
      assert.deepEqual(await found('withdrawal'), [numbers.a1]);
      assert.deepEqual(await found('deposit'), [numbers.a2]);

      const again = await run(['search', 'reindex'], desk.env);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /done; 4 tickets looked at, 0 documents rewritten/);
    });

    test('an unknown brand or a bad batch size is a one-line error', async () => {
      const desk = await openCliDesk(dialect);
      cleanups.push(desk.drop);
      await migrateToLatest(desk.db as Kysely<Database>);
      await desk.db.destroy();
      const r = await run(['search', 'reindex', '--brand', 'nope'], desk.env);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /brand "nope" was not found/);
      assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
      const b = await run(['search', 'reindex', '--batch', '0'], desk.env);
      assert.notEqual(b.code, 0);
      assert.match(b.stderr, /--batch must be/);
    });
  });
}
