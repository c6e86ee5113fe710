/**
 * Which verification level each sensitive action needs, per brand (issue 18), and the check every such action
 * makes. Freezing is always free (the safe direction); the rest default to a sensible level and admins change
 * them (settings row `identity.requirements.<brand id>`).
 */
import { AppError, forbidden, invalid, notFound } from '../core/errors.js';
import { meetsVerification, missingVerification, SENSITIVE_ACTIONS, VERIFICATION_LEVELS, type SensitiveAction, type VerificationLevel } from '../core/people.js';
import { actorOf, isAdmin, type Principal } from '../core/policy.js';
import { inAll, joinList, t, type Language } from '../i18n/index.js';
import { historyEvent } from './history.js';
import type { Deps, Repos } from './ports.js';

export type VerificationRequirements = Record<SensitiveAction, VerificationLevel>;

/** What a brand needs before anyone sets its own levels: a stolen phone must not be enough to undo a freeze. */
export const DEFAULT_REQUIREMENTS: VerificationRequirements = {
  freeze: 'unverified',
  unfreeze: 'app',
  change_contact: 'contact',
  merge_customers: 'contact',
};

const key = (brandId: string) => `identity.requirements.${brandId}`;

/** The brand's levels (defaults for what it never set). */
export async function verificationRequirements(repos: Pick<Repos, 'settings'>, brandId: string): Promise<VerificationRequirements> {
  const stored = (await repos.settings.get<Partial<VerificationRequirements>>(key(brandId))) ?? {};
  const out = { ...DEFAULT_REQUIREMENTS };
  for (const action of SENSITIVE_ACTIONS) {
    const level = stored[action];
    if (action !== 'freeze' && level && (VERIFICATION_LEVELS as readonly string[]).includes(level)) out[action] = level;
  }
  return out;
}

/** Admins set a brand's levels; freezing cannot be made to need one. Recorded in the brand's history. */
export async function setVerificationRequirements(
  deps: Pick<Deps, 'store' | 'clock'>,
  principal: Principal,
  brandId: string,
  patch: Partial<Record<SensitiveAction, VerificationLevel>>,
): Promise<VerificationRequirements> {
  if (!isAdmin(principal)) throw forbidden('Only admins set the verification levels of a brand.');
  if (patch.freeze !== undefined && patch.freeze !== 'unverified') {
    throw invalid('Freezing never needs a verification: it is the safe direction, and a customer being robbed cannot wait.', { field: 'freeze' });
  }
  return deps.store.transaction(async (tx) => {
    const brand = await tx.brands.get(brandId);
    if (!brand) throw notFound('Brand');
    const before = await verificationRequirements(tx, brandId);
    const next = { ...before, ...patch, freeze: 'unverified' as const };
    const changes: Record<string, [unknown, unknown]> = {};
    for (const action of SENSITIVE_ACTIONS) if (before[action] !== next[action]) changes[action] = [before[action], next[action]];
    if (Object.keys(changes).length === 0) return before;
    await tx.settings.set(key(brandId), next);
    await tx.events.append([
      historyEvent({ type: 'brand.verification_requirements_changed', actor: actorOf(principal), at: deps.clock.now().toISOString(), subjectType: 'brand', subjectId: brandId, changes }),
    ]);
    return next;
  });
}

/**
 * Refuses a sensitive action when `level` is below what the brand needs, with a 403 that names the missing
 * steps in both languages (`details.messages`) and machine-readably (`details.missing`).
 */
export async function requireVerification(repos: Pick<Repos, 'settings'>, brandId: string, action: SensitiveAction, level: VerificationLevel): Promise<void> {
  const required = (await verificationRequirements(repos, brandId))[action];
  if (meetsVerification(level, required)) return;
  throw verificationMissing(action, level, required);
}

/** The refusal itself (also for callers that know the level they need). */
export function verificationMissing(action: SensitiveAction, level: VerificationLevel, required: VerificationLevel): AppError {
  const missing = missingVerification(level, required);
  const vars = (lang: Language) => ({
    action: t(lang, `identity.action.${action}`),
    required: t(lang, `identity.level.${required}`),
    current: t(lang, `identity.level.${level}`),
    steps: joinList(lang, missing.map((m) => t(lang, `identity.step.${m}`))),
  });
  const messages = inAll('identity.refused', vars);
  return new AppError('forbidden', messages.en, {
    reason: 'verification_required',
    action,
    required_level: required,
    current_level: level,
    missing,
    messages,
  });
}
