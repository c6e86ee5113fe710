/** The closed list of failure kinds. HTTP maps each to one status in http/errors.ts; the CLI maps them to exit codes. */
export const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The one error type of walletdesk. `message` is written for the person who will read it:
 * it says what went wrong and what to do, and never carries secrets or internals.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** Optional machine-readable details (e.g. which field), shown to API clients. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** True when `err` is an AppError (also across module copies). */
export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError || (err instanceof Error && err.name === 'AppError' && 'code' in err);
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} was not found.`);
export const forbidden = (message = 'You are not allowed to do this.'): AppError => new AppError('forbidden', message);
export const invalid = (message: string, details?: Record<string, unknown>): AppError =>
  new AppError('invalid_input', message, details);
export const conflict = (message: string, details?: Record<string, unknown>): AppError =>
  new AppError('conflict', message, details);
