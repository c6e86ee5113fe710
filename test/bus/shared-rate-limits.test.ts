import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisRateLimits } from '../../src/bus/redis-rate-limits.js';
import { memoryRateLimits } from '../../src/app/rate-limits.js';
import { inboundProcessor } from '../../src/channels/email/inbound.js';
import { TEST_REDIS_URL } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type TestDesk } from '../helpers/desk.js';
import { mail, SECRET, startEmailDesk, type EmailDesk } from '../email/email-desk.js';
import { emailTokens } from '../../src/channels/email/tokens.js';

/** Each instance has its own Redis connection, as two processes would; one prefix per test keeps runs apart. */
const prefix = () => `walletdesk-test:${randomBytes(4).toString('hex')}:`;
const clients: Redis[] = [];
const connect = () => {
  const c = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  clients.push(c);
  return c;
};
after(() => {
  for (const c of clients) c.disconnect();
});

async function wrongLogins(desks: TestDesk[], count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const desk = desks[i % desks.length]!;
    statuses.push((await api(desk, null, 'POST', '/api/v1/auth/login', { email: 'nobody@desk.example', password: `wrong ${i}` })).status);
  }
  return statuses;
}

describe('rate limits shared by two instances (PostgreSQL + Redis)', () => {
  test('a login limit of 4 a minute allows 4 attempts across both instances, not 4 on each', async () => {
    const p = prefix();
    const a = await startTestDesk('postgres', { loginRateLimit: 4, redisLimits: { client: connect(), prefix: p } });
    const b = await startTestDesk('postgres', { loginRateLimit: 4, sameDatabaseAs: a, redisLimits: { client: connect(), prefix: p } });
    try {
      const statuses = await wrongLogins([a, b], 10);
      assert.equal(statuses.filter((s) => s === 401).length, 4, statuses.join(' '));
      assert.equal(statuses.filter((s) => s === 429).length, 6, statuses.join(' '));
    } finally {
      await b.close();
      await a.close();
    }
  });

  test('without Redis each instance counts alone (the behaviour the shared store fixes)', async () => {
    const a = await startTestDesk('sqlite', { loginRateLimit: 4 });
    const b = await startTestDesk('sqlite', { loginRateLimit: 4 });
    try {
      const statuses = await wrongLogins([a, b], 10);
      assert.equal(statuses.filter((s) => s === 401).length, 8, statuses.join(' '));
    } finally {
      await b.close();
      await a.close();
    }
  });

  test('a chat visitor sending through both instances gets 20 messages per 10 seconds in all', async () => {
    const p = prefix();
    const a = await startTestDesk('postgres', { redisLimits: { client: connect(), prefix: p } });
    const b = await startTestDesk('postgres', { sameDatabaseAs: a, redisLimits: { client: connect(), prefix: p } });
    try {
      const cast = await seedCast(a.deps);
      const opened = await api(a, null, 'POST', '/chat/v1/session', { brand: cast.brandA.slug });
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      const session = { 'x-chat-session': opened.body.session as string };
      const run = randomBytes(4).toString('hex');
      assert.equal((await api(b, null, 'POST', '/chat/v1/prechat', { kind: 'transaction', language: 'en' }, session)).status, 200);
      const statuses: number[] = [];
      for (let i = 0; i < 26; i++) {
        const desk = i % 2 === 0 ? a : b;
        statuses.push((await api(desk, null, 'POST', '/chat/v1/messages', { client_id: `message-${i}-${run}`, body: `message ${i}` }, session)).status);
      }
      assert.equal(statuses.filter((s) => s === 201).length, 20, statuses.join(' '));
      assert.equal(statuses.filter((s) => s === 429).length, 6, statuses.join(' '));
    } finally {
      await b.close();
      await a.close();
    }
  });
});

describe('the per-sender e-mail limit across two instances', () => {
  let desk: EmailDesk;
  const p = prefix();
  before(async () => {
    desk = await startEmailDesk('sqlite', { inbound: { ratePerHour: 3 }, limits: redisRateLimits(connect(), p) });
  });
  after(async () => desk.close());

  test('three messages an hour from one sender in all, whichever instance receives them', async () => {
    // A second instance: its own processor and Redis connection over the same store.
    const second = inboundProcessor({ ...desk.deps, limits: redisRateLimits(connect(), p) }, { tokens: emailTokens(SECRET), maxAttachmentBytes: 256 * 1024, ratePerHour: 3 });
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const raw = Buffer.from(mail({ from: 'loop@bot.example', subject: `n${i}` }));
      const processor = i % 2 === 0 ? desk.processor : second;
      outcomes.push((await processor.process(raw, { mailFrom: 'loop@bot.example', recipients: ['help@satoshi.example'], via: 'smtp' })).kind);
    }
    assert.deepEqual(outcomes, ['stored', 'stored', 'stored', 'deferred', 'deferred']);
  });

  test('while Redis is unreachable the limit is counted in memory instead of refusing mail', async () => {
    const down = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
    clients.push(down);
    const limit = redisRateLimits(down, prefix()).define('t', { points: 2, durationSec: 60 });
    const memory = memoryRateLimits().define('t', { points: 2, durationSec: 60 });
    for (const l of [limit, memory]) {
      const answers = [await l.take('k'), await l.take('k'), await l.take('k')].map((r) => r.allowed);
      assert.deepEqual(answers, [true, true, false]);
    }
  });
});
