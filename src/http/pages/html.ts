/**
 * Tiny helpers for the few server-rendered pages (setup, the official-channel check). Their words are the page.*
 * section of the server's catalogue (src/i18n). All user text goes through escapeHtml.
 */
import { catalogue, isLanguage, LANGUAGES, type Language } from '../../i18n/index.js';

export type PageLang = Language;
export type PageStrings = ReturnType<typeof catalogue>['page'];

export function stringsFor(lang: PageLang): PageStrings {
  return catalogue(lang).page;
}

/** The page language: ?lang= first, then Accept-Language (any zh → zh-CN), else English. These pages speak to
 * whoever opens them, so the browser's language is the right one here (unlike a conversation's texts). */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined): PageLang {
  if (isLanguage(query)) return query;
  return /(^|,)\s*zh/i.test(acceptLanguage ?? '') ? 'zh-CN' : 'en';
}

/** The language a page's switch link offers. */
export function otherLang(lang: PageLang): PageLang {
  return LANGUAGES.find((l) => l !== lang) ?? lang;
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
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
</head>
<body>
<main class="card">
${body}
</main>
</body>
</html>`;
}
