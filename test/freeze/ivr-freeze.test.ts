/**
 * "Press 1 to freeze now" on the hotline, once per database: a caller picks Chinese and the stolen-funds menu,
 * hears the freeze offer, presses 1 and hears what was frozen and what still works, then waits in the
 * emergency queue; the provider's webhook receives the signed freeze. All through signed Twilio webhooks.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.js';
import { DIALECTS } from '../helpers/stores.js';
import { drainJobs } from '../helpers/jobs.js';
import { api, seedCast, type Cast } from '../helpers/desk.js';
import { find, findAll, spoken, startPhoneDesk, type PhoneDesk } from '../phone/twilio-sim.js';
import { startReceiver, type Receiver } from './receiver.js';

const LINE_A = '+14155550100';
const LINE_B = '+14155550199';

for (const dialect of DIALECTS) {
  describe(`the hotline's freeze on ${dialect}`, () => {
    let desk: PhoneDesk;
    let cast: Cast;
    let receiver: Receiver;
    // A Monday, 11:00 in Shanghai: the line is open.
    const clock = new ManualClock('2026-03-02T03:00:00.000Z');
    before(async () => {
      desk = await startPhoneDesk(dialect, { clock });
      cast = await seedCast(desk.deps);
      receiver = await startReceiver();
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [LINE_A] })).status, 200);
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandB.id}`, { phone_numbers: [LINE_B] })).status, 200);
      const hook = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { custodial: true, account_webhook_url: receiver.url });
      assert.equal(hook.status, 200, JSON.stringify(hook.body));
      receiver.secret.value = hook.body.account_webhook_secret;
    });
    after(async () => {
      await receiver.close();
      await desk.close();
    });

    /** Calls a line, picks 中文 (1) and "my funds were stolen" (1); returns the call and the menu's answer. */
    async function emergencyCall(from: string, to = LINE_A) {
      const call = desk.sim.call(from, to);
      const first = await call.start();
      const lang = await call.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '1' });
      const menu = await call.follow(find(lang.doc!, 'Gather').attrs.action!, { Digits: '1' });
      assert.equal(menu.status, 200);
      return { call, menu };
    }

    test('in Chinese: press 1 freezes the account, the caller hears what is frozen and what works, and the provider gets the signed call', async () => {
      const from = '+8613800138111';
      const { call, menu } = await emergencyCall(from);
      const offer = find(menu.doc!, 'Gather');
      assert.match(offer.attrs.action!, /\/hooks\/voice\/twilio\/freeze$/);
      assert.match(spoken(offer), /立即冻结您的账户，请按 1/);
      assert.equal(find(offer, 'Say').attrs.language, 'zh-CN');
      assert.equal(findAll(menu.doc!, 'Enqueue').length, 0, 'the caller answers the offer before queueing');

      const answer = await call.follow(offer.attrs.action!, { Digits: '1' });
      assert.equal(answer.status, 200);
      assert.match(spoken(answer.doc!), /您的账户已冻结。转出和提现已被禁止，您仍可登录、查看余额和接收资金/);
      assert.match(find(answer.doc!, 'Enqueue').text, /-urgent$/, 'then the emergency queue');

      const callRow = await desk.deps.store.calls.getBySid(call.sid);
      const [freeze] = await desk.deps.store.freezes.listForTicket(callRow!.ticketId!);
      assert.equal(freeze?.source, 'phone');
      assert.equal(freeze?.accountRef, `phone:${from}`);
      assert.equal(freeze?.frozenBy.type, 'customer');

      const { failures } = await drainJobs(desk.deps);
      assert.deepEqual(failures.map((f) => f.error), []);
      const hook = receiver.calls.find((c) => c.body.ticket_id === callRow!.ticketId);
      assert.ok(hook?.signatureOk, 'signed with the brand secret');
      assert.equal(hook.body.action, 'freeze');
      assert.equal(hook.body.account_ref, `phone:${from}`);
      assert.equal(hook.body.actor, `customer:${freeze!.customerId}`);

      // The ticket shows the notice in Chinese (the status page and the console read it).
      const ticket = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${callRow!.ticketId}`);
      assert.ok(ticket.body.messages.some((m: { body: string; public: boolean }) => m.public && /账户已冻结/.test(m.body)));

      // A retried webhook (the provider posts the same answer again) freezes nothing twice.
      const retried = await call.follow(offer.attrs.action!, { Digits: '1' });
      assert.match(spoken(retried.doc!), /您的账户已冻结/);
      assert.equal((await desk.deps.store.freezes.listForTicket(callRow!.ticketId!)).length, 1);

      // The same caller calling again is not offered a second freeze.
      const again = await emergencyCall(from);
      assert.equal(findAll(again.menu.doc!, 'Gather').length, 0);
      assert.ok(find(again.menu.doc!, 'Enqueue'));
    });

    test('pressing 2 queues the caller without freezing; a non-custodial brand never offers it', async () => {
      const { call, menu } = await emergencyCall('+8613800138222');
      const answer = await call.follow(find(menu.doc!, 'Gather').attrs.action!, { Digits: '2' });
      assert.equal(spoken(answer.doc!), '');
      assert.ok(find(answer.doc!, 'Enqueue'));
      const row = await desk.deps.store.calls.getBySid(call.sid);
      assert.equal((await desk.deps.store.freezes.listForTicket(row!.ticketId!)).length, 0);

      const other = await emergencyCall('+8613800138333', LINE_B);
      assert.equal(findAll(other.menu.doc!, 'Gather').length, 0);
      assert.ok(find(other.menu.doc!, 'Enqueue'));
    });

    test('the freeze step refuses unsigned requests', async () => {
      const call = desk.sim.call('+8613800138444', LINE_A);
      const res = await desk.sim.post(`https://desk.example.com/hooks/voice/twilio/freeze`, call.params({ Digits: '1' }), { signature: 'bad' });
      assert.equal(res.status, 403);
    });
  });
}
