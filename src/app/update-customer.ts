/** Customers: agents see and correct the people who write in, within their brands. */
import { invalid, notFound } from '../core/errors.js';
import { diffFields } from '../core/event.js';
import { VERIFICATION_LEVELS, type Customer, type VerificationLevel } from '../core/people.js';
import { actorOf, isAdmin, type Principal } from '../core/policy.js';
import { normaliseEmail, normalisePhone } from './contact-points.js';
import { historyEvent } from './history.js';
import type { Deps, Repos } from './ports.js';
import { shieldWrittenText } from './shield-inbound.js';

/** Loads a customer the principal may see: one who has a ticket in the principal's brands (admins: any). */
export async function loadVisibleCustomer(repos: Repos, principal: Principal, id: string): Promise<Customer> {
  const customer = await repos.customers.get(id);
  if (!customer) throw notFound('Customer');
  if (!isAdmin(principal) && !(await repos.customers.hasTicketIn(id, principal.brandIds))) throw notFound('Customer');
  return customer;
}

export interface CustomerChanges {
  name?: string | null;
  language?: string | null;
  verification_level?: VerificationLevel;
  add_emails?: readonly string[];
  add_phones?: readonly string[];
}

export async function updateCustomer(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, id: string, input: CustomerChanges): Promise<Customer> {
  if (input.verification_level !== undefined && !(VERIFICATION_LEVELS as readonly string[]).includes(input.verification_level)) {
    throw invalid(`The verification level is one of ${VERIFICATION_LEVELS.join(', ')}.`, { field: 'verification_level' });
  }
  const emails = (input.add_emails ?? []).map((e) => normaliseEmail(e, 'add_emails'));
  const phones = (input.add_phones ?? []).map((p) => normalisePhone(p, 'add_phones'));
  return deps.store.transaction(async (tx) => {
    const customer = await loadVisibleCustomer(tx, principal, id);
    const at = deps.clock.now().toISOString();
    const next = {
      name: input.name !== undefined ? (input.name?.trim() ? shieldWrittenText(input.name.trim()) : null) : customer.name,
      language: input.language !== undefined ? input.language : customer.language,
      verificationLevel: input.verification_level ?? customer.verificationLevel,
    };
    const changes = diffFields(customer, next);
    for (const [kind, list] of [['email', emails], ['phone', phones]] as const) {
      for (const value of list) {
        const owner = await tx.customers.findByIdentity(kind, value);
        if (owner && owner !== id) throw invalid(`${value} belongs to another customer. Merge them instead.`, { field: `add_${kind}s` });
        if (!owner && (await tx.customers.addIdentity(id, kind, value, at))) changes[`${kind}:${value}`] = [null, 'added'];
      }
    }
    if (Object.keys(changes).length === 0) return customer;
    await tx.customers.update(id, next, at);
    await tx.events.append([
      historyEvent({ type: 'customer.updated', actor: actorOf(principal), at, subjectType: 'customer', subjectId: id, changes }),
    ]);
    return (await tx.customers.get(id))!;
  });
}
