/**
 * Console sign-in: password (argon2id), optional TOTP, throttling with lockout, and sessions stored as hashes.
 */
import { authenticator } from 'otplib';
import { AppError } from '../core/errors.js';
import { hashToken, randomToken } from '../core/ids.js';
import type { Agent } from '../core/people.js';
import { historyEvent } from './history.js';
import { announceSessionsEnded } from './live.js';
import type { Deps } from './ports.js';
import { getSecuritySettings } from './security-settings.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** A session ends after this long without use... */
export const SESSION_IDLE_MS = 12 * 3_600_000;
/** ...and after this long in any case. */
export const SESSION_MAX_MS = 7 * 24 * 3_600_000;

// A real argon2id hash of a random password: unknown e-mails cost the same time as known ones.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$eht2fadgaVru6FPvB3ZRIg$rX5Py5dpV6LsO70dStAMn4AunCHUSWMsavDxD5VF84Y';

export interface NewSession {
  /** The cookie value; only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/** Starts a session for an agent who has proven who they are. */
export async function startSession(deps: Pick<Deps, 'store' | 'clock'>, agentId: string, client: { ip: string | null; userAgent: string | null }): Promise<NewSession> {
  const now = deps.clock.now();
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
  await deps.store.sessions.insert({
    idHash: hashToken(token),
    agentId,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt,
    lastSeenAt: now.toISOString(),
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

/** Checks a 6-digit TOTP code against a base32 secret at the desk's clock, allowing one step of drift. */
export function checkTotp(secret: string, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code.trim())) return false;
  return authenticator.clone({ window: 1, epoch: now.getTime() }).check(code.trim(), secret);
}

export interface LogInInput {
  email: string;
  password: string;
  totp?: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface LogInResult {
  session: NewSession;
  agent: Agent;
  /** Two-factor is required but not set up yet: the session may only enrol. */
  mustEnrollTwoFactor: boolean;
}

const WRONG = () => new AppError('unauthenticated', 'The e-mail or the password is wrong.');

export async function logIn(deps: Pick<Deps, 'store' | 'clock' | 'passwords' | 'secrets'>, input: LogInInput): Promise<LogInResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const agent = await deps.store.agents.getAuthByEmail(input.email.trim().toLowerCase());
  if (!agent || !agent.active || !agent.passwordHash) {
    await deps.passwords.verify(DUMMY_HASH, input.password);
    throw WRONG();
  }
  if (agent.lockedUntil && agent.lockedUntil > at) {
    throw new AppError('rate_limited', `Too many failed sign-ins. This account is locked until ${agent.lockedUntil} (UTC). An admin can reset the password.`, {
      locked_until: agent.lockedUntil,
    });
  }

  const fail = async (): Promise<never> => {
    const lockUntil = new Date(now.getTime() + LOCKOUT_MS).toISOString();
    await deps.store.transaction(async (tx) => {
      const { locked } = await tx.agents.recordFailedLogin(agent.id, MAX_FAILED_LOGINS, lockUntil, at);
      await tx.events.append([
        historyEvent({
          type: locked ? 'agent.locked_out' : 'agent.login_failed',
          actor: { type: 'system', id: null },
          at,
          subjectType: 'agent',
          subjectId: agent.id,
          data: { ip: input.ip, ...(locked ? { locked_until: lockUntil } : {}) },
        }),
      ]);
    });
    throw WRONG();
  };

  if (!(await deps.passwords.verify(agent.passwordHash, input.password))) return fail();
  if (agent.totpEnabled && agent.totpSecret) {
    if (!input.totp) {
      throw new AppError('unauthenticated', 'Enter the 6-digit code from your authenticator app.', { totp_required: true });
    }
    if (!checkTotp(deps.secrets.open(agent.totpSecret), input.totp, now)) return fail();
  }

  const session = await startSession(deps, agent.id, input);
  await deps.store.transaction(async (tx) => {
    if (agent.failedLogins !== 0 || agent.lockedUntil) await tx.agents.update(agent.id, { failedLogins: 0, lockedUntil: null }, at);
    await tx.events.append([
      historyEvent({ type: 'agent.logged_in', actor: { type: 'agent', id: agent.id }, at, subjectType: 'agent', subjectId: agent.id, data: { ip: input.ip } }),
    ]);
  });
  const settings = await getSecuritySettings(deps.store);
  const { passwordHash: _p, totpSecret: _t, failedLogins: _f, lockedUntil: _l, passwordChangedAt: _c, ...visible } = agent;
  return { session, agent: visible, mustEnrollTwoFactor: settings.require_2fa && !agent.totpEnabled };
}

/** Ends one session, and closes the live sockets that rode on it. */
export async function logOut(deps: Pick<Deps, 'store' | 'bus'>, sessionToken: string): Promise<void> {
  const idHash = hashToken(sessionToken);
  const session = await deps.store.sessions.get(idHash);
  await deps.store.sessions.delete(idHash);
  if (session) await announceSessionsEnded(deps, session.agentId);
}
