/**
 * The non-custodial playbook: what the same "freeze" button offers when the provider cannot freeze anything.
 * Written in the customer's language, filled in with the transaction ids and receiving addresses the desk
 * already extracted from the conversation (ticket details), and sent with one click as the agent's public reply
 * (so through the outbound guard, like every text an agent sends).
 */
import type { Principal } from '../core/policy.js';
import type { Ticket } from '../core/ticket.js';
import { language as catalogueLanguage, t, type Language } from '../i18n/index.js';
import { addAgentMessage } from './add-agent-message.js';
import { historyEvent } from './history.js';
import type { Deps } from './ports.js';
import { loadVisibleTicket } from './ticket-access.js';

/** The playbook's text for a ticket, in `lang`. */
export function playbookText(ticket: Pick<Ticket, 'details'>, lang: Language): { text: string; txids: string[]; addresses: string[] } {
  const txids = ticket.details.txids ?? [];
  const addresses = ticket.details.addresses ?? [];
  const lines = [t(lang, 'freeze.playbook.intro'), '', t(lang, 'freeze.playbook.step_move'), '', t(lang, 'freeze.playbook.step_collect')];
  if (txids.length) lines.push(t(lang, 'freeze.playbook.txids', { list: txids.join(', ') }));
  else lines.push(t(lang, 'freeze.playbook.none_found'));
  if (addresses.length) lines.push(t(lang, 'freeze.playbook.addresses', { list: addresses.join(', ') }));
  lines.push('', t(lang, 'freeze.playbook.step_police'), '', t(lang, 'freeze.playbook.step_exchange'), '', t(lang, 'freeze.playbook.outro'));
  return { text: lines.join('\n'), txids, addresses };
}

async function ticketLanguage(deps: Pick<Deps, 'store'>, ticket: Ticket, override?: Language): Promise<Language> {
  if (override) return override;
  const brand = await deps.store.brands.get(ticket.brandId);
  return catalogueLanguage(ticket.language, brand?.defaultLanguage ?? 'en');
}

/** GET /tickets/:id/freeze/playbook: the text the agent will send. */
export async function previewPlaybook(deps: Pick<Deps, 'store'>, principal: Principal, ticketRef: string, lang?: Language) {
  const ticket = await loadVisibleTicket(deps.store, principal, ticketRef);
  const l = await ticketLanguage(deps, ticket, lang);
  return { language: l, ...playbookText(ticket, l) };
}

/** POST /tickets/:id/freeze/playbook: sends it as the agent's public reply. */
export async function sendPlaybook(deps: Pick<Deps, 'store' | 'clock' | 'bus' | 'jobsNudge' | 'senders'>, principal: Principal, ticketRef: string, lang?: Language) {
  const ticket = await loadVisibleTicket(deps.store, principal, ticketRef);
  const l = await ticketLanguage(deps, ticket, lang);
  const { message } = await addAgentMessage(deps, principal, ticket.id, { body: playbookText(ticket, l).text });
  await deps.store.events.append([
    historyEvent({ type: 'freeze.playbook_sent', actor: { type: 'agent', id: principal.agentId }, at: deps.clock.now().toISOString(), subjectType: 'ticket', subjectId: ticket.id, data: { message_id: message.id, language: l } }),
  ]);
  return message;
}
