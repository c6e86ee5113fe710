/** Customers: agents see and correct the people who write in, within their brands. */
import { invalid, notFound } from '../core/errors.js';
import { diffFields } from '../core/event.js';
import { meetsVerification, type Customer, type VerificationLevel } from '../core/people.js';
import { actorOf, isAdmin, type Principal } from '../core/policy.js';
import { normaliseEmail, normalisePhone } from './contact-points.js';
import { historyEvent } from './history.js';
import { verificationMissing, verificationRequirements } from './verification-requirements.js';
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
  add_emails?: readonly string[];
  add_phones?: readonly string[];
}

/** The strictest `change_contact` level among the desk's brands: a customer is not tied to one brand. */
async function requireContactChange(tx: Repos, customer: Customer): Promise<void> {
  let strictest: { brandId: string; level: VerificationLevel } | null = null;
  for (const brand of await tx.brands.list()) {
    const level = (await verificationRequirements(tx, brand.id)).change_contact;
    if (!strictest || !meetsVerification(strictest.level, level)) strictest = { brandId: brand.id, level };
  }
  if (strictest && !meetsVerification(customer.verificationLevel, strictest.level)) throw verificationMissing('change_contact', customer.verificationLevel, strictest.level);
}

export async function updateCustomer(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, id: string, input: CustomerChanges): Promise<Customer> {
  const emails = (input.add_emails ?? []).map((e) => normaliseEmail(e, 'add_emails'));
  const phones = (input.add_phones ?? []).map((p) => normalisePhone(p, 'add_phones'));
  return deps.store.transaction(async (tx) => {
    const customer = await loadVisibleCustomer(tx, principal, id);
    const at = deps.clock.now().toISOString();
    const next = {
      name: input.name !== undefined ? (input.name?.trim() ? shieldWrittenText(input.name.trim()) : null) : customer.name,
      language: input.language !== undefined ? input.language : customer.language,
    };
    const changes = diffFields(customer, next);
    // New contact points are where one-time codes go: adding one needs the level the brands ask for (issue 18).
    if (emails.length + phones.length > 0) await requireContactChange(tx, customer);
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
