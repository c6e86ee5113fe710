/**
 * The short bilingual reasons shown beside a verdict. One function per situation so that both languages are
 * written together.
 */
import { t, type Language, type MessageKey, type MessageVars } from '../i18n/index.js';
import type { Platform } from './social.js';

/** A reason in both shipped languages. */
export type Reason = Record<Language, string>;

/**
 * A reason from the catalogue; `vars` may depend on the language (platform names, an inner reason). Each text is
 * written when first read: a check that nobody reads the reason of (a batch, the phishing evaluation) then skips
 * the catalogue, which was a sixth of the time of a check. The getters are own and enumerable, so JSON and spreads
 * see both texts.
 */
const r = (key: MessageKey, vars: MessageVars | ((lang: Language) => MessageVars) = {}): Reason => {
  const v = (l: Language): MessageVars => (typeof vars === 'function' ? vars(l) : vars);
  let en: string | undefined;
  let zh: string | undefined;
  return {
    get en() {
      return (en ??= t('en', key, v('en')));
    },
    get 'zh-CN'() {
      return (zh ??= t('zh-CN', key, v('zh-CN')));
    },
  };
};
const pn = (p: Platform, lang: Language): string => t(lang, `verify.platform.${p}`);
const pns = (ps: Platform[], lang: Language, separator: string): string => ps.map((p) => pn(p, lang)).join(separator);

/** Every reason the checker gives, by situation. */
export const reasons = {
  officialDomain: (brand: string, host: string) => r('verify.reason.official_domain', { brand, host }),
  officialSubdomain: (brand: string, host: string) => r('verify.reason.official_subdomain', { brand, host }),
  officialEmail: (brand: string, email: string) => r('verify.reason.official_email', { brand, email }),
  officialEmailDomain: (brand: string, host: string) => r('verify.reason.official_email_domain', { brand, host }),
  officialPhone: (brand: string, e164: string) => r('verify.reason.official_phone', { brand, phone: e164 }),
  officialHandle: (brand: string, platforms: Platform[], handle: string) =>
    r('verify.reason.official_handle', (l) => ({ brand, handle, platforms: pns(platforms, l, ' / ') })),
  officialBareHandle: (brand: string, platforms: Platform[], handle: string) =>
    r('verify.reason.official_bare_handle', (l) => ({ brand, handle, platforms: pns(platforms, l, t(l, 'verify.platform_separator')) })),
  officialApp: (brand: string, store: string, id: string) => r('verify.reason.official_app', { brand, store, id }),

  punycode: (target: string) => r('verify.reason.punycode', { target }),
  homoglyph: (target: string) => r('verify.reason.homoglyph', { target }),
  typo: (target: string) => r('verify.reason.typo', { target }),
  tldSwap: (target: string, host: string) => r('verify.reason.tld_swap', { target, host }),
  brandInName: (brand: string, site: string) => r('verify.reason.brand_in_name', { brand, site }),
  brandInSubdomain: (target: string, site: string) => r('verify.reason.brand_in_subdomain', { target, site }),
  freeHosting: (brand: string, hosting: string) => r('verify.reason.free_hosting', { brand, hosting }),
  pathHosting: (brand: string, host: string) => r('verify.reason.path_hosting', { brand, host }),
  userinfo: (target: string, host: string) => r('verify.reason.userinfo', { target, host }),
  sameOrganisation: (brand: string, registrable: string) => r('verify.reason.same_organisation', { brand, registrable }),
  emailLocalPart: (brand: string, host: string) => r('verify.reason.email_local_part', { brand, host }),
  emailDomain: (inner: Reason) => r('verify.reason.email_domain', (l) => ({ inner: inner[l] })),
  handleImitation: (brand: string, platform: Platform | null, handle: string) =>
    platform
      ? r('verify.reason.handle_imitation_platform', (l) => ({ brand, handle, platform: pn(platform, l) }))
      : r('verify.reason.handle_imitation', { brand, handle }),
  handleBrandName: (brand: string, platform: Platform | null) =>
    platform
      ? r('verify.reason.handle_brand_name_platform', (l) => ({ brand, platform: pn(platform, l) }))
      : r('verify.reason.handle_brand_name', { brand }),
  appBrandName: (brand: string, store: string) => r('verify.reason.app_brand_name', { brand, store }),

  unknownDomain: () => r('verify.reason.unknown_domain'),
  unknownEmail: () => r('verify.reason.unknown_email'),
  unknownPhone: () => r('verify.reason.unknown_phone'),
  invalidPhone: () => r('verify.reason.invalid_phone'),
  unknownHandle: () => r('verify.reason.unknown_handle'),
  unknownApp: () => r('verify.reason.unknown_app'),
  ipAddress: () => r('verify.reason.ip_address'),
  unrecognised: () => r('verify.reason.unrecognised'),
};
