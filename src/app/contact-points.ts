/** Normalised e-mail addresses and phone numbers: the forms identities and brand addresses are stored in. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { invalid } from '../core/errors.js';

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]{1,253}\.[^\s@<>()[\]\\,;:".]{2,63}$/u;

/** Lower-cased, trimmed e-mail address; throws invalid_input naming `field` when it is not one. */
export function normaliseEmail(raw: string, field = 'email'): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) {
    throw invalid(`"${raw.slice(0, 80)}" is not a valid e-mail address.`, { field });
  }
  return email;
}

/**
 * E.164 form of a phone number in any common format. Numbers without a country code are read in
 * `defaultCountry` (the brand's country when known).
 */
export function normalisePhone(raw: string, field = 'phone', defaultCountry?: CountryCode): string {
  const cleaned = raw.trim().replace(/^tel:/i, '');
  const parsed = parsePhoneNumberFromString(cleaned, defaultCountry);
  if (!parsed || !parsed.isPossible()) {
    throw invalid(`"${raw.slice(0, 40)}" is not a phone number we can read. Use the international form, e.g. +86 138 0013 8000.`, {
      field,
    });
  }
  return parsed.number;
}

/** A brand slug from a name: lower-case ASCII letters, digits and dashes. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug || 'brand';
}
