/**
 * Issue 19, once per database, through Twilio's signed webhooks: the call log lists calls newest first with their
 * menu choice, outcome, duration and ticket number, only for the agent's brands, in pages; an agent adds a
 * callback task from a phone ticket, it shows in the Callbacks list, is marked done, and can be asked for again;
 * a ticket without a callable number says so.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, type Cast } from '../helpers/desk.js';
import { find, startPhoneDesk, type PhoneDesk } from './twilio-sim.js';

const LINE_A = '+14155550100';
const LINE_B = '+14155550199';

for (const dialect of DIALECTS) {
  describe(`call log and callback tasks on ${dialect}`, () => {
    let desk: PhoneDesk;
    let cast: Cast;
    const clock = new ManualClock('2026-03-02T03:00:00.000Z');
    const call = (token: string, method: string, path: string, body?: unknown) => api(desk, token, method, path, body);

    async function callAndChoose(menuDigit: string, from: string, to = LINE_A) {
      const c = desk.sim.call(from, to);
      const first = await c.start();
      const lang = await c.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '2' });
      await c.follow(find(lang.doc!, 'Gather').attrs.action!, { Digits: menuDigit });
      return c;
    }

    before(async () => {
      desk = await startPhoneDesk(dialect, { clock });
      cast = await seedCast(desk.deps);
      assert.equal((await call(cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [LINE_A] })).status, 200);
      assert.equal((await call(cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandB.id}`, { phone_numbers: [LINE_B] })).status, 200);
    });
    after(async () => desk.close());

    test('the log lists calls newest first with choice, outcome, duration and ticket, only in the agent\'s brands, in pages', async () => {
      const first = await callAndChoose('2', '+8613800138001');
      clock.advance(100_000);
      await first.end('completed', '90');
      clock.advance(60_000);
      const second = await callAndChoose('1', '+8613800138002');
      clock.advance(30_000);
      const other = await callAndChoose('3', '+4915100000003', LINE_B);
      void second;
      void other;

      const log = await call(cast.tokens.agentA, 'GET', '/api/v1/calls/log');
      assert.equal(log.status, 200, JSON.stringify(log.body));
      const rows = log.body.calls as Array<{ call: { caller_phone: string; menu_choice: string; emergency: boolean; outcome: string | null; brand_id: string }; ticket_number: number | null; duration_seconds: number | null }>;
      assert.deepEqual(rows.map((r) => r.call.caller_phone), ['+8613800138002', '+8613800138001'], 'newest first, brand B\'s caller not shown');
      assert.equal(rows[0]!.call.menu_choice, 'stolen');
      assert.equal(rows[0]!.call.emergency, true);
      assert.equal(rows[0]!.duration_seconds, null, 'still going on');
      assert.equal(rows[1]!.call.menu_choice, 'transaction');
      assert.ok(rows[1]!.call.outcome, 'an ended call has an outcome');
      assert.equal(rows[1]!.duration_seconds, 90, "the provider's CallDuration, not our clock (100 s)");
      assert.ok(rows.every((r) => typeof r.ticket_number === 'number'));

      const admin = await call(cast.tokens.admin, 'GET', '/api/v1/calls/log?limit=2');
      assert.equal(admin.body.calls.length, 2);
      assert.ok(admin.body.next_cursor);
      const next = await call(cast.tokens.admin, 'GET', `/api/v1/calls/log?limit=2&cursor=${admin.body.next_cursor}`);
      assert.equal(next.body.calls.length, 1);
      assert.equal(next.body.next_cursor, null);
      assert.equal((await call(cast.tokens.admin, 'GET', '/api/v1/calls/log?cursor=nonsense')).status, 400);
      assert.equal((await call(cast.tokens.admin, 'GET', '/api/v1/calls/log?limit=0')).status, 400);
      assert.deepEqual((await call(cast.tokens.agentA, 'GET', `/api/v1/calls/log?brand_id=${cast.brandB.id}`)).body.calls, [], 'another brand\'s log is empty, not an error');
    });

    test('an agent adds a callback task from a phone ticket; it is listed, done once, and can be asked for again', async () => {
      const c = await callAndChoose('4', '+8613800138009');
      await c.end('completed', '40');
      const record = await desk.deps.store.calls.getBySid(c.sid);
      assert.ok(record?.ticketId);
      const made = await call(cast.tokens.agentA, 'POST', '/api/v1/calls/callbacks', { ticket_id: record.ticketId });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal(made.body.phone, '+8613800138009');
      assert.equal(made.body.ticket_id, record.ticketId);
      const dup = await call(cast.tokens.agentA, 'POST', '/api/v1/calls/callbacks', { ticket_id: record.ticketId });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.details.reason, 'already_open');

      const open = await call(cast.tokens.agentA, 'GET', '/api/v1/calls/callbacks?status=open');
      assert.ok(open.body.callbacks.some((x: { id: string }) => x.id === made.body.id));
      const history = await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${record.ticketId}/events?limit=200`);
      const requested = history.body.events.filter((e: { type: string }) => e.type === 'call.callback_requested');
      assert.equal(requested.at(-1).actor.type, 'agent');

      assert.equal((await call(cast.tokens.agentA, 'POST', `/api/v1/calls/callbacks/${made.body.id}/done`)).status, 200);
      const again = await call(cast.tokens.agentA, 'POST', '/api/v1/calls/callbacks', { ticket_id: record.ticketId });
      assert.equal(again.status, 200, 'the done request is opened again');
      assert.equal(again.body.status, 'open');

      assert.equal((await call(cast.tokens.agentB, 'POST', '/api/v1/calls/callbacks', { ticket_id: record.ticketId })).status, 404, 'another brand\'s agent cannot see the ticket');
    });

    test('a ticket without a callable number (not a phone ticket, or a withheld number) is refused with the reason', async () => {
      const tk = await call(cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'By mail', body: 'hi', requester: { email: 'm@example.com' }, channel: 'email', brand: 'satoshi' });
      const res = await call(cast.tokens.agentA, 'POST', '/api/v1/calls/callbacks', { ticket_id: tk.body.id });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.details.reason, 'no_number');
      const hidden = await callAndChoose('4', 'anonymous');
      const rec = await desk.deps.store.calls.getBySid(hidden.sid);
      if (rec?.ticketId) {
        const r2 = await call(cast.tokens.agentA, 'POST', '/api/v1/calls/callbacks', { ticket_id: rec.ticketId });
        assert.equal(r2.status, 409);
      }
      assert.equal((await call(cast.tokens.agentA, 'POST', '/api/v1/calls/callbacks', {})).status, 400);
    });
  });
}
