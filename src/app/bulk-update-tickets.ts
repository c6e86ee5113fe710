/**
 * The console's bulk actions: the same changes applied to many tickets, one transaction per ticket, so one
 * ticket that cannot change (closed, merged, not visible) fails alone and the others still change.
 */
import { isAppError, type ErrorCode } from '../core/errors.js';
import type { Principal } from '../core/policy.js';
import { MAX_BULK_TICKETS, type Ticket } from '../core/ticket.js';
import { announce } from './live.js';
import type { Deps } from './ports.js';
import { loadVisibleTicket } from './ticket-access.js';
import { applyTicketChanges, type TicketChanges } from './update-ticket.js';
import { recordEvents } from './record-events.js';

export type BulkItemResult = { ref: string; ok: true; ticket: Ticket } | { ref: string; ok: false; error: { code: ErrorCode; message: string } };

export async function bulkUpdateTickets(
  deps: Pick<Deps, 'store' | 'clock' | 'bus' | 'jobsNudge' | 'senders' | 'chain' | 'processors'>,
  principal: Principal,
  refs: readonly string[],
  changes: TicketChanges,
): Promise<BulkItemResult[]> {
  const results: BulkItemResult[] = [];
  for (const ref of [...new Set(refs)].slice(0, MAX_BULK_TICKETS)) {
    try {
      let changed = false;
      const ticket = await deps.store.transaction(async (tx) => {
        const current = await loadVisibleTicket(tx, principal, ref);
        const next = await applyTicketChanges(tx, principal, current, changes, deps.clock.now().toISOString(), { record: (t, events) => recordEvents(t, events, deps) });
        changed = next.updatedAt !== current.updatedAt;
        return next;
      });
      if (changed) {
        deps.jobsNudge?.();
        await announce(deps, [{ type: 'ticket.updated', brandId: ticket.brandId, ticketId: ticket.id, data: { number: ticket.number, status: ticket.status } }]);
      }
      if (changed) deps.jobsNudge?.();
      results.push({ ref, ok: true, ticket });
    } catch (err) {
      if (!isAppError(err) || err.code === 'internal' || err.code === 'unavailable') throw err;
      results.push({ ref, ok: false, error: { code: err.code, message: err.message } });
    }
  }
  return results;
}
