/** Small helpers shared by the repositories: JSON columns, booleans, cursors, counts. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A Kysely instance or a transaction: repositories work the same on both. */
export type Db = Kysely<Database>;

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text == null || text === '') return fallback;
  return JSON.parse(text) as T;
}

/**
 * JSON for a text column, without NUL in any string: the escaped form would come back as a NUL when read, and
 * PostgreSQL's jsonb refuses it (bound-values.ts removes NUL from plain text the same way).
 */
export function jsonText(value: unknown): string {
  // Not a replacer function: that takes JSON.stringify off its fast path (it cost ~25 µs a ticket). NUL can only
  // appear in the output as the escape \u0000; one preceded by an even number of backslashes is that escape.
  const text = JSON.stringify(value);
  return text.includes('\\u0000') ? text.replace(ESCAPED_NUL, '$1') : text;
}

const ESCAPED_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

export const bool = (v: number | boolean | null | undefined): boolean => v === 1 || v === true;
export const int = (v: boolean): number => (v ? 1 : 0);

/** `count(*)` as a number on both databases (PostgreSQL returns bigint as text otherwise). */
export const countAll = sql<number>`cast(count(*) as integer)`;

/** Opaque page cursors: base64url of [sort value, id]. */
export function encodeCursor(sortValue: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string | number, string] | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && (typeof v[0] === 'string' || typeof v[0] === 'number') && typeof v[1] === 'string') {
      return [v[0], v[1]];
    }
  } catch {
    // fall through: an unreadable cursor is reported by the caller
  }
  return null;
}

export { isUniqueViolationError as isUniqueViolation } from '../../app/store-errors.js';

/** A LIKE pattern matching values that start with `q` (its own wildcards and escapes removed). */
export function likePrefix(q: string): string {
  return `${q.replace(/[\\%_]/g, '')}%`;
}
