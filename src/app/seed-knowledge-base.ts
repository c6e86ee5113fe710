/**
 * The starter knowledge base and macros (issue 17), written in both languages in the server catalogues
 * (`kb.starter.*`, `macro.starter.*`): a guide per wallet type, official contacts, what to prepare, stuck
 * transactions, theft; and the wallet-support macros. Seeded when a brand is created (articles per brand,
 * macros once for the desk, shared); each row carries its starter key, so seeding again adds nothing.
 */
import { newId } from '../core/ids.js';
import type { Brand } from '../core/people.js';
import { LANGUAGES, t } from '../i18n/index.js';
import type { ArticleLocale, ArticleTranslation, Macro, MacroActions } from './kb-ports.js';
import type { Repos } from './ports.js';
import { renderArticleBody } from './render-article.js';

export const STARTER_ARTICLES = [
  { key: 'wallet_hot', category: 'wallets', related: ['wallet_mobile', 'wallet_desktop', 'official_contacts'] },
  { key: 'wallet_cold', category: 'wallets', related: ['wallet_hardware', 'theft'] },
  { key: 'wallet_hardware', category: 'wallets', related: ['wallet_cold', 'official_contacts'] },
  { key: 'wallet_mobile', category: 'wallets', related: ['wallet_hot', 'prepare'] },
  { key: 'wallet_desktop', category: 'wallets', related: ['wallet_hot', 'wallet_hardware'] },
  { key: 'official_contacts', category: 'contact', related: ['theft', 'prepare'] },
  { key: 'prepare', category: 'contact', related: ['official_contacts', 'stuck_tx'] },
  { key: 'stuck_tx', category: 'transactions', related: ['prepare', 'theft'] },
  { key: 'theft', category: 'security', related: ['official_contacts', 'prepare'] },
] as const;
export type StarterArticleKey = (typeof STARTER_ARTICLES)[number]['key'];

export const STARTER_MACROS: ReadonlyArray<{ key: 'stuck_tx' | 'theft_first_steps' | 'what_to_prepare' | 'official_channels' | 'never_recovery_phrase' | 'app_wont_open'; note: boolean; actions: MacroActions }> = [
  { key: 'stuck_tx', note: true, actions: { status: 'pending', category: 'transaction', add_tags: ['stuck-tx'] } },
  { key: 'theft_first_steps', note: true, actions: { status: 'open', category: 'security', priority: 'urgent', add_tags: ['theft'] } },
  { key: 'what_to_prepare', note: false, actions: { status: 'pending' } },
  { key: 'official_channels', note: false, actions: {} },
  { key: 'never_recovery_phrase', note: true, actions: { add_tags: ['phishing-risk'] } },
  { key: 'app_wont_open', note: false, actions: { status: 'pending', category: 'technical', add_tags: ['app-update'] } },
];

const LOCALES: ArticleLocale[] = ['zh-CN', 'en'];
/** The placeholders stay as written in the catalogue texts; the macro fills them in when applied. */
const KEEP = { customer_name: '{{customer_name}}', ticket_number: '{{ticket_number}}', chain_status: '{{chain_status}}', missing_details: '{{missing_details}}' };

/** Adds what is missing of the starter set for this brand (and the desk's starter macros). Idempotent. */
export async function seedKnowledgeBase(tx: Repos, brand: Pick<Brand, 'id' | 'defaultLanguage'>, at: string): Promise<void> {
  const ids = new Map<string, string>();
  const created: Array<{ key: string; id: string }> = [];
  for (const s of STARTER_ARTICLES) {
    const existing = await tx.articles.getByStarterKey(brand.id, s.key);
    if (existing) {
      ids.set(s.key, existing.id);
      continue;
    }
    const id = newId();
    ids.set(s.key, id);
    const translations: ArticleTranslation[] = LOCALES.map((locale) => {
      const body = t(locale, `kb.starter.${s.key}.body`);
      return {
        locale,
        title: t(locale, `kb.starter.${s.key}.title`),
        body,
        format: 'markdown',
        bodyHtml: renderArticleBody(body, 'markdown'),
        state: 'public',
        keywords: t(locale, `kb.starter.${s.key}.keywords`),
        updatedAt: at,
      };
    });
    await tx.articles.insert({ id, brandId: brand.id, category: s.category, starterKey: s.key, related: [], helpfulYes: 0, helpfulNo: 0, createdBy: null, createdAt: at, updatedAt: at, translations, files: [] });
    await tx.articles.addRevisions(translations.map((tr) => ({ id: newId(), articleId: id, locale: tr.locale, title: tr.title, body: tr.body, state: tr.state, authorId: null, at })));
    created.push({ key: s.key, id });
  }
  for (const c of created) {
    const article = await tx.articles.get(c.id);
    const spec = STARTER_ARTICLES.find((s) => s.key === c.key)!;
    if (article) await tx.articles.update({ ...article, related: spec.related.map((k) => ids.get(k)!).filter(Boolean) });
  }
  for (const m of STARTER_MACROS) {
    const key = `starter:${m.key}`;
    if (await tx.macros.getByStarterKey(key)) continue;
    const bodies = { 'zh-CN': t('zh-CN', `macro.starter.${m.key}.body`, KEEP), en: t('en', `macro.starter.${m.key}.body`, KEEP) };
    const lang = brand.defaultLanguage;
    const macro: Macro = {
      id: newId(),
      scope: 'shared',
      teamId: null,
      ownerId: null,
      brandId: null,
      // Both languages in the title (the brand's first), so the picker finds it by either.
      title: [lang, ...LANGUAGES.filter((l) => l !== lang)].map((l) => t(l, `macro.starter.${m.key}.title`)).join(' · '),
      body: bodies[lang],
      bodies,
      note: m.note ? t(lang, `macro.starter.${m.key}.note` as 'macro.starter.stuck_tx.note') : null,
      actions: m.actions,
      starterKey: key,
      active: true,
      usageCount: 0,
      lastUsedAt: null,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    };
    // Brands created at the same moment seed at the same moment: the key decides, without a unique-key error.
    await tx.macros.insertStarter(macro);
  }
}
