/**
 * Fewer round trips per transaction on PostgreSQL (issue 20). Inside a transaction, an INSERT marked deferrable
 * (`DEFERRABLE` below: hot-path inserts whose caller reads no result — tickets, messages, history, search
 * documents) is not sent at once: it waits until the transaction's next other statement, or its COMMIT, and then
 * all waiting inserts go together as one statement of data-modifying WITH clauses. A new ticket's ticket,
 * messages, search documents and events reach the server in one round trip instead of six.
 *
 * Nothing reads stale data: every other statement (a SELECT, an UPDATE, a savepoint, the COMMIT) first sends what
 * waits. What changes is only when an insert's error arrives: at that next statement, still inside the same
 * transaction, which then fails as a whole as before. Two waiting upserts of one key into one table are never
 * sent together (one statement cannot insert and then update the same row). When the next statement is itself a
 * plain INSERT into another table (a new customer's first identity, whose result the caller reads), the waiting
 * inserts ride in front of it as WITH clauses of that statement: still one round trip.
 */
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings, type QueryCompiler, type Dialect } from 'kysely';

/** The comment that marks an INSERT as deferrable. */
export const DEFERRABLE = '/* deferrable */ ';

interface State {
  inTransaction: boolean;
  pending: CompiledQuery[];
}

const TABLE = /^insert\s+into\s+"?([a-z_]+)"?/i;

const renumber = (text: string, offset: number) => text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);

/**
 * One statement of WITH clauses for several inserts, their parameters renumbered in order, ending in `last` (an
 * INSERT whose result the caller reads) or in `select 1`.
 */
export function combineInserts(queries: readonly CompiledQuery[], last?: CompiledQuery): CompiledQuery {
  const parameters: unknown[] = [];
  const parts = queries.map((q, i) => {
    const offset = parameters.length;
    parameters.push(...q.parameters);
    return `w${i} as (${renumber(q.sql.slice(DEFERRABLE.length), offset)})`;
  });
  if (!last) return CompiledQuery.raw(`with ${parts.join(', ')} select 1`, parameters);
  const offset = parameters.length;
  parameters.push(...last.parameters);
  return CompiledQuery.raw(`with ${parts.join(', ')} ${renumber(last.sql, offset)}`, parameters);
}

/**
 * Whether the waiting inserts may travel in front of `query` in the same statement: only before a plain INSERT
 * (it reads no table the waiting ones write, so the shared snapshot cannot hide their rows from it; foreign keys
 * are checked at the end of the statement) into a table none of them writes (its ON CONFLICT would not see theirs).
 */
function canRideAlong(pending: readonly CompiledQuery[], query: CompiledQuery): boolean {
  const table = TABLE.exec(query.sql)?.[1];
  if (!table || /\bselect\b/i.test(query.sql)) return false;
  return pending.every((p) => TABLE.exec(p.sql.slice(DEFERRABLE.length))?.[1] !== table);
}

class DeferringDriver implements Driver {
  readonly #inner: Driver;
  readonly #states = new WeakMap<DatabaseConnection, State>();
  readonly #raw = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  async #flush(raw: DatabaseConnection, state: State): Promise<void> {
    if (state.pending.length === 0) return;
    const pending = state.pending;
    state.pending = [];
    await raw.executeQuery(pending.length === 1 ? CompiledQuery.raw(pending[0]!.sql.slice(DEFERRABLE.length), [...pending[0]!.parameters]) : combineInserts(pending));
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const raw = await this.#inner.acquireConnection();
    const state: State = { inTransaction: false, pending: [] };
    const flush = () => this.#flush(raw, state);
    const wrapped: DatabaseConnection = {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        if (state.inTransaction && query.sql.startsWith(DEFERRABLE)) {
          const table = TABLE.exec(query.sql.slice(DEFERRABLE.length))?.[1];
          // An upsert's first parameter is its key (the only upserts marked are search documents, keyed by doc_id).
          const clashes =
            / on conflict /i.test(query.sql) &&
            state.pending.some((p) => TABLE.exec(p.sql.slice(DEFERRABLE.length))?.[1] === table && p.parameters[0] === query.parameters[0]);
          if (clashes) await flush();
          state.pending.push(query);
          return { rows: [] };
        }
        if (state.inTransaction && state.pending.length > 0 && canRideAlong(state.pending, query)) {
          const pending = state.pending;
          state.pending = [];
          return raw.executeQuery<R>(combineInserts(pending, query));
        }
        await flush();
        return raw.executeQuery<R>(query);
      },
      async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
        await flush();
        yield* raw.streamQuery<R>(query, chunkSize);
      },
    };
    this.#states.set(wrapped, state);
    this.#raw.set(wrapped, raw);
    return wrapped;
  }

  #parts(connection: DatabaseConnection): { raw: DatabaseConnection; state: State } {
    return { raw: this.#raw.get(connection) ?? connection, state: this.#states.get(connection) ?? { inTransaction: false, pending: [] } };
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const { raw, state } = this.#parts(connection);
    await this.#inner.beginTransaction(raw, settings);
    state.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { raw, state } = this.#parts(connection);
    await this.#flush(raw, state);
    state.inTransaction = false;
    await this.#inner.commitTransaction(raw);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const { raw, state } = this.#parts(connection);
    state.pending = [];
    state.inTransaction = false;
    await this.#inner.rollbackTransaction(raw);
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    const { raw, state } = this.#parts(connection);
    await this.#flush(raw, state);
    await this.#inner.savepoint?.(raw, name, compile);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    const { raw, state } = this.#parts(connection);
    // Inserts waiting since the savepoint are undone by not sending them; older ones were sent at the savepoint.
    state.pending = [];
    await this.#inner.rollbackToSavepoint?.(raw, name, compile);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    const { raw, state } = this.#parts(connection);
    await this.#flush(raw, state);
    await this.#inner.releaseSavepoint?.(raw, name, compile);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const { raw, state } = this.#parts(connection);
    state.pending = [];
    state.inTransaction = false;
    await this.#inner.releaseConnection(raw);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

/** `dialect` whose transactions send deferrable inserts together (PostgreSQL). */
export function deferringInserts(dialect: Dialect): Dialect {
  return {
    createDriver: () => new DeferringDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
