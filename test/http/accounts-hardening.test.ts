/** Accounts under pressure, over HTTP on both stores: parallel wrong passwords, first-run setup from other sites. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { DIALECTS } from '../helpers/stores.js';

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
