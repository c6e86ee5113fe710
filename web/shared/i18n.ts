/**
 * Both apps' strings, zh-CN and English with the same keys (a test checks). The language is the user's choice
 * (kept in localStorage), else the browser's, else English; switching re-renders through useLang().
 */
import i18next from 'i18next';
import { useMemo, useSyncExternalStore } from 'react';
import en from './i18n/en.json';
import zh from './i18n/zh-CN.json';

export type Lang = 'zh-CN' | 'en';
export const LANGS: Lang[] = ['zh-CN', 'en'];
const KEY = 'walletdesk.lang';

function stored(): Lang | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'zh-CN' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

/** The browser's preference: any Chinese variant → zh-CN, else English. */
export function browserLang(languages: readonly string[] = navigator.languages ?? [navigator.language]): Lang {
  for (const l of languages) {
    if (/^zh\b/i.test(l)) return 'zh-CN';
    if (/^en\b/i.test(l)) return 'en';
  }
  return 'en';
}

const i18n = i18next.createInstance();
void i18n.init({
  lng: stored() ?? browserLang(),
  fallbackLng: 'en',
  resources: { en: { translation: en }, 'zh-CN': { translation: zh } },
  interpolation: { escapeValue: false }, // React renders text, never HTML
  initAsync: false,
  showSupportNotice: false,
} as Parameters<typeof i18n.init>[0]);
document.documentElement.lang = i18n.language;

const listeners = new Set<() => void>();

export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  for (const l of listeners) l();
}

export function currentLang(): Lang {
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
}

export type T = (key: string, vars?: Record<string, unknown>) => string;

/** The current language and its translate function; components re-render on a switch. */
export function useLang(): { lang: Lang; t: T } {
  const lang = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    currentLang,
  );
  // One function per language: pages list `t` among an effect's dependencies, and a new function on every render
  // re-ran those effects after each render (the Reports page fetched its report ~27 times a second).
  const t = useMemo<T>(() => (key, vars) => i18n.t(key, { lng: lang, ...vars }) as string, [lang]);
  return { lang, t };
}

/** Date and time in the viewer's locale and time zone. */
export function formatTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** "3 minutes ago" in the viewer's language. */
export function relativeTime(iso: string, lang: Lang, now = Date.now()): string {
  const diff = (new Date(iso).getTime() - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const abs = Math.abs(diff);
  if (abs < 60) return rtf.format(Math.round(diff), 'second');
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  return rtf.format(Math.round(diff / 86400), 'day');
}
