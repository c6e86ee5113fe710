/**
 * The outbound guard in the desk: no reply, note or API message may ask a customer for a recovery phrase or
 * private key (or carry one). A blocked attempt is refused with the reason, cannot be overridden, and is
 * recorded on the ticket (an agent or integration asking for seeds is itself a warning sign). Agents who
 * think the guard was wrong report it; admins review the reports to improve the rules.
 */
import { AppError } from '../core/errors.js';
import { actorOf, assertAdmin, type Principal } from '../core/policy.js';
import type { DeskEvent } from '../core/event.js';
import { OUTBOUND_RULES, checkOutbound, redactSecrets, type OutboundRuleId } from '../shield/index.js';
import { historyEvent } from './history.js';
import type { Deps } from './ports.js';

/** Throws forbidden (and records the attempt on the ticket) when the text asks for, or carries, a secret. */
export async function guardOutbound(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, ticketId: string, text: string): Promise<void> {
  const verdict = checkOutbound(text);
  if (verdict.allowed) return;
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.events.append([
      historyEvent({ type: 'shield.outbound_blocked', actor: actorOf(principal), at, subjectType: 'ticket', subjectId: ticketId, data: { rule: verdict.rule } }),
    ]);
  });
  throw new AppError('forbidden', `${verdict.explanation.en} ${verdict.explanation['zh-CN']}`, {
    rule: verdict.rule,
    explanation: verdict.explanation,
    report: 'If this is wrong, report it: POST /api/v1/shield/reports {rule, text}. The rules are reviewed by the admins.',
  });
}

/** An agent says the guard blocked something it should not have. Only the redacted text is kept. */
export async function reportGuardFalsePositive(
  deps: Pick<Deps, 'store' | 'clock'>,
  principal: Principal,
  input: { rule: string; text: string; ticketId?: string | null },
): Promise<void> {
  if (!(input.rule in OUTBOUND_RULES)) {
    throw new AppError('invalid_input', `Unknown rule "${input.rule}". Rules: ${Object.keys(OUTBOUND_RULES).join(', ')}.`, { field: 'rule' });
  }
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.events.append([
      historyEvent({
        type: 'shield.false_positive_reported',
        actor: actorOf(principal),
        at,
        subjectType: 'settings',
        subjectId: 'shield',
        data: { rule: input.rule as OutboundRuleId, text: redactSecrets(input.text.slice(0, 4000)).text, ticket_id: input.ticketId ?? null },
      }),
    ]);
  });
}

/** The reports for admins, newest first, with the rule each names. */
export async function listGuardReports(deps: Pick<Deps, 'store'>, principal: Principal, limit = 100): Promise<DeskEvent[]> {
  assertAdmin(principal);
  return (await deps.store.events.listForSubject('settings', 'shield', limit)).filter((e) => e.type === 'shield.false_positive_reported');
}
