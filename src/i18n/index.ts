/**
 * Every text the server writes for a person, in the languages the desk ships (zh-CN and English): one i18next
 * catalogue per language (locales/*.json, the same keys in both; test/i18n/server-catalogue.test.ts checks),
 * namespaced by area (notice.*, ivr.*, shield.*, chain.*, triage.*, verify.*, chat.*, page.* …).
 *
 * A leaf: it imports nothing of src/ but core/, so the pure capability folders may use it. The language of a
 * customer-facing text is the conversation's (the ticket's or the customer's), passed by the caller, never the
 * browser of whoever looks; `language()` maps any language tag onto a catalogue language.
 */
import i18next from 'i18next';
import { LANGUAGES, type UiLanguage } from '../core/people.js';
import en from './locales/en.json' with { type: 'json' };
import zh from './locales/zh-CN.json' with { type: 'json' };

/** A catalogue language: the languages the desk's own texts ship in. */
export type Language = UiLanguage;
export { LANGUAGES };

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type Base<K extends string> = K extends `${infer B}_${PluralSuffix}` ? B : K;
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${Base<K>}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the catalogue (a plural's key without its `_one`/`_other` suffix). */
export type MessageKey = Leaves<typeof en>;
/** Interpolation values: `{{name}}` in a text; `count` also picks the plural form. */
export type MessageVars = Record<string, string | number>;

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zh } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // The texts are plain text: HTML pages escape what they insert themselves.
  interpolation: { escapeValue: false },
  nsSeparator: false,
  returnEmptyString: true,
  initAsync: false,
  showSupportNotice: false,
} as Parameters<typeof i18n.init>[0]);

const fixed = new Map(LANGUAGES.map((l) => [l, i18n.getFixedT(l)] as const));

/** True when `value` is one of the catalogue languages, exactly as spelt ("zh-CN", "en"). */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The catalogue language for a conversation's language tag: any Chinese (zh, zh-TW, zh-Hans…) reads zh-CN, any
 * English reads en, anything else (or nothing) the fallback: the brand's default language where the caller
 * knows it, else English.
 */
export function language(tag: string | null | undefined, fallback: Language = 'en'): Language {
  const t = (tag ?? '').trim().toLowerCase();
  if (t === 'zh' || t.startsWith('zh-') || t.startsWith('zh_')) return 'zh-CN';
  if (t === 'en' || t.startsWith('en-') || t.startsWith('en_')) return 'en';
  return fallback;
}

/** The text of `key` in `lang`, with `vars` interpolated (and `count` choosing a plural). */
export function t(lang: Language, key: MessageKey, vars?: MessageVars): string {
  // i18next resolves a key in ~40 µs, and ingestion asks for several texts per message (the missing-details
  // question, the shield's reply): that cost SQLite ticket creation ~15 %. A text depends only on its language,
  // key and values, so the results are kept (bounded; cleared when full).
  const memoKey = vars ? `${lang}\u0000${key}\u0000${JSON.stringify(vars)}` : `${lang}\u0000${key}`;
  const hit = memo.get(memoKey);
  if (hit !== undefined) return hit;
  const text = fixed.get(lang)!(key, vars ?? {}) as string;
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(memoKey, text);
  return text;
}

const MEMO_MAX = 5_000;
const memo = new Map<string, string>();

/** One text in every shipped language, for API fields the console shows in its viewer's language. */
export function inAll(key: MessageKey, vars?: MessageVars | ((lang: Language) => MessageVars)): Record<Language, string> {
  const v = (l: Language) => (typeof vars === 'function' ? vars(l) : vars);
  return Object.fromEntries(LANGUAGES.map((l) => [l, t(l, key, v(l))])) as Record<Language, string>;
}

/** "a, b and c" / "a和b和c": a list inside a sentence, joined as the language does. */
export function joinList(lang: Language, items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(t(lang, 'common.list_separator'))}${t(lang, 'common.list_last_separator')}${items[items.length - 1]}`;
}

/** The whole catalogue tree of a language (for pages that read a section of it as an object). */
export function catalogue(lang: Language): typeof en {
  return TREES[lang];
}

// zh-CN has the same tree but for plural forms (the parity test checks it).
const TREES: Record<Language, typeof en> = { en, 'zh-CN': zh as unknown as typeof en };
