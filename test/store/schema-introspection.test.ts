/**
 * Several installs (or test suites) may share one PostgreSQL database, one schema each. Migrating ours must neither
 * see their tables nor fail while they change: Kysely's own introspector read every schema's columns, and failed
 * with 42703/3F000 whenever another schema was altered or dropped during the read.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { TEST_DATABASE_URL, dropSchema } from '../helpers/stores.js';
import { openPostgres } from '../../src/store/dialect.js';
import { migrateToLatest } from '../../src/store/kysely-store.js';

const newSchema = () => `wd_test_${randomBytes(6).toString('hex')}`;

describe('migrating one schema while others change (PostgreSQL)', () => {
  const schemas: string[] = [];
  after(async () => {
    for (const s of schemas) await dropSchema(s);
  });

  async function open(schema: string) {
    schemas.push(schema);
    const admin = openPostgres(TEST_DATABASE_URL, { maxConnections: 1 });
    await sql`create schema ${sql.id(schema)}`.execute(admin);
    await admin.destroy();
    return openPostgres(TEST_DATABASE_URL, { schema, maxConnections: 2 });
  }

  test("another schema's migration table is not taken for ours, and its tables are not listed", async () => {
    const other = await open(newSchema());
    await sql`create table kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)`.execute(other);
    await sql`insert into kysely_migration values ('99999999T9999-from-elsewhere', 'x')`.execute(other);
    await sql`create table only_elsewhere (id int)`.execute(other);
    await other.destroy();

    const ours = await open(newSchema());
    try {
      assert.ok((await migrateToLatest(ours)).length > 10, 'our migrations all ran');
      const names = (await ours.introspection.getTables()).map((t) => t.name);
      assert.ok(names.includes('ticket'));
      assert.ok(!names.includes('only_elsewhere'), names.join(', '));
    } finally {
      await ours.destroy();
    }
  });

  test('migrations succeed while another schema adds, drops and recreates tables and columns the whole time', async () => {
    const busy = await open(newSchema());
    let churning = true;
    let churns = 0;
    const churn = (async () => {
      while (churning) {
        await sql`create table if not exists churn (id int)`.execute(busy);
        await sql`alter table churn add column extra int`.execute(busy);
        await sql`alter table churn drop column extra`.execute(busy);
        await sql`drop table churn`.execute(busy);
        churns++;
      }
    })();
    try {
      for (let i = 0; i < 3; i++) {
        const db = await open(newSchema());
        try {
          await migrateToLatest(db);
        } finally {
          await db.destroy();
        }
      }
    } finally {
      churning = false;
      await churn;
      await busy.destroy();
    }
    assert.ok(churns > 0, 'the other schema changed while we migrated');
  });
});
