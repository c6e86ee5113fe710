/** SLA policies, calendars and clocks through /api/v1, over real HTTP, once per database, with a manual clock. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.js';
import { queueSlaCheck } from '../../src/app/sla-clocks.js';
import { ingestInbound } from '../../src/app/ingest-inbound.js';
import { loadPhoneSettings } from '../../src/channels/phone/phone-settings.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { drainJobs } from '../helpers/jobs.js';

const START = '2026-03-02T02:00:00.000Z';
const H = 3600;
const later = (iso: string, s: number) => new Date(Date.parse(iso) + s * 1000).toISOString();

for (const dialect of DIALECTS) {
  describe(`SLA on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    const clock = new ManualClock(START);
    before(async () => {
      desk = await startTestDesk(dialect, { clock });
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());

    const drain = async () => {
      const { failures } = await drainJobs(desk.deps);
      assert.deepEqual(failures.map((f) => `${f.job.type}: ${f.error}`), []);
    };
    const newTicket = async (subject: string, priority = 'normal') => {
      const res = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', {
        subject,
        body: 'My withdrawal has not arrived.',
        requester: { email: `${subject.replace(/\W/g, '').toLowerCase()}@customer.example` },
        brand: cast.brandA.slug,
        priority,
        category: 'transaction',
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      await drain();
      return res.body.id as string;
    };
    const ticket = async (id: string) => (await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets/${id}`)).body;
    const slaEvents = async (id: string) =>
      ((await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets/${id}/events?limit=500`)).body.events as Array<{ type: string; data: Record<string, unknown> }>).filter((e) =>
        e.type.startsWith('sla.'),
      );
    let policyId = '';

    test('an admin creates a policy with the contract’s body and gets 201; others get 403; bad input is a 400', async () => {
      const body = {
        name: 'Transactions',
        brand_id: cast.brandA.id,
        conditions: { categories: ['transaction'] },
        targets: {
          normal: { first_reply_s: H, next_reply_s: 30 * 60, resolution_s: 8 * H, business_hours: false },
          high: { first_reply_s: 15 * 60, next_reply_s: 15 * 60, resolution_s: 4 * H, business_hours: false },
        },
        escalation: { warn_before_s: 10 * 60, on_breach: { raise_priority: true } },
      };
      const res = await api(desk, cast.tokens.admin, 'POST', '/api/v1/sla-policies', body);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.name, 'Transactions');
      assert.equal(res.body.enabled, true);
      assert.deepEqual(res.body.paused_by.first_reply, ['pending']);
      policyId = res.body.id;
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', '/api/v1/sla-policies', body)).status, 403);
      for (const bad of [
        { ...body, targets: { someday: body.targets.normal } },
        { ...body, targets: { normal: { ...body.targets.normal, first_reply_s: 0 } } },
        { ...body, targets: {} },
        { ...body, conditions: { categories: ['nonsense'] } },
      ]) {
        const r = await api(desk, cast.tokens.admin, 'POST', '/api/v1/sla-policies', bad);
        assert.equal(r.status, 400, JSON.stringify(bad));
        assert.equal(r.body.error.code, 'invalid_input');
      }
      const list = await api(desk, cast.tokens.admin, 'GET', '/api/v1/sla-policies');
      assert.deepEqual(list.body.policies.map((p: { id: string }) => p.id), [policyId]);
    });

    test('a new ticket gets clocks; an agent’s public reply fulfils the first reply; history has the events', async () => {
      clock.set(START);
      const id = await newTicket('First reply');
      const t = await ticket(id);
      assert.deepEqual(t.sla, [
        { metric: 'first_reply', due_at: later(START, H), state: 'active' },
        { metric: 'resolution', due_at: later(START, 8 * H), state: 'active' },
      ]);
      assert.equal(t.sla_due_at, later(START, H));
      // An internal note does not count.
      clock.advance(10 * 60_000);
      assert.equal((await api(desk, cast.tokens.admin, 'POST', `/api/v1/tickets/${id}/messages`, { body: 'checking the mempool', public: false })).status, 201);
      await drain();
      assert.equal((await ticket(id)).sla[0].state, 'active');
      clock.advance(10 * 60_000);
      assert.equal((await api(desk, cast.tokens.admin, 'POST', `/api/v1/tickets/${id}/messages`, { body: 'We are on it.' })).status, 201);
      await drain();
      const after = await ticket(id);
      assert.deepEqual(after.sla[0], { metric: 'first_reply', due_at: later(START, H), state: 'fulfilled' });
      const events = await slaEvents(id);
      assert.deepEqual(
        events.map((e) => `${e.type}:${e.data.metric}`),
        ['sla.activated:first_reply', 'sla.activated:resolution', 'sla.fulfilled:first_reply'],
      );
      assert.deepEqual(events[0]!.data, { metric: 'first_reply', due_at: later(START, H), policy_id: policyId });
    });

    test('the periodic check records a warning and a breach once, escalates, and lists sort by the next deadline', async () => {
      clock.set('2026-03-03T02:00:00.000Z');
      const slow = await newTicket('Nobody answers');
      clock.advance(30 * 60_000);
      const fast = await newTicket('Answer me first', 'high'); // due 15 min after creation: earlier than `slow`
      const view = await api(desk, cast.tokens.admin, 'GET', '/api/v1/views/sla_at_risk/tickets');
      const order = view.body.tickets.map((x: { id: string }) => x.id).filter((x: string) => x === fast || x === slow);
      assert.deepEqual(order, [fast, slow], 'nearest deadline first');
      const dues = view.body.tickets.map((x: { sla_due_at: string }) => x.sla_due_at);
      assert.deepEqual(dues, [...dues].sort(), 'the whole view is in deadline order');
      const sorted = await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets?sort=sla_due_asc&brand_id=${cast.brandA.id}&status=new,open`);
      const ids = sorted.body.tickets.map((x: { id: string }) => x.id);
      assert.ok(ids.indexOf(fast) < ids.indexOf(slow));
      assert.ok(sorted.body.tickets.every((x: { sla_due_at?: string | null }) => 'sla_due_at' in x));

      const team = await api(desk, cast.tokens.admin, 'POST', '/api/v1/teams', { name: 'Escalations', brand_id: cast.brandA.id });
      assert.equal(team.status, 201, JSON.stringify(team.body));
      const withTeam = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/sla-policies/${policyId}`, { escalation: { on_warning: { team_id: team.body.id } } });
      assert.equal(withTeam.status, 200);
      assert.equal(withTeam.body.escalation.on_breach.raise_priority, true, 'the other escalation settings stay');
      await drain();
      clock.set('2026-03-03T02:51:00.000Z'); // 9 min before `slow`'s first reply is due
      assert.equal(await queueSlaCheck(desk.deps), true);
      assert.equal(await queueSlaCheck(desk.deps), false, 'one check per minute, whichever instance asks');
      await drain();
      assert.deepEqual((await slaEvents(slow)).filter((e) => e.type === 'sla.warning').map((e) => e.data.metric), ['first_reply']);
      assert.equal((await ticket(slow)).team_id, team.body.id, 'reassigned to the team at the warning');
      clock.set('2026-03-03T03:01:00.000Z');
      await queueSlaCheck(desk.deps);
      await drain();
      clock.advance(60_000);
      await queueSlaCheck(desk.deps);
      await drain();
      const breaches = (await slaEvents(slow)).filter((e) => e.type === 'sla.breached');
      assert.deepEqual(breaches.map((e) => e.data), [{ metric: 'first_reply', due_at: '2026-03-03T03:00:00.000Z', policy_id: policyId }], 'recorded once');
      const t = await ticket(slow);
      assert.equal(t.sla[0].state, 'breached');
      assert.equal(t.priority, 'high', 'raised one step at the breach');
    });

    test('a policy switched off leaves no deadline and no breach behind (Zammad #4353)', async () => {
      clock.set('2026-03-04T02:00:00.000Z');
      const id = await newTicket('Policy goes away');
      assert.ok((await ticket(id)).sla_due_at);
      const off = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/sla-policies/${policyId}`, { enabled: false });
      assert.equal(off.status, 200);
      assert.equal(off.body.enabled, false);
      await drain();
      const t = await ticket(id);
      assert.equal(t.sla, undefined, 'no policy applies: no sla field');
      assert.equal(t.sla_due_at, null);
      clock.set('2026-03-05T02:00:00.000Z');
      await queueSlaCheck(desk.deps);
      await drain();
      assert.deepEqual((await slaEvents(id)).filter((e) => e.type === 'sla.breached'), []);
      const atRisk = await api(desk, cast.tokens.admin, 'GET', '/api/v1/views/sla_at_risk/tickets');
      assert.ok(!atRisk.body.tickets.some((x: { id: string }) => x.id === id));
      // Switched on with a longer target, the deadline is recomputed from the ticket's start.
      const on = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/sla-policies/${policyId}`, {
        enabled: true,
        targets: { normal: { first_reply_s: 48 * H, next_reply_s: null, resolution_s: null, business_hours: false } },
      });
      assert.equal(on.status, 200);
      await drain();
      assert.deepEqual((await ticket(id)).sla, [{ metric: 'first_reply', due_at: '2026-03-06T02:00:00.000Z', state: 'active' }]);
    });

    test('next reply waits for the first reply (Zammad #5177) and stops when the ticket is solved (Chatwoot #10178)', async () => {
      const created = await api(desk, cast.tokens.admin, 'POST', '/api/v1/sla-policies', {
        name: 'Chat replies',
        brand_id: cast.brandA.id,
        conditions: { categories: ['how_to'] },
        targets: { normal: { first_reply_s: 2 * H, next_reply_s: 5 * 60, resolution_s: null, business_hours: false } },
      });
      assert.equal(created.status, 201);
      await drain();
      clock.set('2026-03-09T02:00:00.000Z');
      const res = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', {
        subject: 'How do I back up',
        body: 'Where is the backup button?',
        requester: { email: 'howto@customer.example' },
        brand: cast.brandA.slug,
        priority: 'normal',
        category: 'how_to',
      });
      const id = res.body.id as string;
      await drain();
      // The customer writes again before anyone answered: still only the first-reply clock, due in two hours.
      clock.advance(10 * 60_000);
      await ingestInbound(desk.deps, { channel: 'api', sourceId: 'howto-2', brandId: cast.brandA.id, from: { email: 'howto@customer.example' }, subject: 'Re: How do I back up', body: 'Hello?', ticketId: id });
      await drain();
      let t = await ticket(id);
      assert.deepEqual(t.sla.map((c: { metric: string }) => c.metric), ['first_reply'], 'no next-reply clock before the first reply');
      assert.equal(t.sla_due_at, '2026-03-09T04:00:00.000Z');
      // Answered; the customer writes; the next reply is due in five minutes; then the agent solves without a reply.
      clock.advance(5 * 60_000);
      await api(desk, cast.tokens.admin, 'POST', `/api/v1/tickets/${id}/messages`, { body: 'Settings → Backup.' });
      await drain();
      clock.advance(5 * 60_000);
      await ingestInbound(desk.deps, { channel: 'api', sourceId: 'howto-3', brandId: cast.brandA.id, from: { email: 'howto@customer.example' }, subject: 'Re: How do I back up', body: 'Thanks, found it', ticketId: id });
      await drain();
      t = await ticket(id);
      assert.deepEqual(t.sla.find((c: { metric: string }) => c.metric === 'next_reply'), { metric: 'next_reply', due_at: '2026-03-09T02:25:00.000Z', state: 'active' });
      clock.advance(60_000);
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/tickets/${id}`, { status: 'solved' })).status, 200);
      await drain();
      clock.set('2026-03-09T05:00:00.000Z');
      await queueSlaCheck(desk.deps);
      await drain();
      t = await ticket(id);
      assert.equal(t.sla.find((c: { metric: string }) => c.metric === 'next_reply').state, 'fulfilled', 'solving stopped it; no breach hours later');
      assert.equal(t.sla_due_at, null);
      assert.deepEqual((await slaEvents(id)).filter((e) => e.type === 'sla.breached'), []);
      // Reordering and deleting: the how-to policy first, then gone.
      const all = (await api(desk, cast.tokens.admin, 'GET', '/api/v1/sla-policies')).body.policies.map((p: { id: string }) => p.id);
      const order = await api(desk, cast.tokens.admin, 'PUT', '/api/v1/sla-policies/order', { ids: [...all].reverse() });
      assert.equal(order.status, 200);
      assert.deepEqual(order.body.policies.map((p: { id: string }) => p.id), [...all].reverse());
      assert.equal((await api(desk, cast.tokens.admin, 'PUT', '/api/v1/sla-policies/order', { ids: [all[0]] })).status, 400);
      assert.equal((await api(desk, cast.tokens.admin, 'DELETE', `/api/v1/sla-policies/${created.body.id}`)).status, 204);
      assert.equal((await api(desk, cast.tokens.admin, 'DELETE', `/api/v1/sla-policies/${created.body.id}`)).status, 404);
    });

    test('a brand calendar takes ready holiday lists and an iCal feed, and refuses bad dates', async () => {
      const put = await api(desk, cast.tokens.admin, 'PUT', `/api/v1/brands/${cast.brandA.id}/calendar`, {
        hours: { mon: [['09:00', '12:00'], ['13:00', '18:00']], tue: [['09:00', '12:00'], ['13:00', '18:00']] },
        add_lists: ['cn-2026'],
      });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal(put.body.time_zone, 'Asia/Shanghai');
      assert.ok(put.body.holidays.includes('2026-02-16'));
      assert.ok(put.body.workdays.includes('2026-02-14'));
      const ical = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//test//EN',
        'BEGIN:VEVENT',
        'UID:a@test',
        'DTSTART;VALUE=DATE:20270101',
        'DTEND;VALUE=DATE:20270104',
        'SUMMARY:元旦',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:b@test',
        'DTSTART;VALUE=DATE:20270110',
        'SUMMARY:补班',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n');
      const imported = await api(desk, cast.tokens.admin, 'POST', `/api/v1/brands/${cast.brandA.id}/calendar/import`, { ical });
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
      assert.deepEqual(imported.body.imported, { holidays: 3, workdays: 1, skipped: 0 });
      assert.ok(imported.body.calendar.holidays.includes('2027-01-03'));
      assert.ok(imported.body.calendar.workdays.includes('2027-01-10'));
      assert.equal((await api(desk, cast.tokens.admin, 'POST', `/api/v1/brands/${cast.brandA.id}/calendar/import`, { ical: 'not a calendar' })).status, 400);
      const bad = await api(desk, cast.tokens.admin, 'PUT', `/api/v1/brands/${cast.brandA.id}/calendar`, { holidays: ['2026-02-30'] });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.details?.field ?? 'holidays', 'holidays');
      assert.equal((await api(desk, cast.tokens.agentA, 'PUT', `/api/v1/brands/${cast.brandA.id}/calendar`, { holidays: [] })).status, 403);
      const read = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/brands/${cast.brandA.id}/calendar`);
      assert.equal(read.status, 200);
      assert.equal(read.body.source, 'calendar');
      // One calendar: the phone line opens on the same hours and closes on the same holidays.
      const phone = await loadPhoneSettings(desk.deps.store, cast.brandA.id);
      assert.deepEqual(phone.hours, read.body.hours);
      assert.ok(phone.holidays.includes('2026-10-01'));
      assert.ok(phone.holidays.includes('2027-01-02'));
    });
  });
}
