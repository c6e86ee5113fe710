/**
 * Inserts on the hot path (tickets, messages, history) without rebuilding Kysely's query tree every time: the
 * SQL text for a table, column list and row count is compiled once by Kysely (so it is right for the dialect)
 * and then executed with fresh parameters. Only the parameter values change between calls.
 */
import { CompiledQuery } from 'kysely';
import type { Database } from '../schema.js';
import { storableValue } from '../bound-values.js';
import { DEFERRABLE } from '../deferred-inserts.js';
import type { Db } from './rows.js';

const compiled = new Map<string, string>();

export async function insertRows<T extends keyof Database & string>(
  db: Db,
  table: T,
  columns: readonly (keyof Database[T] & string)[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const key = `${db.getExecutor().adapter.constructor.name}|${table}|${columns.join(',')}|${rows.length}`;
  let text = compiled.get(key);
  if (text === undefined) {
    const placeholders = rows.map(() => Object.fromEntries(columns.map((c) => [c, null])));
    // No caller reads an insert's result, so inside a PostgreSQL transaction it may travel with the next statement.
    text = DEFERRABLE + db.insertInto(table).values(placeholders as never).compile().sql;
    compiled.set(key, text);
  }
  // A compiled query skips the store's plugins, so its values are made storable here (bound-values.ts).
  await db.executeQuery(CompiledQuery.raw(text, rows.flat().map(storableValue)));
}
