/**
 * The one way a use case records what happened: the history rows and, in the same transaction, one durable job
 * per processor that handles each domain event. Either the change, its events and their processors' jobs all
 * commit, or none does. After the commit the caller hands the same events to `afterCommit`, which nudges the
 * worker when jobs were queued and runs the after_commit processors (the live notices). The processors are
 * `deps.processors`, else the registered list (app/processors/index.ts).
 */
import type { DeskEvent } from '../core/event.js';
import type { Ticket } from '../core/ticket.js';
import type { NewJob, Repos } from './ports.js';
import { PROCESSORS } from './processors/index.js';
import * as dispatch from './processors/dispatch.js';

export type RecordDeps = dispatch.RecordDeps;

const withList = <T extends RecordDeps>(deps: T): T => (deps.processors ? deps : { ...deps, processors: PROCESSORS });

/** The processor jobs these events call for (exported for tests and benchmarks). */
export function processorJobs(events: readonly DeskEvent[], deps: RecordDeps): NewJob[] {
  return dispatch.processorJobs(events, withList(deps));
}

/**
 * Appends the events to the history and queues their processors' jobs (one multi-row insert), inside `tx`.
 * Returns how many jobs were queued: pass it to `afterCommit` with the events once the transaction committed.
 */
export function recordEvents(tx: Pick<Repos, 'events' | 'jobs'>, events: readonly DeskEvent[], deps: RecordDeps): Promise<number> {
  return dispatch.recordEvents(tx, events, withList(deps));
}

/**
 * After the commit: nudges the worker when jobs were queued, runs the after_commit processors. Never throws.
 * `committed`: the tickets as this transaction left them, when the caller has them (saves the notices a read).
 */
export function afterCommit(deps: dispatch.AfterCommitDeps, events: readonly DeskEvent[], jobs: number, committed: readonly Ticket[] = []): Promise<void> {
  return dispatch.afterCommit(withList(deps), events, jobs, committed);
}
