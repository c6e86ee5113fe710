/**
 * Records that mail to customer addresses bounces (from a delivery status report the e-mail channel verified as
 * answering the desk's own mail). The address gets no more automatic notices; the history says why.
 */
import { historyEvent } from './history.js';
import type { Deps } from './ports.js';

export interface BounceReport {
  addresses: readonly string[];
  /** The DSN status code, e.g. 5.1.1. */
  status: string | null;
  /** The ticket whose mail bounced, when known. */
  ticketId: string | null;
}

/** Returns the addresses that belong to a customer and are now marked (unknown addresses are ignored). */
export async function markEmailBouncing(deps: Pick<Deps, 'store' | 'clock'>, report: BounceReport): Promise<string[]> {
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const marked: string[] = [];
    for (const address of new Set(report.addresses.map((a) => a.trim().toLowerCase()))) {
      const customerId = await tx.customers.findByIdentity('email', address);
      if (!customerId) continue;
      await tx.customers.markBouncing('email', address, at);
      await tx.events.append([
        historyEvent({
          type: 'customer.email_bounced',
          actor: { type: 'system', id: null },
          at,
          subjectType: 'customer',
          subjectId: customerId,
          ticketId: report.ticketId,
          data: { address, status: report.status },
        }),
      ]);
      marked.push(address);
    }
    return marked;
  });
}
