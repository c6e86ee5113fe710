/**
 * A brand's freeze settings (PATCH /api/v1/brands/:id, admins): custodial or not, the account-action webhook
 * (URL and a secret made by the desk, sealed at rest and shown once), the minimum hold and the cooling-off. The
 * verification an unfreeze needs is not here: it is identity's requirement for `unfreeze`.
 */
import { randomBytes } from 'node:crypto';
import { invalid, notFound } from '../core/errors.js';
import {
  defaultFreezeSettings,
  MAX_COOLING_OFF_HOURS,
  MAX_MIN_HOLD_MINUTES,
  MIN_COOLING_OFF_HOURS,
  type FreezeSettings,
} from '../core/freeze.js';
import { actorOf, assertAdmin, type Principal } from '../core/policy.js';
import { historyEvent } from './history.js';
import type { Deps, Repos } from './ports.js';

/** What an admin may change (snake_case, as the API takes it). */
export interface FreezeSettingsInput {
  account_webhook_url?: string | null;
  custodial?: boolean;
  min_hold_minutes?: number;
  cooling_off_hours?: number | null;
}

export const FREEZE_SETTING_FIELDS = ['account_webhook_url', 'custodial', 'min_hold_minutes', 'cooling_off_hours'] as const;

/** The brand's settings (defaults when never changed). */
export async function loadFreezeSettings(repos: Pick<Repos, 'freezes'>, brandId: string): Promise<FreezeSettings> {
  return (await repos.freezes.getSettings(brandId))?.settings ?? defaultFreezeSettings(brandId);
}

/** The webhook secret in clear, for signing; null when none is set or it was sealed with another key. */
export async function webhookSecret(deps: Pick<Deps, 'store' | 'secrets'>, brandId: string): Promise<string | null> {
  const stored = await deps.store.freezes.getSettings(brandId);
  if (!stored?.sealedSecret) return null;
  try {
    return deps.secrets.open(stored.sealedSecret);
  } catch {
    return null;
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An https URL (plain http only to this machine, for a provider's agent running beside the desk). */
function checkWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid('account_webhook_url is not a URL.', { field: 'account_webhook_url' });
  }
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!ok || url.username || url.password) {
    throw invalid('account_webhook_url must be an https:// URL without a user name or password (http:// only for localhost).', { field: 'account_webhook_url' });
  }
  return url.toString();
}

/** Checks the input before anything is written (the brand's own fields are written in the same request). */
export function checkFreezeInput(input: FreezeSettingsInput): void {
  if (input.account_webhook_url) checkWebhookUrl(input.account_webhook_url);
  if (input.min_hold_minutes !== undefined && (!Number.isInteger(input.min_hold_minutes) || input.min_hold_minutes < 0 || input.min_hold_minutes > MAX_MIN_HOLD_MINUTES)) {
    throw invalid(`min_hold_minutes is a whole number from 0 to ${MAX_MIN_HOLD_MINUTES} (30 days).`, { field: 'min_hold_minutes' });
  }
  const c = input.cooling_off_hours;
  if (c !== undefined && c !== null && (!Number.isInteger(c) || c < MIN_COOLING_OFF_HOURS || c > MAX_COOLING_OFF_HOURS)) {
    throw invalid(`cooling_off_hours is null (none) or a whole number of hours from ${MIN_COOLING_OFF_HOURS} to ${MAX_COOLING_OFF_HOURS} (24 hours to 30 days).`, { field: 'cooling_off_hours' });
  }
}

const newSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * Changes a brand's freeze settings (admin). Returns the settings and, when this change gave the webhook its
 * first secret, that secret: the only time it is shown.
 */
export async function updateFreezeSettings(
  deps: Pick<Deps, 'store' | 'clock' | 'secrets'>,
  principal: Principal,
  brandId: string,
  input: FreezeSettingsInput,
): Promise<{ settings: FreezeSettings; secret: string | null }> {
  assertAdmin(principal);
  checkFreezeInput(input);
  return deps.store.transaction(async (tx) => {
    if (!(await tx.brands.get(brandId))) throw notFound('Brand');
    const at = deps.clock.now().toISOString();
    const stored = (await tx.freezes.getSettings(brandId)) ?? { settings: defaultFreezeSettings(brandId), sealedSecret: null };
    const before = stored.settings;
    const next: FreezeSettings = {
      ...before,
      custodial: input.custodial ?? before.custodial,
      accountWebhookUrl: input.account_webhook_url === undefined ? before.accountWebhookUrl : input.account_webhook_url ? checkWebhookUrl(input.account_webhook_url) : null,
      minHoldMinutes: input.min_hold_minutes ?? before.minHoldMinutes,
      coolingOffHours: input.cooling_off_hours === undefined ? before.coolingOffHours : input.cooling_off_hours,
      updatedAt: at,
    };
    let secret: string | null = null;
    let sealed = stored.sealedSecret;
    if (next.accountWebhookUrl && !sealed) {
      secret = newSecret();
      sealed = deps.secrets.seal(secret);
    }
    next.webhookSecretSet = sealed !== null;
    await tx.freezes.saveSettings({ settings: next, sealedSecret: sealed }, at);
    const changes: Record<string, [unknown, unknown]> = {};
    for (const k of ['custodial', 'accountWebhookUrl', 'minHoldMinutes', 'coolingOffHours'] as const) {
      if (before[k] !== next[k]) changes[k] = [before[k], next[k]];
    }
    if (secret) changes.webhookSecretSet = [false, true];
    if (Object.keys(changes).length > 0) {
      await tx.events.append([historyEvent({ type: 'brand.freeze_settings_changed', actor: actorOf(principal), at, subjectType: 'brand', subjectId: brandId, changes })]);
    }
    return { settings: next, secret };
  });
}

/** Makes a new webhook secret (admin); the old one stops working at once. Returns it: shown this once. */
export async function rotateWebhookSecret(deps: Pick<Deps, 'store' | 'clock' | 'secrets'>, principal: Principal, brandId: string): Promise<{ settings: FreezeSettings; secret: string }> {
  assertAdmin(principal);
  return deps.store.transaction(async (tx) => {
    if (!(await tx.brands.get(brandId))) throw notFound('Brand');
    const at = deps.clock.now().toISOString();
    const stored = (await tx.freezes.getSettings(brandId)) ?? { settings: defaultFreezeSettings(brandId), sealedSecret: null };
    const secret = newSecret();
    const settings = { ...stored.settings, webhookSecretSet: true, updatedAt: at };
    await tx.freezes.saveSettings({ settings, sealedSecret: deps.secrets.seal(secret) }, at);
    await tx.events.append([historyEvent({ type: 'brand.account_webhook_secret_rotated', actor: actorOf(principal), at, subjectType: 'brand', subjectId: brandId })]);
    return { settings, secret };
  });
}
