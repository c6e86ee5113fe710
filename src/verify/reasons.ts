/**
 * The short bilingual reasons shown beside a verdict. One function per situation so that both languages are
 * written together.
 */
import { PLATFORM_NAMES, type Platform } from './social.js';

/** A reason in both shipped languages. */
export interface Reason {
  en: string;
  'zh-CN': string;
}

const r = (en: string, zh: string): Reason => ({ en, 'zh-CN': zh });
const pn = (p: Platform, lang: 'en' | 'zh-CN'): string => PLATFORM_NAMES[p][lang];

/** Every reason the checker gives, by situation. */
export const reasons = {
  officialDomain: (brand: string, host: string) => r(`official website of ${brand} (${host})`, `${brand} 的官方网站（${host}）`),
  officialSubdomain: (brand: string, host: string) =>
    r(`on ${brand}'s official domain ${host}`, `属于 ${brand} 的官方域名 ${host}`),
  officialEmail: (brand: string, email: string) => r(`official e-mail address of ${brand} (${email})`, `${brand} 的官方电子邮箱（${email}）`),
  officialEmailDomain: (brand: string, host: string) =>
    r(`e-mail address on ${brand}'s official domain ${host}`, `${brand} 官方域名 ${host} 下的电子邮箱`),
  officialPhone: (brand: string, e164: string) => r(`official phone number of ${brand} (${e164})`, `${brand} 的官方电话号码（${e164}）`),
  officialHandle: (brand: string, platforms: Platform[], handle: string) =>
    r(
      `official ${platforms.map((p) => pn(p, 'en')).join(' / ')} account of ${brand} (${handle})`,
      `${brand} 的官方 ${platforms.map((p) => pn(p, 'zh-CN')).join(' / ')} 账号（${handle}）`,
    ),
  officialBareHandle: (brand: string, platforms: Platform[], handle: string) =>
    r(
      `${handle} is ${brand}'s official account on ${platforms.map((p) => pn(p, 'en')).join(', ')} only; check that you are on that platform`,
      `${handle} 仅在 ${platforms.map((p) => pn(p, 'zh-CN')).join('、')} 上是 ${brand} 的官方账号，请确认所在平台`,
    ),
  officialApp: (brand: string, store: string, id: string) => r(`official ${store} app of ${brand} (${id})`, `${brand} 的官方 ${store} 应用（${id}）`),

  punycode: (target: string) => r(`punycode lookalike of ${target}`, `仿冒 ${target} 的国际化域名`),
  homoglyph: (target: string) => r(`look-alike characters imitating ${target}`, `用形近字符仿冒 ${target}`),
  typo: (target: string) => r(`misspelling of ${target}`, `仿冒 ${target} 的近似拼写`),
  tldSwap: (target: string, host: string) =>
    r(`same name as ${target} under another ending (${host})`, `与 ${target} 同名但后缀不同（${host}）`),
  brandInName: (brand: string, site: string) =>
    r(`uses the ${brand} name on a domain ${brand} does not own (${site})`, `在不属于 ${brand} 的域名上使用其名称（${site}）`),
  brandInSubdomain: (target: string, site: string) =>
    r(`puts ${target} in front of another site (${site})`, `把 ${target} 放在另一个网站（${site}）的子域名中`),
  freeHosting: (brand: string, hosting: string) =>
    r(`${brand} name on free hosting (${hosting})`, `在免费托管平台（${hosting}）上使用 ${brand} 的名称`),
  pathHosting: (brand: string, host: string) =>
    r(`${brand} name on a page anyone can publish at ${host}`, `在任何人都能发布页面的 ${host} 上使用 ${brand} 的名称`),
  userinfo: (target: string, host: string) =>
    r(`shows ${target} before "@" in the link; the real site is ${host}`, `链接在“@”前伪装成 ${target}，实际网站是 ${host}`),
  sameOrganisation: (brand: string, registrable: string) =>
    r(
      `on ${registrable}, which ${brand} uses, but not one of its listed official addresses`,
      `位于 ${brand} 使用的 ${registrable}，但不在其公布的官方地址之列`,
    ),
  emailLocalPart: (brand: string, host: string) =>
    r(`${brand} name in an e-mail address on ${host}, which ${brand} does not own`, `在不属于 ${brand} 的 ${host} 邮箱地址中使用其名称`),
  emailDomain: (inner: Reason) => r(`e-mail address: ${inner.en}`, `电子邮箱：${inner['zh-CN']}`),
  handleImitation: (brand: string, platform: Platform | null, handle: string) =>
    platform
      ? r(`imitates ${brand}'s ${pn(platform, 'en')} account ${handle}`, `仿冒 ${brand} 的 ${pn(platform, 'zh-CN')} 官方账号 ${handle}`)
      : r(`imitates ${brand}'s account ${handle}`, `仿冒 ${brand} 的官方账号 ${handle}`),
  handleBrandName: (brand: string, platform: Platform | null) =>
    platform
      ? r(`uses the ${brand} name but is not an official ${pn(platform, 'en')} account`, `使用 ${brand} 的名称，但不是官方 ${pn(platform, 'zh-CN')} 账号`)
      : r(`uses the ${brand} name but is not an official account`, `使用 ${brand} 的名称，但不是官方账号`),
  appBrandName: (brand: string, store: string) =>
    r(`uses the ${brand} name but is not an official ${store} app`, `使用 ${brand} 的名称，但不是官方 ${store} 应用`),

  unknownDomain: () => r('not an official website of any registered brand', '不是任何已登记品牌的官方网站'),
  unknownEmail: () => r('not an official e-mail address of any registered brand', '不是任何已登记品牌的官方电子邮箱'),
  unknownPhone: () => r('not an official phone number of any registered brand', '不是任何已登记品牌的官方电话号码'),
  invalidPhone: () => r('not a valid phone number', '不是有效的电话号码'),
  unknownHandle: () => r('not an official account of any registered brand', '不是任何已登记品牌的官方账号'),
  unknownApp: () => r('not an official app of any registered brand', '不是任何已登记品牌的官方应用'),
  ipAddress: () => r('a bare IP address, never an official website', '纯 IP 地址，不是官方网站'),
  unrecognised: () =>
    r('not recognised as a web address, e-mail, phone number or account (write accounts as @name)', '无法识别为网址、电子邮箱、电话号码或账号（账号请写成 @名称）'),
};
