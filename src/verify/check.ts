/**
 * The checker: anything a person pastes (URL, domain, e-mail, phone number, tel: URI, profile URL, @account,
 * app store link) against the compiled registry. "official" only for what the registry lists.
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import { parse as parseDomain } from 'tldts';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CompiledRegistry, OfficialSite } from './compiled.js';
import { nameFold } from './compile.js';
import { fullFold, hasNonAscii, lightFold } from './fold.js';
import { charMask, damerau, popcount } from './distance.js';
import { adjacentMark, findMark, isFiller, type NameMatch } from './names.js';
import { reasons, type Reason } from './reasons.js';
import { handleFromUrl, handleKey, handleName, normaliseHandle, platformOfHost, PLATFORMS, type Platform } from './social.js';
import { FREE_HOSTING, NEUTRAL_SUBDOMAINS, PATH_HOSTS } from './words.js';

/** The three answers. */
export type Verdict = 'official' | 'lookalike' | 'unknown';
/** What the pasted value was read as. */
export type ChannelKind = 'domain' | 'email' | 'phone' | 'handle' | 'app' | 'unknown';

/** The answer for one value. `brand` is the brand id (the official owner, or the brand imitated). */
export interface ChannelVerdict {
  verdict: Verdict;
  brand: string | null;
  kind: ChannelKind;
  reason: Reason;
  /** The official channel matched or imitated (a domain, e-mail, E.164 number, account or app id). */
  matched?: string;
  /** The value as read: ASCII host, lower-case e-mail, E.164 number, account name. */
  normalized?: string;
  platform?: Platform;
}

const PARSE_OPTS = { allowPrivateDomains: true } as const;
const FREE = new Set(FREE_HOSTING);
const PATHS = new Set(PATH_HOSTS);
const NEUTRAL = new Set(NEUTRAL_SUBDOMAINS);
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const PLATFORM_ALIASES: Record<string, Platform> = {
  twitter: 'x', tg: 'telegram', fb: 'facebook', ig: 'instagram', yt: 'youtube', weixin: 'wechat', 微信: 'wechat', 微博: 'weibo',
};
for (const p of PLATFORMS) PLATFORM_ALIASES[p] = p;
const PLATFORM_PREFIX = /^([a-z]+|微信|微博)\s*[:：]\s*(\S+)$/i;

function brandName(reg: CompiledRegistry, id: string): string {
  return reg.brands.get(id)?.name ?? id;
}

function labelToUnicode(label: string): string {
  return label.startsWith('xn--') ? domainToUnicode(label) || label : label;
}

/** Strips what people wrap around a pasted value and undoes "defanging" (hxxp, [.]) used in security reports. */
function clean(value: string): string {
  let s = value.trim().replace(/^[<("'“‘「]+|[>)"'”’」。，,;；!！?？]+$/gu, '').trim();
  s = s.replace(/\[\.\]|\(\.\)|\{\.\}/g, '.').replace(/^hxxp/i, 'http');
  return s;
}

/** Checks one pasted value against the compiled registry. Never throws for odd input: it answers "unknown". */
export function checkChannel(reg: CompiledRegistry, value: string): ChannelVerdict {
  const s = clean(String(value ?? ''));
  if (s === '' || s.length > 2048) return { verdict: 'unknown', brand: null, kind: 'unknown', reason: reasons.unrecognised() };
  if (/^tel:/i.test(s)) return checkPhone(reg, s.slice(4));
  if (/^mailto:/i.test(s)) return checkEmail(reg, s.slice(7).split('?')[0]!);
  const prefixed = PLATFORM_PREFIX.exec(s);
  if (prefixed && PLATFORM_ALIASES[prefixed[1]!.toLowerCase()] && !s.includes('//')) {
    return checkHandle(reg, PLATFORM_ALIASES[prefixed[1]!.toLowerCase()]!, prefixed[2]!);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return checkUrl(reg, s);
  if (s.startsWith('@') || s.startsWith('＠')) {
    const rest = s.slice(1);
    if (!rest.includes('.')) return checkHandle(reg, null, rest);
    return checkUrl(reg, `http://${rest}`);
  }
  if (!/\s/.test(s) && /^[^@]+@[^@]+$/.test(s)) return checkEmail(reg, s);
  const digits = s.replace(/\D/g, '').length;
  if (/^[+＋(]?[\d\s().\-/]+$/.test(s) && digits >= 6 && !IPV4.test(s)) return checkPhone(reg, s);
  if (!/\s/.test(s) && s.includes('.')) return checkUrl(reg, `http://${s}`);
  return { verdict: 'unknown', brand: null, kind: 'unknown', reason: reasons.unrecognised() };
}

function checkUrl(reg: CompiledRegistry, raw: string): ChannelVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { verdict: 'unknown', brand: null, kind: 'unknown', reason: reasons.unrecognised() };
  }
  if (url.protocol === 'tg:') {
    const domain = url.searchParams.get('domain');
    if (domain) return checkHandle(reg, 'telegram', domain);
  }
  if (!/^(https?|ftp|wss?):$/.test(url.protocol) || !url.hostname) {
    return { verdict: 'unknown', brand: null, kind: 'unknown', reason: reasons.unrecognised() };
  }
  const host = url.hostname.replace(/\.$/, '');
  const platform = platformOfHost(host);
  if (platform) {
    const handle = handleFromUrl(platform, url);
    if (handle) return checkHandle(reg, platform, handle);
  }
  const bare = host.replace(/^www\./, '');
  if (bare === 'apps.apple.com' || bare === 'itunes.apple.com') {
    const id = /\/id(\d{5,12})(?:$|[/?])/.exec(url.pathname)?.[1];
    if (id) return checkApp(reg, 'apple', id, url.pathname.split('/').find((p, i, a) => a[i + 1]?.startsWith('id')) ?? '');
  }
  if (bare === 'play.google.com') {
    const id = url.searchParams.get('id');
    if (id) return checkApp(reg, 'google', id, id);
  }
  return checkDomain(reg, host, url, raw);
}

/** Walks up from host to its parents: the official owner when host is (under) a registered domain. */
function officialHost(reg: CompiledRegistry, host: string): { brand: string; domain: string } | null {
  let h = host;
  for (;;) {
    const brand = reg.hosts.get(h);
    if (brand) return { brand, domain: h };
    const dot = h.indexOf('.');
    if (dot < 0) return null;
    h = h.slice(dot + 1);
  }
}

interface DomainFinding {
  brand: string;
  reason: Reason;
  matched: string;
}

/** The lookalike analysis of a non-official host, or null when it names no brand. */
function domainLookalike(reg: CompiledRegistry, host: string, raw: string, url?: URL, parsed?: ReturnType<typeof parseDomain>): DomainFinding | null {
  const p = parsed ?? parseDomain(host, PARSE_OPTS);
  if (!p.domain || p.domainWithoutSuffix === null || !p.publicSuffix) return null;
  const labels = host.split('.');
  const puny = labels.some((l) => l.startsWith('xn--'));
  const idn = puny || hasNonAscii(raw);
  const regLabel = lightFold(labelToUnicode(p.domainWithoutSuffix));
  const regFold = fullFold(regLabel);
  const charTrick = (target: string): Reason => (puny && /xn--/i.test(raw) ? reasons.punycode(target) : reasons.homoglyph(target));

  // 1. The same ending as an official site: look-alike characters or a misspelling of its name.
  const foldMask = charMask(regFold);
  for (const site of reg.sitesBySuffix.get(p.publicSuffix) ?? []) {
    if (site.registrable === p.domain) continue;
    if (site.labelFold === regFold) return { brand: site.brand, reason: charTrick(site.registrable), matched: site.registrable };
    // One edit changes at most two bits of the letter set: far labels are passed over without a distance.
    if (regFold === regLabel && popcount(foldMask ^ site.mask) > 2 * site.max) continue;
    if (site.max > 0 && sameSuffixTypo(regFold, regLabel, site)) {
      return { brand: site.brand, reason: idn ? charTrick(site.registrable) : reasons.typo(site.registrable), matched: site.registrable };
    }
  }
  // 2. The official name under another ending (trezor.co for trezor.io).
  const swapped = (reg.sitesByFold.get(regFold) ?? []).find((s: OfficialSite) => !s.generic && s.registrable !== p.domain);
  if (swapped) {
    const reason = idn || regLabel !== swapped.label ? charTrick(swapped.registrable) : reasons.tldSwap(swapped.registrable, p.domain);
    return { brand: swapped.brand, reason, matched: swapped.registrable };
  }
  // 3. Letters from another script that confusables.txt does not pair with a Latin one ("muцn"): a label
  //    that spells a brand name except at its non-Latin letters imitates it.
  if (hasNonAscii(regLabel)) {
    const mixed = mixedScriptMatch(reg, regLabel, p.publicSuffix);
    if (mixed) return { brand: mixed.brand, reason: charTrick(mixed.shown), matched: mixed.shown };
  }
  // 4. The brand inside the registrable name (ledger-live.app, trezor-suite.web.app).
  const hosting = FREE.has(p.publicSuffix) ? p.publicSuffix : FREE.has(p.domain) ? p.domain : null;
  const inName = findMark(reg, regLabel, /-+/);
  if (inName) return fromMark(reg, inName, idn, puny && /xn--/i.test(raw), hosting, p.domain);
  const beside = adjacentMark(reg, regLabel);
  if (beside) return fromMark(reg, beside, idn, puny && /xn--/i.test(raw), hosting, p.domain);
  const noisy = noisyLabel(reg, regFold);
  if (noisy) {
    const name = brandName(reg, noisy.brand);
    return { brand: noisy.brand, reason: hosting ? reasons.freeHosting(name, hosting) : reasons.brandInName(name, p.domain), matched: noisy.shown };
  }

  // 5. The brand, or an official domain, in front of someone else's site (trezor.io.secure-login.app).
  const sub = p.subdomain ? p.subdomain.split('.') : [];
  if (sub.length > 0) {
    // Runs of consecutive labels ("trezor.io", "electrum.readthedocs.io") that spell an official domain.
    for (let i = 0; i < sub.length; i++) {
      let candidate = sub[i]!;
      for (let j = i + 1; j <= Math.min(sub.length, i + 4); j++) {
        const owner = j > i + 1 || candidate.includes('.') ? reg.registrables.get(candidate) : undefined;
        if (owner) {
          const reason = hosting ? reasons.freeHosting(brandName(reg, owner), hosting) : reasons.brandInSubdomain(candidate, p.domain);
          return { brand: owner, reason, matched: candidate };
        }
        if (j < sub.length) candidate = `${candidate}.${sub[j]}`;
      }
    }
    for (const label of sub) {
      if (NEUTRAL.has(label)) continue;
      const m = findMark(reg, lightFold(labelToUnicode(label)), /-+/);
      if (!m) continue;
      const name = brandName(reg, m.mark.brand);
      const reason = hosting
        ? reasons.freeHosting(name, hosting)
        : m.how === 'exact' && !idn
          ? reasons.brandInSubdomain(name, p.domain)
          : m.how === 'typo' && !idn
            ? reasons.typo(m.mark.shown)
            : charTrick(m.mark.shown);
      return { brand: m.mark.brand, reason, matched: m.mark.shown };
    }
  }
  // 6. Pages anyone can publish under a path (telegra.ph/Trezor-Support-04-01).
  if (url && (PATHS.has(host) || PATHS.has(p.domain))) {
    for (const seg of url.pathname.split('/').filter(Boolean).slice(0, 2)) {
      let decoded = seg;
      try {
        decoded = decodeURIComponent(seg);
      } catch {
        // keep the raw segment
      }
      const m = findMark(reg, lightFold(decoded), /[-_.+\s]+/);
      if (m && m.how !== 'typo') return { brand: m.mark.brand, reason: reasons.pathHosting(brandName(reg, m.mark.brand), host), matched: m.mark.shown };
    }
  }
  return null;
}

/**
 * A misspelling of an official label under its own ending (`trzor.io`, `bybitt.com`): any one edit, the classic
 * typosquat, even where the result is a name of its own (`garda.com` beside guarda.com); two edits must keep the
 * first letter (`slickstream.com` is not blockstream.com).
 */
function sameSuffixTypo(regFold: string, regLabel: string, site: OfficialSite): boolean {
  const pairs: Array<[string, string]> = [[regFold, site.labelFold]];
  // Folding "cl" to "d" can hide a plain misspelling: compare the label as spelt too.
  if (regFold !== regLabel) pairs.push([regLabel, site.label]);
  for (const [f, t] of pairs) {
    if (Math.abs(f.length - t.length) > site.max) continue;
    const d = damerau(f, t, site.max);
    if (d <= site.max && (d < 2 || f.charCodeAt(0) === t.charCodeAt(0))) return true;
  }
  return false;
}

/**
 * An official label with a few characters of noise before or after it, in a hyphen-word of the registrable label
 * (`okxtra`, `bitgetno1`, `krakenbet`, `llkraken`, `okxpos-web3`): phishing kits append letters and digits to
 * the brand's own label to find a free name.
 */
/** Endings that make a name into another word (`bitboxer`), not noise. */
const WORD_ENDINGS = new Set(['er', 'ers', 'ing', 'ed', 'ism', 'ist', 'ish']);

function noisyLabel(reg: CompiledRegistry, label: string): { brand: string; shown: string } | null {
  let start = 0;
  for (;;) {
    let end = label.indexOf('-', start);
    if (end < 0) end = label.length;
    const len = end - start;
    for (const site of reg.noisy) {
      const n = site.fold.length;
      if (len <= n || len > n + 3) continue;
      if (label.startsWith(site.fold, start) && !WORD_ENDINGS.has(label.slice(start + n, end))) return site;
      // Before the name, two characters at most: three make a word of their own (`gitkraken`).
      if (len <= n + 2 && label.startsWith(site.fold, end - n)) return site;
    }
    if (end === label.length) return null;
    start = end + 1;
  }
}

/** Equal length, and every ASCII letter in place: the other letters are stand-ins. */
function sameBesideStandIns(label: string, target: string): boolean {
  if (label.length !== target.length) return false;
  let standIns = 0;
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if (c > 0x7e) standIns++;
    else if (c !== target.charCodeAt(i)) return false;
  }
  return standIns > 0 && standIns < label.length;
}

function mixedScriptMatch(reg: CompiledRegistry, label: string, suffix: string): { brand: string; shown: string } | null {
  for (const piece of [label, ...label.split('-')]) {
    if (!hasNonAscii(piece)) continue;
    for (const sites of reg.sitesBySuffix.values()) {
      for (const s of sites) {
        if ((s.suffix === suffix || !s.generic) && sameBesideStandIns(piece, s.label)) return { brand: s.brand, shown: s.registrable };
      }
    }
    for (const marks of reg.marksByFold.values()) {
      for (const m of marks) if (!m.weak && sameBesideStandIns(piece, m.plain)) return { brand: m.brand, shown: m.shown };
    }
  }
  return null;
}

function fromMark(reg: CompiledRegistry, m: NameMatch, idn: boolean, puny: boolean, hosting: string | null, site: string): DomainFinding {
  const name = brandName(reg, m.mark.brand);
  let reason: Reason;
  if (idn) reason = puny ? reasons.punycode(m.mark.shown) : reasons.homoglyph(m.mark.shown);
  else if (hosting) reason = reasons.freeHosting(name, hosting);
  else if (m.how === 'homoglyph') reason = reasons.homoglyph(m.mark.shown);
  else if (m.how === 'typo') reason = reasons.typo(m.mark.shown);
  else reason = reasons.brandInName(name, site);
  return { brand: m.mark.brand, reason, matched: m.mark.shown };
}

function checkDomain(reg: CompiledRegistry, host: string, url: URL | undefined, raw: string): ChannelVerdict {
  const base = { kind: 'domain' as const, normalized: host };
  const official = IPV4.test(host) || host.startsWith('[') ? null : officialHost(reg, host);
  if (official) {
    const name = brandName(reg, official.brand);
    const reason = official.domain === host ? reasons.officialDomain(name, host) : reasons.officialSubdomain(name, official.domain);
    return { verdict: 'official', brand: official.brand, reason, matched: official.domain, ...base };
  }
  if (url && (url.username || url.password)) {
    const userinfo = lightFold(safeDecode(`${url.username}${url.password ? `:${url.password}` : ''}`));
    const hidden = [...reg.registrables.keys()].find((d) => userinfo.includes(d));
    const m = hidden ? null : findMark(reg, userinfo, /[-_.:+]+/);
    const brand = hidden ? reg.registrables.get(hidden)! : m?.mark.brand;
    if (brand) {
      const target = hidden ?? m!.mark.shown;
      return { verdict: 'lookalike', brand, reason: reasons.userinfo(target, host), matched: target, ...base };
    }
  }
  if (IPV4.test(host) || host.startsWith('[')) return { verdict: 'unknown', brand: null, reason: reasons.ipAddress(), ...base };
  const p = parseDomain(host, PARSE_OPTS);
  const owner = p.domain ? reg.registrables.get(p.domain) : undefined;
  if (owner) {
    return { verdict: 'unknown', brand: null, reason: reasons.sameOrganisation(brandName(reg, owner), p.domain!), ...base };
  }
  const found = domainLookalike(reg, host, raw, url, p);
  if (found) return { verdict: 'lookalike', brand: found.brand, reason: found.reason, matched: found.matched, ...base };
  return { verdict: 'unknown', brand: null, reason: reasons.unknownDomain(), ...base };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function checkEmail(reg: CompiledRegistry, raw: string): ChannelVerdict {
  const at = raw.lastIndexOf('@');
  const local = raw.slice(0, at).trim().toLowerCase();
  const hostRaw = raw.slice(at + 1).trim().replace(/\.$/, '');
  const host = domainToASCII(hostRaw.toLowerCase());
  if (!local || !host || !host.includes('.')) return { verdict: 'unknown', brand: null, kind: 'unknown', reason: reasons.unrecognised() };
  const address = `${local}@${host}`;
  const base = { kind: 'email' as const, normalized: address };
  const exact = reg.emails.get(address);
  if (exact) return { verdict: 'official', brand: exact, reason: reasons.officialEmail(brandName(reg, exact), address), matched: address, ...base };
  const official = officialHost(reg, host);
  if (official) {
    return {
      verdict: 'official',
      brand: official.brand,
      reason: reasons.officialEmailDomain(brandName(reg, official.brand), official.domain),
      matched: official.domain,
      ...base,
    };
  }
  const p = parseDomain(host, PARSE_OPTS);
  if (p.domain && reg.registrables.has(p.domain)) {
    const owner = reg.registrables.get(p.domain)!;
    return { verdict: 'unknown', brand: null, reason: reasons.sameOrganisation(brandName(reg, owner), p.domain), ...base };
  }
  const site = domainLookalike(reg, host, hostRaw, undefined, p);
  if (site) return { verdict: 'lookalike', brand: site.brand, reason: reasons.emailDomain(site.reason), matched: site.matched, ...base };
  const m = findMark(reg, lightFold(local), /[._+-]+/);
  if (m) {
    return { verdict: 'lookalike', brand: m.mark.brand, reason: reasons.emailLocalPart(brandName(reg, m.mark.brand), p.domain ?? host), matched: m.mark.shown, ...base };
  }
  return { verdict: 'unknown', brand: null, reason: reasons.unknownEmail(), ...base };
}

function checkPhone(reg: CompiledRegistry, raw: string): ChannelVerdict {
  let s = raw.trim().replace(/＋/g, '+').replace(/[\s().\-/]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  const candidates = s.startsWith('+') ? [parsePhoneNumberFromString(s)] : reg.phoneCountries.map((c) => parsePhoneNumberFromString(s, c));
  let normalized: string | undefined;
  for (const p of candidates) {
    if (!p || !p.isPossible()) continue;
    normalized ??= p.number;
    const brand = reg.phones.get(p.number);
    if (brand) {
      return { verdict: 'official', brand, kind: 'phone', reason: reasons.officialPhone(brandName(reg, brand), p.number), matched: p.number, normalized: p.number };
    }
  }
  if (!normalized && s.startsWith('+')) return { verdict: 'unknown', brand: null, kind: 'phone', reason: reasons.invalidPhone() };
  return { verdict: 'unknown', brand: null, kind: 'phone', reason: reasons.unknownPhone(), ...(normalized ? { normalized } : {}) };
}

function checkHandle(reg: CompiledRegistry, platform: Platform | null, raw: string): ChannelVerdict {
  const cleaned = raw.trim().replace(/^[@＠]/, '');
  const handle = platform ? normaliseHandle(platform, cleaned) : /^[\p{L}\p{N}_.-]{1,64}$/u.test(cleaned) ? cleaned : null;
  const base = { kind: 'handle' as const, ...(platform ? { platform } : {}) };
  if (!handle) return { verdict: 'unknown', brand: null, reason: reasons.unknownHandle(), ...base };
  const shown = platform === 'reddit' ? handle : `@${handle}`;
  const withNorm = { ...base, normalized: handle };

  if (platform) {
    const key = handleKey(platform, handle);
    const entry = reg.handles.get(`${platform}:${key}`) ?? (platform === 'discord' ? reg.handles.get(`${platform}:${handle.toLowerCase()}`) : undefined);
    if (entry) {
      return { verdict: 'official', brand: entry.brand, reason: reasons.officialHandle(brandName(reg, entry.brand), [platform], shown), matched: entry.handle, ...withNorm };
    }
  } else {
    const entries = reg.handlesByName.get(handle.toLowerCase()) ?? [];
    const first = entries[0];
    if (first && entries.every((e) => e.brand === first.brand)) {
      const platforms = [...new Set(entries.map((e) => e.platform))];
      return { verdict: 'official', brand: first.brand, reason: reasons.officialBareHandle(brandName(reg, first.brand), platforms, shown), matched: first.handle, ...withNorm };
    }
    // Two brands use this name on different platforms: without the platform no answer is safe.
    if (first) return { verdict: 'unknown', brand: null, reason: reasons.unknownHandle(), ...withNorm };
  }

  const name = platform ? handleName(platform, handle) : handle;
  if (name === '') return { verdict: 'unknown', brand: null, reason: reasons.unknownHandle(), ...withNorm };
  // "I" and "l" differ only in case, so an account name is folded both as typed and in lower case.
  const folds = new Set([nameFold(name), nameFold(name.toLowerCase())]);
  for (const f of folds) {
    const same = reg.handlesByFold.get(f);
    if (!same) continue;
    const target = same.find((e) => e.platform === platform) ?? same[0]!;
    const owner = brandName(reg, target.brand);
    const reason =
      platform === null || target.platform === platform
        ? reasons.handleImitation(owner, target.platform, `@${handleName(target.platform, target.handle)}`)
        : reasons.handleBrandName(owner, platform);
    return { verdict: 'lookalike', brand: target.brand, reason, matched: target.handle, ...withNorm };
  }
  const light = lightFold(name);
  const variants = name.includes('I') ? [light, lightFold(name.replaceAll('I', 'l'))] : [light];
  for (const v of variants) {
    const m = findMark(reg, v, /[_.\-·]+/);
    if (m) return { verdict: 'lookalike', brand: m.mark.brand, reason: reasons.handleBrandName(brandName(reg, m.mark.brand), platform), matched: m.mark.shown, ...withNorm };
  }
  return { verdict: 'unknown', brand: null, reason: reasons.unknownHandle(), ...withNorm };
}

function checkApp(reg: CompiledRegistry, store: string, id: string, slug: string): ChannelVerdict {
  const base = { kind: 'app' as const, normalized: `${store}:${id}` };
  const brand = reg.apps.get(`${store}:${id}`);
  if (brand) return { verdict: 'official', brand, reason: reasons.officialApp(brandName(reg, brand), store, id), matched: id, ...base };
  for (const part of slug.toLowerCase().split(/[.\-_]+/)) {
    if (part.length < 3 || isFiller(part)) continue;
    const m = findMark(reg, lightFold(safeDecode(part)), /[-_]+/);
    if (m) return { verdict: 'lookalike', brand: m.mark.brand, reason: reasons.appBrandName(brandName(reg, m.mark.brand), store), matched: m.mark.shown, ...base };
  }
  return { verdict: 'unknown', brand: null, reason: reasons.unknownApp(), ...base };
}
