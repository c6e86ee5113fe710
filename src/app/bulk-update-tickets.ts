/**
 * The console's bulk actions: the same changes applied to many tickets, one transaction per ticket, so one
 * ticket that cannot change (closed, merged, not visible) fails alone and the others still change.
 */
import { isAppError, type ErrorCode } from '../core/errors.js';
import type { Principal } from '../core/policy.js';
import { MAX_BULK_TICKETS, type Ticket } from '../core/ticket.js';
import { afterCommit } from './record-events.js';
import type { Deps } from './ports.js';
import { loadVisibleTicket } from './ticket-access.js';
import { applyTicketChanges, recordInto, type RecordedChange, type TicketChanges } from './update-ticket.js';

export type BulkItemResult = { ref: string; ok: true; ticket: Ticket } | { ref: string; ok: false; error: { code: ErrorCode; message: string } };

export async function bulkUpdateTickets(
  deps: Pick<Deps, 'store' | 'clock' | 'bus' | 'senders' | 'chain' | 'officialChannels' | 'processors' | 'jobsNudge'>,
  principal: Principal,
  refs: readonly string[],
  changes: TicketChanges,
): Promise<BulkItemResult[]> {
  const results: BulkItemResult[] = [];
  for (const ref of [...new Set(refs)].slice(0, MAX_BULK_TICKETS)) {
    try {
      const recorded: RecordedChange = { events: [], jobs: 0 };
      const ticket = await deps.store.transaction(async (tx) => {
        recorded.events = [];
        recorded.jobs = 0;
        const current = await loadVisibleTicket(tx, principal, ref);
        return applyTicketChanges(tx, principal, current, changes, deps.clock.now().toISOString(), { record: recordInto(recorded, deps) });
      });
      // Live notices and processors follow the recorded events.
      await afterCommit(deps, recorded.events, recorded.jobs);
      results.push({ ref, ok: true, ticket });
    } catch (err) {
      if (!isAppError(err) || err.code === 'internal' || err.code === 'unavailable') throw err;
      results.push({ ref, ok: false, error: { code: err.code, message: err.message } });
    }
  }
  return results;
}
