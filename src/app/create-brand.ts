/** Brands: a wallet app the provider supports. Admins create and change them. */
import { invalid } from '../core/errors.js';
import { diffFields } from '../core/event.js';
import { newId } from '../core/ids.js';
import { LANGUAGES, type Brand, type UiLanguage } from '../core/people.js';
import { actorOf, assertAdmin, type Principal } from '../core/policy.js';
import { normaliseEmail, normalisePhone, slugify } from './contact-points.js';
import { historyEvent } from './history.js';
import type { Deps, Repos } from './ports.js';
import { shieldWrittenText } from './shield-inbound.js';
import { seedKnowledgeBase } from './seed-knowledge-base.js';

export interface BrandInput {
  name: string;
  slug?: string;
  default_language?: UiLanguage;
  time_zone?: string;
  support_emails?: readonly string[];
  phone_numbers?: readonly string[];
}

export function assertTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw invalid(`"${tz}" is not a time zone. Use an IANA name such as Asia/Shanghai or Europe/Berlin.`, { field: 'time_zone' });
  }
}

export function assertLanguage(lang: string): asserts lang is UiLanguage {
  if (!(LANGUAGES as readonly string[]).includes(lang)) {
    throw invalid(`The desk speaks ${LANGUAGES.join(' and ')}; "${lang}" is not one of them.`, { field: 'default_language' });
  }
}

function cleanName(name: string): string {
  // Free text an admin types: a phrase pasted here would be shown on every ticket and kept in the history.
  const n = shieldWrittenText(name.replace(/\s+/g, ' ').trim());
  if (n === '' || n.length > 100) throw invalid('A brand needs a name of 1 to 100 characters.', { field: 'name' });
  return n;
}

function cleanSlug(slug: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(slug)) {
    throw invalid('The short name uses lower-case letters, digits and dashes (at most 40).', { field: 'slug' });
  }
  return slug;
}

/** Creates a brand (admin only; also the first-run setup and the demo, as the system). */
export async function createBrand(
  deps: Pick<Deps, 'store' | 'clock'>,
  principal: Principal | null,
  input: BrandInput,
  options: { store?: Repos } = {},
): Promise<Brand> {
  if (principal) assertAdmin(principal);
  const at = deps.clock.now().toISOString();
  const name = cleanName(input.name);
  const brand: Brand = {
    id: newId(),
    name,
    slug: cleanSlug(input.slug ?? slugify(name)),
    defaultLanguage: input.default_language ?? 'en',
    timeZone: input.time_zone ?? 'UTC',
    supportEmails: [...new Set((input.support_emails ?? []).map((e) => normaliseEmail(e, 'support_emails')))],
    phoneNumbers: [...new Set((input.phone_numbers ?? []).map((p) => normalisePhone(p, 'phone_numbers')))],
    createdAt: at,
    updatedAt: at,
  };
  assertLanguage(brand.defaultLanguage);
  assertTimeZone(brand.timeZone);
  const write = async (tx: Repos) => {
    await tx.brands.insert(brand);
    await tx.brands.setAddresses(brand.id, brand.supportEmails, brand.phoneNumbers);
    await tx.events.append([
      historyEvent({
        type: 'brand.created',
        actor: principal ? actorOf(principal) : { type: 'system', id: null },
        at,
        subjectType: 'brand',
        subjectId: brand.id,
        data: { name: brand.name, slug: brand.slug },
      }),
    ]);
    // The starter help-center articles and macros (issue 17), in the same transaction.
    await seedKnowledgeBase(tx, brand, at);
  };
  if (options.store) await write(options.store);
  else await deps.store.transaction(write);
  return brand;
}

/** Changes a brand (admin only). */
export async function updateBrand(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, id: string, input: Partial<BrandInput>): Promise<Brand> {
  assertAdmin(principal);
  return deps.store.transaction(async (tx) => {
    const brand = await tx.brands.get(id);
    if (!brand) throw invalid('There is no such brand.', { field: 'id' });
    const at = deps.clock.now().toISOString();
    const next: Brand = {
      ...brand,
      name: input.name !== undefined ? cleanName(input.name) : brand.name,
      slug: input.slug !== undefined ? cleanSlug(input.slug) : brand.slug,
      defaultLanguage: input.default_language ?? brand.defaultLanguage,
      timeZone: input.time_zone ?? brand.timeZone,
      supportEmails:
        input.support_emails !== undefined
          ? [...new Set(input.support_emails.map((e) => normaliseEmail(e, 'support_emails')))]
          : brand.supportEmails,
      phoneNumbers:
        input.phone_numbers !== undefined ? [...new Set(input.phone_numbers.map((p) => normalisePhone(p, 'phone_numbers')))] : brand.phoneNumbers,
      updatedAt: at,
    };
    assertLanguage(next.defaultLanguage);
    assertTimeZone(next.timeZone);
    const changes = diffFields(brand, {
      name: next.name,
      slug: next.slug,
      defaultLanguage: next.defaultLanguage,
      timeZone: next.timeZone,
      supportEmails: next.supportEmails.slice().sort(),
      phoneNumbers: next.phoneNumbers.slice().sort(),
    });
    if (Object.keys(changes).length === 0) return brand;
    await tx.brands.update(id, { name: next.name, slug: next.slug, defaultLanguage: next.defaultLanguage, timeZone: next.timeZone }, at);
    if (changes.supportEmails || changes.phoneNumbers) await tx.brands.setAddresses(id, next.supportEmails, next.phoneNumbers);
    await tx.events.append([
      historyEvent({ type: 'brand.updated', actor: actorOf(principal), at, subjectType: 'brand', subjectId: id, changes }),
    ]);
    return next;
  });
}
