/**
 * PATCH a ticket: the change itself is app/apply-ticket-changes.ts (shared with bulk updates and rules); this use
 * case loads the ticket the principal may see, records the change's events with their processors' jobs in the
 * same transaction, and hands them to `afterCommit` (the live notice is live-announce's).
 */
import type { DeskEvent } from '../core/event.js';
import type { Principal } from '../core/policy.js';
import type { Ticket } from '../core/ticket.js';
import { applyTicketChanges, type TicketChanges } from './apply-ticket-changes.js';
import type { Deps, Repos } from './ports.js';
import { afterCommit, recordEvents, type RecordDeps } from './record-events.js';
import { loadVisibleTicket } from './ticket-access.js';

export { applyTicketChanges, type TicketChanges } from './apply-ticket-changes.js';

/** What a change recorded: its events and how many processor jobs they queued (hand both to `afterCommit`). */
export interface RecordedChange {
  events: DeskEvent[];
  jobs: number;
}

/** A recorder for applyTicketChanges that records with `deps`' processors and keeps what it did in `recorded`. */
export function recordInto(recorded: RecordedChange, deps: RecordDeps) {
  return async (tx: Repos, events: readonly DeskEvent[]): Promise<number> => {
    const jobs = await recordEvents(tx, events, deps);
    recorded.jobs += jobs;
    recorded.events.push(...events);
    return jobs;
  };
}

export async function updateTicket(
  deps: Pick<Deps, 'store' | 'clock' | 'bus' | 'senders' | 'chain' | 'officialChannels' | 'processors' | 'jobsNudge' | 'triggers'>,
  principal: Principal,
  ticketRef: string,
  changes: TicketChanges,
): Promise<Ticket> {
  const recorded: RecordedChange = { events: [], jobs: 0 };
  const ticket = await deps.store.transaction(async (tx) => {
    // A retried transaction starts over.
    recorded.events = [];
    recorded.jobs = 0;
    const current = await loadVisibleTicket(tx, principal, ticketRef);
    return applyTicketChanges(tx, principal, current, changes, deps.clock.now().toISOString(), { record: recordInto(recorded, deps) });
  });
  await afterCommit(deps, recorded.events, recorded.jobs);
  return ticket;
}
