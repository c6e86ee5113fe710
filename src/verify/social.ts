/**
 * Social platforms: which hosts serve profiles, how a profile URL names an account, and how an account name is
 * normalised and compared.
 */
import { inAll, type Language } from '../i18n/index.js';

/** The platforms a brand can list accounts on. */
export const PLATFORMS = ['x', 'telegram', 'facebook', 'instagram', 'youtube', 'weibo', 'wechat', 'discord', 'reddit'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Display names for reasons and lists, from the server's catalogue. */
export const PLATFORM_NAMES: Record<Platform, Record<Language, string>> = Object.fromEntries(
  PLATFORMS.map((p) => [p, inAll(`verify.platform.${p}`)]),
) as Record<Platform, Record<Language, string>>;

const HOSTS: Record<string, Platform> = {
  'x.com': 'x', 'twitter.com': 'x', 'mobile.twitter.com': 'x', 'mobile.x.com': 'x',
  't.me': 'telegram', 'telegram.me': 'telegram', 'telegram.dog': 'telegram',
  'facebook.com': 'facebook', 'fb.com': 'facebook', 'm.facebook.com': 'facebook', 'web.facebook.com': 'facebook',
  'instagram.com': 'instagram',
  'youtube.com': 'youtube', 'm.youtube.com': 'youtube',
  'weibo.com': 'weibo', 'weibo.cn': 'weibo', 'm.weibo.cn': 'weibo',
  'discord.gg': 'discord', 'discord.com': 'discord', 'discordapp.com': 'discord',
  'reddit.com': 'reddit', 'old.reddit.com': 'reddit', 'new.reddit.com': 'reddit', 'np.reddit.com': 'reddit',
};

/** The platform whose profiles live on `host` (lower-case, "www." ignored), or null. */
export function platformOfHost(host: string): Platform | null {
  return HOST_MAP.get(host.startsWith('www.') ? host.slice(4) : host) ?? null;
}
// A Map: looking up a new string as an object key interns it first, which cost 3% of a check.
const HOST_MAP = new Map<string, Platform>(Object.entries(HOSTS));

const RESERVED: Partial<Record<Platform, ReadonlySet<string>>> = {
  x: new Set(['home', 'search', 'explore', 'i', 'intent', 'share', 'hashtag', 'settings', 'messages', 'notifications', 'login', 'signup', 'tos', 'privacy']),
  telegram: new Set(['share', 'addstickers', 'setlanguage', 'proxy', 'socks', 'login', 'iv']),
  facebook: new Set(['sharer', 'sharer.php', 'login', 'login.php', 'watch', 'events', 'marketplace', 'help', 'policies']),
  instagram: new Set(['p', 'reel', 'reels', 'explore', 'accounts', 'stories', 'direct', 'tv']),
  weibo: new Set(['login', 'signup', 'search', 'hot']),
};

/**
 * The account a profile URL points at ("https://x.com/Trezor/status/1" → x/Trezor), or null when the path
 * names no account (x.com/home, a bare t.me).
 */
export function handleFromUrl(platform: Platform, url: URL): string | null {
  const parts = url.pathname.split('/').filter(Boolean).map((p) => safeDecode(p));
  const first = parts[0];
  if (first === undefined) {
    if (platform === 'facebook' && url.searchParams.get('id')) return url.searchParams.get('id');
    return null;
  }
  if (RESERVED[platform]?.has(first.toLowerCase())) return null;
  switch (platform) {
    case 'telegram':
      if (first === 's' && parts[1]) return parts[1];
      if (first === 'joinchat' && parts[1]) return `+${parts[1]}`;
      return first;
    case 'facebook':
      if (first === 'profile.php') return url.searchParams.get('id');
      if ((first === 'groups' || first === 'pages') && parts[1]) return parts[parts.length - 1] ?? null;
      return first;
    case 'youtube':
      if ((first === 'channel' || first === 'c' || first === 'user') && parts[1]) return parts[1];
      return first.startsWith('@') ? first : null;
    case 'weibo':
      if ((first === 'u' || first === 'n') && parts[1]) return parts[1];
      return first;
    case 'discord':
      if (url.hostname.endsWith('discord.gg')) return first;
      if (first === 'invite' && parts[1]) return parts[1];
      return null;
    case 'reddit':
      if ((first === 'r' || first === 'u' || first === 'user') && parts[1]) return `${first === 'r' ? 'r' : 'u'}/${parts[1]}`;
      return null;
    default:
      return first;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const SYNTAX: Record<Platform, RegExp> = {
  x: /^[A-Za-z0-9_]{1,15}$/,
  telegram: /^(?:[A-Za-z][A-Za-z0-9_]{3,31}|\+[A-Za-z0-9_-]{6,64})$/,
  facebook: /^[A-Za-z0-9.\-_]{1,80}$/,
  instagram: /^[A-Za-z0-9._]{1,30}$/,
  youtube: /^[A-Za-z0-9._\-·]{3,64}$/,
  weibo: /^[\p{L}\p{N}_-]{1,40}$/u,
  wechat: /^[\p{L}\p{N}_-]{1,40}$/u,
  discord: /^[A-Za-z0-9-]{2,32}$/,
  reddit: /^[ru]\/[A-Za-z0-9_-]{2,21}$/,
};

/**
 * Cleans an account name as a person would type it ("@Trezor", "/r/Bitcoin", "user/x") to its stored form,
 * or returns null when it cannot be an account on that platform. Case is kept for display.
 */
export function normaliseHandle(platform: Platform, raw: string): string | null {
  let h = raw.trim();
  if (platform === 'reddit') {
    h = h.replace(/^\/+/, '').replace(/^user\//i, 'u/');
    const m = /^([ru])\/(.+)$/i.exec(h);
    h = m ? `${m[1]!.toLowerCase()}/${m[2]}` : h;
  } else if (platform === 'telegram' && /^joinchat\//i.test(h)) {
    h = `+${h.slice(9)}`;
  } else {
    h = h.replace(/^@/, '');
  }
  return SYNTAX[platform].test(h) ? h : null;
}

/**
 * The key two names of one account share. Names compare without case, except invite codes and channel ids,
 * which are case-sensitive; Facebook ignores dots in names.
 */
export function handleKey(platform: Platform, handle: string): string {
  if (platform === 'discord' && handle !== handle.toLowerCase()) return handle;
  if (platform === 'telegram' && handle.startsWith('+')) return handle;
  if (platform === 'youtube' && /^UC[A-Za-z0-9_-]{22}$/.test(handle)) return handle;
  if (platform === 'facebook') return handle.toLowerCase().replaceAll('.', '');
  return handle.toLowerCase();
}

/** The name part of an account, for brand-name comparisons ("r/TrezorSupport" → "TrezorSupport"). */
export function handleName(platform: Platform, handle: string): string {
  if (platform === 'reddit') return handle.slice(2);
  if (platform === 'telegram' && handle.startsWith('+')) return '';
  return handle.replace(/^@/, '');
}
