import { conflict } from '../core/errors.js';
import { diffFields } from '../core/event.js';
import { actorOf, assertAdmin, type Principal } from '../core/policy.js';
import { historyEvent } from './history.js';
import type { Deps, Repos } from './ports.js';

/** Install-wide security settings, managed by admins. */
export interface SecuritySettings {
  /** Every agent must turn on two-factor login; until they do, their session can only enrol. */
  require_2fa: boolean;
}

const DEFAULTS: SecuritySettings = { require_2fa: false };

export async function getSecuritySettings(repos: Pick<Repos, 'settings'>): Promise<SecuritySettings> {
  return { ...DEFAULTS, ...((await repos.settings.get<Partial<SecuritySettings>>('security')) ?? {}) };
}

export async function updateSecuritySettings(
  deps: Pick<Deps, 'store' | 'clock'>,
  principal: Principal,
  changes: Partial<SecuritySettings>,
): Promise<SecuritySettings> {
  assertAdmin(principal);
  return deps.store.transaction(async (tx) => {
    if (changes.require_2fa) {
      // Otherwise the admin would lock themselves out of everything but enrolment the moment they save.
      const me = await tx.agents.get(principal.agentId);
      if (!me?.totpEnabled) throw conflict('Turn on two-factor sign-in for your own account first, then require it for everyone.');
    }
    const current = await getSecuritySettings(tx);
    const next = { ...current, ...changes };
    const diff = diffFields(current, next);
    if (Object.keys(diff).length === 0) return current;
    await tx.settings.set('security', next);
    const at = deps.clock.now().toISOString();
    await tx.events.append([
      historyEvent({ type: 'settings.updated', actor: actorOf(principal), at, subjectType: 'settings', subjectId: 'security', changes: diff }),
    ]);
    return next;
  });
}
