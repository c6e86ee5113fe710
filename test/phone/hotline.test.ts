/**
 * The phone hotline end to end, once per database: Twilio's webhooks posted as Twilio posts them (signed form
 * requests), the TwiML answers parsed as XML and their action URLs followed, and the results read back through
 * the API.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, type Cast } from '../helpers/desk.js';
import { find, findAll, PUBLIC_URL, spoken, startPhoneDesk, type PhoneDesk, type SimCall } from './twilio-sim.js';

const LINE_A = '+14155550100';
const LINE_B = '+14155550199';

for (const dialect of DIALECTS) {
  describe(`phone hotline on ${dialect}`, () => {
    let desk: PhoneDesk;
    let cast: Cast;
    // 2026-03-02 is a Monday; 03:00 UTC is 11:00 in Shanghai.
    const clock = new ManualClock('2026-03-02T03:00:00.000Z');
    let callerSeq = 0;
    const newCaller = () => `+8613800${String(138000 + ++callerSeq).padStart(6, '0')}`;

    before(async () => {
      desk = await startPhoneDesk(dialect, { clock });
      cast = await seedCast(desk.deps);
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [LINE_A] })).status, 200);
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandB.id}`, { phone_numbers: [LINE_B] })).status, 200);
    });
    after(async () => desk.close());

    const ticketOf = async (sid: string) => {
      const call = await desk.deps.store.calls.getBySid(sid);
      assert.ok(call?.ticketId, 'the call has a ticket');
      const res = await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets/${call.ticketId}`);
      assert.equal(res.status, 200);
      return res.body;
    };
    const eventsOf = async (ticketId: string) => (await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets/${ticketId}/events?limit=500`)).body.events as Array<{ type: string; data: Record<string, unknown> }>;

    /** Calls line A, picks English and a menu option; returns the call and the menu's answer. */
    async function callAndChoose(menuDigit: string, from = newCaller(), to = LINE_A) {
      const call = desk.sim.call(from, to);
      const first = await call.start();
      const lang = await call.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '2' });
      const menu = await call.follow(find(lang.doc!, 'Gather').attrs.action!, { Digits: menuDigit });
      return { call, menu };
    }

    /** The provider's wait loop for a queued call. */
    const hold = (call: SimCall, position = '1') =>
      call.follow(`${PUBLIC_URL}/hooks/voice/twilio/wait`, { QueueSid: 'QU0123456789abcdef0123456789abcdef', QueuePosition: position, QueueTime: '5', AvgQueueTime: '5', CurrentQueueSize: position, MaxQueueSize: '100' });

    test('the contract: a signed incoming call gets a language <Gather>; 2 then 1 leaves an urgent security phone ticket for the caller\'s number', async () => {
      const from = '+8613800138000';
      const call = desk.sim.call(from, LINE_A);
      const first = await call.start();
      assert.equal(first.status, 200);
      assert.match(first.contentType, /^text\/xml/);
      const gather = find(first.doc!, 'Gather');
      assert.equal(gather.attrs.numDigits, '1');
      assert.ok(gather.attrs.action!.startsWith(`${PUBLIC_URL}/hooks/voice/twilio/`), 'absolute action URL under PUBLIC_URL');
      const says = findAll(gather, 'Say');
      assert.deepEqual(says.map((s) => s.attrs.language), ['zh-CN', 'en-US']);
      assert.match(says[0]!.text, /普通话.*1/);
      assert.match(says[1]!.text, /English, press 2/);

      const menu = await call.follow(gather.attrs.action!, { Digits: '2' });
      assert.equal(menu.status, 200);
      assert.match(spoken(menu.doc!), /We will never ask for your recovery phrase or private key\. Anyone who does is not us\./);
      const menuGather = find(menu.doc!, 'Gather');
      assert.match(spoken(menuGather), /press 1.*press 2.*press 3.*press 4.*press 0/s);

      const urgent = await call.follow(menuGather.attrs.action!, { Digits: '1' });
      assert.equal(urgent.status, 200);
      const enqueue = find(urgent.doc!, 'Enqueue');
      assert.match(enqueue.text, /-urgent$/, 'emergencies wait in their own queue');
      assert.ok(enqueue.attrs.waitUrl && enqueue.attrs.action);

      const list = await api(desk, cast.tokens.agentA, 'GET', '/api/v1/tickets?channel=phone');
      assert.equal(list.status, 200);
      const ticket = list.body.tickets.find((t: { requester: { phone: string } }) => t.requester.phone === from);
      assert.ok(ticket, 'a phone ticket for the caller\'s number');
      assert.equal(ticket.priority, 'urgent');
      assert.equal(ticket.category, 'security');
      assert.equal(ticket.channel, 'phone');
      assert.equal(ticket.brand_id, cast.brandA.id, 'the dialled number picks the brand');
      assert.match(spoken(urgent.doc!), new RegExp(`case number is ${String(ticket.number).split('').join(' ')}`));
      const types = (await eventsOf(ticket.id)).map((e) => e.type);
      for (const t of ['call.received', 'call.language_chosen', 'call.menu_chosen', 'call.queued']) assert.ok(types.includes(t), t);
      await call.follow(enqueue.attrs.action!, { QueueResult: 'hangup', QueueTime: '2' });
    });

    test('a number set up in Admin → Channels (a phone channel account) picks its brand, and a caller showing it is flagged', async () => {
      const line = '+493055550777';
      const made = await api(desk, cast.tokens.admin, 'POST', '/api/v1/channel-accounts', { brand_id: cast.brandA.id, kind: 'phone', name: 'Berlin line', settings: { number: line } });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const { call } = await callAndChoose('3', newCaller(), line);
      assert.equal((await ticketOf(call.sid)).brand_id, cast.brandA.id, 'the account\'s brand, not the first one');
      const spoof = desk.sim.call(line, LINE_A);
      await spoof.start();
      assert.equal((await desk.deps.store.calls.getBySid(spoof.sid))?.spoofed, true, 'the provider\'s own number as caller id');
      // A disabled account no longer claims the number: the call goes to the default brand.
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/channel-accounts/${made.body.id}`, { enabled: false })).status, 200);
      const after = await callAndChoose('3', newCaller(), line);
      assert.notEqual((await ticketOf(after.call.sid)).brand_id, cast.brandA.id);
    });

    test('a missing or wrong signature gets 403 and records nothing', async () => {
      const before = (await api(desk, cast.tokens.admin, 'GET', '/api/v1/tickets?channel=phone&limit=100')).body.tickets.length;
      const call = desk.sim.call(newCaller(), LINE_A);
      const params = call.params();
      const url = `${PUBLIC_URL}/hooks/voice/twilio`;
      assert.equal((await desk.sim.post(url, params, { signature: null })).status, 403);
      assert.equal((await desk.sim.post(url, params, { signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' })).status, 403);
      assert.equal((await desk.sim.post(url, params, { token: 'another-accounts-token-000000000' })).status, 403);
      // Signed for another URL (a replay onto a different step) is refused too.
      const { twilioSignature } = await import('../../src/channels/phone/signature.js');
      const elsewhere = twilioSignature(desk.sim.token, `${PUBLIC_URL}/hooks/voice/twilio/status`, params);
      assert.equal((await desk.sim.post(url, params, { signature: elsewhere })).status, 403);
      assert.equal(await desk.deps.store.calls.getBySid(call.sid), null);
      // An action URL with a bad signature changes nothing either.
      const ok = await call.start();
      assert.equal(ok.status, 200);
      const action = find(ok.doc!, 'Gather').attrs.action!;
      assert.equal((await desk.sim.post(action, call.params({ Digits: '2' }), { signature: 'bm9wZQ==' })).status, 403);
      assert.equal((await desk.deps.store.calls.getBySid(call.sid))!.state, 'language');
      const afterCount = (await api(desk, cast.tokens.admin, 'GET', '/api/v1/tickets?channel=phone&limit=100')).body.tickets.length;
      assert.equal(afterCount, before);
    });

    test('a retried webhook (the same CallSid again) creates no second call, ticket or timeline entry', async () => {
      const call = desk.sim.call(newCaller(), LINE_A);
      const a = await call.start();
      const b = await call.start();
      assert.equal(a.body, b.body, 'the retry gets the same answer');
      const lang1 = await call.follow(find(a.doc!, 'Gather').attrs.action!, { Digits: '2' });
      const lang2 = await call.follow(find(a.doc!, 'Gather').attrs.action!, { Digits: '2' });
      assert.equal(lang1.body, lang2.body);
      const menuAction = find(lang1.doc!, 'Gather').attrs.action!;
      const m1 = await call.follow(menuAction, { Digits: '2' });
      const [m2, m3] = await Promise.all([call.follow(menuAction, { Digits: '2' }), call.follow(menuAction, { Digits: '2' })]);
      assert.equal(m1.body, m2.body);
      assert.equal(m1.body, m3.body);
      const ticket = await ticketOf(call.sid);
      assert.equal(ticket.messages.filter((m: { author: { type: string } }) => m.author.type === 'customer').length, 1, 'one call message');
      const events = await eventsOf(ticket.id);
      for (const type of ['call.received', 'call.language_chosen', 'call.menu_chosen', 'call.queued']) {
        assert.equal(events.filter((e) => e.type === type).length, 1, type);
      }
      assert.equal(events.filter((e) => e.type === 'ticket.created').length, 1);
      await call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '3' });
      await call.end();
      await call.end();
      const after = await eventsOf(ticket.id);
      assert.equal(after.filter((e) => e.type === 'call.ended').length, 1);
      assert.equal(after.filter((e) => e.type === 'call.abandoned').length, 1);
    });

    test('queue answered: the caller hears their place, an agent takes the call, and waiting and talking go into the history', async () => {
      const { call, menu } = await callAndChoose('2');
      assert.ok(find(menu.doc!, 'Enqueue'));
      const wait = await hold(call);
      assert.equal(wait.status, 200);
      const waitGather = find(wait.doc!, 'Gather');
      assert.match(spoken(waitGather), /You are number \d+ in line\. The estimated wait is about \d+ minutes?\./);
      assert.match(spoken(waitGather), /called back.*press 1/);

      const queue = await api(desk, cast.tokens.agentA, 'GET', '/api/v1/calls/queue');
      assert.equal(queue.body.take_available, true, "the simulator's REST API is configured");
      assert.equal(queue.status, 200);
      const mine = queue.body.calls.find((q: { call: { call_sid: string } }) => q.call.call_sid === call.sid);
      assert.ok(mine, 'the console sees the waiting call');
      assert.equal((await api(desk, cast.tokens.agentB, 'GET', '/api/v1/calls/queue')).body.calls.some((q: { call: { call_sid: string } }) => q.call.call_sid === call.sid), false, 'another brand\'s agent does not');
      assert.equal((await api(desk, cast.tokens.agentB, 'POST', `/api/v1/calls/${mine.call.id}/take`)).status, 404);

      const taken = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/calls/${mine.call.id}/take`);
      assert.equal(taken.status, 200, JSON.stringify(taken.body));
      assert.equal(taken.body.state, 'connecting');
      assert.equal((await api(desk, cast.tokens.supervisorA, 'POST', `/api/v1/calls/${mine.call.id}/take`)).status, 409, 'one call, one agent');
      const transferring = await hold(call);
      assert.equal(find(transferring.doc!, 'Pause').attrs.length, '5', 'while being transferred the wait loop is quiet, not a tight loop');

      const rest = desk.rest.at(-1)!;
      assert.match(rest.url, new RegExp(`/2010-04-01/Accounts/AC[0-9a-f]{32}/Queues/QU[0-9a-f]{32}/Members/${call.sid}\\.json$`));
      assert.equal(rest.authorization, `Basic ${Buffer.from(`AC0123456789abcdef0123456789abcdef:${desk.sim.token}`).toString('base64')}`);
      assert.equal(rest.form.get('Method'), 'POST');

      await call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'redirected', QueueTime: '30', QueueSid: 'QU0123456789abcdef0123456789abcdef' });
      const connect = await call.follow(rest.form.get('Url')!, { QueueSid: 'QU0123456789abcdef0123456789abcdef', QueueTime: '30' });
      const dial = find(connect.doc!, 'Dial');
      assert.equal(find(dial, 'Client').text, `agent_${cast.agentA.id.replace(/-/g, '')}`);
      const done = await call.follow(dial.attrs.action!, { DialCallStatus: 'completed', DialCallDuration: '95', DialCallSid: 'CAagentleg' });
      assert.ok(find(done.doc!, 'Hangup'));
      await call.end('completed', '140');

      const ticket = await ticketOf(call.sid);
      assert.equal(ticket.assignee_id, cast.agentA.id, 'the agent who took the call holds its ticket');
      assert.equal(ticket.category, 'transaction');
      const events = await eventsOf(ticket.id);
      const answered = events.find((e) => e.type === 'call.answered')!;
      assert.equal(answered.data.waited_seconds, 30);
      assert.equal(answered.data.talked_seconds, 95);
      const ended = events.find((e) => e.type === 'call.ended')!;
      assert.equal(ended.data.outcome, 'answered');
      assert.equal(ended.data.duration_seconds, 140);
      const record = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/calls/${mine.call.id}`);
      assert.equal(record.body.call.outcome, 'answered');
      assert.equal(record.body.call.talk_seconds, 95);
    });

    test('an agent who does not answer puts the caller back in their place; a provider failure leaves the call waiting', async () => {
      const { call } = await callAndChoose('3');
      await hold(call);
      const id = (await desk.deps.store.calls.getBySid(call.sid))!.id;
      desk.restFailure.status = 503;
      const failed = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/calls/${id}/take`);
      desk.restFailure.status = null;
      assert.equal(failed.status, 503);
      assert.equal((await desk.deps.store.calls.get(id))!.state, 'queued');

      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/calls/${id}/take`)).status, 200);
      const connect = await call.follow(desk.rest.at(-1)!.form.get('Url')!);
      const missed = await call.follow(find(connect.doc!, 'Dial').attrs.action!, { DialCallStatus: 'no-answer', DialCallDuration: '0' });
      assert.ok(find(missed.doc!, 'Enqueue'), 'back into the queue');
      assert.match(spoken(missed.doc!), /keep your place/);
      assert.equal((await desk.deps.store.calls.get(id))!.state, 'queued');
      await call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '50' });
      const types = (await eventsOf((await ticketOf(call.sid)).id)).map((e) => e.type);
      for (const t of ['call.take_failed', 'call.taken', 'call.agent_missed', 'call.abandoned']) assert.ok(types.includes(t), t);
    });

    test('an emergency goes to the front of the queue, ahead of callers who came earlier', async () => {
      const early = await callAndChoose('4');
      const emergency = await callAndChoose('1');
      const queue = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/calls/queue?brand_id=${cast.brandA.id}`)).body.calls as Array<{ call: { call_sid: string; emergency: boolean }; position: number }>;
      const sids = queue.map((q) => q.call.call_sid);
      assert.ok(sids.indexOf(emergency.call.sid) < sids.indexOf(early.call.sid));
      assert.equal(queue[0]!.call.emergency, true);
      assert.match(spoken((await hold(emergency.call)).doc!), /You are number 1 in line/);
      for (const c of [early.call, emergency.call]) await c.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '1' });
    });

    test('queue abandoned: a caller who hangs up while waiting is recorded as abandoned, with the time waited', async () => {
      const { call } = await callAndChoose('0');
      await hold(call);
      const exit = await call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '42' });
      assert.equal(exit.status, 200);
      await call.end('completed', '70');
      const events = await eventsOf((await ticketOf(call.sid)).id);
      assert.equal(events.find((e) => e.type === 'call.abandoned')!.data.waited_seconds, 42);
      assert.equal(events.find((e) => e.type === 'call.ended')!.data.outcome, 'abandoned');
      assert.equal((await desk.deps.store.calls.getBySid(call.sid))!.outcome, 'abandoned');
    });

    test('callback: the caller presses 1 while waiting, confirms their number on the keypad, and leaves the queue', async () => {
      const from = newCaller();
      const { call } = await callAndChoose('2', from);
      const wait = await hold(call);
      const offer = await call.follow(find(wait.doc!, 'Gather').attrs.action!, { Digits: '1' });
      const confirm = find(offer.doc!, 'Gather');
      assert.match(spoken(confirm), new RegExp(`ending in ${from.slice(-4).split('').join(' ')}\\. To confirm, press 1`));
      const leave = await call.follow(confirm.attrs.action!, { Digits: '1' });
      assert.ok(find(leave.doc!, 'Leave'));
      const bye = await call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'leave', QueueTime: '20' });
      assert.match(spoken(bye.doc!), /call you back/);
      assert.ok(find(bye.doc!, 'Hangup'));

      const open = await api(desk, cast.tokens.agentA, 'GET', '/api/v1/calls/callbacks?status=open');
      const request = open.body.callbacks.find((c: { phone: string }) => c.phone === from);
      assert.ok(request, 'the console lists the callback to make');
      assert.equal((await api(desk, cast.tokens.agentB, 'POST', `/api/v1/calls/callbacks/${request.id}/done`)).status, 404);
      const done = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/calls/callbacks/${request.id}/done`);
      assert.equal(done.status, 200);
      assert.equal(done.body.status, 'done');
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/calls/callbacks/${request.id}/done`)).status, 409);
      const types = (await eventsOf((await ticketOf(call.sid)).id)).map((e) => e.type);
      for (const t of ['call.callback_requested', 'call.left_queue', 'call.callback_done']) assert.ok(types.includes(t), t);
      assert.equal((await desk.deps.store.calls.getBySid(call.sid))!.outcome, 'callback');
    });

    test('declining the callback keeps the caller waiting', async () => {
      const { call } = await callAndChoose('2');
      const wait = await hold(call);
      const offer = await call.follow(find(wait.doc!, 'Gather').attrs.action!, { Digits: '1' });
      const stay = await call.follow(find(offer.doc!, 'Gather').attrs.action!, { Digits: '2' });
      assert.deepEqual(stay.doc!.children, [], 'an empty answer returns the caller to the wait loop');
      assert.equal((await desk.deps.store.calls.getBySid(call.sid))!.state, 'queued');
      await call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '9' });
    });

    test('voicemail after hours: outside the brand\'s hours the caller records a message; recording and transcript join the ticket', async () => {
      const hours = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };
      const set = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/calls/settings/${cast.brandA.id}`, { hours, holidays: ['2026-10-01'] });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      try {
        clock.set('2026-03-02T12:30:00.000Z'); // Monday 20:30 in Shanghai
        const { call, menu } = await callAndChoose('2');
        assert.match(spoken(menu.doc!), /not available right now/);
        const record = find(menu.doc!, 'Record');
        assert.equal(record.attrs.recordingStatusCallback, `${PUBLIC_URL}/hooks/voice/twilio/recording`);
        assert.equal(record.attrs.transcribeCallback, `${PUBLIC_URL}/hooks/voice/twilio/transcript`);
        assert.equal(record.attrs.transcribe, 'true');
        const recording = 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Recordings/RE0123456789abcdef0123456789abcdef';
        const thanks = await call.follow(record.attrs.action!, { RecordingUrl: recording, RecordingDuration: '17', Digits: '#' });
        assert.match(spoken(thanks.doc!), /We have your message/);
        assert.ok(find(thanks.doc!, 'Hangup'));
        await call.follow(record.attrs.recordingStatusCallback!, { RecordingSid: 'RE0123456789abcdef0123456789abcdef', RecordingUrl: recording, RecordingStatus: 'completed', RecordingDuration: '17', RecordingChannels: '1', RecordingSource: 'RecordVerb' });
        await call.follow(record.attrs.transcribeCallback!, { TranscriptionSid: 'TR1', TranscriptionText: 'Hi, my withdrawal from yesterday never arrived, please call me.', TranscriptionStatus: 'completed', RecordingSid: 'RE0123456789abcdef0123456789abcdef', RecordingUrl: recording });
        await call.end('completed', '45');

        const ticket = await ticketOf(call.sid);
        const bodies = ticket.messages.map((m: { body: string }) => m.body);
        assert.equal(bodies.filter((b: string) => b.includes(recording)).length, 1, 'the recording link, once');
        assert.ok(bodies.some((b: string) => b.includes('withdrawal from yesterday never arrived')), 'the transcript as the customer\'s words');
        const events = await eventsOf(ticket.id);
        assert.equal(events.find((e) => e.type === 'call.voicemail_offered')!.data.reason, 'closed');
        assert.equal(events.find((e) => e.type === 'call.voicemail_recorded')!.data.recording_url, recording);
        assert.equal(events.find((e) => e.type === 'call.ended')!.data.outcome, 'voicemail');

        clock.set('2026-10-01T03:00:00.000Z'); // a Thursday, 11:00 in Shanghai, but a holiday
        const holiday = await callAndChoose('3');
        assert.ok(find(holiday.menu.doc!, 'Record'), 'a holiday is closed all day');
        const emergency = await callAndChoose('1');
        assert.ok(find(emergency.menu.doc!, 'Enqueue'), 'on-call agents still take emergencies outside hours');
        await emergency.call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '1' });
      } finally {
        clock.set('2026-03-02T03:00:00.000Z');
        await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/calls/settings/${cast.brandA.id}`, { hours: null, holidays: [] });
      }
    });

    test('a NUL character in a signed webhook field is accepted (the signature still matches) and not stored', async () => {
      const { call } = await callAndChoose('3');
      const t = await call.follow(`${PUBLIC_URL}/hooks/voice/twilio/transcript`, { TranscriptionSid: 'TR2', TranscriptionText: 'my app\u0000 crashes', TranscriptionStatus: 'completed', RecordingSid: 'RE0123456789abcdef0123456789abcdef' });
      assert.equal(t.status, 200);
      await call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '1' });
      const ticket = await ticketOf(call.sid);
      assert.ok(ticket.messages.some((m: { body: string }) => m.body === 'my app crashes'), JSON.stringify(ticket.messages.map((m: { body: string }) => m.body)));
    });

    test('a full queue sends new callers to voicemail, but never an emergency', async () => {
      await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/calls/settings/${cast.brandA.id}`, { max_queue: 0 });
      try {
        const full = await callAndChoose('2');
        assert.match(spoken(full.menu.doc!), /All our agents are busy/);
        assert.ok(find(full.menu.doc!, 'Record'));
        const emergency = await callAndChoose('1');
        assert.ok(find(emergency.menu.doc!, 'Enqueue'));
        await emergency.call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '1' });
      } finally {
        await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/calls/settings/${cast.brandA.id}`, { max_queue: 10 });
      }
    });

    test('a call claiming to come from the provider\'s own number is flagged as spoofed caller id', async () => {
      const { call } = await callAndChoose('1', LINE_B, LINE_A);
      const ticket = await ticketOf(call.sid);
      assert.ok(ticket.tags.includes('spoofed-caller-id'));
      const flagged = (await eventsOf(ticket.id)).find((e) => e.type === 'call.flagged');
      assert.equal(flagged?.data.reason, 'spoofed_caller_id');
      assert.equal((await desk.deps.store.calls.getBySid(call.sid))!.spoofed, true);
      const wait = await hold(call);
      assert.doesNotMatch(spoken(wait.doc!), /called back/, 'no callback to a number that is not the caller\'s');
      await call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '1' });
    });

    test('every call leaves a ticket: a caller who hangs up in the menu gets a missed-call ticket', async () => {
      const from = newCaller();
      const call = desk.sim.call(from, LINE_A);
      await call.start();
      await call.end('completed', '8');
      const ticket = await ticketOf(call.sid);
      assert.equal(ticket.requester.phone, from);
      assert.ok(ticket.tags.includes('missed-call'));
      const types = (await eventsOf(ticket.id)).map((e) => e.type);
      assert.ok(types.includes('call.received') && types.includes('call.ended'));
      assert.equal((await desk.deps.store.calls.getBySid(call.sid))!.outcome, 'hung_up_in_menu');
    });

    test('a missed call is not triaged as a security report, in English and in Chinese: low priority, category "other"', async () => {
      const en = desk.sim.call(newCaller(), LINE_A);
      await en.start();
      await en.end('completed', '3');
      const zh = desk.sim.call(newCaller(), LINE_A);
      const first = await zh.start();
      await zh.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '1' });
      await zh.end('completed', '6');
      for (const [call, subject] of [[en, 'Missed call'], [zh, '未接通的来电']] as const) {
        const ticket = await ticketOf(call.sid);
        assert.equal(ticket.subject, subject);
        assert.equal(ticket.category, 'other');
        assert.equal(ticket.priority, 'low');
        const triaged = (await eventsOf(ticket.id)).find((e) => e.type === 'ticket.triaged');
        assert.deepEqual(triaged?.data.reasons, ['written by the desk, not the customer: not triaged']);
      }
    });

    test('a menu choice sets the category; the menu\'s own words are not triaged (only "stolen" is urgent)', async () => {
      for (const digit of ['2', '3', '4']) {
        const { call } = await callAndChoose(digit);
        await call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '1' });
        const ticket = await ticketOf(call.sid);
        assert.notEqual(ticket.category, 'security', `digit ${digit}`);
        assert.equal(ticket.priority, 'normal', `digit ${digit}`);
      }
    });

    test('a caller of an open ticket of the same kind joins it, and the caller\'s number finds the customer', async () => {
      const from = newCaller();
      const first = await callAndChoose('3', from);
      await first.call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '1' });
      const second = await callAndChoose('3', from);
      await second.call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '1' });
      const a = await ticketOf(first.call.sid);
      const b = await ticketOf(second.call.sid);
      assert.equal(a.id, b.id);
      assert.equal(b.messages.filter((m: { author: { type: string } }) => m.author.type === 'customer').length, 2);
      const other = await callAndChoose('4', from);
      await other.call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '1' });
      const c = await ticketOf(other.call.sid);
      assert.notEqual(c.id, a.id, 'another kind of problem is another ticket');
      assert.equal(c.requester.id, a.requester.id, 'the same customer');
    });

    test('in Chinese: 1 picks 中文, a wrong key replays the menu, and a brand default language skips the question', async () => {
      const call = desk.sim.call(newCaller(), LINE_A);
      const first = await call.start();
      const zh = await call.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '1' });
      assert.equal(find(zh.doc!, 'Say').attrs.language, 'zh-CN');
      assert.match(spoken(zh.doc!), /我们绝不会向您索要助记词或私钥/);
      const again = await call.follow(find(zh.doc!, 'Gather').attrs.action!, { Digits: '7' });
      assert.match(spoken(again.doc!), /抱歉，没有这个选项/);
      assert.match(find(again.doc!, 'Gather').attrs.action!, /attempt=2/);
      const silent = await call.follow(find(again.doc!, 'Redirect').text);
      assert.match(find(silent.doc!, 'Gather').attrs.action!, /attempt=3/, 'no key at all: asked again');
      const queued = await call.follow(find(silent.doc!, 'Gather').attrs.action!, { Digits: '2' });
      assert.match(spoken(queued.doc!), /请稍候/);
      assert.equal((await ticketOf(call.sid)).language, 'zh-CN');
      await call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '1' });

      await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/calls/settings/${cast.brandB.id}`, { ivr_language: 'en' });
      const direct = await desk.sim.call(newCaller(), LINE_B).start();
      assert.match(spoken(direct.doc!), /We will never ask/);
      assert.match(find(direct.doc!, 'Gather').attrs.action!, /\/menu\?attempt=1$/);
    });

    test('hotline settings: admins change them, others may read, and bad values are refused', async () => {
      assert.equal((await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/calls/settings/${cast.brandA.id}`, { max_queue: 3 })).status, 403);
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', `/api/v1/calls/settings/${cast.brandA.id}`)).status, 200);
      assert.equal((await api(desk, cast.tokens.agentB, 'GET', `/api/v1/calls/settings/${cast.brandA.id}`)).status, 404);
      const bad = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/calls/settings/${cast.brandA.id}`, { hours: { mon: [['18:00', '09:00']] } });
      assert.equal(bad.status, 400);
      const prompts = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/calls/settings/${cast.brandA.id}`, { prompts: { en: { warning: 'http://insecure.example/w.mp3' } } });
      assert.equal(prompts.status, 400);
      const recorded = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/calls/settings/${cast.brandA.id}`, { prompts: { en: { warning: 'https://cdn.example.com/warning-en.mp3' } } });
      assert.equal(recorded.status, 200);
      try {
        const call = desk.sim.call(newCaller(), LINE_A);
        const first = await call.start();
        const menu = await call.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '2' });
        assert.equal(find(menu.doc!, 'Play').text, 'https://cdn.example.com/warning-en.mp3', 'the brand\'s recording replaces the spoken warning');
      } finally {
        await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/calls/settings/${cast.brandA.id}`, { prompts: {} });
      }
    });
  });
}
