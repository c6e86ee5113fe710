/**
 * Proof of who a chat visitor is, made by the wallet provider's backend with the brand's chat secret: an
 * HMAC-SHA256 of the app user id (hex), or a short-lived HS256 JWT whose `sub` is the user id. Pure: the
 * caller passes the secret and the time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { jwtVerify, errors as joseErrors } from 'jose';

/** An app user id: what the provider's backend signs. '~' is left out so it never meets the desk's own visitor ids. */
export const USER_ID_PATTERN = /^[A-Za-z0-9_.@:-]{1,128}$/;
/** The longest a JWT proof may live: a stolen one is useless after this. */
export const MAX_TOKEN_LIFETIME_S = 3600;

export type IdentityProof = { user_id: string; user_hash: string } | { token: string };

export type ProofCheck =
  | { kind: 'none' }
  | { kind: 'verified'; userId: string; name: string | null; email: string | null; /** epoch seconds, null for HMAC */ expiresAt: number | null }
  | { kind: 'invalid'; reason: string; claimedUserId: string | null };

/** The HMAC proof of a user id, as the provider's backend computes it. */
export function userHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Reads a proof from an untrusted value (a frame's `identity`, or headers); null when there is none. */
export function readProof(value: unknown): IdentityProof | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.token === 'string' && v.token !== '') return { token: v.token.slice(0, 4096) };
  if (typeof v.user_id === 'string' && typeof v.user_hash === 'string') return { user_id: v.user_id.slice(0, 200), user_hash: v.user_hash.slice(0, 200) };
  return null;
}

const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : null);

/** Checks a proof against the brand's secret (null when the brand has none: nothing can be proven). */
export async function checkProof(secret: string | null, proof: IdentityProof | null, now: Date): Promise<ProofCheck> {
  if (!proof) return { kind: 'none' };
  if ('user_id' in proof) {
    const claimed = USER_ID_PATTERN.test(proof.user_id) ? proof.user_id : null;
    if (!claimed) return { kind: 'invalid', reason: 'user_id must be 1–128 characters of A–Z a–z 0–9 _ . @ : -', claimedUserId: null };
    if (!secret) return { kind: 'invalid', reason: 'this brand has no chat secret yet, so no identity can be proven', claimedUserId: claimed };
    if (!sameHex(userHash(secret, claimed), proof.user_hash.toLowerCase())) return { kind: 'invalid', reason: 'user_hash does not match user_id', claimedUserId: claimed };
    return { kind: 'verified', userId: claimed, name: null, email: null, expiresAt: null };
  }
  if (!secret) return { kind: 'invalid', reason: 'this brand has no chat secret yet, so no identity can be proven', claimedUserId: null };
  try {
    const { payload } = await jwtVerify(proof.token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
      currentDate: now,
      clockTolerance: 30,
    });
    const sub = typeof payload.sub === 'string' && USER_ID_PATTERN.test(payload.sub) ? payload.sub : null;
    if (!sub) return { kind: 'invalid', reason: 'the token’s sub must be a user id of A–Z a–z 0–9 _ . @ : -', claimedUserId: null };
    if (payload.exp! - now.getTime() / 1000 > MAX_TOKEN_LIFETIME_S + 30) {
      return { kind: 'invalid', reason: `the token lives too long: exp may be at most ${MAX_TOKEN_LIFETIME_S / 60} minutes ahead`, claimedUserId: sub };
    }
    return { kind: 'verified', userId: sub, name: text(payload.name, 200), email: text(payload.email, 254), expiresAt: payload.exp! };
  } catch (err) {
    const reason = err instanceof joseErrors.JWTExpired ? 'the token has expired' : 'the token is not a valid HS256 JWT signed with this brand’s chat secret';
    return { kind: 'invalid', reason, claimedUserId: null };
  }
}
