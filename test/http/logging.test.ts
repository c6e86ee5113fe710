/** Logs are data, and never carry passwords, tokens, cookies, setup tokens or message bodies. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { makeLogger } from '../../src/main.js';
import { buildHttpApp } from '../../src/http/app.js';
import { api, PASSWORD, seedCast, startTestDesk } from '../helpers/desk.js';

test('the request log holds no secret and no message body, even at debug level', async () => {
  const desk = await startTestDesk('sqlite');
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = await buildHttpApp(desk.deps, { logger: makeLogger({ logLevel: 'trace' }, sink) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const cast = await seedCast(desk.deps);
    desk.setupToken.value = 'SETUP-TOKEN-SHOULD-NOT-BE-LOGGED';
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'li@desk.example', password: PASSWORD }),
    });
    assert.equal(login.status, 200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const created = await api({ url }, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
      subject: 'SUBJECT-MARKER',
      body: 'BODY-MARKER my wallet was emptied',
      requester: { email: 'logs@example.com' },
    });
    assert.equal(created.status, 201);
    await api({ url }, cast.tokens.agentA, 'GET', '/api/v1/tickets', undefined, { cookie });
    await fetch(`${url}/setup?token=SETUP-TOKEN-SHOULD-NOT-BE-LOGGED`);
    await api({ url }, 'wdt_bogus-token-value', 'GET', '/api/v1/tickets');
  } finally {
    await app.close();
    await desk.close();
  }
  const log = lines.join('');
  assert.ok(log.includes('request completed'), 'requests are logged');
  for (const secret of [PASSWORD, 'wdt_', 'wd_session', 'SETUP-TOKEN-SHOULD-NOT-BE-LOGGED', 'BODY-MARKER', 'SUBJECT-MARKER', 'bogus-token-value']) {
    assert.ok(!log.includes(secret), `the log must not contain ${secret}`);
  }
  for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), 'every log line is JSON');
});
