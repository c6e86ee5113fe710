/**
 * Finds channel references in message text — links, bare domains, e-mail addresses, phone numbers, @accounts —
 * with UTF-16 offsets, so that each can be checked with checkChannel and marked in place.
 */
import { parse as parseDomain } from 'tldts';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** What a reference looks like; pass `value` to checkChannel. */
export type ChannelRefKind = 'url' | 'domain' | 'email' | 'phone' | 'handle';

/** One reference: text.slice(start, end) === value (UTF-16 offsets). */
export interface ChannelRef {
  value: string;
  kind: ChannelRefKind;
  start: number;
  end: number;
}

// Letters a look-alike domain is built from: Latin, Cyrillic, Greek (Han and kana are left to the surrounding text,
// since Chinese writing puts no space before a link).
const L = 'a-z0-9\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{M}';
const LABEL = `[${L}](?:[${L}-]{0,61}[${L}])?`;
const STOP = '\\s<>"\'`\\u3000-\\u303f\\uff00-\\uffef\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const URL_RE = new RegExp(`(?:https?|ftp)://[^${STOP}]+|\\btel:\\+?[0-9][0-9().\\-]{4,}[0-9]|\\bmailto:[^${STOP}]+`, 'giu');
const EMAIL_RE = new RegExp(`(?<![\\w.+-])[\\w.+-]{1,64}@(?:${LABEL}\\.)+${LABEL}`, 'giu');
const DOMAIN_RE = new RegExp(`(?<![${L}_.@/\\\\-])(?:${LABEL}\\.)+(${LABEL})(?:\\.(?![${L}]))?(?![${L}_@-])(?:[/?#][^${STOP}]*)?`, 'giu');
const HANDLE_RE = /(?<![\w@.＠/])[@＠]([A-Za-z0-9_]{2,32})(?![\w@])/g;
const PHONE_RE = /(?<![\w+.,/-])(?:\+|＋|00)?\(?\d[\d\s().-]{5,22}\d(?![\w.,/-]|\.\d)/g;

// Top-level domains that are also common file extensions: as bare words ("readme.md", "setup.py") they are
// files, so they count as domains only with "www." or a path.
const FILE_TLDS = new Set(['md', 'py', 'rs', 'sh', 'zip', 'mov', 'so', 'ps', 'pm']);
const TRAILING = /[.,;:!?'")\]}>»…]+$/u;

function trimUrl(s: string): string {
  let out = s.replace(TRAILING, '');
  // Keep a closing parenthesis that belongs to the link (Wikipedia style), drop one that closes the sentence.
  while (out.endsWith(')') && (out.match(/\(/g)?.length ?? 0) < (out.match(/\)/g)?.length ?? 0)) out = out.slice(0, -1).replace(TRAILING, '');
  const opens = (s.slice(out.length).startsWith(')') && (out.match(/\(/g)?.length ?? 0) > (out.match(/\)/g)?.length ?? 0));
  return opens ? `${out})` : out;
}

function isKnownDomain(host: string): boolean {
  const p = parseDomain(host, { allowPrivateDomains: true });
  return Boolean(p.domain) && (p.isIcann === true || p.isPrivate === true) && !p.isIp;
}

const DATE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;

function isPhoneLike(s: string): boolean {
  const digits = s.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  if (DATE.test(s.trim())) return false;
  const international = /^(?:\+|＋|00)/.test(s);
  if (international) {
    const p = parsePhoneNumberFromString(s.replace(/^＋/, '+').replace(/^00/, '+'));
    return Boolean(p?.isPossible());
  }
  const groups = s.split(/[\s().-]+/).filter(Boolean);
  // Plain digit runs are amounts, heights and ids, except an 11-digit Chinese mobile number.
  if (groups.length === 1) return /^1[3-9]\d{9}$/.test(s) || /^[48]00\d{7}$/.test(s);
  // "100 000 000" is an amount written with thousands separators.
  if (groups.slice(1).every((g) => g.length === 3) && (groups[0]?.length ?? 0) <= 3 && !s.includes('(')) return false;
  if (s.includes('.') && !/^\d{3}\.\d{3}\.\d{4}$/.test(s)) return false;
  return true;
}

/**
 * Every channel reference in `text`, in order, none overlapping: URLs (and tel:/mailto:) first, then e-mail
 * addresses, bare domains with a real top-level domain, @accounts and phone numbers. Ordinary words such as
 * "file.txt", "v1.2.3", "3.5" or "readme.md" are not domains.
 */
export function findChannelRefs(text: string): ChannelRef[] {
  const refs: ChannelRef[] = [];
  const taken: Array<[number, number]> = [];
  const free = (s: number, e: number): boolean => taken.every(([a, b]) => e <= a || s >= b);
  const add = (value: string, kind: ChannelRefKind, start: number): void => {
    const end = start + value.length;
    if (value === '' || !free(start, end)) return;
    taken.push([start, end]);
    refs.push({ value, kind, start, end });
  };

  for (const m of text.matchAll(URL_RE)) {
    const raw = m[0];
    if (/^tel:/i.test(raw)) add(raw, 'phone', m.index);
    else if (/^mailto:/i.test(raw)) add(raw.replace(TRAILING, ''), 'email', m.index);
    else add(trimUrl(raw), 'url', m.index);
  }
  for (const m of text.matchAll(EMAIL_RE)) {
    const value = m[0].replace(/\.+$/, '');
    const host = value.slice(value.indexOf('@') + 1);
    if (isKnownDomain(host.toLowerCase())) add(value, 'email', m.index);
  }
  for (const m of text.matchAll(DOMAIN_RE)) {
    const raw = m[0];
    const tld = m[1]!;
    const withPath = /[/?#]/.test(raw);
    const value = withPath ? trimUrl(raw) : raw.replace(/\.$/, '');
    const host = value.split(/[/?#]/)[0]!;
    // A sentence that runs on without a space ("done.Then") has a capitalised ending; real domains are typed in
    // one case.
    if (tld !== tld.toLowerCase() && tld !== tld.toUpperCase()) continue;
    if (!/\p{L}/u.test(host.slice(0, host.length - tld.length))) continue;
    if (FILE_TLDS.has(tld.toLowerCase()) && !withPath && !/^www\./i.test(host)) continue;
    if (!isKnownDomain(host.toLowerCase())) continue;
    add(value, 'domain', m.index);
  }
  for (const m of text.matchAll(HANDLE_RE)) {
    // "@trezor.io" is a site written with an @, handled above as a domain.
    if (text[m.index + m[0].length] === '.' && /[A-Za-z]/.test(text[m.index + m[0].length + 1] ?? '')) continue;
    add(m[0], 'handle', m.index);
  }
  for (const m of text.matchAll(PHONE_RE)) {
    const value = m[0].replace(/[\s(-]+$/, '');
    if (isPhoneLike(value)) add(value, 'phone', m.index);
  }
  return refs.sort((a, b) => a.start - b.start);
}
