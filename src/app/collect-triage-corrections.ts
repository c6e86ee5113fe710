/**
 * Agents' corrections of triage, as training examples: for each corrected ticket, its subject and the
 * customer's first message (already through the shield) labelled with the category and priority the agent
 * chose last. `walletdesk triage train --from-desk` trains on them.
 */
import { correctionToExample, type LabelledExample } from '../triage/index.js';
import type { Category, Priority } from '../core/ticket.js';
import type { Deps } from './ports.js';

export async function collectTriageCorrections(deps: Pick<Deps, 'store'>, limit = 10_000): Promise<LabelledExample[]> {
  const events = await deps.store.events.listByType('ticket.triage_corrected', limit);
  const latest = new Map<string, (typeof events)[number]>();
  for (const e of events) if (!latest.has(e.subjectId)) latest.set(e.subjectId, e);
  const examples: LabelledExample[] = [];
  for (const [ticketId, e] of latest) {
    const ticket = await deps.store.tickets.get(ticketId);
    if (!ticket) continue;
    const first = (await deps.store.messages.listForTicket(ticketId)).find((m) => m.authorType === 'customer');
    const from = e.data.from as { category: Category; priority: Priority };
    const to = e.data.to as { category: Category; priority: Priority };
    try {
      examples.push(correctionToExample({ input: { subject: ticket.subject, body: first?.body ?? '' }, from, to }));
    } catch {
      // a correction back to the same labels, or a ticket with no text: nothing to learn from
    }
  }
  return examples;
}
