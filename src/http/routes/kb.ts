/**
 * Macros, knowledge-base articles and deflection (issue 17):
 * - /api/v1/macros (agents; shared, team, personal) and POST /api/v1/tickets/:id/macros/:macro_id (apply, or
 *   `?preview=1` to render only);
 * - /api/v1/articles (agents read their brands' articles; supervisors and admins write) and
 *   GET /api/v1/tickets/:id/article-suggestions;
 * - the public help center: GET /api/v1/help/articles (search), /help/articles/:id, /help/categories, votes,
 *   files, and POST /api/v1/help/deflection (what a customer did with the suggestions).
 * The self-service rate joins the transaction checks in GET /api/v1/reports/self-service (routes/chain.ts).
 */
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { invalid } from '../../core/errors.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { roleAtLeast } from '../../core/people.js';
import type { Principal } from '../../core/policy.js';
import type { Article, ArticleRevision, Macro } from '../../app/kb-ports.js';
import { applyMacro, createMacro, listMacros, updateMacro } from '../../app/macros.js';
import {
  articleFile,
  createArticle,
  getArticle,
  listArticleRevisions,
  listArticles,
  readHelpArticle,
  restoreArticleRevision,
  searchHelpCenter,
  suggestArticlesForTicket,
  updateArticle,
  voteOnArticle,
} from '../../app/articles.js';
import { recordDeflectionEvent } from '../../app/deflection.js';
import { helpBrand } from '../../channels/help-center/submit-help-request.js';
import { t } from '../../i18n/index.js';
import { language } from '../../i18n/index.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { sendDownload } from './attachments.js';
import {
  ArticleCreate,
  ArticleHitJson,
  ArticleJson,
  ArticleList,
  ArticlePatch,
  ArticleRevisionList,
  DeflectionEvent,
  HelpArticleJson,
  HelpArticleQuery,
  HelpArticleSearch,
  HelpCategories,
  Id,
  MacroApplication,
  MacroApplyBody,
  MacroApplyQuery,
  MacroCreate,
  MacroJson,
  MacroList,
  MacroPatch,
  errors,
} from '../../contract/index.js';

function presentMacro(m: Macro, viewer: Principal) {
  return {
    id: m.id,
    title: m.title,
    body: m.body,
    bodies: m.bodies,
    note: m.note,
    actions: m.actions,
    scope: m.scope,
    team_id: m.teamId,
    owner_id: m.ownerId,
    brand_id: m.brandId,
    active: m.active,
    // Usage counts are for the people who curate the macros.
    usage_count: roleAtLeast(viewer.role, 'supervisor') ? m.usageCount : null,
    last_used_at: roleAtLeast(viewer.role, 'supervisor') ? m.lastUsedAt : null,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

function presentArticle(a: Article) {
  return {
    id: a.id,
    brand_id: a.brandId,
    category: a.category,
    translations: a.translations.map((t) => ({ locale: t.locale, title: t.title, body: t.body, format: t.format, html: t.bodyHtml, state: t.state, keywords: t.keywords, updated_at: t.updatedAt })),
    related_ids: a.related,
    attachment_ids: a.files,
    helpful_yes: a.helpfulYes,
    helpful_no: a.helpfulNo,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

const presentRevision = (r: ArticleRevision) => ({ id: r.id, locale: r.locale, title: r.title, body: r.body, state: r.state, author_id: r.authorId, at: r.at });

// The help center's routes are open to anyone: limits per client address.
const perIp = (max: number) => ({ public: true, rateLimit: { max, timeWindow: '1 minute', keyGenerator: (r: FastifyRequest) => `kb:${r.ip}` } });
const PUBLIC = { tags: ['help center'], security: [] };

export const kbRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  // ---------- macros ----------
  app.get(
    '/macros',
    {
      schema: {
        tags: ['macros'],
        summary: 'The macros you may use (shared, your teams\', your own); q filters by title or text',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), include_inactive: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: MacroList, ...errors(401) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const macros = await listMacros(deps, principal, { ...(request.query.q ? { q: request.query.q } : {}), includeInactive: request.query.include_inactive ?? false });
      return { macros: macros.map((m) => presentMacro(m, principal)) };
    },
  );

  app.post(
    '/macros',
    { schema: { tags: ['macros'], summary: 'Create a macro: {title, body, actions?} (personal for agents, shared for supervisors and admins unless scope says otherwise)', body: MacroCreate, response: { 201: MacroJson, ...errors(400, 401, 403) } } },
    async (request, reply) => {
      const principal = principalOf(request);
      return reply.code(201).send(presentMacro(await createMacro(deps, principal, request.body), principal));
    },
  );

  app.patch(
    '/macros/:id',
    { schema: { tags: ['macros'], summary: 'Change a macro, or switch it off (active: false)', params: Type.Object({ id: Id }), body: MacroPatch, response: { 200: MacroJson, ...errors(400, 401, 403, 404) } } },
    async (request) => {
      const principal = principalOf(request);
      return presentMacro(await updateMacro(deps, principal, request.params.id, request.body), principal);
    },
  );

  app.post(
    '/tickets/:id/macros/:macro_id',
    {
      schema: {
        tags: ['macros'],
        summary: 'Apply a macro to a ticket: the reply in the conversation\'s language (through the outbound guard), its note and actions. ?preview=1 only renders the text',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), macro_id: Id }),
        querystring: MacroApplyQuery,
        response: { 200: MacroApplication, 201: MacroApplication, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const preview = request.query.preview === '1' || request.query.preview === 'true';
      // The body is optional (a plain POST applies the macro as written), so it is checked here, not by a schema.
      const raw: unknown = request.body ?? {};
      if (typeof raw !== 'object' || raw === null || !Value.Check(MacroApplyBody, raw)) throw invalid('The body is optional: {"body": "<the edited text>"}.', { field: 'body' });
      const body = raw.body;
      const r = await applyMacro(deps, principalOf(request), request.params.id, request.params.macro_id, { preview, ...(body ? { body } : {}) });
      return reply.code(preview ? 200 : 201).send({ preview, text: r.text, note: r.note, locale: r.locale, actions: r.actions, message_id: r.messageId });
    },
  );

  // ---------- articles (agents) ----------
  app.get(
    '/articles',
    {
      schema: {
        tags: ['knowledge base'],
        summary: 'Articles of your brands, every state',
        querystring: Type.Object({ brand_id: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: ArticleList, ...errors(401) },
      },
    },
    async (request) => ({ articles: (await listArticles(deps, principalOf(request), request.query.brand_id ? { brandId: request.query.brand_id } : {})).map(presentArticle) }),
  );

  app.post(
    '/articles',
    { schema: { tags: ['knowledge base'], summary: 'Create an article with its translations (supervisors and admins)', body: ArticleCreate, response: { 201: ArticleJson, ...errors(400, 401, 403) } } },
    async (request, reply) => reply.code(201).send(presentArticle(await createArticle(deps, principalOf(request), request.body))),
  );

  app.get(
    '/articles/:id',
    { schema: { tags: ['knowledge base'], params: Type.Object({ id: Id }), response: { 200: ArticleJson, ...errors(401, 404) } } },
    async (request) => presentArticle(await getArticle(deps, principalOf(request), request.params.id)),
  );

  app.patch(
    '/articles/:id',
    { schema: { tags: ['knowledge base'], summary: 'Change an article; a translation given replaces that language\'s and is kept as a revision', params: Type.Object({ id: Id }), body: ArticlePatch, response: { 200: ArticleJson, ...errors(400, 401, 403, 404) } } },
    async (request) => presentArticle(await updateArticle(deps, principalOf(request), request.params.id, request.body)),
  );

  app.get(
    '/articles/:id/revisions',
    { schema: { tags: ['knowledge base'], summary: 'The revision history, newest first', params: Type.Object({ id: Id }), response: { 200: ArticleRevisionList, ...errors(401, 404) } } },
    async (request) => ({ revisions: (await listArticleRevisions(deps, principalOf(request), request.params.id)).map(presentRevision) }),
  );

  app.post(
    '/articles/:id/revisions/:revision_id/restore',
    {
      schema: {
        tags: ['knowledge base'],
        summary: 'Bring back a revision of one translation (title, body, state) as a new save (supervisors and admins)',
        params: Type.Object({ id: Id, revision_id: Id }),
        response: { 200: ArticleJson, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => presentArticle(await restoreArticleRevision(deps, principalOf(request), request.params.id, request.params.revision_id)),
  );

  app.get(
    '/tickets/:id/article-suggestions',
    {
      schema: {
        tags: ['knowledge base'],
        summary: 'Articles (public and internal) that match the ticket\'s conversation, in its language',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: Type.Object({ articles: Type.Array(ArticleHitJson) }), ...errors(400, 401, 404) },
      },
    },
    async (request) => ({ articles: await suggestArticlesForTicket(deps, principalOf(request), request.params.id) }),
  );

  // ---------- the public help center ----------
  app.get(
    '/help/articles',
    { config: perIp(240), schema: { ...PUBLIC, summary: 'Search the public articles (no sign-in); no q lists them', querystring: HelpArticleQuery, response: { 200: HelpArticleSearch, ...errors(400, 404, 429) } } },
    async (request) => {
      const q = request.query;
      const hits = await searchHelpCenter(deps, { ...(q.q ? { q: q.q } : {}), ...(q.locale ? { locale: q.locale } : {}), ...(q.brand ? { brand: q.brand } : {}), ...(q.limit ? { limit: q.limit } : {}), ...(q.category ? { category: q.category } : {}) });
      return { articles: hits };
    },
  );

  app.get(
    '/help/categories',
    {
      config: perIp(120),
      schema: {
        ...PUBLIC,
        summary: 'The categories that have public articles, with their names in the asked language',
        querystring: Type.Object({ brand: Type.Optional(Type.String({ maxLength: 40 })), locale: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false }),
        response: { 200: HelpCategories, ...errors(400, 404, 429) },
      },
    },
    async (request) => {
      const brand = await helpBrand(deps, request.query.brand);
      const lang = language(request.query.locale, brand.defaultLanguage);
      const hits = await searchHelpCenter(deps, { brand: brand.slug, locale: lang, limit: 50 });
      const counts = new Map<string, number>();
      for (const h of hits) if (h.category) counts.set(h.category, (counts.get(h.category) ?? 0) + 1);
      const known: Record<string, boolean> = { wallets: true, transactions: true, security: true, contact: true };
      return {
        categories: [...counts].map(([id, count]) => ({ id, count, name: known[id] ? t(lang, `kb.category.${id as 'wallets'}`) : id })),
      };
    },
  );

  app.get(
    '/help/articles/:id',
    {
      config: perIp(240),
      schema: {
        ...PUBLIC,
        summary: 'One public article, in the asked language when it is public in it',
        params: Type.Object({ id: Id }),
        querystring: Type.Object({ locale: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false }),
        response: { 200: HelpArticleJson, ...errors(404, 429) },
      },
    },
    async (request) => {
      const a = await readHelpArticle(deps, request.params.id, request.query.locale);
      return { ...a, updated_at: a.updatedAt, files: a.files.map((f) => ({ id: f, url: `/api/v1/help/articles/${a.id}/files/${f}` })) };
    },
  );

  app.get(
    '/help/articles/:id/files/:file_id',
    { config: perIp(240), schema: { ...PUBLIC, summary: 'A file of a public article (an image in it, a document)', params: Type.Object({ id: Id, file_id: Id }), response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(404, 429) } } },
    async (request, reply) => {
      const { attachment, bytes } = await articleFile(deps, request.params.id, request.params.file_id);
      return sendDownload(reply, attachment, bytes);
    },
  );

  app.post(
    '/help/articles/:id/votes',
    {
      config: perIp(30),
      schema: { ...PUBLIC, summary: '"Did this help?"', params: Type.Object({ id: Id }), body: Type.Object({ helpful: Type.Boolean() }, { additionalProperties: false }), response: { 204: Type.Null(), ...errors(400, 404, 429) } },
    },
    async (request, reply) => {
      await voteOnArticle(deps, request.params.id, request.body.helpful);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/help/deflection',
    { config: perIp(120), schema: { ...PUBLIC, summary: 'What a customer did with the suggested articles (shown, opened, sent, abandoned)', body: DeflectionEvent, response: { 204: Type.Null(), ...errors(400, 404, 429) } } },
    async (request, reply) => {
      await recordDeflectionEvent(deps, request.body);
      return reply.code(204).send(null);
    },
  );
};
