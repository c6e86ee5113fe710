/**
 * The machinery under app/record-events.ts, over an explicit list of processors, so that code a processor runs
 * (a use case such as routing that records its own events) can record without importing the registered list
 * (which would import that processor again: a cycle). Use cases call app/record-events.ts; a processor's code
 * passes on the deps it was given, whose `processors` the runner always fills.
 */
import { isDomainEvent, type DomainEvent } from '../../core/domain-events.js';
import type { DeskEvent } from '../../core/event.js';
import type { Ticket } from '../../core/ticket.js';
import type { Deps, NewJob, ProcessorDeps, Repos } from '../ports.js';
import { PROCESSOR_JOB, processorJobKey, type ProcessorJobPayload } from './processor.js';

/** What recording needs: the processors (none when absent: pass the deps a processor was given) and what their `wants` may look at. */
export type RecordDeps = Pick<Deps, 'senders' | 'chain' | 'officialChannels' | 'processors' | 'triggers' | 'slaPolicies' | 'publicUrl' | 'textMessages'>;

/** Attempts of a processor job before it stays visible as failed. */
const PROCESSOR_ATTEMPTS = 6;

/** The processor jobs these events call for (exported for tests and benchmarks). */
export function processorJobs(events: readonly DeskEvent[], deps: RecordDeps): NewJob[] {
  const processors = deps.processors ?? [];
  const jobs: NewJob[] = [];
  for (const event of events) {
    if (!isDomainEvent(event)) continue;
    for (const p of processors) {
      if (p.stage === 'after_commit' || !p.handles.includes(event.type)) continue;
      if (p.wants && !p.wants(event, deps)) continue;
      const payload: ProcessorJobPayload = { v: 1, processor: p.name, processor_version: p.version, event: event as DomainEvent };
      jobs.push({ type: PROCESSOR_JOB, payload: payload as unknown as Record<string, unknown>, dedupeKey: processorJobKey(p.name, event.id),
        maxAttempts: p.maxAttempts ?? PROCESSOR_ATTEMPTS,
        ...(p.runAt ? { runAt: p.runAt(event) } : {}),
      });
    }
  }
  return jobs;
}

/**
 * Appends the events to the history and queues their processors' jobs (one multi-row insert), inside `tx`.
 * Returns how many jobs it asked for (a job of an event recorded before is skipped by its dedupe key, not
 * counted out): nudge the worker after the commit when it is more than 0.
 */
export async function recordEvents(tx: Pick<Repos, 'events' | 'jobs'>, events: readonly DeskEvent[], deps: RecordDeps): Promise<number> {
  if (events.length === 0) return 0;
  await tx.events.append(events);
  const jobs = processorJobs(events, deps);
  if (jobs.length === 0) return 0;
  await tx.jobs.enqueueAll(jobs, events[0]!.at);
  return jobs.length;
}

/**
 * Call after the commit of a transaction that recorded `events` (`jobs`: what recordEvents returned): wakes the
 * worker when jobs were queued, then runs each after_commit processor on the events it handles and wants.
 * Never throws: the change is committed, and what runs here is best effort by contract.
 */
/** What an after_commit run is given: a use case's deps (no sealed secrets, no trigger view: live notices need neither). */
export type AfterCommitDeps = RecordDeps & Omit<ProcessorDeps, 'secrets' | 'triggers' | 'slaPolicies'>;

export async function afterCommit(deps: AfterCommitDeps, events: readonly DeskEvent[], jobs: number, committed: readonly Ticket[] = []): Promise<void> {
  if (jobs > 0) deps.jobsNudge?.();
  const domain = events.filter(isDomainEvent) as DomainEvent[];
  if (domain.length === 0) return;
  const processors = deps.processors ?? [];
  for (const p of processors) {
    if (p.stage !== 'after_commit') continue;
    const mine = domain.filter((e) => p.handles.includes(e.type) && (!p.wants || p.wants(e, deps)));
    if (mine.length === 0) continue;
    try {
      // after_commit processors (the live notices) read only what a use case has; see AfterCommitDeps.
      const given = { ...deps, processors, ...(committed.length > 0 ? { committedTickets: new Map(committed.map((t) => [t.id, t])) } : {}) } as ProcessorDeps;
      if (p.runAll) await p.runAll(given, mine);
      else for (const e of mine) await p.run(given, e);
    } catch {
      // Best effort: consoles catch up on their next fetch.
    }
  }
}
