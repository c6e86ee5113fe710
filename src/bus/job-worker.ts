/**
 * Runs durable jobs from the jobs table. Any instance may run a worker; claiming is atomic (and SKIP LOCKED on
 * PostgreSQL), a crashed worker's jobs are picked up again when their lock expires, and failures retry with
 * exponential backoff until max_attempts, after which the job stays visible as failed.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { Job, Store } from '../app/ports.js';

export type JobHandler = (job: Job) => Promise<void>;

export interface JobWorkerOptions {
  store: Store;
  clock: Clock;
  handlers: Record<string, JobHandler>;
  pollMs?: number;
  lockMs?: number;
  batch?: number;
  onError?: (job: Job, err: unknown) => void;
  /** Told once when polling starts failing (the database is away) and once when it works again. */
  onPollFailure?: (failing: boolean, err?: unknown) => void;
  /** The longest wait between polls while they fail (they back off from pollMs, doubling). */
  maxBackoffMs?: number;
}

export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 6 * 3_600_000);
}

export function startJobWorker(options: JobWorkerOptions) {
  const { store, clock, handlers } = options;
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const pollMs = options.pollMs ?? 1000;
  const lockMs = options.lockMs ?? 5 * 60_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  let again = false;
  let failedPolls = 0;

  async function runOnce(): Promise<number> {
    const now = clock.now();
    const jobs = await store.jobs.claim(workerId, now.toISOString(), new Date(now.getTime() + lockMs).toISOString(), options.batch ?? 10);
    for (const job of jobs) {
      const handler = handlers[job.type];
      try {
        if (!handler) throw new Error(`no handler for job type ${job.type}`);
        await handler(job);
        await store.jobs.complete(job.id, clock.now().toISOString());
      } catch (err) {
        options.onError?.(job, err);
        const retry = job.attempts < job.maxAttempts ? new Date(clock.now().getTime() + backoffMs(job.attempts)).toISOString() : null;
        await store.jobs.fail(job.id, err instanceof Error ? err.message : String(err), retry, clock.now().toISOString());
      }
    }
    return jobs.length;
  }

  function schedule(delay: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref();
  }

  function tick(): void {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        let n: number;
        do n = await runOnce();
        while (n > 0 && !stopped);
        if (failedPolls > 0) options.onPollFailure?.(false);
        failedPolls = 0;
      } catch (err) {
        // The database is away: say so once, and poll less often until it answers (the jobs wait in the table).
        if (failedPolls === 0) options.onPollFailure?.(true, err);
        failedPolls++;
      } finally {
        running = null;
        if (again && failedPolls === 0) {
          again = false;
          schedule(0);
        } else {
          again = false;
          schedule(failedPolls === 0 ? pollMs : Math.min(pollMs * 2 ** (failedPolls - 1), options.maxBackoffMs ?? 10_000));
        }
      }
    })();
  }

  schedule(0);
  return {
    workerId,
    /** Run soon (called after a commit that enqueued jobs). */
    nudge: () => schedule(0),
    /** Claims and runs due jobs now; for tests and the CLI. */
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
