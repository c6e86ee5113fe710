/**
 * Runs durable jobs from the jobs table. Any instance may run a worker; claiming is atomic (and SKIP LOCKED on
 * PostgreSQL), a crashed worker's jobs are picked up again when their lock expires, and failures retry with
 * exponential backoff until max_attempts, after which the job stays visible as failed.
 *
 * Jobs run in batches: one statement claims up to `batch` due jobs, they run `concurrency` at a time, and the
 * ones that succeeded are marked done in one statement. On SQLite, whose one writer every statement queues
 * behind, that is two writes per batch instead of two per job: one job per new ticket (routing, the live
 * announcement's follow-ups) no longer halves ticket creation. Jobs about the same ticket run one after another
 * in claim order (two processors reading and writing one ticket never interleave); different tickets overlap.
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
  /** How many due jobs one claim takes (default 32). */
  batch?: number;
  /** How many jobs of a batch run at the same time (default 4); jobs naming the same ticket never overlap. */
  concurrency?: number;
  onError?: (job: Job, err: unknown) => void;
  /** Told once when polling starts failing (the database is away) and once when it works again. */
  onPollFailure?: (failing: boolean, err?: unknown) => void;
  /** The longest wait between polls while they fail (they back off from pollMs, doubling). */
  maxBackoffMs?: number;
}

export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 6 * 3_600_000);
}

/**
 * The ticket a job is about, when its payload names one (a processor job's event, a notice's ticket_id): jobs
 * with the same key run one after another within a batch. Null: the job runs on its own.
 */
export function jobSerialKey(job: Pick<Job, 'payload'>): string | null {
  const event = job.payload.event as { ticketId?: unknown } | undefined;
  const ticket = event?.ticketId ?? job.payload.ticket_id;
  return typeof ticket === 'string' && ticket !== '' ? `ticket:${ticket}` : null;
}

/** Groups a claim into lanes: one per ticket (in claim order), one per job naming no ticket. */
export function lanesOf(jobs: readonly Job[]): Job[][] {
  const lanes: Job[][] = [];
  const byKey = new Map<string, Job[]>();
  for (const job of jobs) {
    const key = jobSerialKey(job);
    const lane = key ? byKey.get(key) : undefined;
    if (lane) lane.push(job);
    else {
      const fresh = [job];
      lanes.push(fresh);
      if (key) byKey.set(key, fresh);
    }
  }
  return lanes;
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

  const batch = Math.max(1, options.batch ?? 32);
  const concurrency = Math.max(1, options.concurrency ?? 4);

  /** Runs one job; true when it succeeded (its failure is recorded here, with its retry). */
  async function runJob(job: Job): Promise<boolean> {
    const handler = handlers[job.type];
    try {
      if (!handler) throw new Error(`no handler for job type ${job.type}`);
      await handler(job);
      return true;
    } catch (err) {
      options.onError?.(job, err);
      const retry = job.attempts < job.maxAttempts ? new Date(clock.now().getTime() + backoffMs(job.attempts)).toISOString() : null;
      // A failure that cannot be recorded (the database went away) leaves the job to its lock's expiry.
      await store.jobs.fail(job.id, err instanceof Error ? err.message : String(err), retry, clock.now().toISOString()).catch(() => undefined);
      return false;
    }
  }

  async function runOnce(): Promise<number> {
    const now = clock.now();
    const jobs = await store.jobs.claim(workerId, now.toISOString(), new Date(now.getTime() + lockMs).toISOString(), batch);
    if (jobs.length === 0) return 0;
    const lanes = lanesOf(jobs);
    const done: string[] = [];
    let next = 0;
    // `concurrency` runners take lanes in turn; a lane's jobs run in order.
    const runner = async (): Promise<void> => {
      while (next < lanes.length) {
        const lane = lanes[next++]!;
        for (const job of lane) if (await runJob(job)) done.push(job.id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, lanes.length) }, runner));
    await store.jobs.completeMany(done, clock.now().toISOString());
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
