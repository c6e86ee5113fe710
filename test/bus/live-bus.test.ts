/** Live notices reach listeners in the same process, and across instances through Redis. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { inProcessBus, redisBus } from '../../src/bus/live-bus.js';
import type { LiveNotice } from '../../src/app/ports.js';
import { TEST_REDIS_URL } from '../helpers/stores.js';

function nextNotice(): { promise: Promise<LiveNotice>; resolve: (n: LiveNotice) => void } {
  let resolve!: (n: LiveNotice) => void;
  const promise = new Promise<LiveNotice>((r) => (resolve = r));
  return { promise, resolve };
}

test('in-process: a subscriber hears its topic only, until it unsubscribes', async () => {
  const bus = inProcessBus();
  const heard: LiveNotice[] = [];
  const off = await bus.subscribe('desk', (n) => heard.push(n));
  await bus.publish('desk', { type: 'ticket.created', brandId: 'b1', ticketId: 't1' });
  await bus.publish('other', { type: 'ticket.created', brandId: 'b1' });
  await off();
  await bus.publish('desk', { type: 'ticket.updated', brandId: 'b1' });
  assert.deepEqual(heard.map((n) => n.type), ['ticket.created']);
  await bus.close();
});

test('Redis: a notice published on one instance reaches a listener on another', async () => {
  const topic = `test-${randomBytes(4).toString('hex')}`;
  const a = redisBus(TEST_REDIS_URL);
  const b = redisBus(TEST_REDIS_URL);
  try {
    const got = nextNotice();
    const off = await b.subscribe(topic, got.resolve);
    await a.publish(topic, { type: 'message.added', brandId: 'brand-1', ticketId: 'ticket-9', data: { number: 1009 } });
    const notice = await Promise.race([got.promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no notice within 5 s')), 5000))]);
    assert.deepEqual(notice, { type: 'message.added', brandId: 'brand-1', ticketId: 'ticket-9', data: { number: 1009 } });
    await off();
  } finally {
    await a.close();
    await b.close();
  }
});
