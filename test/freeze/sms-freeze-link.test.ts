/**
 * The freeze link by SMS (issue 18), once per database, against a local server that speaks Twilio's Messages
 * API as documented (test/phone/twilio-messages-server.ts): on the hotline, a caller in the stolen-funds menu
 * presses 3 and the desk texts the one-time link to the number on the account; an agent asks for it from the
 * ticket (`via: "sms"`); the provider's signed status callbacks record "sent" and "delivered" (or
 * "undelivered") on the ticket; the link freezes the account once; bad callbacks are refused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.js';
import { accountTextMessages } from '../../src/channels/phone/sms.js';
import { twilioSignature } from '../../src/channels/phone/signature.js';
import { DIALECTS } from '../helpers/stores.js';
import { drainJobs } from '../helpers/jobs.js';
import { api, seedCast, type Cast } from '../helpers/desk.js';
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, find, spoken, startPhoneDesk, type PhoneDesk } from '../phone/twilio-sim.js';
import { startTwilioMessages, type TwilioMessagesServer } from '../phone/twilio-messages-server.js';
import { startReceiver, type Receiver } from './receiver.js';
import { until } from '../helpers/until.js';

const LINE_A = '+14155550100';


for (const dialect of DIALECTS) {
  describe(`the SMS freeze link on ${dialect}`, () => {
    let desk: PhoneDesk;
    let cast: Cast;
    let receiver: Receiver;
    let twilio: TwilioMessagesServer;
    const clock = new ManualClock('2026-03-02T03:00:00.000Z');
    before(async () => {
      desk = await startPhoneDesk(dialect, { clock });
      cast = await seedCast(desk.deps);
      receiver = await startReceiver();
      twilio = await startTwilioMessages({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, numbers: [LINE_A], deliverTo: (u) => u.replace(PUBLIC_URL, desk.url) });
      // As main.ts wires it from the phone channel: the install's Twilio account, the brand's number.
      desk.deps.textMessages = accountTextMessages(desk.deps, { env: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }, apiUrl: twilio.url });
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [LINE_A] })).status, 200);
      const hook = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { custodial: true, account_webhook_url: receiver.url, min_hold_minutes: 0 });
      receiver.secret.value = hook.body.account_webhook_secret;
    });
    after(async () => {
      await twilio.close();
      await receiver.close();
      await desk.close();
    });

    const history = async (ticketId: string) => desk.deps.store.events.listForTicket(ticketId, { limit: 200 });
    const tokenOf = (body: string) => /\/help\/freeze#([A-Za-z0-9_-]{43})/.exec(body)?.[1] ?? null;

    test('in Chinese on the hotline: press 3 texts the link to the number on the account; delivery is recorded; the link freezes once', async () => {
      const from = '+8613800138555';
      const call = desk.sim.call(from, LINE_A);
      const first = await call.start();
      const lang = await call.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '1' });
      const menu = await call.follow(find(lang.doc!, 'Gather').attrs.action!, { Digits: '1' });
      const offer = find(menu.doc!, 'Gather');
      assert.match(spoken(offer), /立即冻结您的账户，请按 1。通过短信接收冻结链接、由您自己冻结，请按 3/);
      const answer = await call.follow(offer.attrs.action!, { Digits: '3' });
      assert.match(spoken(answer.doc!), /我们已向您账户登记的手机号码发送了一条短信/);
      assert.ok(find(answer.doc!, 'Enqueue'), 'then the emergency queue');
      const row = await desk.deps.store.calls.getBySid(call.sid);
      const ticketId = row!.ticketId!;
      assert.equal((await desk.deps.store.freezes.listForTicket(ticketId)).length, 0, 'nothing frozen yet');

      const { failures } = await drainJobs(desk.deps);
      assert.deepEqual(failures.map((f) => f.error), []);
      const text = twilio.messages.find((m) => m.to === from);
      assert.ok(text, 'the provider was asked to text the number on the account');
      assert.equal(text.from, LINE_A);
      assert.match(text.body, /^Satoshi Wallet：如需立即冻结您的账户，请打开此链接/);
      assert.equal(text.statusCallback, `${PUBLIC_URL}/hooks/sms/twilio/status?ticket=${ticketId}`);
      const token = tokenOf(text.body);
      assert.ok(token, text.body);
      assert.ok(text.body.startsWith('Satoshi Wallet') && text.body.includes(`${PUBLIC_URL}/help/freeze#`));

      // The carrier's answers come back signed and are recorded, once each.
      const delivered = await until('the delivered callback recorded', async () => {
        const events = await history(ticketId);
        return events.some((e) => e.type === 'freeze.link_text_status' && (e.data as { status: string }).status === 'delivered') && events;
      });
      const texted = delivered.find((e) => e.type === 'freeze.link_texted');
      assert.equal((texted?.data as { message_sid: string }).message_sid, text.sid);
      assert.equal((texted?.data as { to: string }).to.includes('138555'), false, 'the number is masked in the history');
      assert.deepEqual(
        // (One recording each; the test clock stands still, so their order in the history is not asserted.)
        delivered.filter((e) => e.type === 'freeze.link_text_status').map((e) => (e.data as { status: string }).status).sort(),
        ['delivered', 'sent'],
      );
      assert.ok(!JSON.stringify(delivered).includes(token), 'the token is never in the history');
      assert.ok(twilio.callbacks.every((c) => c.answered === 204));

      // The customer opens the link and freezes; it works once.
      const frozen = await api(desk, null, 'POST', '/api/v1/portal/freeze', undefined, { 'x-freeze-token': token });
      assert.equal(frozen.status, 202, JSON.stringify(frozen.body));
      assert.equal((await api(desk, null, 'POST', '/api/v1/portal/freeze', undefined, { 'x-freeze-token': token })).status, 409);
      const [freeze] = await desk.deps.store.freezes.listForTicket(ticketId);
      assert.equal(freeze?.source, 'help_center');
      await drainJobs(desk.deps);
      assert.equal(receiver.calls.find((c) => c.body.ticket_id === ticketId)?.body.action, 'freeze');
    });

    test('an agent texts the link from the ticket; an unreachable phone is recorded as undelivered; no number, no text', async () => {
      const noNumber = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'Account taken over', body: 'Someone changed my password', brand: 'satoshi', requester: { email: 'li@mail.example', language: 'en' } });
      assert.equal(noNumber.status, 201);
      const noPhone = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${noNumber.body.id}/freeze/link`, { via: 'sms' });
      assert.equal(noPhone.status, 409);
      assert.equal(noPhone.body.error.details.reason, 'no_phone');
      const phone = '+447700900123';
      const created = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'Account taken over', body: 'Someone changed my password', brand: 'satoshi', requester: { email: 'mo@mail.example', phone, language: 'en' } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      twilio.unreachable.add(phone);
      const sent = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${created.body.id}/freeze/link`, { via: 'sms' });
      assert.equal(sent.status, 202, JSON.stringify(sent.body));
      assert.equal(sent.body.via, 'sms');
      assert.equal(sent.body.to, phone);
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${created.body.id}/freeze/link`, { via: 'pigeon' })).status, 400);
      await drainJobs(desk.deps);
      // Drained again: the text is not sent twice.
      await drainJobs(desk.deps);
      const texts = twilio.messages.filter((m) => m.to === phone);
      assert.equal(texts.length, 1);
      assert.match(texts[0]!.body, /^Satoshi Wallet: to freeze your account now, open this link/);
      await until('the undelivered callback recorded', async () =>
        (await history(created.body.id)).some((e) => e.type === 'freeze.link_text_status' && (e.data as { status: string; error_code: string }).status === 'undelivered' && (e.data as { error_code: string }).error_code === '30003'),
      );
    });

    test('status callbacks with a bad signature or about a message the desk never sent are refused', async () => {
      const params = { AccountSid: ACCOUNT_SID, ApiVersion: '2010-04-01', From: LINE_A, MessageSid: `SM${'0'.repeat(32)}`, MessageStatus: 'delivered', To: '+447700900999' };
      const created = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'x', body: 'y', brand: 'satoshi', requester: { email: 'z@mail.example' } });
      const url = `${PUBLIC_URL}/hooks/sms/twilio/status?ticket=${created.body.id}`;
      const post = (signature: string) =>
        fetch(url.replace(PUBLIC_URL, desk.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });
      assert.equal((await post('bad')).status, 403);
      assert.equal((await post(twilioSignature(AUTH_TOKEN, url, params))).status, 404, 'signed, but not a text the desk sent on that ticket');
      assert.ok(!(await history(created.body.id)).some((e) => e.type === 'freeze.link_text_status'));
    });
  });
}
