/** Opens Kysely on SQLite (embedded default) or PostgreSQL (at scale). */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type SchemaMetadata,
  type TableMetadata,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type SqliteDatabase,
  type SqliteStatement,
  type TransactionSettings,
} from 'kysely';
import { deferringInserts } from './deferred-inserts.js';
import { databaseFailureKind, databaseUnavailable } from '../app/store-errors.js';
import type { Database } from './schema.js';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.js';

const require = createRequire(import.meta.url);

export type DialectName = 'sqlite' | 'postgres';

export interface SqliteOptions {
  /** 'full' fsyncs every commit (survives power loss); 'normal' survives process crashes only. */
  synchronous?: 'full' | 'normal';
  onAvailability?: AvailabilityListener;
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

/** Told when the database stops answering (with the first failure) and when it answers again. */
export type AvailabilityListener = (available: boolean, err?: unknown) => void;

/**
 * Tracks up/down so that an outage is reported once, not once per query. During a restart, queries on connections
 * opened before it still succeed between failures; the database counts as back only once it has answered with no
 * failure for a second.
 */
class Availability {
  #available = true;
  #lastFailureAt = 0;
  constructor(private readonly listener: AvailabilityListener | undefined) {}
  down(err: unknown): void {
    this.#lastFailureAt = Date.now();
    if (!this.#available) return;
    this.#available = false;
    this.listener?.(false, err);
  }
  up(): void {
    if (this.#available || Date.now() - this.#lastFailureAt < 1000) return;
    this.#available = true;
    this.listener?.(true);
  }
}

/**
 * The one place where a lost or refused database connection becomes AppError 'unavailable' (cause kept), so
 * HTTP answers 503, SMTP 451, chat `unavailable` and the CLI exits 3, whichever query or transaction step met it.
 */
class FailureMappingDriver implements Driver {
  readonly #inner: Driver;
  readonly #availability: Availability;
  readonly #unwrap = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(inner: Driver, availability: Availability) {
    this.#inner = inner;
    this.#availability = availability;
  }

  /** Rethrows a database-availability failure as AppError 'unavailable'; anything else unchanged. */
  async #map<T>(run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      this.#availability.up();
      return result;
    } catch (err) {
      throw this.#mapError(err);
    }
  }

  #mapError(err: unknown): unknown {
    if (!databaseFailureKind(err)) return err;
    this.#availability.down(err);
    return databaseUnavailable(err);
  }

  #raw(connection: DatabaseConnection): DatabaseConnection {
    return this.#unwrap.get(connection) ?? connection;
  }

  init(): Promise<void> {
    return this.#map(() => this.#inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const raw = await this.#map(() => this.#inner.acquireConnection());
    const mapError = (err: unknown) => this.#mapError(err);
    const wrapped: DatabaseConnection = {
      executeQuery: <R>(query: CompiledQuery) => this.#map(() => raw.executeQuery<R>(query)),
      async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
        try {
          yield* raw.streamQuery<R>(query, chunkSize);
        } catch (err) {
          throw mapError(err);
        }
      },
    };
    this.#unwrap.set(wrapped, raw);
    return wrapped;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#map(() => this.#inner.beginTransaction(this.#raw(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#map(() => this.#inner.commitTransaction(this.#raw(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#map(() => this.#inner.rollbackTransaction(this.#raw(connection)));
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.#map(async () => this.#inner.savepoint?.(this.#raw(connection), name, compile));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.#map(async () => this.#inner.rollbackToSavepoint?.(this.#raw(connection), name, compile));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.#map(async () => this.#inner.releaseSavepoint?.(this.#raw(connection), name, compile));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#inner.releaseConnection(this.#raw(connection));
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

/**
 * Kysely's PostgreSQL introspector reads every schema of the database, calling pg_get_serial_sequence on each
 * column; when another install (or a test suite) sharing the database alters or drops its schema meanwhile, that
 * query fails (3F000, 42703) and our migrator with it. The migrator only asks which tables exist, so this one looks
 * at the search path's first schema only, and by name: table names, no columns.
 */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<unknown>;
  readonly #inner: DatabaseIntrospector;

  constructor(db: Kysely<unknown>, inner: DatabaseIntrospector) {
    this.#db = db;
    this.#inner = inner;
  }

  getSchemas(): Promise<SchemaMetadata[]> {
    return this.#inner.getSchemas();
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ schema: string; table: string; kind: string }>`
      select ns.nspname as schema, c.relname as table, c.relkind as kind
      from pg_catalog.pg_class c join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname = current_schema() and c.relkind in ('r', 'v', 'p')
      order by c.relname`.execute(this.#db);
    return rows.map((r) => ({ name: r.table, schema: r.schema, isView: r.kind === 'v', columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

/** `dialect` with its driver wrapped in FailureMappingDriver. */
function mappingFailures(dialect: Dialect, availability: Availability, scopedIntrospection = false): Dialect {
  return {
    createDriver: () => new FailureMappingDriver(dialect.createDriver(), availability),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => (scopedIntrospection ? new CurrentSchemaIntrospector(db, dialect.createIntrospector(db)) : dialect.createIntrospector(db)),
  };
}

/**
 * Opens (creating if needed) a SQLite file in WAL mode with foreign keys on. The file (and so its -wal and -shm,
 * which SQLite creates with the database file's mode) is readable by this user only, its folder too if new.
 */
export function openSqlite(file: string, options: SqliteOptions = {}): Kysely<Database> {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'a', 0o600));
    // An install from before this rule has a 0644 database: tighten it (its -wal/-shm follow when next created).
    try {
      chmodSync(file, 0o600);
    } catch {
      // not ours to change (another owner); SQLite still opens it if it may
    }
  }
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
  return new Kysely<Database>({ dialect: mappingFailures(new SqliteDialect({ database: withStatementCache(raw, checkpointer) }), new Availability(options.onAvailability)) });
}

export interface PostgresOptions {
  /** Run in this schema (created if missing); tests use one schema per suite. */
  schema?: string;
  maxConnections?: number;
  /** Shown in pg_stat_activity; lets operators (and tests) tell walletdesk's connections apart. */
  applicationName?: string;
  /**
   * Told once when the database stops answering (a query failed for lack of it, or a pooled connection broke:
   * restart, failover, killed backend) and once when it answers again. Queries meanwhile fail as 'unavailable'.
   */
  onAvailability?: AvailabilityListener;
}

/**
 * Opens a PostgreSQL pool. A connection that breaks, idle or checked out, never crashes the process: pg emits
 * 'error' on the client (and on the pool for idle ones), and an 'error' event without a listener is thrown.
 */
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
  const availability = new Availability(options.onAvailability);
  const onError = (err: Error) => availability.down(err);
  // Idle clients: the pool removes a broken one and re-emits its error here.
  pool.on('error', onError);
  // Checked-out clients: pg-pool drops its own listener while a client is lent out, so a server shutdown during a
  // query (57P01) or a reset socket would be an unhandled 'error' event. This listener stays for the client's life;
  // the running query still rejects, and the pool discards the client when it is released.
  pool.on('connect', (client) => client.on('error', onError));
  return new Kysely<Database>({ dialect: mappingFailures(deferringInserts(new PostgresDialect({ pool })), availability, true) });
}
