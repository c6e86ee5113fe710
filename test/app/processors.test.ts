/**
 * Domain events and processors: a processor in the registered list runs from the events a use case records,
 * through the durable job queue, once per event, without any use case naming it; and a delivered reply
 * announces itself to consoles.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomainEvent } from '../../src/core/domain-events.js';
import type { LiveNotice, Processor } from '../../src/app/ports.js';
import { DESK_TOPIC } from '../../src/app/live.js';
import { PROCESSORS } from '../../src/app/processors/index.js';
import { PROCESSOR_JOB, processorJobKey, type ProcessorJobPayload } from '../../src/app/processors/processor.js';
import { recordEvents } from '../../src/app/record-events.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { drainJobs } from '../helpers/jobs.js';

for (const dialect of DIALECTS) {
  describe(`processors on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
    });
    after(async () => {
      desk.deps.processors = undefined;
      await desk.close();
    });

    test('a processor added to the list runs once for each event it handles, with no use case naming it', async () => {
      const seen: Array<DomainEvent<'ticket.created' | 'message.added'>> = [];
      // A new reaction to what happens on the desk: one object in the list, nothing else.
      const counter: Processor<'ticket.created' | 'message.added'> = {
        name: 'test-counter',
        version: 1,
        handles: ['ticket.created', 'message.added'],
        async run(_deps, event) {
          seen.push(event);
        },
      };
      desk.deps.processors = [...PROCESSORS, counter as unknown as Processor];
      try {
        await drainJobs(desk.deps);
        const created = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
          subject: 'Where is my withdrawal?',
          body: 'My withdrawal from the exchange has not arrived after two hours.',
          requester: { email: 'counter@example.com' },
        });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const ticketId = created.body.id as string;

        const queued = (await desk.deps.store.jobs.list({ type: PROCESSOR_JOB, status: 'queued' }, 50)).filter(
          (j) => (j.payload as unknown as ProcessorJobPayload).processor === 'test-counter',
        );
        const types = queued.map((j) => (j.payload as unknown as ProcessorJobPayload).event.type).sort();
        assert.ok(types.includes('ticket.created') && types.includes('message.added'), `queued for ${types.join(', ')}`);
        for (const j of queued) assert.equal(j.dedupeKey, processorJobKey('test-counter', (j.payload as unknown as ProcessorJobPayload).event.id));
        assert.equal(seen.length, 0, 'nothing ran inside the request: the processor runs from the queue');

        const { failures } = await drainJobs(desk.deps);
        assert.deepEqual(failures, []);
        const mine = seen.filter((e) => e.subjectId === ticketId);
        assert.equal(mine.filter((e) => e.type === 'ticket.created').length, 1);
        const createdEvent = mine.find((e): e is DomainEvent<'ticket.created'> => e.type === 'ticket.created')!;
        assert.equal(createdEvent.data.number, created.body.number, 'the payload is the typed event data');

        // Recording the same events again (a replayed transaction) queues nothing new: never twice per event.
        const history = await desk.deps.store.events.listForTicket(ticketId, { limit: 50 });
        const again = await desk.deps.store.transaction((tx) => tx.jobs.enqueueMany(
          queued.map((j) => ({ type: j.type, payload: j.payload, dedupeKey: j.dedupeKey! })),
          new Date().toISOString(),
        ));
        assert.equal(again, 0);
        assert.ok(history.some((e) => e.type === 'ticket.created'), 'the event is in the history, as before');
        await drainJobs(desk.deps);
        assert.equal(seen.filter((e) => e.subjectId === ticketId && e.type === 'ticket.created').length, 1);
      } finally {
        desk.deps.processors = undefined;
      }
    });

    test('a ticket created through the API queues only the routing job when no other processor has work for it (the hot path stays one insert per table)', async () => {
      await drainJobs(desk.deps);
      const before = (await desk.deps.store.jobs.list({}, 500)).length;
      const created = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
        subject: 'Withdrawal late',
        body: 'I sent 0.05 BTC three days ago and it still shows unconfirmed.',
        requester: { email: 'hotpath@example.com' },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      // No sender for the API channel, no chain backend, no registry, not an e-mail, no trigger and no SLA policy
      // switched on: every other processor's wants() says no. Routing runs for every new ticket (whether it is on
      // is a setting, read when it runs).
      const jobs = (await desk.deps.store.jobs.list({}, 500)).slice(0, -before || undefined);
      assert.deepEqual(
        jobs.map((j) => [(j.payload as unknown as ProcessorJobPayload).processor, (j.payload as unknown as ProcessorJobPayload).event?.subjectId]),
        [['routing', created.body.id]],
      );
    });

    test('recordEvents writes the history and its processor jobs in one transaction: a rollback keeps neither', async () => {
      const probe: Processor<'customer.updated'> = { name: 'test-probe', version: 1, handles: ['customer.updated'], run: async () => undefined };
      const event = {
        id: `0000-rollback-${dialect}`,
        ticketId: null,
        subjectType: 'customer' as const,
        subjectId: 'nobody',
        type: 'customer.updated' as const,
        actor: { type: 'system' as const, id: null },
        at: new Date().toISOString(),
        changes: {},
        data: {},
      };
      await assert.rejects(
        desk.deps.store.transaction(async (tx) => {
          assert.equal(await recordEvents(tx, [event], { processors: [probe as unknown as Processor] }), 1);
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      const jobs = await desk.deps.store.jobs.list({ type: PROCESSOR_JOB }, 100);
      assert.ok(!jobs.some((j) => j.dedupeKey === processorJobKey('test-probe', event.id)));
      assert.deepEqual(await desk.deps.store.events.listForSubject('customer', 'nobody', 10), []);
    });

    test('a public reply that was delivered is announced live, so the console stops showing "queued"', async () => {
      const sent: string[] = [];
      desk.deps.senders = { api: { send: async ({ message }) => (sent.push(message.id), { externalId: `ext-${message.id}` }) } };
      const notices: LiveNotice[] = [];
      const off = await desk.deps.bus.subscribe(DESK_TOPIC, (n) => notices.push(n));
      try {
        const t = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
          subject: 'Card top-up',
          body: 'My card top-up failed twice today.',
          requester: { email: 'delivered@example.com' },
        });
        assert.equal(t.status, 201, JSON.stringify(t.body));
        const reply = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.body.id}/messages`, { body: 'We are looking at it now.' });
        assert.equal(reply.status, 201, JSON.stringify(reply.body));
        const messageId = reply.body.message?.id ?? reply.body.id;
        const { failures } = await drainJobs(desk.deps);
        assert.deepEqual(failures, []);
        assert.ok(sent.includes(messageId), 'the reply went out through its channel');
        const delivered = notices.find((n) => n.type === 'message.delivered' && n.data?.message_id === messageId);
        assert.ok(delivered, `a message.delivered notice (got ${notices.map((n) => n.type).join(', ')})`);
        assert.equal(delivered.ticketId, t.body.id);
        assert.equal(delivered.brandId, cast.brandA.id);
      } finally {
        await off();
        desk.deps.senders = undefined;
      }
    });
  });
}
