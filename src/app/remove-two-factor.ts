/**
 * An admin removes another agent's two-factor sign-in (issue 19): the agent lost the phone with the
 * authenticator. The agent keeps their password; every session of theirs ends at once (whoever holds the phone or
 * a signed-in browser is out), the history names the admin who did it, and the agent is told by e-mail when the
 * desk sends mail, so a removal they did not ask for does not go unnoticed. When the desk requires two-factor sign-in
 * the agent enrols a new device at their next sign-in (log-in.ts asks for it). An admin's own two-factor is turned off
 * on their account page with a code, never here: that path would skip the code.
 */
import { AppError, conflict, notFound } from '../core/errors.js';
import type { Agent } from '../core/people.js';
import { actorOf, assertAdmin, type Principal } from '../core/policy.js';
import { t } from '../i18n/index.js';
import { mailLanguage } from './agent-links.js';
import { historyEvent } from './history.js';
import { announceSessionsEnded } from './live.js';
import type { Deps } from './ports.js';
import { getSecuritySettings } from './security-settings.js';

export const TWO_FACTOR_REMOVED_JOB = 'agent.two_factor_removed_mail';

export interface TwoFactorRemoved {
  agent: Agent;
  sessionsEnded: number;
  /** Whether a notice to the agent was queued (false when the desk sends no e-mail). */
  mailed: boolean;
}

export async function removeAgentTwoFactor(
  deps: Pick<Deps, 'store' | 'clock' | 'bus' | 'senders' | 'jobsNudge'>,
  principal: Principal,
  agentId: string,
): Promise<TwoFactorRemoved> {
  assertAdmin(principal);
  if (agentId === principal.agentId) {
    throw new AppError('forbidden', 'Turn off your own two-factor sign-in on your account page, with a code from your device.', { reason: 'self' });
  }
  const mailed = Boolean(deps.senders?.email?.mailAgent);
  const at = deps.clock.now().toISOString();
  const result = await deps.store.transaction(async (tx) => {
    const agent = await tx.agents.get(agentId);
    if (!agent) throw notFound('Agent');
    if (!agent.totpEnabled) throw conflict('This agent has no two-factor sign-in to remove.', { reason: 'not_enabled' });
    await tx.agents.update(agent.id, { totpEnabled: false, totpSecret: null }, at);
    const sessionsEnded = await tx.sessions.deleteForAgent(agent.id);
    await tx.events.append([
      historyEvent({
        type: 'agent.two_factor_disabled',
        actor: actorOf(principal),
        at,
        subjectType: 'agent',
        subjectId: agent.id,
        data: { removed_by_admin: principal.agentId, sessions_ended: sessionsEnded },
      }),
    ]);
    if (mailed) {
      await tx.jobs.enqueue(
        { type: TWO_FACTOR_REMOVED_JOB, payload: { agent_id: agent.id, admin_id: principal.agentId, at }, dedupeKey: `two-factor-removed:${agent.id}:${at}`, maxAttempts: 6 },
        at,
      );
    }
    return { agent: { ...agent, totpEnabled: false, updatedAt: at }, sessionsEnded };
  });
  await announceSessionsEnded(deps, agentId);
  if (mailed) deps.jobsNudge?.();
  return { ...result, mailed };
}

/** The job handler: tells the agent, in their language, who removed their two-factor sign-in and what happens next. */
export async function mailTwoFactorRemoved(deps: Pick<Deps, 'store' | 'senders'>, payload: Record<string, unknown>): Promise<'sent' | 'skipped'> {
  const mailer = deps.senders?.email;
  if (!mailer?.mailAgent) throw new Error('no e-mail sender for agent notices');
  const agent = await deps.store.agents.get(String(payload.agent_id));
  if (!agent) return 'skipped';
  const admin = await deps.store.agents.get(String(payload.admin_id));
  const lang = mailLanguage(agent.languages);
  const at = String(payload.at);
  const time = `${new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(at))} UTC`;
  const required = (await getSecuritySettings(deps.store)).require_2fa;
  const text = [
    t(lang, 'agent_link.greeting', { name: agent.name }),
    t(lang, 'look2.two_factor_removed.body', { admin: admin?.name ?? t(lang, 'look2.two_factor_removed.an_admin'), time }),
    t(lang, required ? 'look2.two_factor_removed.next_required' : 'look2.two_factor_removed.next_optional'),
    t(lang, 'look2.two_factor_removed.not_you'),
  ].join('\n\n');
  const from = (await deps.store.brands.list(null)).find((b) => b.supportEmails.length > 0)?.supportEmails[0] ?? null;
  await mailer.mailAgent({ to: agent.email, subject: t(lang, 'look2.two_factor_removed.subject'), text: `${text}\n`, key: `2fa-removed-${agent.id}-${at}`, from });
  return 'sent';
}
