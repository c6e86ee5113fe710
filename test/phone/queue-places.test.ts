/**
 * Places in the queue, once per database: each brand's hotline is its own queue (its emergencies first), so two
 * callers waiting on two brands are each first in theirs, while a caller behind an emergency of the same brand
 * is second. The console (GET /calls/queue) and what each caller hears while waiting (the wait step's TwiML)
 * agree, and the console says how many wait in that queue. Webhooks signed as Twilio does, over HTTP.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, type Cast } from '../helpers/desk.js';
import { find, PUBLIC_URL, spoken, startPhoneDesk, type PhoneDesk, type SimCall } from './twilio-sim.js';

const LINE_A = '+14155550100';
const LINE_B = '+14155550200';

/** Calls a line, picks English and a menu option, and returns the call once it waits in the queue. */
async function queueCall(desk: PhoneDesk, from: string, line: string, menuDigit: string): Promise<SimCall> {
  const call = desk.sim.call(from, line);
  const first = await call.start();
  assert.equal(first.status, 200, first.body);
  const lang = await call.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '2' });
  const menu = await call.follow(find(lang.doc!, 'Gather').attrs.action!, { Digits: menuDigit });
  assert.ok(find(menu.doc!, 'Enqueue'));
  return call;
}

/** What the caller hears on the provider's wait loop (Enqueue's waitUrl). */
async function heardPlace(call: SimCall): Promise<number> {
  const wait = await call.follow(`${PUBLIC_URL}/hooks/voice/twilio/wait`, { QueueSid: 'QU0123456789abcdef0123456789abcdef', QueuePosition: '1', QueueTime: '5', CurrentQueueSize: '1', MaxQueueSize: '100' });
  assert.equal(wait.status, 200, wait.body);
  const place = /You are number (\d+) in line/.exec(spoken(wait.doc!));
  assert.ok(place, spoken(wait.doc!));
  return Number(place[1]);
}

for (const dialect of DIALECTS) {
  describe(`places in the queue on ${dialect}`, () => {
    let desk: PhoneDesk;
    let cast: Cast;

    before(async () => {
      desk = await startPhoneDesk(dialect);
      cast = await seedCast(desk.deps);
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [LINE_A] })).status, 200);
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandB.id}`, { phone_numbers: [LINE_B] })).status, 200);
    });
    after(async () => desk.close());

    test('each brand is its own queue, emergencies first; the console and the callers agree', async () => {
      const aNormal = await queueCall(desk, '+8613800138001', LINE_A, '2');
      const bNormal = await queueCall(desk, '+8613800138002', LINE_B, '2');
      const aUrgent = await queueCall(desk, '+8613800138003', LINE_A, '1');
      const bSecond = await queueCall(desk, '+8613800138004', LINE_B, '3');

      const queue = await api(desk, cast.tokens.admin, 'GET', '/api/v1/calls/queue');
      assert.equal(queue.status, 200);
      type Entry = { call: { call_sid: string; brand_id: string }; position: number; queue_size: number };
      const place = (call: SimCall) => {
        const e = (queue.body.calls as Entry[]).find((q) => q.call.call_sid === call.sid)!;
        return [e.position, e.queue_size];
      };
      assert.deepEqual(place(aUrgent), [1, 2], 'the emergency is first in its brand');
      assert.deepEqual(place(aNormal), [2, 2], 'behind the emergency of the same brand');
      assert.deepEqual(place(bNormal), [1, 2], 'first in the other brand, whatever brand A holds');
      assert.deepEqual(place(bSecond), [2, 2]);

      // An agent of one brand sees its queue alone, with the same places.
      const mine = await api(desk, cast.tokens.agentB, 'GET', '/api/v1/calls/queue');
      assert.deepEqual(
        (mine.body.calls as Entry[]).map((q) => [q.call.call_sid, q.position, q.queue_size]),
        [[bNormal.sid, 1, 2], [bSecond.sid, 2, 2]],
      );
      // Filtering by brand does not renumber either.
      const filtered = await api(desk, cast.tokens.admin, 'GET', `/api/v1/calls/queue?brand_id=${cast.brandA.id}`);
      assert.deepEqual((filtered.body.calls as Entry[]).map((q) => q.position), [1, 2]);

      // The callers hear the place the console shows.
      assert.deepEqual([await heardPlace(aUrgent), await heardPlace(aNormal), await heardPlace(bNormal), await heardPlace(bSecond)], [1, 2, 1, 2]);
    });
  });
}
