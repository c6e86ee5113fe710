/** Accounts under pressure, over HTTP on both stores: parallel wrong passwords, first-run setup from other sites. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { DIALECTS } from '../helpers/stores.js';

/** fetch() will not send another Host header; node:http will. */
function getWithHost(url: string, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { host } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(text));
    }).on('error', reject);
  });
}

async function login(desk: TestDesk, email: string, password = PASSWORD) {
  return api(desk, null, 'POST', '/api/v1/auth/login', { email, password });
}

for (const dialect of DIALECTS) {
  describe(`account lockout (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());

    test('wrong passwords sent in parallel still lock the account', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => login(desk, 'bob@desk.example', `wrong ${i}`)));
      for (const r of results) assert.ok([401, 429].includes(r.status), `status ${r.status}`);
      const right = await login(desk, 'bob@desk.example');
      assert.equal(right.status, 429);
      assert.match(right.body.error.message, /locked/);
      const events = await desk.deps.store.events.listForSubject('agent', cast.agentB.id, 50);
      assert.ok(events.some((e) => e.type === 'agent.locked_out'));
    });
  });
}

describe('first-run setup from another site', () => {
  let desk: TestDesk;
  before(async () => {
    desk = await startTestDesk('sqlite');
    desk.setupToken.value = 'the-setup-token-from-the-log';
  });
  after(async () => desk.close());

  const admin = { email: 'boss@example.com', name: 'Boss', password: 'a long admin password' };
  // What a page on another site can make a browser on the server send without a CORS preflight.
  const crossSite = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' };

  test('a form or text post to the setup API is refused with 415, even from the server itself', async () => {
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', new URLSearchParams(admin).toString()],
      ['text/plain', JSON.stringify(admin)],
      ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nboss@example.com\r\n--x--\r\n`],
    ] as const) {
      const r = await api(desk, null, 'POST', '/api/v1/setup', body, { 'content-type': type, ...crossSite });
      assert.equal(r.status, 415, type);
      assert.match(r.body.error.message, /application\/json/);
    }
    assert.equal(await desk.deps.store.agents.count(), 0);
  });

  test('JSON from the server itself still needs the setup token', async () => {
    const without = await api(desk, null, 'POST', '/api/v1/setup', admin);
    assert.equal(without.status, 403);
    assert.match(without.body.error.message, /setup token/);
    assert.equal(await desk.deps.store.agents.count(), 0);
  });

  test('the setup form is given its token only when the browser names this machine', async () => {
    const rebound = await getWithHost(`${desk.url}/setup?lang=en`, 'evil.example:80');
    assert.ok(!rebound.includes('the-setup-token-from-the-log'));
    const local = await (await fetch(`${desk.url}/setup?lang=en`)).text();
    assert.match(local, /name="token" value="the-setup-token-from-the-log"/);
  });

  test('JSON with the token creates the first admin', async () => {
    const ok = await api(desk, null, 'POST', '/api/v1/setup', { ...admin, token: 'the-setup-token-from-the-log' });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.agent.email, 'boss@example.com');
    assert.equal((await api(desk, null, 'POST', '/api/v1/setup', { ...admin, token: 'the-setup-token-from-the-log' })).status, 409);
  });
});
