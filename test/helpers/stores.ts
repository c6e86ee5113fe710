/**
 * Store fixtures for tests: a fresh, migrated SQLite file or PostgreSQL schema per call.
 * PostgreSQL is required (CI starts it); a suite fails loudly rather than skipping when it is down.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { openPostgres, openSqlite, type DialectName } from '../../src/store/dialect.js';
import { createStore, migrateToLatest } from '../../src/store/kysely-store.js';
import type { Store } from '../../src/app/ports.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

export interface TestStore {
  store: Store;
  dialect: DialectName;
  /** For PostgreSQL: the schema; for SQLite: the file. Lets a second instance open the same database. */
  location: string;
  cleanup(): Promise<void>;
}

/** Drops a test schema and all it holds. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/** A fresh migrated store on the given dialect. */
export async function makeTestStore(dialect: DialectName): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'walletdesk-test-'));
    const file = join(dir, 'desk.sqlite');
    const db = openSqlite(file, { synchronous: 'normal' });
    await migrateToLatest(db);
    const store = createStore(db, 'sqlite');
    return {
      store,
      dialect,
      location: file,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `wd_test_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(TEST_DATABASE_URL, { maxConnections: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  await admin.destroy();
  const db = openPostgres(TEST_DATABASE_URL, { schema, maxConnections: 5, applicationName: schema });
  try {
    await migrateToLatest(db);
  } catch (err) {
    // an open pool keeps the test process alive: close it before failing
    await db.destroy();
    await dropSchema(schema);
    throw err;
  }
  const store = createStore(db, 'postgres');
  return {
    store,
    dialect,
    location: schema,
    cleanup: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
}

/** Opens a second connection pool on a PostgreSQL schema another test store made (a second instance); cleanup only closes it. */
export async function openTestStore(schema: string): Promise<TestStore> {
  const db = openPostgres(TEST_DATABASE_URL, { schema, maxConnections: 5, applicationName: `${schema}_b` });
  const store = createStore(db, 'postgres');
  return { store, dialect: 'postgres', location: schema, cleanup: () => store.close() };
}
