/** When the database blinks or is down, callers get a clear 503 (never a 500), and nothing is half-written. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inProcessBus } from '../../src/bus/live-bus.js';
import { systemClock } from '../../src/core/clock.js';
import { tokenAuthenticator } from '../../src/app/authenticate.js';
import { argon2Hasher } from '../../src/crypto/passwords.js';
import { aesSecretBox } from '../../src/crypto/secret-box.js';
import { buildHttpApp } from '../../src/http/app.js';
import { CHANNEL_MODULES } from '../../src/channels/index.js';
import { openPostgres } from '../../src/store/dialect.js';
import { createStore } from '../../src/store/kysely-store.js';
import { localFileStore } from '../../src/store/file-store.js';
import { TEST_DATABASE_URL } from '../helpers/stores.js';
import { api, seedCast, startTestDesk } from '../helpers/desk.js';

test('connections killed under the desk are replaced: requests fail with 503 at worst, then work again', async () => {
  const desk = await startTestDesk('postgres');
  try {
    const cast = await seedCast(desk.deps);
    const body = { subject: 'blink', body: 'the database blinked', requester: { email: 'blink@example.com' } };
    assert.equal((await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', body)).status, 201);
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const killed = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [desk.location]);
    await admin.end();
    assert.ok(killed.rowCount! > 0, 'the desk had connections to kill');
    const during = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', body);
    assert.ok([201, 503].includes(during.status), `got ${during.status}: ${JSON.stringify(during.body)}`);
    const afterwards = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', body);
    assert.equal(afterwards.status, 201);
  } finally {
    await desk.close();
  }
});

test('a database that is down gets 503 with advice, and readiness says not ready', async () => {
  const db = openPostgres('postgres://postgres@127.0.0.1:1/nowhere');
  const store = createStore(db, 'postgres');
  const deps = {
    store,
    bus: inProcessBus(),
    clock: systemClock,
    files: localFileStore('/tmp/walletdesk-unused'),
    passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
    secrets: aesSecretBox(randomBytes(32).toString('hex')),
  };
  const app = await buildHttpApp({
    ...deps,
    config: { publicUrl: 'http://localhost', bodyLimit: 1_048_576, maxAttachmentBytes: 1_048_576, apiRateLimit: 0, loginRateLimit: 1000, trustProxy: false },
    tokens: tokenAuthenticator(deps, 0),
    setupToken: () => null,
    channels: CHANNEL_MODULES,
  });
  try {
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 503);
    assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'the process itself is alive');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { authorization: 'Bearer wdt_anything', 'content-type': 'application/json' },
      payload: { subject: 's', body: 'b', requester: { email: 'a@example.com' } },
    });
    assert.equal(res.statusCode, 503);
    const error = res.json().error;
    assert.equal(error.code, 'unavailable');
    assert.match(error.message, /database/);
    assert.ok(!/ECONNREFUSED|127\.0\.0\.1|stack/.test(res.body), 'no internals leak');
  } finally {
    await app.close();
    await store.close();
  }
});
