/**
 * `walletdesk demo` adds 2 brands, 6 agents and hundreds of made-up tickets. On a desk that already answers real
 * customers it is refused unless asked for with --force, and the refusal says what it would have done.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { completeSetup } from '../../src/app/complete-setup.js';
import { seedDemo } from '../../src/cli/demo-desk.js';
import { createApiToken } from '../../src/app/create-api-token.js';
import { api, startTestDesk, type TestDesk } from '../helpers/desk.js';

describe('the demo on a desk with real tickets', () => {
  let desk: TestDesk;
  before(async () => {
    desk = await startTestDesk('sqlite');
    // A desk in use: set up (its first admin and brand), then a customer's request through its help center.
    await completeSetup(desk.deps, { email: 'boss@real-wallet.example', name: 'Boss', password: 'a long admin password', brand_name: 'Real Wallet', default_language: 'en' });
  });
  after(async () => desk?.close());

  test('is refused with what it would add, and nothing is added; --force adds it', async () => {
    // A customer's request through the help center of the desk's only brand.
    const created = await api(desk, null, 'POST', '/api/v1/help/requests', {
      kind: 'transaction',
      description: 'my withdrawal has not arrived after two days',
      email: 'real.customer@mail.example',
      language: 'en',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const brandsBefore = (await desk.deps.store.brands.list()).length;

    await assert.rejects(seedDemo(desk.deps, { tickets: 5 }), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'conflict');
      assert.match(err.message, /has 1 ticket\(s\) already/);
      assert.match(err.message, /--force/);
      return true;
    });
    assert.equal((await desk.deps.store.brands.list()).length, brandsBefore, 'no brand was added');
    assert.equal(await desk.deps.store.tickets.count({}), 1, 'no ticket was added');

    const forced = await seedDemo(desk.deps, { tickets: 5, force: true });
    assert.equal(forced.tickets, 5);
    assert.equal(await desk.deps.store.tickets.count({}), 6);
  });

});

describe('the demo on an empty desk', () => {
  let desk: TestDesk;
  before(async () => {
    desk = await startTestDesk('sqlite');
  });
  after(async () => desk?.close());

  test('demo chats are real chat conversations: each has its visitor session, and the console reads it as a chat', async () => {
    await seedDemo(desk.deps, { tickets: 60 });
    const admin = (await desk.deps.store.agents.list()).find((a) => a.role === 'admin')!;
    const { token } = await createApiToken(desk.deps, null, { agentId: admin.id, name: 'demo check' });
    const chats = await api(desk, token, 'GET', '/api/v1/tickets?channel=chat&limit=100');
    assert.equal(chats.status, 200, JSON.stringify(chats.body));
    const list = chats.body.tickets as Array<{ id: string }>;
    assert.ok(list.length > 0, 'the demo made some chats');
    for (const t of list) {
      const facts = await api(desk, token, 'GET', `/api/v1/tickets/${t.id}/chat`);
      assert.equal(facts.status, 200, `chat ${t.id} is a chat (${JSON.stringify(facts.body)})`);
      assert.equal(facts.body.online, false, 'the demo visitor is not online');
    }
  });
});
