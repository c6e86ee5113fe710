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

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/**
 * Kysely's migrator looks for its table by introspecting every schema of the database (pg_get_serial_sequence on
 * each column), which fails with 3F000 "schema … does not exist" when another suite running at the same time
 * drops its schema in between. One database per desk never sees that; suites running side by side do: try again.
 */
async function migrateConcurrently(db: Parameters<typeof migrateToLatest>[0]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(db);
      return;
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      if (attempt >= 5 || cause?.code !== '3F000') throw err;
    }
  }
}

/**
 * Runs a migration step (one that throws, or one that answers `{ error }` as Kysely's Migrator does) again when
 * another suite's schema drop made it fail with 3F000, as migrateConcurrently does for a whole store.
 */
export async function againOnSchemaDrop<T>(step: () => Promise<T>): Promise<T> {
  const dropped = (err: unknown) => (err as { code?: string; cause?: { code?: string } } | undefined)?.code === '3F000' || (err as { cause?: { code?: string } } | undefined)?.cause?.code === '3F000';
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await step();
      const reported = (result as { error?: unknown } | undefined)?.error;
      if (attempt < 5 && reported && dropped(reported)) continue;
      return result;
    } catch (err) {
      if (attempt >= 5 || !dropped(err)) throw err;
    }
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
  await migrateConcurrently(db);
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
