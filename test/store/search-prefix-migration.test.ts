/**
 * Migration 20261210T0400-search-prefix, once per database: a desk migrated up to the migration before it, with a
 * ticket whose documents hold old words, is migrated to the latest schema; the documents are carried over with
 * format 0 / null, still found by their words and by prefix, and the re-index rewrites them from the message
 * and subject.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Migrator, sql, type Kysely } from 'kysely';
import { DIALECTS, TEST_DATABASE_URL } from '../helpers/stores.js';
import { openPostgres, openSqlite, type DialectName } from '../../src/store/dialect.js';
import { createStore, migrateToLatest } from '../../src/store/kysely-store.js';
import { migrationProvider } from '../../src/store/migrations/index.js';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function openEmpty(dialect: DialectName): Promise<{ db: AnyDb; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'walletdesk-migration-'));
    return { db: openSqlite(join(dir, 'desk.sqlite'), { synchronous: 'normal' }) as AnyDb, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `wd_test_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(TEST_DATABASE_URL, { maxConnections: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  return {
    db: openPostgres(TEST_DATABASE_URL, { schema, maxConnections: 2, applicationName: schema }) as AnyDb,
    cleanup: async () => {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    },
  };
}

for (const dialect of DIALECTS) {
  describe(`search documents get a format and prefix indexes (${dialect})`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    test('old documents are carried over as format 0, found by prefix, and rewritten by the re-index', async () => {
      const { db, cleanup } = await openEmpty(dialect);
      cleanups.push(cleanup);
      const schema = dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
      const migrator = new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
      assert.equal((await migrator.migrateTo('20261209T0651-call-log')).error, undefined);

      const at = '2026-12-01T10:00:00.000Z';
      const brandId = '0193a000-0000-7000-8000-00000000000a';
      const customerId = '0193a000-0000-7000-8000-0000000000c1';
      const ticketId = '0193a000-0000-7000-8000-0000000000e1';
      const messageId = '0193a000-0000-7000-8000-0000000000f1';
      await db.insertInto('brand').values({ id: brandId, name: 'alpha', slug: 'alpha', default_language: 'en', time_zone: 'UTC', created_at: at, updated_at: at }).execute();
      await db.insertInto('customer').values({ id: customerId, name: 'Old Customer', language: 'en', verification_level: 'none', created_at: at, updated_at: at }).execute();
      await db
        .insertInto('ticket')
        .values({
          id: ticketId, number: 1001, brand_id: brandId, subject: 'Withdrawals pending', status: 'open', priority: 'normal', category: 'other', channel: 'email',
          language: 'en', requester_id: customerId, assignee_id: null, team_id: null, tags: '[]', details: '{}', first_response_at: null, solved_at: null,
          closed_at: null, merged_into_id: null, follow_up_of_id: null, created_at: at, updated_at: at,
        })
        .execute();
      await db
        .insertInto('message')
        .values({ id: messageId, ticket_id: ticketId, author_type: 'customer', author_id: customerId, public: 1, body: 'The deposits never showed up', body_html: null, channel: 'email', source_id: null, meta: '{}', delivery: null, created_at: at })
        .execute();
      // Documents as an older segmentation wrote them: the words as typed, no endings trimmed.
      if (dialect === 'sqlite') {
        await sql`insert into ticket_text (rowid, content) values (1001 * 4294967296, 'withdrawals pending')`.execute(db);
        await sql`insert into ticket_text (rowid, content) select 1001 * 4294967296 + rowid, 'the deposits never showed up' from message where id = ${messageId}`.execute(db);
      } else {
        await sql`insert into ticket_search (doc_id, ticket_id, ticket_number, content) values (${ticketId}, ${ticketId}, 1001, 'withdrawals pending'),
          (${messageId}, ${ticketId}, 1001, 'the deposits never showed up')`.execute(db);
      }

      const ran = await migrateToLatest(db);
      assert.ok(ran.includes('20261210T0400-search-prefix'), ran.join(', '));
      const formats =
        dialect === 'sqlite'
          ? (await sql<{ f: number | null }>`select format as f from ticket_text`.execute(db)).rows
          : (await sql<{ f: number | null }>`select format as f from ticket_search`.execute(db)).rows;
      assert.deepEqual(formats.map((r) => r.f ?? 0), [0, 0]);
      const store = createStore(db, dialect);
      const find = async (q: string) => (await store.tickets.list({ q }, { limit: 10 })).tickets.map((t) => t.number);
      assert.deepEqual(await find('never'), [1001], 'old words still match');
      assert.deepEqual(await find('depos*'), [1001], 'by a prefix between index lengths');
      assert.deepEqual(await find('withdrawal'), [], 'today\'s stemmed word is not in the old document');

      const batch = await store.transaction((tx) => tx.tickets.reindexText({ brandId: null, after: 0, limit: 10 }));
      assert.deepEqual(batch, { last: 1001, tickets: 1, rewritten: 2 });
      assert.deepEqual(await find('withdrawal'), [1001]);
      assert.deepEqual(await find('deposit'), [1001]);
      assert.deepEqual(await store.transaction((tx) => tx.tickets.reindexText({ brandId: null, after: 0, limit: 10 })), { last: 1001, tickets: 1, rewritten: 0 });
      await store.close();
    });
  });
}
