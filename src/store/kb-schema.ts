/** Table types of macros and the knowledge base (migration 20261208T0500-knowledge-base). */

export interface MacroTable {
  id: string;
  scope: string;
  team_id: string | null;
  owner_id: string | null;
  brand_id: string | null;
  title: string;
  body: string;
  bodies: string;
  note: string | null;
  actions: string;
  starter_key: string | null;
  active: number;
  usage_count: number;
  last_used_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MacroUseTable {
  id: string;
  macro_id: string;
  ticket_id: string;
  agent_id: string;
  at: string;
}

export interface ArticleTable {
  id: string;
  brand_id: string;
  category: string | null;
  starter_key: string | null;
  related: string;
  helpful_yes: number;
  helpful_no: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ArticleTranslationTable {
  article_id: string;
  locale: string;
  title: string;
  body: string;
  format: string;
  body_html: string;
  state: string;
  keywords: string;
  updated_at: string;
}

export interface ArticleRevisionTable {
  id: string;
  article_id: string;
  locale: string;
  title: string;
  body: string;
  state: string;
  author_id: string | null;
  at: string;
}

export interface ArticleFileTable {
  article_id: string;
  attachment_id: string;
}

export interface KbEventTable {
  id: string;
  brand_id: string;
  kind: string;
  surface: string;
  session_key: string;
  article_id: string | null;
  at: string;
}

export interface KbTables {
  macro: MacroTable;
  macro_use: MacroUseTable;
  article: ArticleTable;
  article_translation: ArticleTranslationTable;
  article_revision: ArticleRevisionTable;
  article_file: ArticleFileTable;
  kb_event: KbEventTable;
}
