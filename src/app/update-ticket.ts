/** Changes a ticket's status, priority, category, assignee, team, tags or subject (PATCH /api/v1/tickets/:id). */
import type { Principal } from '../core/policy.js';
import type { Ticket } from '../core/ticket.js';
import { applyTicketChanges, type TicketChanges } from './apply-ticket-changes.js';
import { announce } from './live.js';
import type { Deps } from './ports.js';
import { recordEvents } from './record-events.js';
import { loadVisibleTicket } from './ticket-access.js';

export { applyTicketChanges, type TicketChanges } from './apply-ticket-changes.js';

export async function updateTicket(
  deps: Pick<Deps, 'store' | 'clock' | 'bus' | 'jobsNudge' | 'senders' | 'chain' | 'processors'>,
  principal: Principal,
  ticketRef: string,
  changes: TicketChanges,
): Promise<Ticket> {
  const before = { updatedAt: '' };
  let queued = 0;
  const ticket = await deps.store.transaction(async (tx) => {
    const current = await loadVisibleTicket(tx, principal, ticketRef);
    before.updatedAt = current.updatedAt;
    // The change's events queue their processors' jobs (rules, the bell) in the same transaction.
    const record = async (t: typeof tx, events: Parameters<typeof recordEvents>[1]) => (queued += await recordEvents(t, events, deps));
    return applyTicketChanges(tx, principal, current, changes, deps.clock.now().toISOString(), { record });
  });
  if (queued > 0) deps.jobsNudge?.();
  if (ticket.updatedAt !== before.updatedAt) {
    deps.jobsNudge?.();
    await announce(deps, [
      { type: 'ticket.updated', brandId: ticket.brandId, ticketId: ticket.id, data: { number: ticket.number, status: ticket.status } },
    ]);
  }
  return ticket;
}
