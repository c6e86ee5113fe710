/**
 * Each brand's live-chat settings: whether chat is on, whether every call must prove the user's identity,
 * which sites may embed the widget, how soon the brand promises an answer when nobody is online, and the
 * chat secret (sealed with the install's key; shown to an admin once, when rotated).
 */
import { randomBytes } from 'node:crypto';
import { invalid, notFound } from '../../core/errors.js';
import { diffFields } from '../../core/event.js';
import { actorOf, assertAdmin, canSeeBrand, type Principal } from '../../core/policy.js';
import { historyEvent } from '../../app/history.js';
import type { Deps, Repos } from '../../app/ports.js';

export interface ChatSettings {
  enabled: boolean;
  /** Every widget and app call must carry a valid proof of the user's identity. */
  enforceIdentity: boolean;
  /** Origins (scheme://host[:port]) that may embed the widget; empty allows any. */
  allowedOrigins: string[];
  /** What visitors are told when no agent is online. */
  replyWithinHours: number;
  /** The chat secret, sealed; null until an admin rotates one in. */
  secretSealed: string | null;
}

export type ChatSettingsPatch = Partial<Pick<ChatSettings, 'enabled' | 'enforceIdentity' | 'allowedOrigins' | 'replyWithinHours'>>;

export const DEFAULT_CHAT_SETTINGS: ChatSettings = Object.freeze({
  enabled: true,
  enforceIdentity: false,
  allowedOrigins: [],
  replyWithinHours: 24,
  secretSealed: null,
}) as ChatSettings;

const key = (brandId: string) => `chat:${brandId}`;

/** The brand's chat settings, defaults filled in. */
export async function loadChatSettings(repos: Pick<Repos, 'settings'>, brandId: string): Promise<ChatSettings> {
  return { ...DEFAULT_CHAT_SETTINGS, ...((await repos.settings.get<Partial<ChatSettings>>(key(brandId))) ?? {}) };
}

/** The brand's chat secret in the clear, or null. */
export function chatSecret(deps: Pick<Deps, 'secrets'>, settings: ChatSettings): string | null {
  return settings.secretSealed ? deps.secrets.open(settings.secretSealed) : null;
}

/** True when a page at `origin` may embed the brand's chat. A missing origin is an app, not a page. */
export function originAllowed(settings: Pick<ChatSettings, 'allowedOrigins'>, origin: string | undefined): boolean {
  if (origin === undefined || settings.allowedOrigins.length === 0) return true;
  return settings.allowedOrigins.includes(origin.toLowerCase());
}

/** An origin as browsers send it: scheme://host[:port], lower-cased, no path. */
export function normaliseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalid(`"${value.slice(0, 100)}" is not an origin; write it like https://wallet.example.com`, { field: 'allowed_origins' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('Origins start with https:// (or http:// for local testing).', { field: 'allowed_origins' });
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw invalid(`"${value.slice(0, 100)}" has a path; an origin is only scheme://host[:port]`, { field: 'allowed_origins' });
  }
  return url.origin.toLowerCase();
}

function validate(s: ChatSettings): void {
  if (!Number.isInteger(s.replyWithinHours) || s.replyWithinHours < 1 || s.replyWithinHours > 168) {
    throw invalid('reply_within_hours is a whole number of hours from 1 to 168.', { field: 'reply_within_hours' });
  }
  if (s.allowedOrigins.length > 50) throw invalid('List at most 50 allowed origins.', { field: 'allowed_origins' });
}

async function loadForAdmin(tx: Repos, principal: Principal, brandId: string): Promise<ChatSettings> {
  assertAdmin(principal);
  if (!canSeeBrand(principal, brandId) || !(await tx.brands.get(brandId))) throw notFound('Brand');
  return loadChatSettings(tx, brandId);
}

/** Reads a brand's chat settings (admins only). */
export async function readChatSettings(deps: Pick<Deps, 'store'>, principal: Principal, brandId: string): Promise<ChatSettings> {
  return loadForAdmin(deps.store, principal, brandId);
}

/** Changes a brand's chat settings (admins only); records the change in the brand's history. */
export async function updateChatSettings(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, brandId: string, patch: ChatSettingsPatch): Promise<ChatSettings> {
  return deps.store.transaction(async (tx) => {
    const before = await loadForAdmin(tx, principal, brandId);
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as ChatSettingsPatch;
    if (given.allowedOrigins) given.allowedOrigins = [...new Set(given.allowedOrigins.map(normaliseOrigin))];
    const next: ChatSettings = { ...before, ...given };
    validate(next);
    const { secretSealed: _a, ...visibleBefore } = before;
    const { secretSealed: _b, ...visibleNext } = next;
    const changes = diffFields(visibleBefore, visibleNext);
    if (Object.keys(changes).length === 0) return before;
    await tx.settings.set(key(brandId), next);
    await tx.events.append([
      historyEvent({ type: 'brand.chat_settings_changed', actor: actorOf(principal), at: deps.clock.now().toISOString(), subjectType: 'brand', subjectId: brandId, changes }),
    ]);
    return next;
  });
}

/** Replaces the brand's chat secret (admins only) and returns it: the only time it is shown. Old proofs stop working. */
export async function rotateChatSecret(deps: Pick<Deps, 'store' | 'clock' | 'secrets'>, principal: Principal, brandId: string): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  await deps.store.transaction(async (tx) => {
    const before = await loadForAdmin(tx, principal, brandId);
    await tx.settings.set(key(brandId), { ...before, secretSealed: deps.secrets.seal(secret) });
    await tx.events.append([
      historyEvent({ type: 'brand.chat_secret_rotated', actor: actorOf(principal), at: deps.clock.now().toISOString(), subjectType: 'brand', subjectId: brandId }),
    ]);
  });
  return secret;
}
