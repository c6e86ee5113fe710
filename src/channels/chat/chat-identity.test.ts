import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { checkProof, readProof, userHash } from './chat-identity.js';

const SECRET = 'a-test-secret-of-32-bytes-or-more-0123456789';
const NOW = new Date('2026-11-25T12:00:00Z');
const sign = (claims: Record<string, unknown>, secret = SECRET, alg = 'HS256') =>
  new SignJWT(claims).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));

test('accepts the HMAC of the user id and refuses any other hash', async () => {
  const ok = await checkProof(SECRET, { user_id: 'u-42', user_hash: userHash(SECRET, 'u-42') }, NOW);
  assert.deepEqual(ok, { kind: 'verified', userId: 'u-42', name: null, email: null, expiresAt: null });
  const bad = await checkProof(SECRET, { user_id: 'u-43', user_hash: userHash(SECRET, 'u-42') }, NOW);
  assert.equal(bad.kind, 'invalid');
  assert.equal(bad.kind === 'invalid' && bad.claimedUserId, 'u-43');
});

test('proves nothing while the brand has no secret', async () => {
  const r = await checkProof(null, { user_id: 'u-42', user_hash: userHash('', 'u-42') }, NOW);
  assert.equal(r.kind, 'invalid');
});

test('accepts a short-lived HS256 token and reads its claims', async () => {
  const exp = NOW.getTime() / 1000 + 600;
  const token = await sign({ sub: 'u-7', exp, name: 'Li Lei', email: 'li@example.com' });
  const r = await checkProof(SECRET, { token }, NOW);
  assert.deepEqual(r, { kind: 'verified', userId: 'u-7', name: 'Li Lei', email: 'li@example.com', expiresAt: exp });
});

test('refuses expired, long-lived, unsigned-by-us and exp-less tokens', async () => {
  const t = NOW.getTime() / 1000;
  for (const token of [
    await sign({ sub: 'u-7', exp: t - 120 }),
    await sign({ sub: 'u-7', exp: t + 86_400 }),
    await sign({ sub: 'u-7', exp: t + 60 }, 'another-secret-another-secret-another'),
    await sign({ sub: 'u-7' }),
    await sign({ sub: 'bad id with spaces', exp: t + 60 }),
  ]) {
    assert.equal((await checkProof(SECRET, { token }, NOW)).kind, 'invalid');
  }
});

test('reads proofs from untrusted values', () => {
  assert.equal(readProof(null), null);
  assert.equal(readProof('x'), null);
  assert.equal(readProof({ user_id: 1 }), null);
  assert.deepEqual(readProof({ token: 't' }), { token: 't' });
  assert.deepEqual(readProof({ user_id: 'a', user_hash: 'b', extra: 1 }), { user_id: 'a', user_hash: 'b' });
});
