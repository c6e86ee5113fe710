/** Tiny helpers for the few server-rendered pages (setup). All user text goes through escapeHtml. */
import en from './i18n/en.json' with { type: 'json' };
import zh from './i18n/zh-CN.json' with { type: 'json' };

export type PageLang = 'en' | 'zh-CN';
export type PageStrings = typeof en;

const STRINGS: Record<PageLang, PageStrings> = { en, 'zh-CN': zh };

export function stringsFor(lang: PageLang): PageStrings {
  return STRINGS[lang];
}

/** The page language: ?lang= first, then Accept-Language (any zh → zh-CN), else English. */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined): PageLang {
  if (query === 'zh-CN' || query === 'en') return query;
  return /(^|,)\s*zh/i.test(acceptLanguage ?? '') ? 'zh-CN' : 'en';
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function page(lang: PageLang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/assets/base.css">
</head>
<body>
<main class="card">
${body}
</main>
</body>
</html>`;
}
