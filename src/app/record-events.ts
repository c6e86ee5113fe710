/**
 * The one way a use case records what happened: the history rows and, in the same transaction, one durable job
 * per processor that handles each domain event. Either the change, its events and their processors' jobs all
 * commit, or none does; after the commit the caller nudges the worker (`deps.jobsNudge`) when jobs were queued.
 */
import { isDomainEvent, type DomainEvent } from '../core/domain-events.js';
import type { DeskEvent } from '../core/event.js';
import type { Deps, NewJob, Repos } from './ports.js';
import { PROCESSORS } from './processors/index.js';
import { PROCESSOR_JOB, processorJobKey, type ProcessorJobPayload } from './processors/processor.js';

/** What recording needs: the processors (default: the registered list) and what their `wants` may look at. */
export type RecordDeps = Pick<Deps, 'senders' | 'chain' | 'processors' | 'triggers'>;

/** Attempts of a processor job before it stays visible as failed. */
const PROCESSOR_ATTEMPTS = 6;

/** The processor jobs these events call for (exported for tests and benchmarks). */
export function processorJobs(events: readonly DeskEvent[], deps: RecordDeps): NewJob[] {
  const processors = deps.processors ?? PROCESSORS;
  const jobs: NewJob[] = [];
  for (const event of events) {
    if (!isDomainEvent(event)) continue;
    for (const p of processors) {
      if (!p.handles.includes(event.type)) continue;
      if (p.wants && !p.wants(event, deps)) continue;
      const payload: ProcessorJobPayload = { v: 1, processor: p.name, processor_version: p.version, event: event as DomainEvent };
      jobs.push({ type: PROCESSOR_JOB, payload: payload as unknown as Record<string, unknown>, dedupeKey: processorJobKey(p.name, event.id), maxAttempts: p.maxAttempts ?? PROCESSOR_ATTEMPTS, ...(p.runAt ? { runAt: p.runAt(event) } : {}) });
    }
  }
  return jobs;
}

/**
 * Appends the events to the history and queues their processors' jobs (one multi-row insert), inside `tx`.
 * Returns how many jobs were queued: nudge the worker after the commit when it is more than 0.
 */
export async function recordEvents(tx: Pick<Repos, 'events' | 'jobs'>, events: readonly DeskEvent[], deps: RecordDeps): Promise<number> {
  if (events.length === 0) return 0;
  await tx.events.append(events);
  const jobs = processorJobs(events, deps);
  if (jobs.length === 0) return 0;
  return tx.jobs.enqueueMany(jobs, events[0]!.at);
}
