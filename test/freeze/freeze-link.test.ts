/**
 * The help center's "freeze my account now" link, once per database: an agent has it e-mailed to the address
 * on the account, the customer opens it and freezes with one button (the provider's webhook gets the signed
 * call with the customer as actor), and the link works once; the unfreeze then takes one agent asking and a
 * second approving.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CustomerNotice } from '../../src/app/ports.js';
import { DIALECTS } from '../helpers/stores.js';
import { drainJobs } from '../helpers/jobs.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startReceiver, type Receiver } from './receiver.js';
import { passAddressStepUp } from './step-up.js';

for (const dialect of DIALECTS) {
  describe(`the freeze link on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let receiver: Receiver;
    const notices: CustomerNotice[] = [];
    before(async () => {
      desk = await startTestDesk(dialect);
      desk.deps.senders = { email: { foldsAutoReplies: true, send: async () => ({}), notify: async (n) => (notices.push(n), {}) } };
      cast = await seedCast(desk.deps);
      receiver = await startReceiver();
      const hook = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { custodial: true, account_webhook_url: receiver.url, min_hold_minutes: 0 });
      receiver.secret.value = hook.body.account_webhook_secret;
    });
    after(async () => {
      await receiver.close();
      await desk.close();
    });

    test('the link goes to the account’s e-mail, freezes once, and the provider is called with the customer as actor', async () => {
      const created = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', { subject: '账户异常', body: '我的账户有陌生登录', brand: 'satoshi', requester: { email: 'zhou@mail.example', language: 'zh-CN' } });
      assert.equal(created.status, 201);
      const sent = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${created.body.id}/freeze/link`);
      assert.equal(sent.status, 202, JSON.stringify(sent.body));
      assert.equal(sent.body.to, 'zhou@mail.example');
      const { failures } = await drainJobs(desk.deps);
      assert.deepEqual(failures.map((f) => f.error), []);
      const mail = notices.find((n) => n.kind === 'freeze_link');
      assert.ok(mail, 'the e-mail channel was asked to send the link');
      assert.equal(mail.to, 'zhou@mail.example');
      const token = /\/help\/freeze#([A-Za-z0-9_-]{43})$/.exec(mail.url ?? '')?.[1];
      assert.ok(token, mail.url ?? 'no url');
      const events = await desk.deps.store.events.listForTicket(created.body.id, { limit: 100 });
      assert.ok(!JSON.stringify(events).includes(token), 'the token is not in the history');

      const view = await api(desk, null, 'GET', '/api/v1/portal/freeze', undefined, { 'x-freeze-token': token });
      assert.equal(view.status, 200);
      assert.deepEqual(view.body, { brand: 'Satoshi Wallet', number: created.body.number, usable: true, frozen: false, custodial: true });
      const frozen = await api(desk, null, 'POST', '/api/v1/portal/freeze', undefined, { 'x-freeze-token': token });
      assert.equal(frozen.status, 202, JSON.stringify(frozen.body));
      const again = await api(desk, null, 'POST', '/api/v1/portal/freeze', undefined, { 'x-freeze-token': token });
      assert.equal(again.status, 409, 'a link freezes once');
      assert.equal((await api(desk, null, 'POST', '/api/v1/portal/freeze', undefined, { 'x-freeze-token': 'A'.repeat(43) })).status, 404);

      await drainJobs(desk.deps);
      const call = receiver.calls.find((c) => c.body.ticket_id === created.body.id);
      assert.ok(call?.signatureOk);
      assert.equal(call.body.action, 'freeze');
      assert.equal(call.body.account_ref, 'email:zhou@mail.example');
      assert.match(String(call.body.actor), /^customer:/);
      const [freeze] = await desk.deps.store.freezes.listForTicket(created.body.id);
      assert.equal(freeze?.source, 'help_center');

      // The customer froze: one agent asks, a second approves (after the hold and a verification).
      const after = await api(desk, null, 'GET', '/api/v1/portal/freeze', undefined, { 'x-freeze-token': token });
      assert.equal(after.body.frozen, true);
      assert.equal(after.body.usable, false);
      assert.equal(await passAddressStepUp(desk, cast.tokens.agentA, created.body.id), 'address');
      const asked = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${created.body.id}/unfreeze`);
      assert.equal(asked.status, 202, JSON.stringify(asked.body));
      assert.equal(asked.body.step, 'request');
      assert.equal(asked.body.freeze.state, 'unfreeze_requested');
      const self = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${created.body.id}/unfreeze`);
      assert.equal(self.status, 403, 'the agent who asked cannot approve');
      const approved = await api(desk, cast.tokens.supervisorA, 'POST', `/api/v1/tickets/${created.body.id}/unfreeze`);
      assert.equal(approved.status, 202);
      assert.equal(approved.body.step, 'approve');
      assert.equal(approved.body.freeze.state, 'unfrozen');
    });

    test('no link for a customer without an e-mail, nor for a brand that cannot freeze', async () => {
      const nb = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', { subject: 'x', body: 'stolen', brand: 'pocket', requester: { email: 'p@mail.example' } });
      const refused = await api(desk, cast.tokens.agentB, 'POST', `/api/v1/tickets/${nb.body.id}/freeze/link`);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.details.reason, 'not_custodial');
    });
  });
}
