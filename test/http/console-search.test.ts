/**
 * Issue 19, the top search, once per database: the results page asks for tickets and customers; customers are
 * found by any word of their name, an e-mail prefix, or a phone number typed the way people say it, only within
 * the agent's brands, and merged duplicates are left out.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

for (const dialect of DIALECTS) {
  describe(`the console's search finds customers and tickets on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    const call = (token: string | null, method: string, path: string, body?: unknown) => api(desk, token, method, path, body);
    const ids = (res: { body: { customers: Array<{ id: string }> } }) => res.body.customers.map((c) => c.id);
    let wang: string;

    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      const tk = await call(cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'Withdrawal stuck', body: 'Two days now.', requester: { name: 'Wang Lei', email: 'wang.lei@example.cn', phone: '+8613800138000' }, channel: 'phone', brand: 'satoshi' });
      assert.equal(tk.status, 201, JSON.stringify(tk.body));
      wang = tk.body.requester.id;
      const other = await call(cast.tokens.agentB, 'POST', '/api/v1/tickets', { subject: 'Pocket question', body: 'Hi', requester: { name: 'Wang Other', email: 'wang.other@example.de' }, channel: 'email', brand: 'pocket' });
      assert.equal(other.status, 201, JSON.stringify(other.body));
    });
    after(async () => desk.close());

    test('a customer is found by a word of the name, an e-mail prefix and the phone number as typed', async () => {
      for (const q of ['Lei', 'wang', 'wang.lei@', '138 0013 8000', '+86 138-0013-8000', '13800138000']) {
        const res = await call(cast.tokens.agentA, 'GET', `/api/v1/customers?q=${encodeURIComponent(q)}&limit=10`);
        assert.equal(res.status, 200);
        assert.deepEqual(ids(res), [wang], `"${q}" finds Wang Lei only (the other brand's Wang is not visible)`);
        assert.deepEqual(res.body.customers[0].phones, ['+8613800138000']);
      }
      const none = await call(cast.tokens.agentA, 'GET', `/api/v1/customers?q=${encodeURIComponent('99999999')}`);
      assert.deepEqual(ids(none), []);
      const admin = await call(cast.tokens.admin, 'GET', `/api/v1/customers?q=wang`);
      assert.equal(admin.body.customers.length, 2, 'an admin sees both brands');
    });

    test('the same words find the tickets; a bare wildcard or a very long query is not an error', async () => {
      const res = await call(cast.tokens.agentA, 'GET', `/api/v1/tickets?q=${encodeURIComponent('withdrawal')}`);
      assert.equal(res.status, 200);
      assert.equal(res.body.tickets.length, 1);
      const wild = await call(cast.tokens.agentA, 'GET', `/api/v1/customers?q=${encodeURIComponent('%')}`);
      assert.equal(wild.status, 200);
      const long = await call(cast.tokens.agentA, 'GET', `/api/v1/customers?q=${'x'.repeat(5000)}`);
      assert.ok(long.status === 200 || long.status === 400, `no 500 for a long query (got ${long.status})`);
    });
  });
}
