/** Opens Kysely on SQLite (embedded default) or PostgreSQL (at scale). */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { Database } from './schema.js';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.js';

const require = createRequire(import.meta.url);

export type DialectName = 'sqlite' | 'postgres';

export interface SqliteOptions {
  /** 'full' fsyncs every commit (survives power loss); 'normal' survives process crashes only. */
  synchronous?: 'full' | 'normal';
}

/**
 * better-sqlite3 compiles a statement on every prepare(); Kysely prepares each query anew. Caching the compiled
 * statements by SQL text removes that cost from every request (the SQL text repeats; parameters don't).
 */
function withStatementCache(db: BetterSqlite3.Database, checkpointer: Checkpointer | null, max = 500): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: async () => {
      db.close();
      await checkpointer?.stop();
    },
    prepare(sqlText: string): SqliteStatement {
      let stmt = cache.get(sqlText);
      if (!stmt) {
        stmt = db.prepare(sqlText) as unknown as SqliteStatement;
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
        cache.set(sqlText, stmt);
      }
      return stmt;
    },
  };
}

/** Opens (creating if needed) a SQLite file in WAL mode with foreign keys on. */
export function openSqlite(file: string, options: SqliteOptions = {}): Kysely<Database> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // Checkpoints run in a worker thread (sqlite-checkpointer.ts), never inside a commit on the event loop.
  const checkpointer = file === ':memory:' ? null : startCheckpointer(file, require.resolve('better-sqlite3'));
  if (checkpointer) {
    raw.pragma('wal_autocheckpoint = 0');
    // When a commit starts the WAL over, it trims the file to this size (else it stays at its largest).
    raw.pragma('journal_size_limit = 67108864');
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw, checkpointer) }) });
}

export interface PostgresOptions {
  /** Run in this schema (created if missing); tests use one schema per suite. */
  schema?: string;
  maxConnections?: number;
  /** Shown in pg_stat_activity; lets operators (and tests) tell walletdesk's connections apart. */
  applicationName?: string;
}

/** Opens a PostgreSQL pool. */
export function openPostgres(url: string, options: PostgresOptions = {}): Kysely<Database> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new Error(`invalid schema name: ${options.schema}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 20,
    // Fail fast instead of hanging when the database is down; callers turn this into a 503.
    connectionTimeoutMillis: 5000,
    application_name: options.applicationName ?? 'walletdesk',
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
