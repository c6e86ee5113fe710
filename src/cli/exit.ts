import { isAppError } from '../core/errors.js';

/**
 * Exit codes shared by every command: 0 ok, 1 unexpected failure, 2 bad input (usage, invalid id),
 * 3 a service we depend on is unreachable (database, chain backend).
 */
export function exitCodeFor(err: unknown): number {
  if (isAppError(err)) {
    if (err.code === 'invalid_input' || err.code === 'not_found' || err.code === 'conflict') return 2;
    if (err.code === 'unavailable') return 3;
  }
  return 1;
}

/** Prints one line for the operator (never a stack for expected errors) and exits with the right code. */
export function reportAndExit(err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`walletdesk: ${message}\n`);
  if (!isAppError(err) && err instanceof Error && process.env.WALLETDESK_DEBUG) process.stderr.write(`${err.stack}\n`);
  process.exit(exitCodeFor(err));
}
