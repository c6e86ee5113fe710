/** Macros, knowledge-base articles, help-center search, deflection events and the self-service report (issue 17). */
import { Type } from '@sinclair/typebox';
import { ARTICLE_LOCALES, ARTICLE_STATES, KB_EVENT_KINDS, KB_SURFACES, MACRO_SCOPES } from '../core/kb.js';
import { CategoryT, Id, Nullable, PriorityT, Status, Time, literals } from './common.js';

export const ArticleLocaleT = literals(ARTICLE_LOCALES);
export const ArticleStateT = literals(ARTICLE_STATES);
export const MacroScopeT = literals(MACRO_SCOPES);

const Tag = Type.String({ minLength: 1, maxLength: 50 });
export const MacroActions = Type.Object(
  {
    status: Type.Optional(Status),
    priority: Type.Optional(PriorityT),
    category: Type.Optional(CategoryT),
    add_tags: Type.Optional(Type.Array(Tag, { maxItems: 20 })),
    team_id: Type.Optional(Nullable(Id)),
    assignee_id: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
const Bodies = Type.Object({ 'zh-CN': Type.Optional(Type.String({ maxLength: 20_000 })), en: Type.Optional(Type.String({ maxLength: 20_000 })) }, { additionalProperties: false });

export const MacroCreate = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 20_000 }),
    actions: Type.Optional(MacroActions),
    bodies: Type.Optional(Bodies),
    note: Type.Optional(Nullable(Type.String({ maxLength: 20_000 }))),
    scope: Type.Optional(MacroScopeT),
    team_id: Type.Optional(Nullable(Id)),
    brand_id: Type.Optional(Nullable(Id)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const MacroPatch = Type.Partial(MacroCreate, { additionalProperties: false });

export const MacroJson = Type.Object({
  id: Id,
  title: Type.String(),
  body: Type.String(),
  bodies: Bodies,
  note: Nullable(Type.String()),
  actions: MacroActions,
  scope: MacroScopeT,
  team_id: Nullable(Id),
  owner_id: Nullable(Id),
  brand_id: Nullable(Id),
  active: Type.Boolean(),
  /** Admins and supervisors see how often it was used. */
  usage_count: Nullable(Type.Integer()),
  last_used_at: Nullable(Time),
  created_at: Time,
  updated_at: Time,
});
export const MacroList = Type.Object({ macros: Type.Array(MacroJson) });

export const MacroApplyBody = Type.Object({ body: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })) }, { additionalProperties: false });
export const MacroApplyQuery = Type.Object({ preview: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')])) }, { additionalProperties: false });
export const MacroApplication = Type.Object({
  preview: Type.Boolean(),
  text: Type.String(),
  note: Nullable(Type.String()),
  locale: ArticleLocaleT,
  actions: MacroActions,
  message_id: Nullable(Id),
});

export const ArticleTranslationInput = Type.Object(
  {
    locale: ArticleLocaleT,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 100_000 }),
    state: ArticleStateT,
    format: Type.Optional(literals(['markdown', 'html'] as const)),
    keywords: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const CategoryName = Type.String({ maxLength: 40 });
export const ArticleCreate = Type.Object(
  {
    brand_id: Id,
    category: Type.Optional(Nullable(CategoryName)),
    translations: Type.Array(ArticleTranslationInput, { minItems: 1, maxItems: 2 }),
    related_ids: Type.Optional(Type.Array(Id, { maxItems: 20 })),
    attachment_ids: Type.Optional(Type.Array(Id, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export const ArticlePatch = Type.Object(
  {
    category: Type.Optional(Nullable(CategoryName)),
    translations: Type.Optional(Type.Array(ArticleTranslationInput, { minItems: 1, maxItems: 2 })),
    related_ids: Type.Optional(Type.Array(Id, { maxItems: 20 })),
    attachment_ids: Type.Optional(Type.Array(Id, { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const ArticleTranslationJson = Type.Object({
  locale: ArticleLocaleT,
  title: Type.String(),
  body: Type.String(),
  format: literals(['markdown', 'html'] as const),
  /** The sanitised HTML a page shows. */
  html: Type.String(),
  state: ArticleStateT,
  keywords: Type.String(),
  updated_at: Time,
});
export const ArticleJson = Type.Object({
  id: Id,
  brand_id: Id,
  category: Nullable(Type.String()),
  translations: Type.Array(ArticleTranslationJson),
  related_ids: Type.Array(Id),
  attachment_ids: Type.Array(Id),
  helpful_yes: Type.Integer(),
  helpful_no: Type.Integer(),
  created_at: Time,
  updated_at: Time,
});
export const ArticleList = Type.Object({ articles: Type.Array(ArticleJson) });
export const ArticleRevisionJson = Type.Object({ id: Id, locale: ArticleLocaleT, title: Type.String(), body: Type.String(), state: ArticleStateT, author_id: Nullable(Id), at: Time });
export const ArticleRevisionList = Type.Object({ revisions: Type.Array(ArticleRevisionJson) });

/** One search result (the contract of GET /api/v1/help/articles: id, title, snippet, url). */
export const ArticleHitJson = Type.Object({ id: Id, title: Type.String(), snippet: Type.String(), url: Type.String(), category: Nullable(Type.String()), locale: ArticleLocaleT });
export const HelpArticleSearch = Type.Object({ articles: Type.Array(ArticleHitJson) });
export const HelpArticleQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 500 })),
    locale: Type.Optional(Type.String({ maxLength: 20 })),
    brand: Type.Optional(Type.String({ maxLength: 40 })),
    category: Type.Optional(CategoryName),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);
export const HelpArticleJson = Type.Object({
  id: Id,
  brand: Type.Object({ slug: Type.String(), name: Type.String() }),
  locale: ArticleLocaleT,
  locales: Type.Array(ArticleLocaleT),
  title: Type.String(),
  html: Type.String(),
  category: Nullable(Type.String()),
  updated_at: Time,
  related: Type.Array(ArticleHitJson),
  files: Type.Array(Type.Object({ id: Id, url: Type.String() })),
});
export const HelpCategories = Type.Object({ categories: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), count: Type.Integer() })) });

export const DeflectionEvent = Type.Object(
  {
    brand: Type.Optional(Type.String({ maxLength: 40 })),
    kind: literals(KB_EVENT_KINDS),
    surface: literals(KB_SURFACES),
    session_key: Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
    article_id: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

export const SelfServiceQuery = Type.Object(
  { from: Type.Optional(Type.String({ maxLength: 40 })), to: Type.Optional(Type.String({ maxLength: 40 })), brand_id: Type.Optional(Id) },
  { additionalProperties: false },
);
const SurfaceCounts = Type.Object({
  shown: Type.Integer(),
  opened: Type.Integer(),
  sent: Type.Integer(),
  deflected: Type.Integer(),
  abandoned: Type.Integer(),
  rate: Nullable(Type.Number()),
});
export const SelfServiceJson = Type.Object({
  from: Time,
  to: Time,
  /** Help attempts that were shown at least one article. */
  shown: Type.Integer(),
  /** Of those, attempts where an article was opened. */
  opened: Type.Integer(),
  /** Of those, attempts that still sent a request. */
  sent: Type.Integer(),
  /** Opened an article and sent nothing: self-served. */
  deflected: Type.Integer(),
  abandoned: Type.Integer(),
  /** deflected / shown; null when nothing was shown. */
  rate: Nullable(Type.Number()),
  /** The same counts for the help-center form and the chat widget apart; the totals above count both. */
  by_surface: Type.Object({ help_form: SurfaceCounts, chat: SurfaceCounts }),
});
