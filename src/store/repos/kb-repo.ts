/** Macros, articles (with translations, revisions, files) and deflection events (issue 17). */
import { sql } from 'kysely';
import type {
  Article,
  ArticleLocale,
  ArticleRepo,
  ArticleRevision,
  ArticleState,
  ArticleTranslation,
  KbEventRepo,
  Macro,
  MacroRepo,
  MacroScope,
} from '../../app/kb-ports.js';
import type { ArticleTable, ArticleTranslationTable, MacroTable } from '../kb-schema.js';
import { bool, int, jsonText, parseJson, type Db } from './rows.js';

function toMacro(r: MacroTable): Macro {
  return {
    id: r.id,
    scope: r.scope as MacroScope,
    teamId: r.team_id,
    ownerId: r.owner_id,
    brandId: r.brand_id,
    title: r.title,
    body: r.body,
    bodies: parseJson(r.bodies, {}),
    note: r.note,
    actions: parseJson(r.actions, {}),
    starterKey: r.starter_key,
    active: bool(r.active),
    usageCount: Number(r.usage_count),
    lastUsedAt: r.last_used_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function macroRow(m: Macro): MacroTable {
  return {
    id: m.id,
    scope: m.scope,
    team_id: m.teamId,
    owner_id: m.ownerId,
    brand_id: m.brandId,
    title: m.title,
    body: m.body,
    bodies: jsonText(m.bodies),
    note: m.note,
    actions: jsonText(m.actions),
    starter_key: m.starterKey,
    active: int(m.active),
    usage_count: m.usageCount,
    last_used_at: m.lastUsedAt,
    created_by: m.createdBy,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

export function macroRepo(db: Db): MacroRepo {
  return {
    async insert(m) {
      await db.insertInto('macro').values(macroRow(m)).execute();
    },
    async insertStarter(m) {
      // ON CONFLICT waits for a concurrent transaction's uncommitted insert of the same key on PostgreSQL, then
      // does nothing: a plain check-then-insert lost that race with a unique-key error.
      const r = await db.insertInto('macro').values(macroRow(m)).onConflict((oc) => oc.column('starter_key').doNothing()).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async update(m) {
      // The count is only ever changed by recordUse, so an edit racing a use loses nothing.
      const { id, usage_count: _u, last_used_at: _l, created_at: _c, ...changes } = macroRow(m);
      await db.updateTable('macro').set(changes).where('id', '=', id).execute();
    },
    async get(id) {
      const r = await db.selectFrom('macro').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toMacro(r) : null;
    },
    async getByStarterKey(key) {
      const r = await db.selectFrom('macro').selectAll().where('starter_key', '=', key).executeTakeFirst();
      return r ? toMacro(r) : null;
    },
    async list() {
      return (await db.selectFrom('macro').selectAll().orderBy('title').orderBy('id').execute()).map(toMacro);
    },
    async recordUse(use) {
      await db.insertInto('macro_use').values({ id: use.id, macro_id: use.macroId, ticket_id: use.ticketId, agent_id: use.agentId, at: use.at }).execute();
      await db
        .updateTable('macro')
        .set({ usage_count: sql<number>`usage_count + 1`, last_used_at: use.at })
        .where('id', '=', use.macroId)
        .execute();
    },
  };
}

function toTranslation(r: ArticleTranslationTable): ArticleTranslation {
  return {
    locale: r.locale as ArticleLocale,
    title: r.title,
    body: r.body,
    format: r.format === 'html' ? 'html' : 'markdown',
    bodyHtml: r.body_html,
    state: r.state as ArticleState,
    keywords: r.keywords,
    updatedAt: r.updated_at,
  };
}

function articleRow(a: Article): ArticleTable {
  return {
    id: a.id,
    brand_id: a.brandId,
    category: a.category,
    starter_key: a.starterKey,
    related: jsonText(a.related),
    helpful_yes: a.helpfulYes,
    helpful_no: a.helpfulNo,
    created_by: a.createdBy,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

const LOCALE_ORDER: Record<string, number> = { 'zh-CN': 0, en: 1 };

async function withParts(db: Db, rows: ArticleTable[]): Promise<Article[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [translations, files] = await Promise.all([
    db.selectFrom('article_translation').selectAll().where('article_id', 'in', ids).execute(),
    db.selectFrom('article_file').selectAll().where('article_id', 'in', ids).execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    brandId: r.brand_id,
    category: r.category,
    starterKey: r.starter_key,
    related: parseJson<string[]>(r.related, []),
    helpfulYes: Number(r.helpful_yes),
    helpfulNo: Number(r.helpful_no),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    translations: translations
      .filter((t) => t.article_id === r.id)
      .map(toTranslation)
      .sort((x, y) => (LOCALE_ORDER[x.locale] ?? 9) - (LOCALE_ORDER[y.locale] ?? 9)),
    files: files.filter((f) => f.article_id === r.id).map((f) => f.attachment_id),
  }));
}

async function writeParts(db: Db, a: Article): Promise<void> {
  await db.deleteFrom('article_translation').where('article_id', '=', a.id).execute();
  await db.deleteFrom('article_file').where('article_id', '=', a.id).execute();
  if (a.translations.length) {
    await db
      .insertInto('article_translation')
      .values(
        a.translations.map((t) => ({
          article_id: a.id,
          locale: t.locale,
          title: t.title,
          body: t.body,
          format: t.format,
          body_html: t.bodyHtml,
          state: t.state,
          keywords: t.keywords,
          updated_at: t.updatedAt,
        })),
      )
      .execute();
  }
  if (a.files.length) await db.insertInto('article_file').values(a.files.map((f) => ({ article_id: a.id, attachment_id: f }))).execute();
}

export function articleRepo(db: Db): ArticleRepo {
  return {
    async insert(a) {
      await db.insertInto('article').values(articleRow(a)).execute();
      await writeParts(db, a);
    },
    async update(a) {
      const { id, created_at: _c, helpful_yes: _y, helpful_no: _n, ...changes } = articleRow(a);
      await db.updateTable('article').set(changes).where('id', '=', id).execute();
      await writeParts(db, a);
    },
    async get(id) {
      const rows = await db.selectFrom('article').selectAll().where('id', '=', id).execute();
      return (await withParts(db, rows))[0] ?? null;
    },
    async getByStarterKey(brandId, key) {
      const rows = await db.selectFrom('article').selectAll().where('brand_id', '=', brandId).where('starter_key', '=', key).execute();
      return (await withParts(db, rows))[0] ?? null;
    },
    async list(filter) {
      let q = db.selectFrom('article').selectAll();
      if (filter.brandIds) {
        if (filter.brandIds.length === 0) return [];
        q = q.where('brand_id', 'in', [...filter.brandIds]);
      }
      return withParts(db, await q.orderBy('updated_at', 'desc').orderBy('id').execute());
    },
    async lastChange(brandId) {
      const r = await db
        .selectFrom('article')
        .select((eb) => [eb.fn.max('updated_at').as('at'), eb.fn.countAll<number>().as('n')])
        .where('brand_id', '=', brandId)
        .executeTakeFirst();
      return r?.at ? `${r.at}#${Number(r.n)}` : null;
    },
    async addRevisions(revisions: readonly ArticleRevision[]) {
      if (revisions.length === 0) return;
      await db
        .insertInto('article_revision')
        .values(revisions.map((r) => ({ id: r.id, article_id: r.articleId, locale: r.locale, title: r.title, body: r.body, state: r.state, author_id: r.authorId, at: r.at })))
        .execute();
    },
    async listRevisions(articleId) {
      const rows = await db.selectFrom('article_revision').selectAll().where('article_id', '=', articleId).orderBy('at', 'desc').orderBy('id', 'desc').execute();
      return rows.map((r) => ({ id: r.id, articleId: r.article_id, locale: r.locale as ArticleLocale, title: r.title, body: r.body, state: r.state as ArticleState, authorId: r.author_id, at: r.at }));
    },
    async vote(id, helpful) {
      await db
        .updateTable('article')
        .set(helpful ? { helpful_yes: sql<number>`helpful_yes + 1` } : { helpful_no: sql<number>`helpful_no + 1` })
        .where('id', '=', id)
        .execute();
    },
  };
}

export function kbEventRepo(db: Db): KbEventRepo {
  return {
    async record(e) {
      let q = db.selectFrom('kb_event').select('id').where('session_key', '=', e.sessionKey).where('kind', '=', e.kind);
      q = e.articleId === null ? q.where('article_id', 'is', null) : q.where('article_id', '=', e.articleId);
      if (await q.executeTakeFirst()) return;
      await db
        .insertInto('kb_event')
        .values({ id: e.id, brand_id: e.brandId, kind: e.kind, surface: e.surface, session_key: e.sessionKey, article_id: e.articleId, at: e.at })
        .execute();
    },
    async selfService(filter) {
      const one = (kind: string) => sql<number>`max(case when kind = ${kind} then 1 else 0 end)`;
      let q = db
        .selectFrom('kb_event')
        .select([
          'session_key',
          one('suggestion_shown').as('shown'),
          one('article_opened').as('opened'),
          one('request_sent').as('sent'),
          one('request_abandoned').as('abandoned'),
        ])
        .where('at', '>=', filter.from)
        .where('at', '<', filter.to);
      if (filter.surface) q = q.where('surface', '=', filter.surface);
      if (filter.brandIds) {
        if (filter.brandIds.length === 0) return { shown: 0, opened: 0, sent: 0, deflected: 0, abandoned: 0 };
        q = q.where('brand_id', 'in', [...filter.brandIds]);
      }
      const rows = await q.groupBy('session_key').execute();
      const out = { shown: 0, opened: 0, sent: 0, deflected: 0, abandoned: 0 };
      for (const r of rows) {
        if (Number(r.shown) !== 1) continue;
        out.shown++;
        const opened = Number(r.opened) === 1;
        const sent = Number(r.sent) === 1;
        if (opened) out.opened++;
        if (sent) out.sent++;
        if (opened && !sent) out.deflected++;
        if (!sent && Number(r.abandoned) === 1) out.abandoned++;
      }
      return out;
    },
  };
}
