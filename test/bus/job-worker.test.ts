/** The job worker while the database is away: it stays alive, says so once, polls less often, and resumes. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startJobWorker } from '../../src/bus/job-worker.js';
import { systemClock } from '../../src/core/clock.js';
import { AppError } from '../../src/core/errors.js';
import type { Store } from '../../src/app/ports.js';
import { DIALECTS, makeTestStore, type TestStore } from '../helpers/stores.js';

async function until(what: string, check: () => boolean | Promise<boolean>, deadlineMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > deadlineMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('a worker whose polls fail reports it once, backs off (doubling to a cap), and reports when polling works again', async () => {
  let down = true;
  const calls: number[] = [];
  const reports: boolean[] = [];
  const store = {
    jobs: {
      async claim() {
        calls.push(Date.now());
        if (down) throw new AppError('unavailable', 'The desk cannot reach its database right now. Try again in a moment.');
        return [];
      },
    },
  } as unknown as Store;
  const worker = startJobWorker({ store, clock: systemClock, handlers: {}, pollMs: 20, maxBackoffMs: 160, onPollFailure: (failing) => reports.push(failing) });
  try {
    await until('six failed polls', () => calls.length >= 6);
    const gaps = calls.slice(1, 6).map((t, i) => t - calls[i]!);
    // Each wait is at least the scheduled one (20, 40, 80, 160, 160 ms); timers never fire early.
    for (const [i, min] of [20, 40, 80, 160, 160].entries()) assert.ok(gaps[i]! >= min - 2, `gap ${i} was ${gaps[i]} ms, expected ≥ ${min}`);
    assert.deepEqual(reports, [true], 'the outage is reported once');
    down = false;
    await until('polling works again', () => reports.length === 2);
    assert.deepEqual(reports, [true, false]);
    const resumed = calls.length;
    await until('regular polls again', () => calls.length >= resumed + 3);
    const last = calls.slice(-3);
    assert.ok(last[2]! - last[0]! < 160 * 2, 'back to the normal poll interval');
  } finally {
    await worker.stop();
  }
});

for (const dialect of DIALECTS) {
  describe(`the batching worker on ${dialect}`, () => {
    let t: TestStore;
    before(async () => {
      t = await makeTestStore(dialect);
    });
    after(async () => {
      await t.cleanup();
    });

    test('claims a batch in one statement, runs different tickets side by side and one ticket in order, and completes the batch in one statement', async () => {
      const at = systemClock.now().toISOString();
      // 3 tickets × 6 jobs, plus 6 jobs naming no ticket: 24 jobs.
      const jobs = [];
      for (let i = 0; i < 6; i++) {
        for (const ticket of ['t-a', 't-b', 't-c']) jobs.push({ type: 'test.step', payload: { ticket_id: ticket, step: i } });
        jobs.push({ type: 'test.step', payload: { step: i } });
      }
      assert.equal(await t.store.jobs.enqueueMany(jobs, at), 24);
      const calls = { claim: 0, complete: 0, completeMany: 0, fail: 0 };
      const counted = {
        ...t.store,
        jobs: {
          ...t.store.jobs,
          claim: (...a: Parameters<Store['jobs']['claim']>) => (calls.claim++, t.store.jobs.claim(...a)),
          complete: (...a: Parameters<Store['jobs']['complete']>) => (calls.complete++, t.store.jobs.complete(...a)),
          completeMany: (...a: Parameters<Store['jobs']['completeMany']>) => (calls.completeMany++, t.store.jobs.completeMany(...a)),
          fail: (...a: Parameters<Store['jobs']['fail']>) => (calls.fail++, t.store.jobs.fail(...a)),
        },
      } as Store;
      let inFlight = 0;
      let most = 0;
      const busyTickets = new Set<string>();
      const order: Record<string, number[]> = {};
      const overlaps: string[] = [];
      let gate!: () => void;
      const opened = new Promise<void>((r) => (gate = r));
      const worker = startJobWorker({
        store: counted,
        clock: systemClock,
        batch: 32,
        concurrency: 4,
        pollMs: 60_000,
        handlers: {
          'test.step': async (job) => {
            const ticket = typeof job.payload.ticket_id === 'string' ? job.payload.ticket_id : null;
            if (ticket && busyTickets.has(ticket)) overlaps.push(ticket);
            if (ticket) busyTickets.add(ticket);
            inFlight++;
            most = Math.max(most, inFlight);
            // Hold the first jobs until four run at once: proves they overlap rather than run one by one.
            if (most < 4) await Promise.race([opened, new Promise((r) => setTimeout(r, 2000))]);
            else gate();
            await new Promise((r) => setImmediate(r));
            inFlight--;
            if (ticket) {
              busyTickets.delete(ticket);
              (order[ticket] ??= []).push(Number(job.payload.step));
            }
          },
        },
      });
      try {
        await until('every job done', () => Object.values(order).flat().length === 18 && calls.completeMany >= 1, 10_000);
        await worker.stop();
        assert.equal(most, 4, 'four jobs ran at the same time');
        assert.deepEqual(overlaps, [], 'two jobs of one ticket never ran at the same time');
        for (const ticket of ['t-a', 't-b', 't-c']) assert.deepEqual(order[ticket], [0, 1, 2, 3, 4, 5], `${ticket}'s jobs ran in claim order`);
        assert.equal(calls.complete, 0, 'no job was completed on its own');
        assert.equal(calls.completeMany, 1, 'the batch was completed in one statement');
        assert.equal(calls.fail, 0);
        const left = await t.store.jobs.list({ type: 'test.step' }, 100);
        assert.equal(left.filter((j) => j.status === 'done').length, 24);
      } finally {
        await worker.stop();
      }
    });

    test('a failing job in a batch is retried later while the rest of its batch completes', async () => {
      const at = systemClock.now().toISOString();
      await t.store.jobs.enqueueMany(
        [
          { type: 'test.fragile', payload: { n: 1 }, dedupeKey: 'fragile-1' },
          { type: 'test.fragile', payload: { n: 2, fail: true }, dedupeKey: 'fragile-2', maxAttempts: 3 },
          { type: 'test.fragile', payload: { n: 3 }, dedupeKey: 'fragile-3' },
        ],
        at,
      );
      const errors: string[] = [];
      const worker = startJobWorker({
        store: t.store,
        clock: systemClock,
        pollMs: 60_000,
        handlers: {
          'test.fragile': async (job) => {
            if (job.payload.fail) throw new Error('the vendor said no');
          },
        },
        onError: (_job, err) => errors.push((err as Error).message),
      });
      try {
        await until('the batch ran', () => errors.length === 1, 10_000);
        await until('the batch completed', async () => (await t.store.jobs.list({ type: 'test.fragile' }, 10)).filter((j) => j.status === 'done').length === 2);
      } finally {
        await worker.stop();
      }
      const rows = await t.store.jobs.list({ type: 'test.fragile' }, 10);
      const fragile = rows.find((j) => j.dedupeKey === 'fragile-2')!;
      assert.equal(fragile.status, 'queued', 'queued again for a retry');
      assert.equal(fragile.lastError, 'the vendor said no');
      assert.ok(fragile.runAt > at, 'with a backoff');
    });
  });
}
