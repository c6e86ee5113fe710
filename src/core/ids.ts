import { uuidv7 } from 'uuidv7';
import { createHash, randomBytes } from 'node:crypto';

/** A new time-ordered id (UUIDv7). Generated in the app so both databases store plain text ids. */
export function newId(): string {
  return uuidv7();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a syntactically valid UUID (any version). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** An unguessable random token, base64url, with `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex of a high-entropy token (API tokens, session ids). Such tokens need no slow hash. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
