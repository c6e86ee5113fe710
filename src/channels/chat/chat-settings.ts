/**
 * Each brand's live-chat settings, kept as the brand's chat channel account (kind 'chat', one per brand; until
 * 2026-12 they were settings rows, moved by migration 20261208T0200-chat-accounts): whether chat is on (the
 * account's `enabled`), whether every call must prove the user's identity, which sites may embed the widget, how
 * soon the brand promises an answer when nobody is online, and the chat secret (a sealed, write-only secret of
 * the account; shown to an admin once, when rotated). A brand without a chat account has chat on with the
 * defaults. Admin → Chat (/brands/:id/chat-settings) and Admin → Channels (/channel-accounts) edit the same account.
 */
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { invalid, notFound } from '../../core/errors.js';
import { diffFields } from '../../core/event.js';
import { newId } from '../../core/ids.js';
import { actorOf, assertAdmin, canSeeBrand, type Principal } from '../../core/policy.js';
import { historyEvent } from '../../app/history.js';
import type { Deps, Repos } from '../../app/ports.js';
import type { ChannelAccount } from '../../app/channel-account-ports.js';
import { assertAccountFree, readableSecrets, sealAccountSecrets, type ChannelSettingsSpec } from '../../app/channel-accounts.js';

export interface ChatSettings {
  /** The brand's chat account; null while the brand has none (defaults). */
  accountId: string | null;
  enabled: boolean;
  /** Every widget and app call must carry a valid proof of the user's identity. */
  enforceIdentity: boolean;
  /** Origins (scheme://host[:port]) that may embed the widget; empty allows any. */
  allowedOrigins: string[];
  /** What visitors are told when no agent is online. */
  replyWithinHours: number;
  /** The account's sealed secrets (the chat secret); null until an admin sets or rotates one. */
  sealedSecrets: string | null;
}

export type ChatSettingsPatch = Partial<Pick<ChatSettings, 'enabled' | 'enforceIdentity' | 'allowedOrigins' | 'replyWithinHours'>>;

export const DEFAULT_CHAT_SETTINGS: ChatSettings = Object.freeze({
  accountId: null,
  enabled: true,
  enforceIdentity: false,
  allowedOrigins: [],
  replyWithinHours: 24,
  sealedSecrets: null,
}) as ChatSettings;

/** The account kind, and the name a chat account gets when Admin → Chat creates it. */
export const CHAT_KIND = 'chat';
const ACCOUNT_NAME = 'Live chat';
/** A chat secret signs identity proofs (HMAC, HS256): shorter ones can be guessed. */
const MIN_SECRET_CHARS = 32;

/** The settings of a chat account (Admin → Channels draws its form from this). */
export const ChatAccountSettings = Type.Object(
  {
    enforce_identity: Type.Boolean({ default: false, description: 'Every widget and app call must prove the user' }),
    allowed_origins: Type.Array(Type.String({ maxLength: 200 }), { default: [], maxItems: 50, description: 'Sites that may embed the widget, e.g. https://wallet.example.com; empty: any' }),
    reply_within_hours: Type.Integer({ default: 24, minimum: 1, maximum: 168, description: 'Promised answer time when nobody is online' }),
  },
  { additionalProperties: false },
);

function fromAccount(a: ChannelAccount): ChatSettings {
  const s = a.settings;
  return {
    accountId: a.id,
    enabled: a.enabled,
    enforceIdentity: s.enforce_identity === true,
    allowedOrigins: Array.isArray(s.allowed_origins) ? s.allowed_origins.map(String) : [],
    replyWithinHours: typeof s.reply_within_hours === 'number' ? s.reply_within_hours : DEFAULT_CHAT_SETTINGS.replyWithinHours,
    sealedSecrets: a.sealedSecrets,
  };
}

const toAccountSettings = (s: ChatSettings): Record<string, unknown> => ({
  enforce_identity: s.enforceIdentity,
  allowed_origins: s.allowedOrigins,
  reply_within_hours: s.replyWithinHours,
});

/** How the chat module's accounts are checked: one per brand, origins normalised, a strong secret. */
export const chatSettingsSpec: ChannelSettingsSpec = {
  kind: CHAT_KIND,
  schema: ChatAccountSettings,
  secretFields: ['secret'],
  onePerBrand: true,
  check(settings, secrets) {
    if (secrets.secret !== undefined && secrets.secret.length < MIN_SECRET_CHARS) {
      throw invalid(`secrets.secret must be at least ${MIN_SECRET_CHARS} characters (rotate one in Admin → Chat).`, { field: 'secrets.secret' });
    }
    const origins = Array.isArray(settings.allowed_origins) ? settings.allowed_origins.map(String) : [];
    return { ...settings, allowed_origins: [...new Set(origins.map(normaliseOrigin))] };
  },
};

async function loadAccount(repos: Pick<Repos, 'channelAccounts'>, brandId: string): Promise<ChannelAccount | null> {
  return (await repos.channelAccounts.list({ brandIds: [brandId], kind: CHAT_KIND }))[0] ?? null;
}

/** The brand's chat settings, defaults filled in. */
export async function loadChatSettings(repos: Pick<Repos, 'channelAccounts'>, brandId: string): Promise<ChatSettings> {
  const account = await loadAccount(repos, brandId);
  return account ? fromAccount(account) : DEFAULT_CHAT_SETTINGS;
}

/** The brand's chat secret in the clear, or null (none set, or sealed with another install's key). */
export function chatSecret(deps: Pick<Deps, 'secrets'>, settings: Pick<ChatSettings, 'sealedSecrets'>): string | null {
  return settings.sealedSecrets ? (readableSecrets(deps, settings)?.secret ?? null) : null;
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

async function loadForAdmin(tx: Repos, principal: Principal, brandId: string): Promise<{ account: ChannelAccount | null; settings: ChatSettings }> {
  assertAdmin(principal);
  if (!canSeeBrand(principal, brandId) || !(await tx.brands.get(brandId))) throw notFound('Brand');
  const account = await loadAccount(tx, brandId);
  return { account, settings: account ? fromAccount(account) : DEFAULT_CHAT_SETTINGS };
}

/** Writes the brand's chat account: a new one the first time Admin → Chat saves. */
async function saveAccount(tx: Repos, brandId: string, account: ChannelAccount | null, next: ChatSettings, at: string): Promise<ChannelAccount> {
  const row: ChannelAccount = account
    ? { ...account, settings: toAccountSettings(next), enabled: next.enabled, sealedSecrets: next.sealedSecrets, updatedAt: at }
    : {
        id: newId(),
        brandId,
        kind: CHAT_KIND,
        name: ACCOUNT_NAME,
        settings: toAccountSettings(next),
        sealedSecrets: next.sealedSecrets,
        uniqueKey: null,
        enabled: next.enabled,
        createdAt: at,
        updatedAt: at,
      };
  if (account) await tx.channelAccounts.update(row);
  else {
    await assertAccountFree(tx, chatSettingsSpec, row);
    await tx.channelAccounts.insert(row);
  }
  return row;
}

/** Reads a brand's chat settings (admins only). */
export async function readChatSettings(deps: Pick<Deps, 'store'>, principal: Principal, brandId: string): Promise<ChatSettings> {
  return (await loadForAdmin(deps.store, principal, brandId)).settings;
}

/** Changes a brand's chat settings (admins only); records the change in the brand's history. */
export async function updateChatSettings(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, brandId: string, patch: ChatSettingsPatch): Promise<ChatSettings> {
  return deps.store.transaction(async (tx) => {
    const { account, settings: before } = await loadForAdmin(tx, principal, brandId);
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as ChatSettingsPatch;
    if (given.allowedOrigins) given.allowedOrigins = [...new Set(given.allowedOrigins.map(normaliseOrigin))];
    const next: ChatSettings = { ...before, ...given };
    validate(next);
    const { sealedSecrets: _a, accountId: _c, ...visibleBefore } = before;
    const { sealedSecrets: _b, accountId: _d, ...visibleNext } = next;
    const changes = diffFields(visibleBefore, visibleNext);
    if (Object.keys(changes).length === 0) return before;
    const at = deps.clock.now().toISOString();
    const saved = await saveAccount(tx, brandId, account, next, at);
    await tx.events.append([
      historyEvent({ type: 'brand.chat_settings_changed', actor: actorOf(principal), at, subjectType: 'brand', subjectId: brandId, changes }),
    ]);
    return fromAccount(saved);
  });
}

/** Replaces the brand's chat secret (admins only) and returns it: the only time it is shown. Old proofs stop working. */
export async function rotateChatSecret(deps: Pick<Deps, 'store' | 'clock' | 'secrets'>, principal: Principal, brandId: string): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  await deps.store.transaction(async (tx) => {
    const { account, settings: before } = await loadForAdmin(tx, principal, brandId);
    // The account's other secret fields (none today) are kept.
    const secrets = { ...((account && readableSecrets(deps, account)) ?? {}), secret };
    const at = deps.clock.now().toISOString();
    await saveAccount(tx, brandId, account, { ...before, sealedSecrets: sealAccountSecrets(deps, secrets) }, at);
    await tx.events.append([
      historyEvent({ type: 'brand.chat_secret_rotated', actor: actorOf(principal), at, subjectType: 'brand', subjectId: brandId }),
    ]);
  });
  return secret;
}
