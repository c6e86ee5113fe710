/**
 * Merges two customers who are one person (issue 19): the source's e-mail addresses, numbers, tickets and
 * status links move to the target, the source keeps its row marked merged, and both histories say so. Gated by
 * identity's `merge_customers` level (the strictest among the brands of their tickets): the merged person gets
 * the lower of the two verification levels, since proof given by one is not proof for the other.
 */
import { conflict, invalid } from '../core/errors.js';
import { meetsVerification, type Customer, type VerificationLevel } from '../core/people.js';
import { actorOf, type Principal } from '../core/policy.js';
import { historyEvent } from './history.js';
import type { Deps, Repos } from './ports.js';
import { loadVisibleCustomer } from './update-customer.js';
import { verificationMissing, verificationRequirements } from './verification-requirements.js';

const lower = (a: VerificationLevel, b: VerificationLevel): VerificationLevel => (meetsVerification(a, b) ? b : a);

async function brandsOf(tx: Repos, customerId: string): Promise<string[]> {
  const page = await tx.tickets.list({ requesterId: customerId }, { limit: 100 });
  return [...new Set(page.tickets.map((t) => t.brandId))];
}

export async function mergeCustomers(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, sourceId: string, targetId: string): Promise<{ target: Customer; movedTickets: number }> {
  if (sourceId === targetId) throw invalid('A customer cannot be merged into themselves.', { field: 'target_id' });
  return deps.store.transaction(async (tx) => {
    const source = await loadVisibleCustomer(tx, principal, sourceId);
    const target = await loadVisibleCustomer(tx, principal, targetId);
    if (source.mergedIntoId) throw conflict('This customer was merged already.');
    if (target.mergedIntoId) throw conflict('The other customer was merged into someone else; merge into that one.', { field: 'target_id' });
    const level = lower(source.verificationLevel, target.verificationLevel);
    let required: VerificationLevel = 'unverified';
    for (const brandId of new Set([...(await brandsOf(tx, source.id)), ...(await brandsOf(tx, target.id))])) {
      const needed = (await verificationRequirements(tx, brandId)).merge_customers;
      if (!meetsVerification(required, needed)) required = needed;
    }
    if (!meetsVerification(level, required)) throw verificationMissing('merge_customers', level, required);

    const at = deps.clock.now().toISOString();
    const movedTickets = await tx.customers.mergeInto(source.id, target.id, at);
    await tx.customers.update(target.id, { verificationLevel: level, name: target.name ?? source.name, language: target.language ?? source.language }, at);
    const actor = actorOf(principal);
    await tx.events.append([
      historyEvent({ type: 'customer.merged', actor, at, subjectType: 'customer', subjectId: source.id, data: { target_id: target.id, moved_tickets: movedTickets } }),
      historyEvent({
        type: 'customer.merge_received',
        actor,
        at,
        subjectType: 'customer',
        subjectId: target.id,
        changes: level !== target.verificationLevel ? { verificationLevel: [target.verificationLevel, level] } : {},
        data: { source_id: source.id, moved_tickets: movedTickets },
      }),
    ]);
    return { target: (await tx.customers.get(target.id))!, movedTickets };
  });
}
