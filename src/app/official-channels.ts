/**
 * The provider's official channels (issue 8) as the desk keeps them: each brand's registry entry (plus its
 * support addresses, which are official by definition), a compiled registry shared by every check and
 * recompiled when any instance changes a brand's channels, and each brand's Ed25519 key for the public manifest.
 */
import { conflict, invalid, notFound } from '../core/errors.js';
import { diffFields } from '../core/event.js';
import type { Brand } from '../core/people.js';
import { actorOf, assertAdmin, type Principal } from '../core/policy.js';
import {
  checkChannel,
  compileRegistry,
  generateManifestKey,
  keyFingerprint,
  parseRegistry,
  signManifest,
  type ChannelVerdict,
  type RegistryBrand,
  type RegistryDoc,
  type SignedManifest,
} from '../verify/index.js';
import { historyEvent } from './history.js';
import type { Deps, OfficialChannelsDoc, RegistrySnapshot, RegistrySource, Repos } from './ports.js';

const EMPTY: OfficialChannelsDoc = { domains: [], emails: [], phones: [], handles: [] };

function hasChannels(e: { domains: unknown[]; emails: unknown[]; phones: unknown[]; handles: unknown[]; app_ids?: unknown[] }): boolean {
  return e.domains.length + e.emails.length + e.phones.length + e.handles.length + (e.app_ids?.length ?? 0) > 0;
}

/** Keeps the values the registry accepts: support addresses are checked more loosely when a brand is saved. */
function acceptable(values: readonly string[], kind: 'emails' | 'phones'): string[] {
  const out: string[] = [];
  for (const v of values) {
    try {
      parseRegistry({ brands: [{ id: 'probe', name: 'probe', domains: [], emails: [], phones: [], handles: [], [kind]: [v] }] });
      out.push(v);
    } catch {
      // not a value the checker can use (e.g. a test domain); it stays a support address, not a registry entry
    }
  }
  return out;
}

/** A brand's registry entry: what admins listed, plus its support e-mail addresses and phone numbers. */
function entryFor(brand: Brand, doc: OfficialChannelsDoc): RegistryBrand {
  return {
    id: brand.id,
    name: brand.name,
    domains: doc.domains,
    emails: [...new Set([...doc.emails, ...acceptable(brand.supportEmails, 'emails')])],
    phones: [...new Set([...doc.phones, ...acceptable(brand.phoneNumbers, 'phones')])],
    handles: doc.handles as RegistryBrand['handles'],
    ...(doc.app_ids?.length ? { app_ids: doc.app_ids } : {}),
    ...(doc.keywords?.length ? { keywords: doc.keywords } : {}),
  };
}

async function buildDoc(repos: Repos, replace?: { brandId: string; doc: OfficialChannelsDoc }): Promise<{ doc: RegistryDoc; brands: Brand[] }> {
  const [brands, stored] = await Promise.all([repos.brands.list(), repos.officialChannels.list()]);
  const docs = new Map(stored.map((s) => [s.brandId, s.doc]));
  if (replace) docs.set(replace.brandId, replace.doc);
  const entries = brands.map((b) => entryFor(b, docs.get(b.id) ?? EMPTY)).filter(hasChannels);
  return { doc: { brands: entries }, brands };
}

/**
 * The compiled registry, cached per instance: a cheap version query (at most every `checkEveryMs`) tells
 * when another instance changed a brand's channels.
 */
export function officialChannelsCache(deps: Pick<Deps, 'store' | 'clock'>, checkEveryMs = 2000): RegistrySource {
  let snapshot: RegistrySnapshot | null = null;
  let version = '';
  let checkedAt = 0;
  let building: Promise<RegistrySnapshot> | null = null;

  async function rebuild(): Promise<RegistrySnapshot> {
    const nextVersion = await deps.store.officialChannels.version();
    const { doc, brands } = await buildDoc(deps.store);
    const parsed = parseRegistry(doc);
    snapshot = {
      compiled: compileRegistry(parsed),
      entries: new Map(parsed.brands.map((b) => [b.id, b])),
      brands: new Map(brands.map((b) => [b.id, b])),
    };
    version = nextVersion;
    return snapshot;
  }

  return {
    async get(): Promise<RegistrySnapshot> {
      const now = deps.clock.now().getTime();
      if (snapshot && now - checkedAt < checkEveryMs) return snapshot;
      if (building) return building;
      building = (async () => {
        try {
          checkedAt = now;
          if (snapshot && (await deps.store.officialChannels.version()) === version) return snapshot;
          return await rebuild();
        } finally {
          building = null;
        }
      })();
      return building;
    },
    /** Forget the cache (after a change on this instance, or a brand's support addresses changing). */
    invalidate() {
      snapshot = null;
    },
  };
}

export type OfficialChannelsCache = RegistrySource;

/** A verdict plus the brand it names, for the verifier page and the API. */
export interface VerifyAnswer extends ChannelVerdict {
  brandInfo: { id: string; slug: string; name: string } | null;
}

export async function verifyChannel(cache: OfficialChannelsCache, value: string): Promise<VerifyAnswer> {
  const snap = await cache.get();
  const verdict = checkChannel(snap.compiled, value);
  const brand = verdict.brand ? snap.brands.get(verdict.brand) : undefined;
  return { ...verdict, brandInfo: brand ? { id: brand.id, slug: brand.slug, name: brand.name } : null };
}

/** The official channels of one brand (or of all), for the pages that list them. */
export async function officialChannelsOf(cache: OfficialChannelsCache, brandId?: string): Promise<Array<{ brand: Brand; entry: RegistryBrand }>> {
  const snap = await cache.get();
  const out: Array<{ brand: Brand; entry: RegistryBrand }> = [];
  for (const [id, entry] of snap.entries) {
    const brand = snap.brands.get(id);
    if (brand && (!brandId || brandId === id)) out.push({ brand, entry });
  }
  return out;
}

/** Replaces one brand's official channels (admins). Validated against the whole registry: no channel may
 * belong to two brands. */
export async function setOfficialChannels(
  deps: Pick<Deps, 'store' | 'clock'>,
  principal: Principal,
  brandId: string,
  input: OfficialChannelsDoc,
): Promise<OfficialChannelsDoc> {
  assertAdmin(principal);
  return deps.store.transaction(async (tx) => {
    const brand = await tx.brands.get(brandId);
    if (!brand) throw notFound('Brand');
    const normalised = normaliseEntry(brand, input);
    await parseWhole(tx, { brandId, doc: normalised });
    const before = (await tx.officialChannels.get(brandId))?.doc ?? EMPTY;
    const at = deps.clock.now().toISOString();
    await tx.officialChannels.set(brandId, normalised, at);
    await tx.events.append([
      historyEvent({
        type: 'brand.channels_updated',
        actor: actorOf(principal),
        at,
        subjectType: 'brand',
        subjectId: brandId,
        changes: diffFields(before as unknown as Record<string, unknown>, normalised as unknown as Record<string, unknown>),
      }),
    ]);
    return normalised;
  });
}

function normaliseEntry(brand: Brand, input: OfficialChannelsDoc): OfficialChannelsDoc {
  const emails = [...input.emails, ...acceptable(brand.supportEmails, 'emails')];
  const phones = [...input.phones, ...acceptable(brand.phoneNumbers, 'phones')];
  if (!hasChannels({ ...input, emails, phones })) return { ...EMPTY };
  const parsed = parseRegistry({ brands: [{ id: brand.id, name: brand.name, ...input, emails, phones }] }).brands[0]!;
  const support = new Set([...brand.supportEmails, ...brand.phoneNumbers]);
  return {
    domains: parsed.domains,
    // Support addresses are added at read time; keep the stored list to what the admin entered.
    emails: parsed.emails.filter((e) => !support.has(e)),
    phones: parsed.phones.filter((p) => !support.has(p)),
    handles: parsed.handles,
    ...(parsed.app_ids?.length ? { app_ids: parsed.app_ids } : {}),
    ...(parsed.keywords?.length ? { keywords: parsed.keywords } : {}),
  };
}

async function parseWhole(tx: Repos, replace?: { brandId: string; doc: OfficialChannelsDoc }): Promise<void> {
  const { doc } = await buildDoc(tx, replace);
  try {
    parseRegistry(doc);
  } catch (err) {
    throw conflict(`These channels clash with another brand's: ${(err as Error).message}`);
  }
}

/** The registry in the import/export format, with brand slugs as ids (stable and readable). */
export async function exportOfficialChannels(deps: Pick<Deps, 'store'>): Promise<RegistryDoc> {
  const { doc, brands } = await buildDoc(deps.store);
  const slug = new Map(brands.map((b) => [b.id, b.slug]));
  return { brands: doc.brands.map((b) => ({ ...b, id: slug.get(b.id) ?? b.id })) };
}

/** Imports a registry document: each entry names an existing brand by slug or id; all or nothing. */
export async function importOfficialChannels(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, json: unknown): Promise<number> {
  assertAdmin(principal);
  const parsed = parseRegistry(json);
  return deps.store.transaction(async (tx) => {
    const at = deps.clock.now().toISOString();
    let n = 0;
    for (const entry of parsed.brands) {
      const brand = (await tx.brands.getBySlug(entry.id)) ?? (await tx.brands.get(entry.id));
      if (!brand) throw invalid(`There is no brand "${entry.id}". Create it first, or use its short name as the id.`, { entry: entry.id });
      const doc = normaliseEntry(brand, {
        domains: entry.domains,
        emails: entry.emails,
        phones: entry.phones,
        handles: entry.handles,
        ...(entry.app_ids ? { app_ids: entry.app_ids } : {}),
        ...(entry.keywords ? { keywords: entry.keywords } : {}),
      });
      await tx.officialChannels.set(brand.id, doc, at);
      n++;
    }
    await parseWhole(tx);
    await tx.events.append([
      historyEvent({ type: 'channels.imported', actor: actorOf(principal), at, subjectType: 'settings', subjectId: 'official_channels', data: { brands: n } }),
    ]);
    return n;
  });
}

/** A brand's signing key, made the first time it is needed (and by only one instance). */
export async function signingKey(deps: Pick<Deps, 'store' | 'clock' | 'secrets'>, brandId: string): Promise<{ privateKeyPem: string; publicKey: string }> {
  const existing = await deps.store.brandKeys.get(brandId);
  if (existing) return { privateKeyPem: deps.secrets.open(existing.privateKeySealed), publicKey: existing.publicKey };
  const made = generateManifestKey();
  await deps.store.brandKeys.insert(brandId, made.publicKey, deps.secrets.seal(made.privateKeyPem), deps.clock.now().toISOString());
  const stored = (await deps.store.brandKeys.get(brandId))!;
  return { privateKeyPem: deps.secrets.open(stored.privateKeySealed), publicKey: stored.publicKey };
}

/** The public key and its fingerprint, as shown on /verify and the help center. */
export async function publicKeyOf(deps: Pick<Deps, 'store' | 'clock' | 'secrets'>, brandId: string): Promise<{ publicKey: string; fingerprint: string }> {
  const { publicKey } = await signingKey(deps, brandId);
  return { publicKey, fingerprint: keyFingerprint(publicKey) };
}

/** The signed manifest of one brand's official channels (ids are brand slugs). */
export async function brandManifest(
  deps: Pick<Deps, 'store' | 'clock' | 'secrets'>,
  cache: OfficialChannelsCache,
  brand: Brand,
): Promise<SignedManifest> {
  const [entry] = await officialChannelsOf(cache, brand.id);
  if (!entry) throw notFound(`Official channels of ${brand.name}`);
  const key = await signingKey(deps, brand.id);
  return signManifest({ brands: [{ ...entry.entry, id: brand.slug }] }, key.privateKeyPem, deps.clock.now());
}
