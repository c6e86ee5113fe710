import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider } from './index.js';

test('the identity migration maps the old levels onto the new order, never upwards', async () => {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) }); // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    const migrator = new Migrator({ db, provider: migrationProvider });
    const before = await migrator.migrateTo('20261207T1820-channel-account');
    assert.equal(before.error, undefined);
    const at = '2026-12-01T00:00:00.000Z';
    const old = ['none', 'email', 'phone', 'app', 'document'];
    await db
      .insertInto('customer')
      .values(old.map((level) => ({ id: level, name: null, language: null, verification_level: level, created_at: at, updated_at: at })))
      .execute();
    const after = await migrator.migrateToLatest();
    assert.equal(after.error, undefined);
    const rows = await db.selectFrom('customer').select(['id', 'verification_level']).orderBy('id').execute();
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.id, r.verification_level])), {
      app: 'app',
      document: 'contact',
      email: 'contact',
      none: 'unverified',
      phone: 'contact',
    });
  } finally {
    await db.destroy();
  }
});
