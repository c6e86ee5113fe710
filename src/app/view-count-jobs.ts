/**
 * The view counts' fold (issue 20). On PostgreSQL every ticket change appends a +1/-1 row to
 * `ticket_view_count_delta` (concurrent writers never queue on one total row), and readers add those rows to the
 * totals. This scheduled job moves them into the totals, so what readers add stays a few seconds' worth of
 * changes. Every worker instance offers each period's fold and the dedupe key lets one through; a fold that runs
 * beside another (a late job, a second instance) does nothing twice (`TicketRepo.foldCountDeltas`). On SQLite
 * the triggers keep exact totals and nothing is queued.
 */
import type { Deps } from './ports.js';

export const VIEW_COUNTS_FOLD_JOB = 'view_counts.fold';

/** How often the deltas are folded: readers then add at most this long's changes. */
export const VIEW_COUNTS_FOLD_PERIOD_MS = 15_000;

/** Queues this period's fold (PostgreSQL only); true when this call queued it. */
export async function queueViewCountFold(deps: Pick<Deps, 'store' | 'clock'>, periodMs = VIEW_COUNTS_FOLD_PERIOD_MS): Promise<boolean> {
  if (deps.store.dialect !== 'postgres') return false;
  const now = deps.clock.now();
  const bucket = new Date(Math.floor(now.getTime() / periodMs) * periodMs).toISOString();
  return (await deps.store.jobs.enqueue({ type: VIEW_COUNTS_FOLD_JOB, payload: { bucket }, dedupeKey: `${VIEW_COUNTS_FOLD_JOB}:${bucket}` }, now.toISOString())) !== null;
}

/** The job: folds the pending deltas into the totals. */
export async function foldViewCounts(deps: Pick<Deps, 'store'>): Promise<void> {
  await deps.store.tickets.foldCountDeltas();
}
