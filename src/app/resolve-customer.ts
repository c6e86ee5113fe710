import { newId } from '../core/ids.js';
import type { Repos } from './ports.js';

/** Who wrote in, as the channel knows them. At least one of email, phone or externalId is set. */
export interface ContactIdentity {
  email?: string | null;
  phone?: string | null;
  /** The user id in the wallet app (chat, API), scoped to the brand. */
  externalId?: string | null;
  name?: string | null;
  language?: string | null;
}

/**
 * Finds the customer behind an identity (the wallet's user id first, then e-mail, then phone) or creates one,
 * and records any identity not seen before. Runs inside the caller's transaction.
 */
export async function resolveCustomer(tx: Repos, brandId: string, who: ContactIdentity, at: string): Promise<string> {
  const identities: Array<['email' | 'phone' | 'external', string]> = [];
  if (who.externalId) identities.push(['external', `${brandId}:${who.externalId}`]);
  if (who.email) identities.push(['email', who.email]);
  if (who.phone) identities.push(['phone', who.phone]);
  if (identities.length === 0) throw new Error('resolveCustomer needs an e-mail, a phone or an external id');

  let customerId: string | null = null;
  // The identity already stored for this customer (found by, or just added): not inserted again below.
  let known = -1;
  for (const [i, [kind, value]] of identities.entries()) {
    customerId = await tx.customers.findByIdentity(kind, value);
    if (customerId) {
      known = i;
      break;
    }
  }

  if (!customerId) {
    const created = newId();
    await tx.customers.insert({
      id: created,
      name: who.name?.trim() || null,
      language: who.language ?? null,
      verificationLevel: 'unverified',
      createdAt: at,
      updatedAt: at,
    });
    const [kind, value] = identities[0]!;
    known = 0;
    if (await tx.customers.addIdentity(created, kind, value, at)) {
      customerId = created;
    } else {
      // Another request created this customer a moment ago (PostgreSQL, concurrent first contacts): use theirs.
      await tx.customers.delete(created);
      customerId = await tx.customers.findByIdentity(kind, value);
      if (!customerId) throw new Error('customer identity vanished during resolution');
    }
  } else if (who.name?.trim()) {
    const existing = await tx.customers.get(customerId);
    if (existing && !existing.name) await tx.customers.update(customerId, { name: who.name.trim() }, at);
  }
  // An identity owned by someone else stays theirs (addIdentity returns false); we never move identities silently.
  for (const [i, [kind, value]] of identities.entries()) if (i !== known) await tx.customers.addIdentity(customerId, kind, value, at);
  return customerId;
}
