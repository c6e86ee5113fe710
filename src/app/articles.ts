/**
 * Knowledge-base articles (issue 17): one article per brand with a zh-CN and an English translation, each with
 * its own state — draft (its author's colleagues only, in the console), internal (agents) or public (the help
 * center). Bodies are Markdown or HTML, stored as written and rendered once, sanitised, on every save. Every
 * save of a translation adds a revision. Articles link to related articles and carry files from the attachment
 * store (images, PDFs) that the help center serves while the article has a public translation.
 */
import { forbidden, invalid, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { canSeeBrand, visibleBrands, type Principal } from '../core/policy.js';
import { roleAtLeast, type Brand } from '../core/people.js';
import { language } from '../i18n/index.js';
import { buildSearchIndex, searchArticles, snippetOf, type SearchIndex } from './kb-search.js';
import { ARTICLE_LOCALES, ARTICLE_STATES, type Article, type ArticleLocale, type ArticleRevision, type ArticleState, type ArticleTranslation } from './kb-ports.js';
import type { Deps } from './ports.js';
import { htmlToPlain, renderArticleBody } from './render-article.js';
import { helpBrand } from '../channels/help-center/submit-help-request.js';
import { loadVisibleTicket } from './ticket-access.js';

export interface TranslationInput {
  locale: ArticleLocale;
  title: string;
  body: string;
  state: ArticleState;
  format?: 'markdown' | 'html';
  keywords?: string;
}

export interface ArticleInput {
  brand_id: string;
  category?: string | null;
  translations: TranslationInput[];
  related_ids?: string[];
  attachment_ids?: string[];
}

export type ArticlePatch = Partial<Omit<ArticleInput, 'brand_id' | 'translations'>> & { translations?: TranslationInput[] };

const MAX_BODY = 100_000;
const CATEGORY = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** Articles are written by supervisors and admins of the brand. */
function assertCanWrite(principal: Principal, brandId: string): void {
  if (!roleAtLeast(principal.role, 'supervisor')) throw forbidden('Only a supervisor or an admin can write knowledge-base articles.');
  if (!canSeeBrand(principal, brandId)) throw forbidden('You do not work for this brand.');
}

function cleanTranslation(input: TranslationInput, at: string): ArticleTranslation {
  if (!ARTICLE_LOCALES.includes(input.locale)) throw invalid('A translation\'s locale is "zh-CN" or "en".', { field: 'translations.locale' });
  if (!ARTICLE_STATES.includes(input.state)) throw invalid('A translation\'s state is draft, internal or public.', { field: 'translations.state' });
  const title = input.title.replace(/\s+/g, ' ').trim();
  if (title === '' || title.length > 200) throw invalid('A title has 1 to 200 characters.', { field: 'translations.title' });
  if (input.body.trim() === '' || input.body.length > MAX_BODY) throw invalid(`A body has 1 to ${MAX_BODY} characters.`, { field: 'translations.body' });
  const format = input.format ?? 'markdown';
  return { locale: input.locale, title, body: input.body, format, bodyHtml: renderArticleBody(input.body, format), state: input.state, keywords: (input.keywords ?? '').slice(0, 2000), updatedAt: at };
}

function cleanTranslations(list: readonly TranslationInput[], at: string): ArticleTranslation[] {
  if (list.length === 0) throw invalid('An article has at least one translation.', { field: 'translations' });
  const seen = new Set<string>();
  return list.map((t) => {
    if (seen.has(t.locale)) throw invalid(`Two translations for ${t.locale}.`, { field: 'translations' });
    seen.add(t.locale);
    return cleanTranslation(t, at);
  });
}

function cleanCategory(category: string | null | undefined): string | null {
  if (category == null || category === '') return null;
  if (!CATEGORY.test(category)) throw invalid('A category is a short name: lower-case letters, digits, - and _.', { field: 'category' });
  return category;
}

async function checkRelated(deps: Pick<Deps, 'store'>, brandId: string, ids: readonly string[] | undefined, self: string): Promise<string[]> {
  const out: string[] = [];
  for (const id of new Set(ids ?? [])) {
    if (id === self) continue;
    const a = await deps.store.articles.get(id);
    if (!a || a.brandId !== brandId) throw invalid(`Related article ${id} is not an article of this brand.`, { field: 'related_ids' });
    out.push(id);
  }
  return out;
}

async function checkFiles(deps: Pick<Deps, 'store'>, principal: Principal, ids: readonly string[] | undefined, current: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of new Set(ids ?? [])) {
    if (current.includes(id)) {
      out.push(id);
      continue;
    }
    const att = await deps.store.attachments.get(id);
    // Only the author's own uploads that are not on a message (a customer's file never becomes public this way).
    if (!att || att.uploaderId !== principal.agentId || att.messageId !== null) throw invalid(`Attachment ${id} is not one of your uploads.`, { field: 'attachment_ids' });
    out.push(id);
  }
  return out;
}

function revisionsOf(article: Article, changed: readonly ArticleTranslation[], authorId: string | null, at: string): ArticleRevision[] {
  return changed.map((t) => ({ id: newId(), articleId: article.id, locale: t.locale, title: t.title, body: t.body, state: t.state, authorId, at }));
}

/** Creates an article (supervisors and admins of the brand). */
export async function createArticle(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal | null, input: ArticleInput, starterKey: string | null = null): Promise<Article> {
  if (principal) assertCanWrite(principal, input.brand_id);
  if (!(await deps.store.brands.get(input.brand_id))) throw invalid('That brand does not exist.', { field: 'brand_id' });
  const at = deps.clock.now().toISOString();
  const id = newId();
  const translations = cleanTranslations(input.translations, at);
  const article: Article = {
    id,
    brandId: input.brand_id,
    category: cleanCategory(input.category),
    starterKey,
    related: await checkRelated(deps, input.brand_id, input.related_ids, id),
    helpfulYes: 0,
    helpfulNo: 0,
    createdBy: principal?.agentId ?? null,
    createdAt: at,
    updatedAt: at,
    translations,
    files: principal ? await checkFiles(deps, principal, input.attachment_ids, []) : [],
  };
  await deps.store.transaction(async (tx) => {
    await tx.articles.insert(article);
    await tx.articles.addRevisions(revisionsOf(article, translations, principal?.agentId ?? null, at));
  });
  return article;
}

/** Changes an article; a translation given replaces that language's (a revision is kept), others stay. */
export async function updateArticle(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, id: string, patch: ArticlePatch): Promise<Article> {
  const current = await deps.store.articles.get(id);
  if (!current || !canSeeBrand(principal, current.brandId)) throw notFound('Article');
  assertCanWrite(principal, current.brandId);
  const at = deps.clock.now().toISOString();
  const changed = patch.translations ? cleanTranslations(patch.translations, at) : [];
  const translations = [...current.translations.filter((t) => !changed.some((c) => c.locale === t.locale)), ...changed];
  const next: Article = {
    ...current,
    category: patch.category !== undefined ? cleanCategory(patch.category) : current.category,
    related: patch.related_ids ? await checkRelated(deps, current.brandId, patch.related_ids, id) : current.related,
    files: patch.attachment_ids ? await checkFiles(deps, principal, patch.attachment_ids, current.files) : current.files,
    translations,
    updatedAt: at,
  };
  await deps.store.transaction(async (tx) => {
    await tx.articles.update(next);
    await tx.articles.addRevisions(revisionsOf(next, changed, principal.agentId, at));
  });
  return next;
}

/** One article for an agent of its brand (every state). */
export async function getArticle(deps: Pick<Deps, 'store'>, principal: Principal, id: string): Promise<Article> {
  const a = await deps.store.articles.get(id);
  if (!a || !canSeeBrand(principal, a.brandId)) throw notFound('Article');
  return a;
}

export async function listArticles(deps: Pick<Deps, 'store'>, principal: Principal, filter: { brandId?: string } = {}): Promise<Article[]> {
  const brands = visibleBrands(principal);
  if (filter.brandId && !canSeeBrand(principal, filter.brandId)) return [];
  return deps.store.articles.list({ brandIds: filter.brandId ? [filter.brandId] : brands });
}

export async function listArticleRevisions(deps: Pick<Deps, 'store'>, principal: Principal, id: string): Promise<ArticleRevision[]> {
  await getArticle(deps, principal, id);
  return deps.store.articles.listRevisions(id);
}

/**
 * Brings back one revision of a translation (title, body, state) as a new save: the history keeps both, and the
 * translation's format and search keywords stay as they are now.
 */
export async function restoreArticleRevision(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, id: string, revisionId: string): Promise<Article> {
  const article = await getArticle(deps, principal, id);
  assertCanWrite(principal, article.brandId);
  const revision = (await deps.store.articles.listRevisions(id)).find((r) => r.id === revisionId);
  if (!revision) throw notFound('Revision');
  const current = article.translations.find((t) => t.locale === revision.locale);
  return updateArticle(deps, principal, id, {
    translations: [{ locale: revision.locale, title: revision.title, body: revision.body, state: revision.state, format: current?.format ?? 'markdown', keywords: current?.keywords ?? '' }],
  });
}

// ---------- search ----------

type Audience = 'public' | 'agents';

interface CachedIndex {
  stamp: string | null;
  byKey: Map<string, { index: SearchIndex; articles: Map<string, { article: Article; t: ArticleTranslation; text: string }> }>;
}

const caches = new WeakMap<object, Map<string, CachedIndex>>();

/** Which translations an audience may read: the public only public ones; agents public and internal ones. */
function readable(audience: Audience, state: ArticleState): boolean {
  return audience === 'public' ? state === 'public' : state !== 'draft';
}

async function indexFor(deps: Pick<Deps, 'store'>, brandId: string, locale: ArticleLocale, audience: Audience) {
  let perStore = caches.get(deps.store);
  if (!perStore) caches.set(deps.store, (perStore = new Map()));
  const stamp = await deps.store.articles.lastChange(brandId);
  let cached = perStore.get(brandId);
  if (!cached || cached.stamp !== stamp) perStore.set(brandId, (cached = { stamp, byKey: new Map() }));
  const key = `${locale}:${audience}`;
  let entry = cached.byKey.get(key);
  if (!entry) {
    const articles = new Map<string, { article: Article; t: ArticleTranslation; text: string }>();
    for (const article of await deps.store.articles.list({ brandIds: [brandId] })) {
      const t = article.translations.find((x) => x.locale === locale);
      if (t && readable(audience, t.state)) articles.set(article.id, { article, t, text: htmlToPlain(t.bodyHtml) });
    }
    const index = buildSearchIndex([...articles.values()].map(({ article, t, text }) => ({ id: article.id, title: t.title, keywords: t.keywords, text })));
    cached.byKey.set(key, (entry = { index, articles }));
  }
  return entry;
}

export interface ArticleHit {
  id: string;
  title: string;
  snippet: string;
  url: string;
  locale: ArticleLocale;
  category: string | null;
}

/** The help center's address of an article. */
export function articleUrl(brand: Pick<Brand, 'slug'>, id: string, locale: ArticleLocale): string {
  return `/help/articles/${id}?brand=${encodeURIComponent(brand.slug)}&lang=${locale}`;
}

function pickLocale(locale: string | undefined, brand: Brand): ArticleLocale {
  return language(locale, brand.defaultLanguage);
}

/**
 * Searches a brand's articles in one language. An empty query lists them (by category, then title). The
 * public sees only public translations; agents also internal ones.
 */
export async function searchKnowledgeBase(
  deps: Pick<Deps, 'store'>,
  brand: Brand,
  query: string,
  options: { locale?: string; audience: Audience; limit?: number; category?: string },
): Promise<ArticleHit[]> {
  const locale = pickLocale(options.locale, brand);
  const { index, articles } = await indexFor(deps, brand.id, locale, options.audience);
  const limit = Math.min(Math.max(options.limit ?? 10, 1), 50);
  const q = query.trim().slice(0, 500);
  const ids = q === '' ? [...articles.values()].sort((a, b) => (a.article.category ?? '').localeCompare(b.article.category ?? '') || a.t.title.localeCompare(b.t.title)).map((a) => a.article.id) : searchArticles(index, q, 50).map((h) => h.id);
  const hits: ArticleHit[] = [];
  for (const id of ids) {
    const a = articles.get(id)!;
    if (options.category && a.article.category !== options.category) continue;
    hits.push({ id, title: a.t.title, snippet: snippetOf(a.text, q), url: articleUrl(brand, id, locale), locale, category: a.article.category });
    if (hits.length >= limit) break;
  }
  return hits;
}

/** The public search of the help center (no sign-in): only public translations. */
export async function searchHelpCenter(deps: Pick<Deps, 'store'>, input: { q?: string; locale?: string; brand?: string; limit?: number; category?: string }): Promise<ArticleHit[]> {
  const brand = await helpBrand(deps, input.brand);
  return searchKnowledgeBase(deps, brand, input.q ?? '', { ...(input.locale ? { locale: input.locale } : {}), audience: 'public', ...(input.limit ? { limit: input.limit } : {}), ...(input.category ? { category: input.category } : {}) });
}

export interface PublicArticle {
  id: string;
  brand: { slug: string; name: string };
  locale: ArticleLocale;
  title: string;
  html: string;
  category: string | null;
  updatedAt: string;
  /** Other languages this article is public in. */
  locales: ArticleLocale[];
  related: ArticleHit[];
  files: string[];
}

/** One public article for the help center: the asked language when public, else another public one. */
export async function readHelpArticle(deps: Pick<Deps, 'store'>, id: string, locale: string | undefined): Promise<PublicArticle> {
  const a = await deps.store.articles.get(id);
  const brand = a ? await deps.store.brands.get(a.brandId) : null;
  if (!a || !brand) throw notFound('Article');
  const want = pickLocale(locale, brand);
  const publicOnes = a.translations.filter((t) => t.state === 'public');
  const t = publicOnes.find((x) => x.locale === want) ?? publicOnes[0];
  if (!t) throw notFound('Article');
  const related: ArticleHit[] = [];
  for (const rid of a.related) {
    const r = await deps.store.articles.get(rid);
    const rt = r?.translations.find((x) => x.locale === t.locale && x.state === 'public');
    if (r && rt) related.push({ id: r.id, title: rt.title, snippet: snippetOf(htmlToPlain(rt.bodyHtml), ''), url: articleUrl(brand, r.id, t.locale), locale: t.locale, category: r.category });
  }
  // Articles on the same topic fill up the list when the author linked fewer than three.
  if (related.length < 3) {
    const more = await searchKnowledgeBase(deps, brand, `${t.title} ${t.keywords}`, { locale: t.locale, audience: 'public', limit: 6 });
    for (const h of more) if (h.id !== a.id && !related.some((r) => r.id === h.id) && related.length < 3) related.push(h);
  }
  return {
    id: a.id,
    brand: { slug: brand.slug, name: brand.name },
    locale: t.locale,
    title: t.title,
    html: t.bodyHtml,
    category: a.category,
    updatedAt: t.updatedAt,
    locales: publicOnes.map((x) => x.locale),
    related,
    files: a.files,
  };
}

/** "Did this help?" from the help center. */
export async function voteOnArticle(deps: Pick<Deps, 'store'>, id: string, helpful: boolean): Promise<void> {
  const a = await deps.store.articles.get(id);
  if (!a || !a.translations.some((t) => t.state === 'public')) throw notFound('Article');
  await deps.store.articles.vote(id, helpful);
}

/** A file of a public article (an image in its body, a PDF): only while the article has a public translation. */
export async function articleFile(deps: Pick<Deps, 'store' | 'files'>, id: string, attachmentId: string) {
  const a = await deps.store.articles.get(id);
  if (!a || !a.translations.some((t) => t.state === 'public') || !a.files.includes(attachmentId)) throw notFound('File');
  const att = await deps.store.attachments.get(attachmentId);
  const bytes = att ? await deps.files.get(att.sha256) : null;
  if (!att || !bytes) throw notFound('File');
  return { attachment: att, bytes };
}

/** Articles for an agent's reply: the ticket's conversation searched in its language (public and internal). */
export async function suggestArticlesForTicket(deps: Pick<Deps, 'store'>, principal: Principal, ticketRef: string, limit = 5): Promise<ArticleHit[]> {
  const ticket = await loadVisibleTicket(deps.store, principal, ticketRef);
  const brand = await deps.store.brands.get(ticket.brandId);
  if (!brand) return [];
  const customerText = (await deps.store.messages.listRecent(ticket.id, 'customer', 10)).map((m) => m.body).join('\n');
  const query = `${ticket.subject}\n${customerText}`.slice(0, 2000);
  const locale = language(ticket.language, brand.defaultLanguage);
  return searchKnowledgeBase(deps, brand, query, { locale, audience: 'agents', limit });
}
