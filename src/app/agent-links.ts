/**
 * One-time links for agents (issue 19). An admin never sets or sees an agent's password: a reset or an
 * invitation e-mails the agent a link (`/agent/link#<token>`, the token in the fragment so no server log holds
 * it), and the agent chooses their own password there; two-factor sign-in follows at the first sign-in when the
 * desk requires it. Only the token's SHA-256 is stored; the token itself is sealed with the install key in the
 * one job that e-mails it. A link works once, expires (reset 1 hour, invitation 7 days), a newer link voids the
 * older ones, and using it ends every session of the agent.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError, conflict, notFound } from '../core/errors.js';
import type { Agent } from '../core/people.js';
import { actorOf, assertAdmin, type Principal } from '../core/policy.js';
import { t } from '../i18n/index.js';
import { assertPasswordStrength, createAgent, type AgentInput } from './create-agent.js';
import { historyEvent } from './history.js';
import { announceSessionsEnded } from './live.js';
import type { AgentLinkPurpose, Deps, Repos } from './ports.js';
import { getSecuritySettings } from './security-settings.js';

export const AGENT_LINK_JOB = 'agent.link_mail';
export const RESET_TTL_MS = 3_600_000;
export const INVITE_TTL_MS = 7 * 24 * 3_600_000;
const TOKEN_RE = /^[A-Za-z0-9_-]{40,60}$/;

const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The page an agent opens from the mail. */
export const agentLinkUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/+$/, '')}/agent/link#${token}`;

type LinkDeps = Pick<Deps, 'store' | 'clock' | 'secrets' | 'senders' | 'jobsNudge'>;

function assertCanMail(deps: Pick<Deps, 'senders'>): void {
  if (!deps.senders?.email?.mailAgent) {
    throw new AppError('unavailable', 'This desk sends no e-mail (SMTP_URL is not set), so the link cannot reach the agent.', { reason: 'no_mail' });
  }
}

/** Writes a new link (voiding the agent's older ones) and queues its mail, inside the caller's transaction. */
async function issueLink(tx: Repos, deps: LinkDeps, agent: Pick<Agent, 'id'>, purpose: AgentLinkPurpose, principal: Principal, publicUrl: string): Promise<{ expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  const now = deps.clock.now();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + (purpose === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS)).toISOString();
  await tx.agentLinks.voidOpen(agent.id, at);
  await tx.agentLinks.insert({ tokenHash, agentId: agent.id, purpose, createdBy: principal.agentId, createdAt: at, expiresAt, usedAt: null });
  await tx.jobs.enqueue(
    {
      type: AGENT_LINK_JOB,
      payload: { agent_id: agent.id, purpose, token_sealed: deps.secrets.seal(token), public_url: publicUrl, expires_at: expiresAt, key: tokenHash.slice(0, 24) },
      dedupeKey: `agent-link:${tokenHash}`,
      maxAttempts: 6,
    },
    at,
  );
  await tx.events.append([
    historyEvent({ type: 'agent.link_sent', actor: actorOf(principal), at, subjectType: 'agent', subjectId: agent.id, data: { purpose, expires_at: expiresAt } }),
  ]);
  return { expiresAt };
}

/** POST /agents/:id/password-reset (admins): e-mails the agent a one-time link to choose a new password. */
export async function sendPasswordReset(deps: LinkDeps, principal: Principal, agentId: string, publicUrl: string): Promise<{ to: string; expiresAt: string }> {
  assertAdmin(principal);
  assertCanMail(deps);
  const result = await deps.store.transaction(async (tx) => {
    const agent = await tx.agents.get(agentId);
    if (!agent) throw notFound('Agent');
    if (!agent.active) throw conflict('This agent is deactivated. Reactivate them before sending a reset link.', { reason: 'inactive' });
    const { expiresAt } = await issueLink(tx, deps, agent, 'reset', principal, publicUrl);
    return { to: agent.email, expiresAt };
  });
  deps.jobsNudge?.();
  return result;
}

/** POST /agents/invite (admins): creates the agent without a password and e-mails them a link to set one. */
export async function inviteAgent(
  deps: LinkDeps & Pick<Deps, 'passwords'>,
  principal: Principal,
  input: Omit<AgentInput, 'password'>,
  publicUrl: string,
): Promise<{ agent: Agent; expiresAt: string }> {
  assertAdmin(principal);
  assertCanMail(deps);
  const result = await deps.store.transaction(async (tx) => {
    const agent = await createAgent(deps, principal, { ...input, password: null }, { store: tx });
    const { expiresAt } = await issueLink(tx, deps, agent, 'invite', principal, publicUrl);
    return { agent, expiresAt };
  });
  deps.jobsNudge?.();
  return result;
}

async function openLink(deps: Pick<Deps, 'store' | 'clock'>, token: string) {
  if (!TOKEN_RE.test(token)) throw notFound('Link');
  const link = await deps.store.agentLinks.find(hashToken(token));
  if (!link) throw notFound('Link');
  const agent = await deps.store.agents.get(link.agentId);
  if (!agent) throw notFound('Link');
  return { link, agent };
}

export interface AgentLinkView {
  purpose: AgentLinkPurpose;
  name: string;
  email: string;
  /** False when used, voided, expired or the agent is deactivated: the page then says to ask an admin. */
  usable: boolean;
  twoFactorRequired: boolean;
}

/** What the link page shows before the form: whose link, what for, and whether it still works. */
export async function readAgentLink(deps: Pick<Deps, 'store' | 'clock'>, token: string): Promise<AgentLinkView> {
  const { link, agent } = await openLink(deps, token);
  const usable = link.usedAt === null && link.expiresAt > deps.clock.now().toISOString() && agent.active;
  const settings = await getSecuritySettings(deps.store);
  return { purpose: link.purpose, name: agent.name, email: agent.email, usable, twoFactorRequired: settings.require_2fa && !agent.totpEnabled };
}

/**
 * The agent sets their password with the link: once, before it expires, while they are active. Every session of
 * the agent ends (someone who had the old password is signed out), a lock from failed sign-ins is lifted, and
 * two-factor sign-in is left as it was.
 */
export async function useAgentLink(deps: Pick<Deps, 'store' | 'clock' | 'passwords' | 'bus'>, token: string, password: string): Promise<{ email: string; twoFactorRequired: boolean }> {
  const { link, agent } = await openLink(deps, token);
  const at = deps.clock.now().toISOString();
  if (link.usedAt !== null) throw new AppError('conflict', 'This link was already used or replaced by a newer one. Ask an admin for a new link.', { reason: 'used' });
  if (link.expiresAt <= at) throw new AppError('conflict', 'This link has expired. Ask an admin for a new link.', { reason: 'expired' });
  if (!agent.active) throw new AppError('conflict', 'This account is deactivated.', { reason: 'inactive' });
  assertPasswordStrength(password);
  const passwordHash = await deps.passwords.hash(password);
  await deps.store.transaction(async (tx) => {
    if (!(await tx.agentLinks.use(link.tokenHash, at))) throw new AppError('conflict', 'This link was already used or replaced by a newer one. Ask an admin for a new link.', { reason: 'used' });
    await tx.agents.update(agent.id, { passwordHash, passwordChangedAt: at, failedLogins: 0, lockedUntil: null }, at);
    const ended = await tx.sessions.deleteForAgent(agent.id);
    await tx.events.append([
      historyEvent({ type: 'agent.password_changed', actor: { type: 'agent', id: agent.id }, at, subjectType: 'agent', subjectId: agent.id, data: { via: link.purpose, sessions_ended: ended } }),
    ]);
  });
  await announceSessionsEnded(deps, agent.id);
  const settings = await getSecuritySettings(deps.store);
  return { email: agent.email, twoFactorRequired: settings.require_2fa && !agent.totpEnabled };
}

export const mailLanguage = (languages: readonly string[]) => (languages.some((l) => l.toLowerCase().startsWith('zh')) && !languages[0]?.toLowerCase().startsWith('en') ? 'zh-CN' : 'en');

/** The job handler: opens the sealed token and e-mails the link. Skips a link that is no longer usable. */
export async function mailAgentLink(deps: Pick<Deps, 'store' | 'clock' | 'secrets' | 'senders'>, payload: Record<string, unknown>): Promise<'sent' | 'skipped'> {
  const mailer = deps.senders?.email;
  if (!mailer?.mailAgent) throw new Error('no e-mail sender for agent links');
  const token = deps.secrets.open(String(payload.token_sealed));
  if (!token) return 'skipped';
  const link = await deps.store.agentLinks.find(hashToken(token));
  const agent = link ? await deps.store.agents.get(link.agentId) : null;
  if (!link || !agent || link.usedAt !== null || link.expiresAt <= deps.clock.now().toISOString()) return 'skipped';
  const lang = mailLanguage(agent.languages);
  const url = agentLinkUrl(String(payload.public_url), token);
  const hours = Math.round((Date.parse(link.expiresAt) - Date.parse(link.createdAt)) / 3_600_000);
  const kind = link.purpose === 'invite' ? 'invite' : 'reset';
  const text = [
    t(lang, 'agent_link.greeting', { name: agent.name }),
    t(lang, `agent_link.${kind}.body`),
    url,
    t(lang, 'agent_link.expires', { count: hours }),
    t(lang, 'agent_link.not_you'),
  ].join('\n\n');
  const from = (await deps.store.brands.list(null)).find((b) => b.supportEmails.length > 0)?.supportEmails[0] ?? null;
  await mailer.mailAgent({ to: agent.email, subject: t(lang, `agent_link.${kind}.subject`), text: `${text}\n`, key: String(payload.key), from });
  return 'sent';
}

export { hashToken as agentLinkHash };
