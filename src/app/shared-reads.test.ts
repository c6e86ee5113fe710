import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inProcessBus } from '../bus/live-bus.js';
import { DESK_TOPIC } from './live.js';
import { sharedReads } from './shared-reads.js';

/** A read that answers only when told to, counting how often it ran. */
function gate() {
  let runs = 0;
  const opens: Array<() => void> = [];
  return {
    read: () => {
      const n = ++runs;
      return new Promise<number>((resolve) => opens.push(() => resolve(n)));
    },
    open: () => opens.splice(0).forEach((f) => f()),
    runs: () => runs,
  };
}

test('identical reads that arrive while one runs share its answer, and the next one after it reads again', async () => {
  const bus = inProcessBus();
  const shared = await sharedReads(bus);
  const g = gate();
  const a = shared.run('counts', ['b1'], g.read);
  const b = shared.run('counts', ['b1'], g.read);
  assert.equal(g.runs(), 1);
  g.open();
  assert.deepEqual(await Promise.all([a, b]), [1, 1]);
  const c = shared.run('counts', ['b1'], g.read);
  assert.equal(g.runs(), 2, 'nothing is kept once a read finished');
  g.open();
  assert.equal(await c, 2);
  await shared.stop();
  await bus.close();
});

test('a change announced in the brand since the running read started makes the next read its own; other brands do not', async () => {
  const bus = inProcessBus();
  const shared = await sharedReads(bus);
  const g = gate();
  const first = shared.run('page', ['b1', 'b2'], g.read);
  await bus.publish(DESK_TOPIC, { type: 'ticket.updated', brandId: 'b3', ticketId: 't1' });
  const same = shared.run('page', ['b1', 'b2'], g.read);
  assert.equal(g.runs(), 1, 'a change in another brand does not matter');
  await bus.publish(DESK_TOPIC, { type: 'ticket.updated', brandId: 'b2', ticketId: 't2' });
  const fresh = shared.run('page', ['b1', 'b2'], g.read);
  assert.equal(g.runs(), 2, 'a change in one of its brands does');
  const admin = shared.run('page', null, g.read);
  await bus.publish(DESK_TOPIC, { type: 'ticket.updated', brandId: 'b3', ticketId: 't3' });
  const adminAgain = shared.run('page', null, g.read);
  assert.equal(g.runs(), 4, 'a read over every brand is fresh after any change');
  const other = shared.run('other page', ['b1', 'b2'], g.read);
  assert.equal(g.runs(), 5, 'another key is another read');
  g.open();
  assert.deepEqual(await Promise.all([first, same, fresh, admin, adminAgain, other]), [1, 1, 2, 3, 4, 5]);
  await shared.stop();
  await bus.close();
});

test('a failed read fails the reads that joined it, and the next read runs again', async () => {
  const bus = inProcessBus();
  const shared = await sharedReads(bus);
  let runs = 0;
  let fail!: (e: Error) => void;
  const failing = () => {
    runs++;
    return new Promise<number>((_, reject) => (fail = reject));
  };
  const a = shared.run('k', ['b1'], failing);
  const b = shared.run('k', ['b1'], failing);
  fail(new Error('database down'));
  await assert.rejects(a, /database down/);
  await assert.rejects(b, /database down/);
  assert.equal(runs, 1);
  const c = shared.run('k', ['b1'], async () => 7);
  assert.equal(await c, 7);
  await shared.stop();
  await bus.close();
});
