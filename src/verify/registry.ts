/**
 * The official-channel registry document: types, validation and normalisation. The JSON shape is the import and
 * export format of issue 8: {"brands": [{"id", "name", "domains", "emails", "phones", "handles", "app_ids"?}]}.
 */
import { domainToASCII } from 'node:url';
import { parse as parseDomain } from 'tldts';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { AppError } from '../core/errors.js';
import { PLATFORMS, normaliseHandle, handleKey, type Platform } from './social.js';
import { SHARED_HOSTS } from './words.js';
import { fullFold } from './fold.js';

export type { Platform } from './social.js';

/** One account of a brand on a social platform. */
export interface RegistryHandle {
  platform: Platform;
  handle: string;
}

/** One app in a store: `store` is "apple", "google" or another store's short name; `id` its id there. */
export interface RegistryAppId {
  store: string;
  id: string;
}

/** A brand and every channel it runs. Domains are lower-case ASCII (IDNs in punycode); phones are E.164. */
export interface RegistryBrand {
  id: string;
  name: string;
  domains: string[];
  emails: string[];
  phones: string[];
  handles: RegistryHandle[];
  app_ids?: RegistryAppId[];
  /** Words that name the brand in lookalikes, replacing the ones derived from its name (for common-word names). */
  keywords?: string[];
}

/** The whole registry. */
export interface RegistryDoc {
  brands: RegistryBrand[];
}

const PARSE_OPTS = { allowPrivateDomains: true } as const;
const SHARED = new Set(SHARED_HOSTS);
const BRAND_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const EMAIL = /^([^\s@]{1,64})@([^\s@]{1,253})$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Normalises a domain or bare site URL to lower-case ASCII, or returns null when it is not a registrable host. */
export function normaliseDomain(raw: string): string | null {
  let s = raw.trim().toLowerCase();
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/\/+$/, '').replace(/\.$/, '');
  if (s === '' || /[/?#@:\s]/.test(s)) return null;
  const ascii = domainToASCII(s);
  if (!ascii || ascii.length > 253) return null;
  const p = parseDomain(ascii, PARSE_OPTS);
  if (p.isIp || !p.domain || !(p.isIcann || p.isPrivate)) return null;
  if (!ascii.split('.').every((l) => /^(?!-)[a-z0-9-]{1,63}(?<!-)$/.test(l))) return null;
  return ascii;
}

/** Normalises an e-mail address (lower case, ASCII domain) or returns null. */
export function normaliseEmail(raw: string): string | null {
  const m = EMAIL.exec(raw.trim().replace(/^mailto:/i, ''));
  if (!m) return null;
  const local = m[1]!.toLowerCase();
  if (!/^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local) || local.startsWith('.') || local.endsWith('.')) return null;
  const domain = normaliseDomain(m[2]!);
  return domain ? `${local}@${domain}` : null;
}

/** Normalises a phone number written in international form to E.164, or returns null. */
export function normalisePhone(raw: string): string | null {
  let s = raw.trim().replace(/^tel:/i, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (!s.startsWith('+')) return null;
  const p = parsePhoneNumberFromString(s);
  return p && p.isPossible() ? p.number : null;
}

function fail(message: string, where: string): never {
  throw new AppError('invalid_input', `${where}: ${message}`, { entry: where });
}

function stringList(v: unknown, where: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail('must be a list of strings', where);
  return v.map((item, i) => {
    if (typeof item !== 'string') fail('must be a string', `${where}[${i}]`);
    return item;
  });
}

function parseBrand(raw: unknown, where: string): RegistryBrand {
  if (!isRecord(raw)) fail('must be an object with "id" and "name"', where);
  const { id, name } = raw;
  if (typeof id !== 'string' || !BRAND_ID.test(id)) {
    fail('"id" must be 1-64 characters of a-z, 0-9, "-" or "_", starting with a letter or digit', where);
  }
  const at = `${where} (${id})`;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 100) fail('"name" must be 1-100 characters', at);

  const domains = stringList(raw.domains, `${at}.domains`).map((d, i) => {
    const n = normaliseDomain(d);
    if (!n) fail(`"${d}" is not a registrable domain name`, `${at}.domains[${i}]`);
    const p = parseDomain(n, PARSE_OPTS);
    // A site on a shared platform is not the brand's own: anyone else can publish beside it.
    if (SHARED.has(n) || SHARED.has(p.domain ?? '')) {
      fail(`"${d}" is on a shared platform; list the brand's account there under "handles" or "emails" instead`, `${at}.domains[${i}]`);
    }
    return n;
  });
  const emails = stringList(raw.emails, `${at}.emails`).map((e, i) => {
    const n = normaliseEmail(e);
    if (!n) fail(`"${e}" is not a valid e-mail address`, `${at}.emails[${i}]`);
    return n;
  });
  const phones = stringList(raw.phones, `${at}.phones`).map((p, i) => {
    const n = normalisePhone(p);
    if (!n) fail(`"${p}" is not a phone number in international form (start with + and the country code)`, `${at}.phones[${i}]`);
    return n;
  });

  if (raw.handles !== undefined && !Array.isArray(raw.handles)) fail('must be a list of {"platform", "handle"}', `${at}.handles`);
  const handles = ((raw.handles as unknown[] | undefined) ?? []).map((h, i): RegistryHandle => {
    const w = `${at}.handles[${i}]`;
    if (!isRecord(h)) fail('must be {"platform", "handle"}', w);
    const platform = h.platform;
    if (typeof platform !== 'string' || !(PLATFORMS as readonly string[]).includes(platform)) {
      fail(`"platform" must be one of ${PLATFORMS.join(', ')}`, w);
    }
    if (typeof h.handle !== 'string') fail('"handle" must be a string', w);
    const handle = normaliseHandle(platform as Platform, h.handle);
    if (!handle) fail(`"${h.handle}" is not a valid ${platform} account name`, w);
    return { platform: platform as Platform, handle };
  });

  let appIds: RegistryAppId[] | undefined;
  if (raw.app_ids !== undefined) {
    if (!Array.isArray(raw.app_ids)) fail('must be a list of {"store", "id"}', `${at}.app_ids`);
    appIds = raw.app_ids.map((a, i): RegistryAppId => {
      const w = `${at}.app_ids[${i}]`;
      if (!isRecord(a) || typeof a.store !== 'string' || typeof a.id !== 'string') fail('must be {"store", "id"}', w);
      const store = a.store.trim().toLowerCase();
      if (!/^[a-z0-9-]{2,20}$/.test(store)) fail(`"store" must be a short name such as "apple" or "google"`, w);
      const id = normaliseAppId(store, a.id);
      if (!id) fail(`"${a.id}" is not a valid ${store} app id`, w);
      return { store, id };
    });
  }

  let keywords: string[] | undefined;
  if (raw.keywords !== undefined) {
    keywords = stringList(raw.keywords, `${at}.keywords`).map((k, i) => {
      const n = k.trim().toLowerCase();
      if (fullFold(n).replace(/[^\p{L}\p{N}]/gu, '').length < 3) fail(`"${k}" is too short to name the brand`, `${at}.keywords[${i}]`);
      return n;
    });
  }

  if (domains.length + emails.length + phones.length + handles.length + (appIds?.length ?? 0) === 0) {
    fail('lists no channel (domains, emails, phones, handles or app_ids)', at);
  }
  const brand: RegistryBrand = {
    id,
    name: name.trim(),
    domains: dedupe(domains),
    emails: dedupe(emails),
    phones: dedupe(phones),
    handles: dedupeBy(handles, (h) => `${h.platform}:${handleKey(h.platform, h.handle)}`),
  };
  if (appIds) brand.app_ids = dedupeBy(appIds, (a) => `${a.store}:${a.id}`);
  if (keywords) brand.keywords = dedupe(keywords);
  return brand;
}

/** Store ids: Apple's are digits (an "id" prefix is dropped); Google Play's are package names. */
export function normaliseAppId(store: string, raw: string): string | null {
  const s = raw.trim();
  if (store === 'apple') {
    const m = /^(?:id)?(\d{5,12})$/i.exec(s);
    return m ? m[1]! : null;
  }
  if (store === 'google') return /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+$/.test(s) ? s : null;
  return /^[\w.:-]{1,200}$/.test(s) ? s : null;
}

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}

function dedupeBy<T>(list: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}

/**
 * Validates and normalises a registry document (already JSON-parsed). Unknown fields are dropped. Throws
 * AppError('invalid_input') naming the first bad entry, e.g. `brands[2] (trezor).domains[1]: ...`.
 */
export function parseRegistry(json: unknown): RegistryDoc {
  if (!isRecord(json) || !Array.isArray(json.brands)) {
    throw new AppError('invalid_input', 'registry: expected {"brands": [...]}', { entry: 'brands' });
  }
  const brands = json.brands.map((b, i) => parseBrand(b, `brands[${i}]`));
  const ids = new Set<string>();
  const owner = new Map<string, string>();
  const claim = (key: string, brand: string, what: string): void => {
    const prev = owner.get(key);
    if (prev !== undefined && prev !== brand) {
      throw new AppError('invalid_input', `registry: ${what} is listed for both "${prev}" and "${brand}"`, { entry: what });
    }
    owner.set(key, brand);
  };
  for (const b of brands) {
    if (ids.has(b.id)) throw new AppError('invalid_input', `registry: brand id "${b.id}" appears twice`, { entry: b.id });
    ids.add(b.id);
    for (const d of b.domains) claim(`d:${d}`, b.id, `domain ${d}`);
    for (const e of b.emails) claim(`e:${e}`, b.id, `e-mail ${e}`);
    for (const p of b.phones) claim(`p:${p}`, b.id, `phone ${p}`);
    for (const h of b.handles) claim(`h:${h.platform}:${handleKey(h.platform, h.handle)}`, b.id, `${h.platform} account ${h.handle}`);
    for (const a of b.app_ids ?? []) claim(`a:${a.store}:${a.id}`, b.id, `${a.store} app ${a.id}`);
  }
  return { brands };
}

/** The registry as import/export JSON text (normalised, two-space indented). */
export function exportRegistry(doc: RegistryDoc): string {
  return `${JSON.stringify({ brands: doc.brands }, null, 2)}\n`;
}
