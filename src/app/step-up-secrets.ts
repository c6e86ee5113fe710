/**
 * The secrets of a step-up: six-digit one-time codes (stored as salted SHA-256, compared in constant time) and
 * link tokens (stored as SHA-256). A code is guessable offline from its hash in a million tries, so what
 * protects it is what surrounds the hash: minutes of life, a handful of attempts counted in the database
 * before each comparison, one use.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_LENGTH = 6;
/** What a customer's message or form field must be to count as a code (spaces and dashes allowed: "123 456"). */
export const CODE_PATTERN = /^\s*(\d{3})[\s-]?(\d{3})\s*$/;

/** A fresh code, uniformly random. */
export const newCode = (): string => String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');

/** The digits of a typed code, or null when the text is not one. */
export function readCode(text: string): string | null {
  const m = CODE_PATTERN.exec(text);
  return m ? `${m[1]}${m[2]}` : null;
}

const digest = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code}`).digest('hex');

export function hashCode(code: string): string {
  const salt = randomBytes(16).toString('hex');
  return `${salt}:${digest(salt, code)}`;
}

export function codeMatches(stored: string, code: string): boolean {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const a = Buffer.from(digest(salt, code), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A link token (URL-safe) and the hash stored for it. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** "a***@example.com" */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** "+44 *** 1234" */
export const maskPhone = (phone: string): string => `${phone.slice(0, 3)} *** ${phone.slice(-4)}`;
