/** The job worker while the database is away: it stays alive, says so once, polls less often, and resumes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startJobWorker } from '../../src/bus/job-worker.js';
import { systemClock } from '../../src/core/clock.js';
import { AppError } from '../../src/core/errors.js';
import type { Store } from '../../src/app/ports.js';

async function until(what: string, check: () => boolean, deadlineMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
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
