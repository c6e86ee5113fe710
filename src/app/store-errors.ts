import { AppError } from '../core/errors.js';

/**
 * Recognises database failures by their shape, without importing a driver: unique-key violations
 * (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY).
 */
export function isUniqueViolationError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * What a database failure means for the caller, recognised by shape (no driver import):
 * - 'transient': the database is restarting, unreachable or overloaded (PostgreSQL 08xxx connection exceptions,
 *   57xxx operator intervention such as shutdown or starting up, 53xxx insufficient resources; refused, reset or timed-out sockets; pg's
 *   "Connection terminated"; SQLite busy or I/O errors). Retrying later may succeed.
 * - 'config': the database answers but refuses us (wrong password or user 28xxx, no such database 3D000, a host
 *   name that does not resolve). Retrying will not help until an operator fixes DATABASE_URL.
 * - null: not a database-availability failure (a constraint, a bug).
 */
export function databaseFailureKind(err: unknown): 'transient' | 'config' | null {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (/^(28[0-9A-Z]{3}|3D000)$/.test(code) || code === 'ENOTFOUND') return 'config';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(code)) return 'transient';
  if (/^(08|57|53)[0-9A-Z]{3}$/.test(code)) return 'transient';
  if (/^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN)/.test(code)) return 'transient';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (/timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|connect ECONNREFUSED|the database system is (starting up|shutting down|in recovery mode)/i.test(message)) {
    return 'transient';
  }
  return null;
}

/** The error every caller sees while the database is away (HTTP 503, SMTP 451, chat `unavailable`, CLI exit 3). */
export function databaseUnavailable(cause: unknown): AppError {
  const err = new AppError('unavailable', 'The desk cannot reach its database right now. Try again in a moment.');
  err.cause = cause;
  return err;
}
