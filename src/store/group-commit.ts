/**
 * Group commit for SQLite. With synchronous=FULL every COMMIT waits for an fsync (milliseconds on most
 * disks), which would cap the desk at a few hundred writes a second. Instead, transactions that arrive while
 * one is committing are run together in the next database transaction, each inside its own SAVEPOINT: a unit
 * that fails is rolled back alone, the rest commit with one fsync, and every caller is answered only after
 * that COMMIT. Durability is unchanged (each acknowledged write is on disk); throughput scales with load.
 */
import { channel } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

interface Unit<R, T> {
  fn: (repos: R) => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/** Each batch as it commits: {units, run_ms, commit_ms} (bench/loop-probe.mjs listens; free when nobody does). */
const batches = channel('walletdesk:group-commit');

/** Returns a `transaction(fn)` that batches concurrent callers on one SQLite connection. */
export function groupCommit<R>(db: Kysely<Database>, reposFor: (trx: Kysely<Database>) => R, maxBatch = 256) {
  let queue: Array<Unit<R, unknown>> = [];
  let draining = false;

  // Batches start on setImmediate, after the event loop has handed out pending I/O: requests that were
  // parsed while the previous COMMIT blocked in fsync reach transaction() first and share the next one.
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  async function runBatch(batch: Array<Unit<R, unknown>>): Promise<void> {
    const outcomes: Array<{ unit: Unit<R, unknown>; ok: boolean; value: unknown }> = [];
    const started = performance.now();
    let ran = started;
    try {
      await db.transaction().execute(async (trx) => {
        const repos = reposFor(trx);
        for (const unit of batch) {
          await sql`savepoint unit`.execute(trx);
          try {
            const value = await unit.fn(repos);
            await sql`release unit`.execute(trx);
            outcomes.push({ unit, ok: true, value });
          } catch (error) {
            await sql`rollback to unit`.execute(trx);
            await sql`release unit`.execute(trx);
            outcomes.push({ unit, ok: false, value: error });
          }
        }
        ran = performance.now();
      });
    } catch (commitError) {
      // The COMMIT itself failed (disk full, I/O error): nothing of this batch is stored.
      for (const unit of batch) unit.reject(commitError);
      return;
    }
    if (batches.hasSubscribers) {
      const done = performance.now();
      batches.publish({ units: batch.length, run_ms: Math.round((ran - started) * 10) / 10, commit_ms: Math.round((done - ran) * 10) / 10 });
    }
    for (const o of outcomes) (o.ok ? o.unit.resolve : o.unit.reject)(o.value);
  }

  async function drain(): Promise<void> {
    try {
      await nextTurn();
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        await runBatch(batch);
        await nextTurn();
      }
    } finally {
      draining = false;
    }
  }

  return function transaction<T>(fn: (repos: R) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve, reject } as Unit<R, unknown>);
      if (!draining) {
        draining = true;
        void drain();
      }
    });
  };
}
