/** The storage ports of macros, articles and deflection events (issue 17). */
import type { Category, Priority, TicketStatus } from '../core/ticket.js';

import { type ArticleLocale, type ArticleState, type KbEventKind, type KbSurface, type MacroScope } from '../core/kb.js';

export { ARTICLE_LOCALES, ARTICLE_STATES, KB_EVENT_KINDS, KB_SURFACES, MACRO_SCOPES } from '../core/kb.js';
export type { ArticleLocale, ArticleState, KbEventKind, KbSurface, MacroScope };

/** What applying a macro changes on the ticket besides the reply. */
export interface MacroActions {
  status?: TicketStatus;
  priority?: Priority;
  category?: Category;
  add_tags?: string[];
  team_id?: string | null;
  assignee_id?: string | null;
}

export interface Macro {
  id: string;
  scope: MacroScope;
  teamId: string | null;
  ownerId: string | null;
  brandId: string | null;
  title: string;
  /** The reply when no variant fits the conversation's language. */
  body: string;
  /** The reply per language. */
  bodies: Partial<Record<ArticleLocale, string>>;
  /** An internal note added with the reply. */
  note: string | null;
  actions: MacroActions;
  starterKey: string | null;
  active: boolean;
  usageCount: number;
  lastUsedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MacroRepo {
  insert(macro: Macro): Promise<void>;
  update(macro: Macro): Promise<void>;
  get(id: string): Promise<Macro | null>;
  getByStarterKey(key: string): Promise<Macro | null>;
  /**
   * Inserts a starter macro unless one with its starter key exists (or is being inserted by a transaction that
   * then commits): two brands seeded at once add each starter macro once. Returns whether this one was added.
   */
  insertStarter(macro: Macro): Promise<boolean>;
  /** Every macro, active or not, by title. */
  list(): Promise<Macro[]>;
  /** Counts one use (the count and the log row in one go). */
  recordUse(use: { id: string; macroId: string; ticketId: string; agentId: string; at: string }): Promise<void>;
}

export interface ArticleTranslation {
  locale: ArticleLocale;
  title: string;
  body: string;
  format: 'markdown' | 'html';
  /** The sanitised rendering of body: the only form a page shows. */
  bodyHtml: string;
  state: ArticleState;
  keywords: string;
  updatedAt: string;
}

export interface Article {
  id: string;
  brandId: string;
  category: string | null;
  starterKey: string | null;
  related: string[];
  helpfulYes: number;
  helpfulNo: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  translations: ArticleTranslation[];
  /** Attachment ids (the attachment store's) the article shows or offers. */
  files: string[];
}

export interface ArticleRevision {
  id: string;
  articleId: string;
  locale: ArticleLocale;
  title: string;
  body: string;
  state: ArticleState;
  authorId: string | null;
  at: string;
}

export interface ArticleRepo {
  insert(article: Article): Promise<void>;
  /** Replaces the article row, its translations and its files. */
  update(article: Article): Promise<void>;
  get(id: string): Promise<Article | null>;
  getByStarterKey(brandId: string, key: string): Promise<Article | null>;
  /** Articles of these brands (null: all), newest change first. */
  list(filter: { brandIds: readonly string[] | null }): Promise<Article[]>;
  /** The newest change among a brand's articles (for search caches), or null. */
  lastChange(brandId: string): Promise<string | null>;
  addRevisions(revisions: readonly ArticleRevision[]): Promise<void>;
  listRevisions(articleId: string): Promise<ArticleRevision[]>;
  vote(id: string, helpful: boolean): Promise<void>;
}

export interface KbEvent {
  id: string;
  brandId: string;
  kind: KbEventKind;
  surface: KbSurface;
  sessionKey: string;
  articleId: string | null;
  at: string;
}

export interface SelfServiceCounts {
  /** Attempts (sessions) that were shown at least one suggestion. */
  shown: number;
  /** Of those, attempts where the customer opened a suggested article. */
  opened: number;
  /** Of those, attempts that still ended in a request. */
  sent: number;
  /** Attempts that opened an article and never sent a request: self-served. */
  deflected: number;
  /** Attempts that were abandoned (the customer left without sending). */
  abandoned: number;
}

export interface KbEventRepo {
  /** Records an event; the same (session, kind, article) is recorded once. */
  record(event: KbEvent): Promise<void>;
  /** Counts per attempt; `surface` limits them to the help form's or the chat widget's attempts. */
  selfService(filter: { from: string; to: string; brandIds: readonly string[] | null; surface?: KbSurface }): Promise<SelfServiceCounts>;
}
