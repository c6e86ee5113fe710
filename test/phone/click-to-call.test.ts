/**
 * Click-to-call (issue 19), once per database, against a local server speaking Twilio's Calls API
 * (twilio-calls-server.ts): an agent with their own number places a callback; the provider rings the agent from the
 * brand's line, fetches the desk's signed TwiML (who is called, in the agent's language, and "press 1"; only a 1
 * posted to the Gather's action <Dial>s the customer, so a voicemail that answers never gets the customer),
 * and posts signed status callbacks. The callback's placement and the ticket's history follow each status, the call
 * log shows the outbound call linked to the callback, repeated callbacks change nothing, forged ones are refused,
 * and every guard (no number, not open, in flight, provider refusal, no credentials, rate limit) answers clearly.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, type Cast } from '../helpers/desk.js';
import { until } from '../helpers/until.js';
import { ACCOUNT_SID, AUTH_TOKEN, find, findAll, parseTwiml, PUBLIC_URL, spoken, startPhoneDesk, type PhoneDesk } from './twilio-sim.js';
import { startTwilioCalls, type PlacedCall, type TwilioCallsServer } from './twilio-calls-server.js';

const LINE_A = '+14155550100';
const AGENT_PHONE = '+8613912340001';
const ADMIN_PHONE = '+8613912340002';

type Ev = { type: string; actor: { type: string; id: string | null }; data: Record<string, unknown> };

for (const dialect of DIALECTS) {
  describe(`click-to-call on ${dialect}`, () => {
    let desk: PhoneDesk;
    let cast: Cast;
    let twilio: TwilioCallsServer;
    const target = { url: '' };
    // A test may hold a call at one step of its play (e.g. while the agent's phone rings).
    const hold: { step: string | null; release: (() => void) | null; reached: PlacedCall | null } = { step: null, release: null, reached: null };
    const call = (token: string, method: string, path: string, body?: unknown) => api(desk, token, method, path, body);
    const eventsOf = async (ticketId: string) => (await call(cast.tokens.admin, 'GET', `/api/v1/tickets/${ticketId}/events?limit=500`)).body.events as Ev[];

    /** A caller rings the line, picks English and a menu option, and asks (through an agent) to be called back. */
    async function callbackFor(from: string): Promise<{ id: string; ticketId: string }> {
      const c = desk.sim.call(from, LINE_A);
      const first = await c.start();
      const lang = await c.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '2' });
      await c.follow(find(lang.doc!, 'Gather').attrs.action!, { Digits: '4' });
      await c.end('completed', '30');
      const record = await desk.deps.store.calls.getBySid(c.sid);
      assert.ok(record?.ticketId);
      const made = await call(cast.tokens.agentA, 'POST', '/api/v1/calls/callbacks', { ticket_id: record.ticketId });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      return { id: made.body.id, ticketId: record.ticketId };
    }

    before(async () => {
      twilio = await startTwilioCalls({
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        numbers: [LINE_A],
        deliverTo: (u) => `${target.url}${u.slice(PUBLIC_URL.length)}`,
        gate: (step, placed) => {
          if (step !== hold.step) return Promise.resolve();
          hold.reached = placed;
          return new Promise<void>((resolve) => (hold.release = resolve));
        },
      });
      desk = await startPhoneDesk(dialect, { apiUrl: twilio.url });
      target.url = desk.url;
      cast = await seedCast(desk.deps);
      assert.equal((await call(cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [LINE_A] })).status, 200);
    });
    after(async () => {
      hold.release?.();
      await twilio?.close();
      await desk?.close();
    });

    test("an agent's own number: set by the agent or an admin in international form, seen by no one else", async () => {
      const path = `/api/v1/calls/agents/${cast.agentA.id}/phone`;
      assert.deepEqual((await call(cast.tokens.agentA, 'GET', path)).body, { agent_id: cast.agentA.id, phone: null });
      const bad = await call(cast.tokens.agentA, 'PUT', path, { phone: '12345' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.details.field, 'phone');
      const set = await call(cast.tokens.agentA, 'PUT', path, { phone: '+86 139 1234 0001' });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      assert.equal(set.body.phone, AGENT_PHONE, 'kept in E.164');
      assert.equal((await call(cast.tokens.agentB, 'GET', path)).status, 403, "another agent does not see it");
      assert.equal((await call(cast.tokens.agentB, 'PUT', path, { phone: '+4915100000003' })).status, 403);
      const byAdmin = await call(cast.tokens.admin, 'PUT', `/api/v1/calls/agents/${cast.agentB.id}/phone`, { phone: '+4915100000099' });
      assert.equal(byAdmin.status, 200);
      assert.equal((await call(cast.tokens.admin, 'PUT', `/api/v1/calls/agents/${cast.agentB.id}/phone`, { phone: null })).body.phone, null, 'cleared');
      assert.equal((await call(cast.tokens.admin, 'PUT', `/api/v1/calls/agents/${cast.admin.id}/phone`, { phone: ADMIN_PHONE })).status, 200);
      assert.equal((await call(cast.tokens.admin, 'GET', '/api/v1/calls/agents/00000000-0000-7000-8000-000000000000/phone')).status, 404);
    });

    test('placing a callback: the agent is rung from the line, hears whom they call, the customer is dialled, and every status lands on the callback and in the history', async () => {
      const { id, ticketId } = await callbackFor('+8613800138001');
      const ticket = (await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticketId}`)).body;
      const placed = await call(cast.tokens.agentA, 'POST', `/api/v1/calls/callbacks/${id}/place`);
      assert.equal(placed.status, 200, JSON.stringify(placed.body));
      assert.equal(placed.body.placement_status, 'queued');
      assert.equal(placed.body.placing, true);

      const outbound = twilio.calls.at(-1)!;
      assert.equal(outbound.from, LINE_A, "the brand's line calls");
      assert.equal(outbound.to, AGENT_PHONE, "the agent's own phone rings first");
      assert.ok(outbound.url.startsWith(`${PUBLIC_URL}/hooks/voice/twilio/c2c/answer?placement=`));
      assert.ok(outbound.statusCallback?.startsWith(`${PUBLIC_URL}/hooks/voice/twilio/c2c/status?placement=`));
      assert.deepEqual(outbound.statusCallbackEvents, ['initiated', 'ringing', 'answered', 'completed']);
      await outbound.done;

      // The agent (who speaks Chinese first) hears the ticket and the number's last digits and is asked for a 1;
      // nothing is dialled before it.
      const said = spoken(outbound.answer!);
      assert.match(said, new RegExp(`工单 ${ticket.number} 的回拨`));
      assert.match(said, /0 0 1/);
      assert.match(said, /请按 1/);
      assert.equal(find(outbound.answer!, 'Say').attrs.language, 'zh-CN');
      assert.equal(findAll(outbound.answer!, 'Dial').length, 0, 'no Dial before the agent presses 1');
      const gather = find(outbound.answer!, 'Gather');
      assert.equal(gather.attrs.numDigits, '1');
      assert.equal(gather.attrs.actionOnEmptyResult, 'true');
      assert.ok(Number(gather.attrs.timeout) > 0);
      assert.ok(gather.attrs.action?.startsWith(`${PUBLIC_URL}/hooks/voice/twilio/c2c/confirm?placement=`));
      // The agent pressed 1: the customer is dialled from the line.
      assert.equal(outbound.digits, '1');
      const dial = find(outbound.gatherAnswer!, 'Dial');
      assert.equal(dial.attrs.callerId, LINE_A);
      assert.ok(dial.attrs.action?.startsWith(`${PUBLIC_URL}/hooks/voice/twilio/c2c/dial-done?`));
      const number = find(dial, 'Number');
      assert.equal(number.text, '+8613800138001');
      assert.equal(number.attrs.statusCallbackEvent, 'initiated ringing answered completed');
      assert.ok(twilio.deliveries.every((d) => d.status === 200), JSON.stringify(twilio.deliveries.map((d) => [d.url, d.status])));

      const after = (await call(cast.tokens.agentA, 'GET', `/api/v1/calls/callbacks?ticket_id=${ticketId}`)).body.callbacks[0];
      assert.equal(after.placement_status, 'completed');
      assert.equal(after.placing, false);
      assert.equal(after.status, 'done', 'the customer was reached: the callback is done');
      assert.equal(after.done_by, cast.agentA.id);

      const types = (await eventsOf(ticketId)).map((e) => e.type).filter((t) => t.startsWith('call.callback_'));
      assert.deepEqual(types, [
        'call.callback_requested',
        'call.callback_placed',
        'call.callback_ringing',
        'call.callback_agent_answered',
        'call.callback_customer_answered',
        'call.callback_completed',
        'call.callback_done',
      ]);
      const completed = (await eventsOf(ticketId)).find((e) => e.type === 'call.callback_completed')!;
      assert.equal(completed.data.talked_seconds, twilio.talkSeconds);
      assert.deepEqual([completed.actor.type, completed.actor.id], ['agent', cast.agentA.id]);

      // The call log lists the outbound call, linked to its callback.
      const log = (await call(cast.tokens.agentA, 'GET', '/api/v1/calls/log')).body.calls as Array<{ call: { direction: string; callback_id: string | null; outcome: string; caller_phone: string; ticket_id: string }; duration_seconds: number | null }>;
      const row = log.find((r) => r.call.callback_id === id);
      assert.ok(row, 'the placed call is in the log');
      assert.equal(row.call.direction, 'outbound');
      assert.equal(row.call.outcome, 'answered');
      assert.equal(row.call.ticket_id, ticketId);
      assert.equal(row.duration_seconds, twilio.talkSeconds + 5, "the provider's CallDuration of the agent's leg");

      // Placed again: the callback is no longer open.
      const again = await call(cast.tokens.agentA, 'POST', `/api/v1/calls/callbacks/${id}/place`);
      assert.equal(again.status, 409);
      assert.equal(again.body.error.details.reason, 'not_open');
    });

    test('a repeated status callback changes nothing; a forged one or one with the wrong key is refused', async () => {
      const { id, ticketId } = await callbackFor('+8613800138002');
      assert.equal((await call(cast.tokens.agentA, 'POST', `/api/v1/calls/callbacks/${id}/place`)).status, 200);
      const placed = twilio.calls.at(-1)!;
      await placed.done;
      const before = await eventsOf(ticketId);
      const mine = twilio.deliveries.filter((d) => d.params.CallSid === placed.sid || d.params.ParentCallSid === placed.sid);
      assert.ok(mine.length >= 9, `status callbacks, TwiML, the Gather's and the Dial's action (${mine.length})`);
      for (const d of mine) {
        const replay = await twilio.post(d.url, d.params);
        assert.equal(replay.status, 200, `${d.url} replayed`);
        if (d.url.includes('/c2c/confirm?')) assert.equal(findAll(parseTwiml(replay.body), 'Dial').length, 0, 'a replayed 1 dials nobody again');
      }
      const after = await eventsOf(ticketId);
      assert.equal(after.length, before.length, 'no history entry twice');
      const cb = (await call(cast.tokens.agentA, 'GET', `/api/v1/calls/callbacks?ticket_id=${ticketId}`)).body.callbacks[0];
      assert.equal(cb.placement_status, 'completed');
      assert.equal(cb.status, 'done');

      const status = mine.find((d) => d.url.includes('/c2c/status?'))!;
      const forged = await twilio.post(status.url, { ...status.params, CallStatus: 'no-answer' }, 'not-the-auth-token-0000000000000');
      assert.equal(forged.status, 403, 'signed with another token');
      const wrongKey = status.url.replace(/key=[0-9a-f]{32}/, `key=${'0'.repeat(32)}`);
      assert.equal((await twilio.post(wrongKey, status.params)).status, 403, 'the placement key must match');
      const unsigned = await fetch(`${desk.url}${status.url.slice(PUBLIC_URL.length)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(status.params).toString() });
      assert.equal(unsigned.status, 403);
      assert.equal((await eventsOf(ticketId)).length, before.length);
    });

    test("the customer does not answer: the agent hears so, the callback stays open and can be placed again; the agent's phone not answering says whose", async () => {
      const { id, ticketId } = await callbackFor('+8613800138003');
      twilio.phones.set('+8613800138003', 'no-answer');
      assert.equal((await call(cast.tokens.agentA, 'POST', `/api/v1/calls/callbacks/${id}/place`)).status, 200);
      const placed = twilio.calls.at(-1)!;
      await placed.done;
      assert.match(spoken(placed.dialAnswer!), /客户没有接听/);
      let cb = (await call(cast.tokens.agentA, 'GET', `/api/v1/calls/callbacks?ticket_id=${ticketId}`)).body.callbacks[0];
      assert.equal(cb.placement_status, 'customer_no_answer');
      assert.equal(cb.status, 'open');
      assert.equal(cb.placing, false);
      const unanswered = (await eventsOf(ticketId)).filter((e) => e.type === 'call.callback_unanswered');
      assert.equal(unanswered.length, 1);
      assert.equal(unanswered[0]!.data.party, 'customer');

      twilio.phones.set(AGENT_PHONE, 'busy');
      assert.equal((await call(cast.tokens.agentA, 'POST', `/api/v1/calls/callbacks/${id}/place`)).status, 200, 'placed again');
      await twilio.calls.at(-1)!.done;
      cb = (await call(cast.tokens.agentA, 'GET', `/api/v1/calls/callbacks?ticket_id=${ticketId}`)).body.callbacks[0];
      assert.equal(cb.placement_status, 'agent_busy');
      const last = (await eventsOf(ticketId)).filter((e) => e.type === 'call.callback_unanswered').at(-1)!;
      assert.equal(last.data.party, 'agent');
      twilio.phones.delete(AGENT_PHONE);
    });

    /** Everything the provider told the desk about the customer's leg of a placement (none when never dialled). */
    const customerLeg = (placed: PlacedCall) => twilio.deliveries.filter((d) => d.params.ParentCallSid === placed.sid || d.url.includes('/c2c/dial-done?') && d.params.CallSid === placed.sid);

    test("the agent's voicemail answers: nobody presses 1, the customer is never dialled, the placement ends agent_not_confirmed and can be tried again", async () => {
      const { id, ticketId } = await callbackFor('+8613800138008');
      twilio.phones.set(AGENT_PHONE, 'voicemail');
      try {
        assert.equal((await call(cast.tokens.agentA, 'POST', `/api/v1/calls/callbacks/${id}/place`)).status, 200);
        const placed = twilio.calls.at(-1)!;
        await placed.done;
        assert.equal(placed.digits, '', 'the Gather action was posted with no digits');
        assert.equal(findAll(placed.gatherAnswer!, 'Dial').length, 0);
        assert.match(spoken(placed.gatherAnswer!), /不会呼叫客户/);
        assert.ok(findAll(placed.gatherAnswer!, 'Hangup').length === 1);
        assert.deepEqual(customerLeg(placed), [], "the customer's phone never rang");
        const cb = (await call(cast.tokens.agentA, 'GET', `/api/v1/calls/callbacks?ticket_id=${ticketId}`)).body.callbacks[0];
        assert.equal(cb.placement_status, 'agent_not_confirmed');
        assert.equal(cb.status, 'open');
        assert.equal(cb.placing, false, 'freed for another try');
        const events = await eventsOf(ticketId);
        const types = events.map((e) => e.type).filter((t) => t.startsWith('call.callback_'));
        assert.deepEqual(types.slice(1), ['call.callback_placed', 'call.callback_ringing', 'call.callback_agent_answered', 'call.callback_not_confirmed']);
        const log = (await call(cast.tokens.agentA, 'GET', '/api/v1/calls/log')).body.calls as Array<{ call: { callback_id: string | null; outcome: string } }>;
        assert.equal(log.find((r) => r.call.callback_id === id)?.call.outcome, 'failed');

        // A 1 posted late (a replay, or forged into the voicemail's placement) dials nobody and writes nothing.
        const confirmUrl = find(placed.answer!, 'Gather').attrs.action!;
        const late = await twilio.post(confirmUrl, { CallSid: placed.sid, AccountSid: ACCOUNT_SID, CallStatus: 'in-progress', Digits: '1' });
        assert.equal(late.status, 200);
        assert.equal(findAll(parseTwiml(late.body), 'Dial').length, 0);
        assert.equal((await twilio.post(confirmUrl, { CallSid: placed.sid, Digits: '1' }, 'not-the-auth-token-0000000000000')).status, 403, 'forged');
        assert.equal((await twilio.post(confirmUrl.replace(/key=[0-9a-f]{32}/, `key=${'0'.repeat(32)}`), { CallSid: placed.sid, Digits: '1' })).status, 403, 'wrong key');
        assert.equal((await eventsOf(ticketId)).length, events.length);
      } finally {
        twilio.phones.delete(AGENT_PHONE);
      }
      // Tried again with the agent there: they press 1 and the customer is reached.
      assert.equal((await call(cast.tokens.agentA, 'POST', `/api/v1/calls/callbacks/${id}/place`)).status, 200);
      const again = twilio.calls.at(-1)!;
      await again.done;
      assert.equal(find(again.gatherAnswer!, 'Number').text, '+8613800138008');
      assert.equal((await call(cast.tokens.agentA, 'GET', `/api/v1/calls/callbacks?ticket_id=${ticketId}`)).body.callbacks[0].status, 'done');
    });

    test('a provider that ignores actionOnEmptyResult: the goodbye after the Gather hangs up, and the agent leg ending unconfirmed ends the placement', async () => {
      const { id, ticketId } = await callbackFor('+8613800138010');
      twilio.phones.set(AGENT_PHONE, 'voicemail');
      twilio.emptyGatherResult.honoured = false;
      try {
        assert.equal((await call(cast.tokens.agentA, 'POST', `/api/v1/calls/callbacks/${id}/place`)).status, 200);
        const placed = twilio.calls.at(-1)!;
        await placed.done;
        assert.equal(placed.gatherAnswer, null, 'no Gather action was posted');
        assert.deepEqual(customerLeg(placed), []);
        const cb = (await call(cast.tokens.agentA, 'GET', `/api/v1/calls/callbacks?ticket_id=${ticketId}`)).body.callbacks[0];
        assert.equal(cb.placement_status, 'agent_not_confirmed');
        assert.equal(cb.placing, false);
        assert.equal((await eventsOf(ticketId)).filter((e) => e.type === 'call.callback_not_confirmed').length, 1);
      } finally {
        twilio.phones.delete(AGENT_PHONE);
        twilio.emptyGatherResult.honoured = true;
      }
    });

    test('another key than 1 ends the placement unconfirmed; the customer is never dialled', async () => {
      const { id, ticketId } = await callbackFor('+8613800138009');
      twilio.keypad.set(AGENT_PHONE, '2');
      try {
        assert.equal((await call(cast.tokens.agentA, 'POST', `/api/v1/calls/callbacks/${id}/place`)).status, 200);
        const placed = twilio.calls.at(-1)!;
        await placed.done;
        assert.equal(placed.digits, '2');
        assert.equal(findAll(placed.gatherAnswer!, 'Dial').length, 0);
        assert.deepEqual(customerLeg(placed), []);
        const cb = (await call(cast.tokens.agentA, 'GET', `/api/v1/calls/callbacks?ticket_id=${ticketId}`)).body.callbacks[0];
        assert.equal(cb.placement_status, 'agent_not_confirmed');
        assert.equal(cb.placing, false);
        const notConfirmed = (await eventsOf(ticketId)).filter((e) => e.type === 'call.callback_not_confirmed');
        assert.equal(notConfirmed.length, 1);
        assert.equal(notConfirmed[0]!.data.status, 'agent_not_confirmed');
      } finally {
        twilio.keypad.delete(AGENT_PHONE);
      }
    });

    test('one placement at a time per callback, even when two start together', async () => {
      const { id } = await callbackFor('+8613800138004');
      hold.step = 'agent-answered';
      const both = await Promise.all([call(cast.tokens.admin, 'POST', `/api/v1/calls/callbacks/${id}/place`), call(cast.tokens.admin, 'POST', `/api/v1/calls/callbacks/${id}/place`)]);
      const statuses = both.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 409], JSON.stringify(both.map((r) => r.body)));
      assert.equal(both.find((r) => r.status === 409)!.body.error.details.reason, 'in_flight');
      await until('the call to ring the agent', () => hold.reached);
      const cb = (await call(cast.tokens.admin, 'GET', '/api/v1/calls/callbacks?status=open')).body.callbacks.find((c: { id: string }) => c.id === id);
      assert.equal(cb.placement_status, 'ringing', 'live status while the agent phone rings');
      assert.equal((await call(cast.tokens.admin, 'POST', `/api/v1/calls/callbacks/${id}/place`)).status, 409, 'still in flight');
      hold.step = null;
      hold.release?.();
      await hold.reached!.done;
      hold.reached = null;
    });

    test('guards: no own number, a callback of another brand, the provider refusing (4xx) or failing (5xx)', async () => {
      const { id, ticketId } = await callbackFor('+8613800138005');
      const noNumber = await call(cast.tokens.supervisorA, 'POST', `/api/v1/calls/callbacks/${id}/place`);
      assert.equal(noNumber.status, 409);
      assert.equal(noNumber.body.error.details.reason, 'no_agent_phone');
      assert.match(noNumber.body.error.message, /profile/);
      assert.equal((await call(cast.tokens.agentB, 'POST', `/api/v1/calls/callbacks/${id}/place`)).status, 404);

      twilio.phones.set(ADMIN_PHONE, 'invalid');
      const refused = await call(cast.tokens.admin, 'POST', `/api/v1/calls/callbacks/${id}/place`);
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.error.details.reason, 'provider_refused');
      assert.equal(refused.body.error.details.provider_code, 21211);
      assert.match(refused.body.error.message, /refused the call: The 'To' number \+8613912340002 is not a valid phone number\. \(error 21211\)/);
      assert.equal(refused.body.error.details.more_info, 'https://www.twilio.com/docs/errors/21211');
      twilio.phones.delete(ADMIN_PHONE);

      twilio.failNext.status = 503;
      const failed = await call(cast.tokens.admin, 'POST', `/api/v1/calls/callbacks/${id}/place`);
      assert.equal(failed.status, 503);
      assert.match(failed.body.error.message, /refused the call/);

      const cb = (await call(cast.tokens.agentA, 'GET', `/api/v1/calls/callbacks?ticket_id=${ticketId}`)).body.callbacks[0];
      assert.equal(cb.placing, false, 'a refused placement frees the callback');
      assert.equal(cb.placement_status, 'failed');
      assert.equal((await eventsOf(ticketId)).filter((e) => e.type === 'call.callback_place_failed').length, 2);
      assert.equal((await call(cast.tokens.admin, 'POST', '/api/v1/calls/callbacks/not-an-id/place')).status, 404);
    });

    test('placements are rate-limited per agent', async () => {
      const { id } = await callbackFor('+8613800138006');
      const seen: number[] = [];
      for (let i = 0; i < 12; i++) seen.push((await call(cast.tokens.supervisorA, 'POST', `/api/v1/calls/callbacks/${id}/place`)).status);
      assert.ok(seen.includes(429), JSON.stringify(seen));
      // Ten a minute, counting the supervisor's placement in the guards test.
      const allowed = seen.indexOf(429);
      assert.ok(allowed > 0 && allowed <= 10, JSON.stringify(seen));
      assert.ok(seen.slice(allowed).every((s) => s === 429), 'refused from then on');
      assert.ok(seen.slice(0, seen.indexOf(429)).every((s) => s === 409), 'refused for having no number until the limit');
    });
  });
}

describe('click-to-call without the provider account', () => {
  test('placing says which setting is missing', async () => {
    const desk = await startPhoneDesk('sqlite', { voice: false });
    try {
      const cast = await seedCast(desk.deps);
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [LINE_A] })).status, 200);
      await api(desk, cast.tokens.agentA, 'PUT', `/api/v1/calls/agents/${cast.agentA.id}/phone`, { phone: AGENT_PHONE });
      const c = desk.sim.call('+8613800138007', LINE_A);
      const first = await c.start();
      const lang = await c.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '2' });
      await c.follow(find(lang.doc!, 'Gather').attrs.action!, { Digits: '4' });
      const record = await desk.deps.store.calls.getBySid(c.sid);
      const made = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/calls/callbacks', { ticket_id: record!.ticketId });
      const res = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/calls/callbacks/${made.body.id}/place`);
      assert.equal(res.status, 503);
      assert.match(res.body.error.message, /TWILIO_ACCOUNT_SID/);
      assert.doesNotMatch(res.body.error.message, /TWILIO_AUTH_TOKEN/, 'the token is set: only the SID is named');
    } finally {
      await desk.close();
    }
  });
});
