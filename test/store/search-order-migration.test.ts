/**
 * Migration 20261209T0200-search-order, once per database: a desk migrated up to the migration before it, with a
 * ticket whose subject and message were indexed the old way, is migrated to the latest schema; both documents
 * are carried over under the ticket's number, so the ticket is still found by their words, and new messages are
 * indexed beside them.
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
  describe(`search documents move to the number-keyed index (${dialect})`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    test('a ticket indexed before the migration is still found by its subject and its message', async () => {
      const { db, cleanup } = await openEmpty(dialect);
      cleanups.push(cleanup);
      const schema = dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
      const migrator = new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
      const upTo = await migrator.migrateTo('20261208T0800-freeze');
      assert.equal(upTo.error, undefined);

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
          id: ticketId, number: 1001, brand_id: brandId, subject: 'Refund question', status: 'open', priority: 'normal', category: 'other', channel: 'email',
          language: 'en', requester_id: customerId, assignee_id: null, team_id: null, tags: '[]', details: '{}', first_response_at: null, solved_at: null,
          closed_at: null, merged_into_id: null, follow_up_of_id: null, created_at: at, updated_at: at,
        })
        .execute();
      await db
        .insertInto('message')
        .values({ id: messageId, ticket_id: ticketId, author_type: 'customer', author_id: customerId, public: 1, body: 'my payment is stuck in the mempool', body_html: null, channel: 'email', source_id: null, meta: '{}', delivery: null, created_at: at })
        .execute();
      // The old way: subject at rowid -number, message at the message's rowid (SQLite); doc and ticket ids (PostgreSQL).
      if (dialect === 'sqlite') {
        await sql`insert into ticket_search (rowid, content, doc_id, ticket_id) values (-1001, 'refund question', ${ticketId}, ${ticketId})`.execute(db);
        await sql`insert into ticket_search (rowid, content, doc_id, ticket_id) select rowid, 'my payment is stuck in the mempool', ${messageId}, ${ticketId} from message where id = ${messageId}`.execute(db);
      } else {
        await sql`insert into ticket_search (doc_id, ticket_id, content) values (${ticketId}, ${ticketId}, 'refund question'), (${messageId}, ${ticketId}, 'my payment is stuck in the mempool')`.execute(db);
      }

      const ran = await migrateToLatest(db);
      assert.ok(ran.includes('20261209T0200-search-order'), ran.join(', '));
      const store = createStore(db, dialect);
      const find = async (q: string) => (await store.tickets.list({ q }, { limit: 10 })).tickets.map((t) => t.number);
      assert.deepEqual(await find('refund'), [1001]);
      assert.deepEqual(await find('mempool'), [1001]);
      assert.deepEqual(await find('nothing'), []);
      // A message indexed after the migration sits beside the old documents, and re-indexing the old one replaces it.
      const ticket = (await store.tickets.get(ticketId))!;
      await store.tickets.indexMessage(ticket, messageId, 'redacted text');
      assert.deepEqual(await find('mempool'), []);
      assert.deepEqual(await find('redacted'), [1001]);
      await store.close();
    });
  });
}
