/** Turns a session cookie or an API token into a Principal, or null when it is not (or no longer) valid. */
import { hashToken } from '../core/ids.js';
import { lesserRole } from '../core/people.js';
import type { Principal } from '../core/policy.js';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from './log-in.js';
import type { Deps } from './ports.js';
import { getSecuritySettings } from './security-settings.js';

export interface SessionAuth {
  principal: Principal;
  csrfToken: string;
  /** Two-factor is required by the admins and this agent has not enrolled: only enrolment is allowed. */
  mustEnrollTwoFactor: boolean;
}

const TOUCH_EVERY_MS = 60_000;

export async function authenticateSession(deps: Pick<Deps, 'store' | 'clock'>, token: string): Promise<SessionAuth | null> {
  const session = await deps.store.sessions.get(hashToken(token));
  if (!session) return null;
  const now = deps.clock.now();
  const at = now.toISOString();
  const tooOld = new Date(session.createdAt).getTime() + SESSION_MAX_MS < now.getTime();
  if (session.expiresAt <= at || tooOld) {
    await deps.store.sessions.delete(session.idHash);
    return null;
  }
  const agent = await deps.store.agents.getAuth(session.agentId);
  // A password change ends older sessions even if a deletion was missed.
  if (!agent || !agent.active || (agent.passwordChangedAt && agent.passwordChangedAt > session.createdAt)) return null;
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    await deps.store.sessions.touch(session.idHash, at, new Date(now.getTime() + SESSION_IDLE_MS).toISOString());
  }
  const settings = await getSecuritySettings(deps.store);
  return {
    principal: { agentId: agent.id, name: agent.name, role: agent.role, brandIds: agent.brandIds, tokenId: null },
    csrfToken: session.csrfToken,
    mustEnrollTwoFactor: settings.require_2fa && !agent.totpEnabled,
  };
}

/**
 * Bearer tokens. The result is cached for a few seconds per token hash so a busy integration costs one lookup,
 * not one per request; revocation on this instance clears the cache at once, other instances follow within ttlMs.
 */
export function tokenAuthenticator(deps: Pick<Deps, 'store' | 'clock'>, ttlMs = 5_000) {
  const cache = new Map<string, { principal: Principal | null; until: number }>();
  const touched = new Map<string, number>();

  async function authenticate(token: string): Promise<Principal | null> {
    const hash = hashToken(token);
    const now = deps.clock.now().getTime();
    const hit = cache.get(hash);
    if (hit && hit.until > now) return hit.principal;

    let principal: Principal | null = null;
    const record = await deps.store.tokens.findByHash(hash);
    if (record && !record.revokedAt) {
      const agent = await deps.store.agents.get(record.agentId);
      if (agent?.active) {
        principal = { agentId: agent.id, name: agent.name, role: lesserRole(record.role, agent.role), brandIds: agent.brandIds, tokenId: record.id };
        if ((touched.get(record.id) ?? 0) + TOUCH_EVERY_MS < now) {
          touched.set(record.id, now);
          await deps.store.tokens.touch(record.id, new Date(now).toISOString());
        }
      }
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { principal, until: now + ttlMs });
    return principal;
  }

  return {
    authenticate,
    /** Forget cached answers (after a revocation or an agent change on this instance). */
    forget: () => cache.clear(),
  };
}

export type TokenAuthenticator = ReturnType<typeof tokenAuthenticator>;
