/**
 * Channel accounts (issue 15): a brand's mailboxes, phone numbers and bots, managed by admins. Each channel
 * module declares its settings schema and which fields are secrets (`ChannelSettingsSpec`); the specs come in
 * from the list of channels (app/ never imports channels/). Secrets are sealed with the install's key and are
 * write-only: no read returns them, only the names of the ones that are set.
 */
import type { TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { conflict, invalid, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { assertAdmin, type Principal } from '../core/policy.js';
import type { ChannelAccount } from './channel-account-ports.js';
import type { Deps, Repos } from './ports.js';

/** What a channel module says about its accounts. */
export interface ChannelSettingsSpec {
  /** The account kind ('email', 'phone', …), the same as the channel module's. */
  kind: string;
  /** TypeBox schema of `settings` (plain JSON, nothing secret); use additionalProperties: false. */
  schema: TObject;
  /** Names of the secret fields (passwords, tokens); each is a string of at most 4,000 characters. */
  secretFields: readonly string[];
  /** Secret fields an enabled account cannot work without. */
  requiredSecrets?: readonly string[];
  /** What makes two accounts the same thing (a mailbox, a phone number); unique per kind. */
  uniqueKey?(settings: Record<string, unknown>): string | null;
  /** A brand has at most one account of this kind (chat: the brand's chat set-up). */
  onePerBrand?: boolean;
  /**
   * Checks what the schema cannot (and normalises, e.g. origins): returns the settings to store or throws
   * invalid_input naming the field. Sees the secrets an account will hold, to check their strength.
   */
  check?(settings: Record<string, unknown>, secrets: Readonly<Record<string, string>>): Record<string, unknown>;
}

/** An account as the API shows it: never a secret, only which secret fields are set. */
export interface ChannelAccountView {
  id: string;
  brandId: string;
  kind: string;
  name: string;
  settings: Record<string, unknown>;
  secretsSet: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelAccountInput {
  brand_id: string;
  kind: string;
  name: string;
  settings: Record<string, unknown>;
  /** A string sets a secret; null clears it; an absent field keeps it. */
  secrets?: Record<string, string | null>;
  enabled?: boolean;
}

export type ChannelAccountPatch = Partial<Pick<ChannelAccountInput, 'name' | 'settings' | 'secrets' | 'enabled'>>;

const MAX_SECRET_CHARS = 4000;

type SecretDeps = Pick<Deps, 'secrets'>;

/**
 * Sealed secrets come in two forms: one sealed JSON object (what the desk writes), or `fields:` + a JSON object of
 * separately sealed values — what a migration writes when it moves secrets sealed elsewhere (the chat secret of a
 * settings row) without the install's key. The next write of the account turns the second into the first.
 */
export const SEALED_FIELDS_PREFIX = 'fields:';

/** The account's secret fields in the clear, for the channel that uses them (never for a response). Throws when they cannot be opened. */
export function openAccountSecrets(deps: SecretDeps, account: Pick<ChannelAccount, 'sealedSecrets'>): Record<string, string> {
  if (!account.sealedSecrets) return {};
  if (account.sealedSecrets.startsWith(SEALED_FIELDS_PREFIX)) {
    const fields = JSON.parse(account.sealedSecrets.slice(SEALED_FIELDS_PREFIX.length)) as Record<string, string>;
    return Object.fromEntries(Object.entries(fields).map(([name, sealed]) => [name, deps.secrets.open(sealed)]));
  }
  return JSON.parse(deps.secrets.open(account.sealedSecrets)) as Record<string, string>;
}

/** Seals an account's secret fields as one object; null when none is set. */
export function sealAccountSecrets(deps: SecretDeps, secrets: Readonly<Record<string, string>>): string | null {
  return Object.keys(secrets).length ? deps.secrets.seal(JSON.stringify(secrets)) : null;
}

/**
 * The secrets, or null when they were sealed with another key (SECRET_KEY changed, or a copied database): the
 * account then shows no secrets set, an admin enters them again, and the channel skips it meanwhile.
 */
export function readableSecrets(deps: SecretDeps, account: Pick<ChannelAccount, 'sealedSecrets'>): Record<string, string> | null {
  try {
    return openAccountSecrets(deps, account);
  } catch {
    return null;
  }
}

function present(deps: SecretDeps, a: ChannelAccount): ChannelAccountView {
  return {
    id: a.id,
    brandId: a.brandId,
    kind: a.kind,
    name: a.name,
    settings: a.settings,
    secretsSet: Object.keys(readableSecrets(deps, a) ?? {}).sort(),
    enabled: a.enabled,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

function specFor(specs: readonly ChannelSettingsSpec[], kind: string): ChannelSettingsSpec {
  const spec = specs.find((s) => s.kind === kind);
  if (!spec) throw invalid(`Unknown channel kind "${kind}". Use one of: ${specs.map((s) => s.kind).join(', ')}.`, { field: 'kind' });
  return spec;
}

/** The settings checked by the channel's schema (defaults filled in) and its own check; throws invalid_input naming the field. */
export function checkAccountSettings(spec: ChannelSettingsSpec, settings: Record<string, unknown>, secrets: Readonly<Record<string, string>>): Record<string, unknown> {
  const value = checkSettings(spec, settings);
  return spec.check ? spec.check(value, secrets) : value;
}

function checkSettings(spec: ChannelSettingsSpec, settings: Record<string, unknown>): Record<string, unknown> {
  // Defaults filled in, nothing removed: an unknown field is refused (additionalProperties: false), not dropped.
  const value = Value.Default(spec.schema, structuredClone(settings)) as Record<string, unknown>;
  const first = Value.Errors(spec.schema, value).First();
  if (first) {
    const where = first.path ? `settings${first.path.replaceAll('/', '.')}` : 'settings';
    throw invalid(`${where}: ${first.message}. Check the ${spec.kind} channel's settings.`, { field: where });
  }
  return value;
}

function mergeSecrets(spec: ChannelSettingsSpec, current: Record<string, string>, changes: Record<string, string | null> | undefined): Record<string, string> {
  const next = { ...current };
  for (const [name, value] of Object.entries(changes ?? {})) {
    if (!spec.secretFields.includes(name)) {
      throw invalid(`secrets.${name} is not a secret of the ${spec.kind} channel. Its secrets are: ${spec.secretFields.join(', ') || 'none'}.`, { field: `secrets.${name}` });
    }
    if (value === null) delete next[name];
    else if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SECRET_CHARS) {
      throw invalid(`secrets.${name} must be text of 1 to ${MAX_SECRET_CHARS} characters (null clears it).`, { field: `secrets.${name}` });
    } else next[name] = value;
  }
  return next;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 100) throw invalid('name must be 1 to 100 characters.', { field: 'name' });
  return trimmed;
}

/** Throws conflict when the account would clash with another of its kind (name in the brand, unique key, one per brand). */
export async function assertAccountFree(
  repos: Pick<Repos, 'channelAccounts'>,
  spec: Pick<ChannelSettingsSpec, 'onePerBrand'>,
  a: Pick<ChannelAccount, 'id' | 'brandId' | 'kind' | 'name' | 'uniqueKey'>,
): Promise<void> {
  const same = await repos.channelAccounts.list({ kind: a.kind });
  if (spec.onePerBrand && same.some((o) => o.id !== a.id && o.brandId === a.brandId)) {
    throw conflict(`The brand already has a ${a.kind} account; a brand has one. Edit that one instead.`, { field: 'kind' });
  }
  if (same.some((o) => o.id !== a.id && o.brandId === a.brandId && o.name === a.name)) {
    throw conflict(`The brand already has a ${a.kind} account named "${a.name}". Pick another name.`, { field: 'name' });
  }
  if (a.uniqueKey && same.some((o) => o.id !== a.id && o.uniqueKey === a.uniqueKey)) {
    throw conflict(`Another ${a.kind} account is already set up for ${a.uniqueKey}. Edit that one instead.`, { field: 'settings' });
  }
}

function assertRequiredSecrets(spec: ChannelSettingsSpec, enabled: boolean, secrets: Record<string, string>): void {
  if (!enabled) return;
  const missing = (spec.requiredSecrets ?? []).filter((n) => !secrets[n]);
  if (missing.length) throw invalid(`An enabled ${spec.kind} account needs secrets.${missing[0]}.`, { field: `secrets.${missing[0]}` });
}

/** Every account of every brand, or of one brand / kind (admins). */
export async function listChannelAccounts(deps: Pick<Deps, 'store' | 'secrets'>, principal: Principal, filter: { brandId?: string; kind?: string } = {}): Promise<ChannelAccountView[]> {
  assertAdmin(principal);
  const accounts = await deps.store.channelAccounts.list({ ...(filter.brandId ? { brandIds: [filter.brandId] } : {}), ...(filter.kind ? { kind: filter.kind } : {}) });
  return accounts.map((a) => present(deps, a));
}

/** Adds an account to a brand (admins): settings checked by the channel's schema, secrets sealed. */
export async function createChannelAccount(
  deps: Pick<Deps, 'store' | 'secrets' | 'clock'>,
  principal: Principal,
  specs: readonly ChannelSettingsSpec[],
  input: ChannelAccountInput,
): Promise<ChannelAccountView> {
  assertAdmin(principal);
  const spec = specFor(specs, input.kind);
  if (!(await deps.store.brands.get(input.brand_id))) throw notFound('Brand');
  const secrets = mergeSecrets(spec, {}, input.secrets);
  const settings = checkAccountSettings(spec, input.settings, secrets);
  const enabled = input.enabled ?? true;
  assertRequiredSecrets(spec, enabled, secrets);
  const now = deps.clock.now().toISOString();
  const account: ChannelAccount = {
    id: newId(),
    brandId: input.brand_id,
    kind: spec.kind,
    name: checkName(input.name),
    settings,
    sealedSecrets: sealAccountSecrets(deps, secrets),
    uniqueKey: spec.uniqueKey?.(settings) ?? null,
    enabled,
    createdAt: now,
    updatedAt: now,
  };
  await assertAccountFree(deps.store, spec, account);
  await deps.store.channelAccounts.insert(account);
  return present(deps, account);
}

/** Changes an account (admins); `enabled: false` disables it (accounts are never deleted: tickets name them). */
export async function updateChannelAccount(
  deps: Pick<Deps, 'store' | 'secrets' | 'clock'>,
  principal: Principal,
  specs: readonly ChannelSettingsSpec[],
  id: string,
  patch: ChannelAccountPatch,
): Promise<ChannelAccountView> {
  assertAdmin(principal);
  const current = await deps.store.channelAccounts.get(id);
  if (!current) throw notFound('Channel account');
  const spec = specFor(specs, current.kind);
  const secrets = mergeSecrets(spec, readableSecrets(deps, current) ?? {}, patch.secrets);
  const settings = checkAccountSettings(spec, patch.settings ?? current.settings, secrets);
  const enabled = patch.enabled ?? current.enabled;
  assertRequiredSecrets(spec, enabled, secrets);
  const next: ChannelAccount = {
    ...current,
    name: patch.name !== undefined ? checkName(patch.name) : current.name,
    settings,
    sealedSecrets: sealAccountSecrets(deps, secrets),
    uniqueKey: spec.uniqueKey?.(settings) ?? null,
    enabled,
    updatedAt: deps.clock.now().toISOString(),
  };
  await assertAccountFree(deps.store, spec, next);
  await deps.store.channelAccounts.update(next);
  return present(deps, next);
}

/**
 * The enabled accounts of a kind with their secrets opened, for the channel module that runs them. An account
 * whose secrets cannot be opened is left out and passed to `onUnreadable` (main.ts logs it), so one bad row never
 * stops the desk.
 */
export async function enabledAccounts(
  deps: Pick<Deps, 'store' | 'secrets'>,
  kind: string,
  onUnreadable?: (account: ChannelAccount) => void,
): Promise<Array<ChannelAccount & { secrets: Record<string, string> }>> {
  const accounts = await deps.store.channelAccounts.list({ kind, enabled: true });
  return accounts.flatMap((a) => {
    const secrets = readableSecrets(deps, a);
    if (secrets === null) {
      onUnreadable?.(a);
      return [];
    }
    return [{ ...a, secrets }];
  });
}
