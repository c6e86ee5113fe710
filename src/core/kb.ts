/** The closed sets of macros and the knowledge base (issue 17), shared by app/, the contract and the console. */

export const MACRO_SCOPES = ['shared', 'team', 'personal'] as const;
export type MacroScope = (typeof MACRO_SCOPES)[number];

export const ARTICLE_LOCALES = ['zh-CN', 'en'] as const;
export type ArticleLocale = (typeof ARTICLE_LOCALES)[number];

export const ARTICLE_STATES = ['draft', 'internal', 'public'] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];

export const KB_EVENT_KINDS = ['suggestion_shown', 'article_opened', 'request_sent', 'request_abandoned'] as const;
export type KbEventKind = (typeof KB_EVENT_KINDS)[number];

export const KB_SURFACES = ['help_form', 'chat'] as const;
export type KbSurface = (typeof KB_SURFACES)[number];
