/**
 * Macros and the knowledge base (issue 17): macros with their usage, articles with one translation per
 * language (each with its own state), revisions, links between articles, attached files, and the deflection
 * events of the help center and the chat widget. Frozen once released.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('macro')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'shared' (everyone), 'team' (members of team_id), 'personal' (owner_id only).
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('owner_id', 'text')
    // Null: every brand.
    .addColumn('brand_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // JSON {"en": "...", "zh-CN": "..."}: the reply in each language; body is the fallback.
    .addColumn('bodies', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actions', 'text', (c) => c.notNull())
    // Set on the starter macros, so seeding twice adds nothing.
    .addColumn('starter_key', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('usage_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_used_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('macro_starter_key').on('macro').column('starter_key').unique().execute();

  await db.schema
    .createTable('macro_use')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('macro_id', 'text', (c) => c.notNull().references('macro.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('macro_use_macro').on('macro_use').columns(['macro_id', 'at']).execute();

  await db.schema
    .createTable('article')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brand.id'))
    .addColumn('category', 'text')
    .addColumn('starter_key', 'text')
    // JSON array of related article ids (links between articles).
    .addColumn('related', 'text', (c) => c.notNull())
    .addColumn('helpful_yes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('helpful_no', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_brand_starter').on('article').columns(['brand_id', 'starter_key']).unique().execute();

  await db.schema
    .createTable('article_translation')
    .addColumn('article_id', 'text', (c) => c.notNull().references('article.id'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // 'markdown' | 'html': what the author wrote; body_html is its sanitised rendering.
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    // 'draft' | 'internal' | 'public'
    .addColumn('state', 'text', (c) => c.notNull())
    // Extra search words (how customers put it), not shown.
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_translation_pk', ['article_id', 'locale'])
    .execute();

  await db.schema
    .createTable('article_revision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('article.id'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_revision_article').on('article_revision').columns(['article_id', 'at']).execute();

  await db.schema
    .createTable('article_file')
    .addColumn('article_id', 'text', (c) => c.notNull().references('article.id'))
    .addColumn('attachment_id', 'text', (c) => c.notNull().references('attachment.id'))
    .addPrimaryKeyConstraint('article_file_pk', ['article_id', 'attachment_id'])
    .execute();

  await db.schema
    .createTable('kb_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('brand_id', 'text', (c) => c.notNull())
    // 'suggestion_shown' | 'article_opened' | 'request_sent' | 'request_abandoned'
    .addColumn('kind', 'text', (c) => c.notNull())
    // 'help_form' | 'chat'
    .addColumn('surface', 'text', (c) => c.notNull())
    // The browser's random key for one attempt at asking for help.
    .addColumn('session_key', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_event_brand_at').on('kb_event').columns(['brand_id', 'at']).execute();
  await db.schema.createIndex('kb_event_once').on('kb_event').columns(['session_key', 'kind', 'article_id']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['kb_event', 'article_file', 'article_revision', 'article_translation', 'article', 'macro_use', 'macro']) await db.schema.dropTable(t).execute();
}
