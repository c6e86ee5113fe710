/**
 * What a ticket's conversation has proven about its customer (issue 18): the highest of its passed step-ups,
 * the chat's signed-in identity (the widget's HMAC/JWT: app), and a phone call from a number on the account
 * (contact, weak: caller ID can be spoofed). Sensitive actions in a ticket check this level.
 */
import { higherVerification, meetsVerification, SENSITIVE_ACTIONS, type SensitiveAction, type VerificationLevel } from '../core/people.js';
import type { Principal } from '../core/policy.js';
import type { Ticket } from '../core/ticket.js';
import type { StepUp } from './identity-ports.js';
import type { Deps, Repos } from './ports.js';
import { loadVisibleTicket } from './ticket-access.js';
import { verificationRequirements, verificationMissing, type VerificationRequirements } from './verification-requirements.js';

export interface VerificationSource {
  level: VerificationLevel;
  how: `step_up:${StepUp['method']}` | 'chat_identity' | 'caller_id';
  weak: boolean;
}

export interface TicketVerification {
  customerLevel: VerificationLevel;
  conversationLevel: VerificationLevel;
  weak: boolean;
  sources: VerificationSource[];
  stepUps: StepUp[];
  requirements: VerificationRequirements;
  allowed: Record<SensitiveAction, boolean>;
}

/** The conversation's level and where it comes from (no visibility check: callers load the ticket first). */
export async function conversationVerification(repos: Repos, ticket: Ticket): Promise<Omit<TicketVerification, 'requirements' | 'allowed'>> {
  const customer = await repos.customers.get(ticket.requesterId);
  const stepUps = await repos.stepUps.listForTicket(ticket.id);
  const sources: VerificationSource[] = [];
  for (const s of stepUps) if (s.status === 'passed') sources.push({ level: s.level, how: `step_up:${s.method}`, weak: s.method === 'phone_code' });
  if (ticket.channel === 'chat') {
    const session = await repos.chatSessions.findByTicket(ticket.id);
    if (session?.userId) sources.push({ level: 'app', how: 'chat_identity', weak: false });
  }
  if (ticket.channel === 'phone' && customer && customer.phones.length > 0) sources.push({ level: 'contact', how: 'caller_id', weak: true });
  let level: VerificationLevel = 'unverified';
  for (const s of sources) level = higherVerification(level, s.level);
  const weak = level !== 'unverified' && sources.filter((s) => s.level === level).every((s) => s.weak);
  return { customerLevel: customer?.verificationLevel ?? 'unverified', conversationLevel: level, weak, sources, stepUps };
}

export async function readTicketVerification(deps: Pick<Deps, 'store'>, principal: Principal, ticketRef: string): Promise<TicketVerification> {
  const ticket = await loadVisibleTicket(deps.store, principal, ticketRef);
  const base = await conversationVerification(deps.store, ticket);
  const requirements = await verificationRequirements(deps.store, ticket.brandId);
  const allowed = Object.fromEntries(SENSITIVE_ACTIONS.map((a) => [a, meetsVerification(base.conversationLevel, requirements[a])])) as Record<SensitiveAction, boolean>;
  return { ...base, requirements, allowed };
}

/**
 * For a sensitive action taken on a ticket (unfreeze, …): refuses it, naming the missing steps in both
 * languages, unless the conversation has proven the brand's level for it.
 */
export async function requireTicketVerification(repos: Repos, ticket: Ticket, action: SensitiveAction): Promise<void> {
  const required = (await verificationRequirements(repos, ticket.brandId))[action];
  const { conversationLevel } = await conversationVerification(repos, ticket);
  if (!meetsVerification(conversationLevel, required)) throw verificationMissing(action, conversationLevel, required);
}
