import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { invalid } from '../../core/errors.js';
import { TICKET_STATUSES, type Category, type Channel, type Priority, type Ticket, type TicketDetails, type TicketStatus } from '../../core/ticket.js';
import type { TicketFilter, TicketPatch, TicketRepo, TicketSort, UnsolvedCount } from '../../app/ports.js';
import type { Database, TicketTable } from '../schema.js';
import { searchDocument, searchQueryWords } from '../search-text.js';
import { countAll, decodeCursor, encodeCursor, likePrefix, parseJson, type Db, jsonText } from './rows.js';
import { insertRows } from './compiled-insert.js';
import type { DialectName } from '../dialect.js';

export function toTicket(row: TicketTable): Ticket {
  return {
    id: row.id,
    number: row.number,
    brandId: row.brand_id,
    subject: row.subject,
    status: row.status as TicketStatus,
    priority: row.priority as Priority,
    category: row.category as Category,
    channel: row.channel as Channel,
    language: row.language,
    requesterId: row.requester_id,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    tags: parseJson<string[]>(row.tags, []),
    details: parseJson<TicketDetails>(row.details, {}),
    firstResponseAt: row.first_response_at,
    solvedAt: row.solved_at,
    closedAt: row.closed_at,
    mergedIntoId: row.merged_into_id,
    followUpOfId: row.follow_up_of_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type TicketQuery = SelectQueryBuilder<Database, 'ticket', object>;

const UNSOLVED: readonly string[] = TICKET_STATUSES.filter((s) => s !== 'solved' && s !== 'closed');
const UNSOLVED_SQL = sql<boolean>`ticket.status not in ('solved', 'closed')`;
const NO_DEADLINE = '9999-12-31T23:59:59.999Z';
/** The "urgent and security" view's condition, as the text of its partial index (migration 20261209T0100-view-counts). */
const URGENT_SQL = sql<boolean>`(ticket.priority = 'urgent' or ticket.category = 'security')`;
const isUrgentView = (anyOf: TicketFilter['anyOf']) =>
  anyOf?.priority?.length === 1 && anyOf.priority[0] === 'urgent' && anyOf.category?.length === 1 && anyOf.category[0] === 'security';
const isUnsolved = (statuses: readonly string[]) => statuses.length === UNSOLVED.length && UNSOLVED.every((s) => statuses.includes(s));

const SORTS: Record<Exclude<TicketSort, 'sla_due_asc'>, { column: 'updated_at' | 'created_at'; direction: 'asc' | 'desc' }> = {
  updated_desc: { column: 'updated_at', direction: 'desc' },
  created_desc: { column: 'created_at', direction: 'desc' },
  created_asc: { column: 'created_at', direction: 'asc' },
};

type ListPage = { cursor?: string | null; limit: number; sort?: TicketSort };

/** Up to this many visible brands, a list reads each brand's page apart and merges them (TicketRepo.list). */
const MAX_BRANDS_APART = 8;

function cursorOf(cursor: string): [string, string] {
  const c = decodeCursor(cursor);
  if (!c || typeof c[0] !== 'string') throw invalid('The cursor is not valid. Start again without it.', { field: 'cursor' });
  return c as [string, string];
}

/** A row's place in a page: its sort value and id (what the cursor holds). */
function sortKey(row: TicketTable, sort: TicketSort | undefined): [string, string] {
  if (sort === 'sla_due_asc') return [row.sla_due_at ?? NO_DEADLINE, row.id];
  return [row[SORTS[sort ?? 'updated_desc'].column], row.id];
}

/** Compares rows in page order (merging per-brand pages). */
function rowOrder(sort: TicketSort | undefined): (a: TicketTable, b: TicketTable) => number {
  const desc = sort !== 'sla_due_asc' && SORTS[sort ?? 'updated_desc'].direction === 'desc';
  return (a, b) => {
    const [ka, ia] = sortKey(a, sort);
    const [kb, ib] = sortKey(b, sort);
    const c = ka < kb ? -1 : ka > kb ? 1 : ia < ib ? -1 : ia > ib ? 1 : 0;
    return desc ? -c : c;
  };
}

export function ticketRepo(db: Db, dialect: DialectName): TicketRepo {
  /**
   * Full-text condition; each query word matches as a prefix, all words must match. A query without a single
   * letter or digit ("?", "*", an emoji) has nothing to look for, so it matches nothing.
   */
  function matchesText(eb: ExpressionBuilder<Database, 'ticket'>, q: string) {
    const words = searchQueryWords(q);
    if (words.length === 0) return sql<boolean>`1 = 0`;
    // Words hold only letters and digits (search-text.ts), so quoting them cannot break the query syntax.
    if (dialect === 'postgres') {
      const query = words.map((w) => `'${w}':*`).join(' & ');
      return eb(
        'ticket.id',
        'in',
        eb.selectFrom('ticket_search').select('ticket_search.ticket_id').where(sql<boolean>`tsv @@ to_tsquery('simple', ${query})`),
      );
    }
    const query = words.map((w) => `"${w}"*`).join(' AND ');
    return eb(
      'ticket.id',
      'in',
      eb.selectFrom('ticket_search').select('ticket_search.ticket_id').where(sql<boolean>`ticket_search match ${query}`),
    );
  }

  /**
   * What an agent types in the search box: words of the conversation, or a ticket's number ("#1234", "1234"), or its
   * requester's name, e-mail or phone (a prefix; a phone number also by its last digits, typed without the country
   * code or with spaces).
   */
  function matchesSearch(eb: ExpressionBuilder<Database, 'ticket'>, q: string) {
    const term = q.trim().toLowerCase();
    const anyOf = [matchesText(eb, q)];
    const number = /^#?(\d{1,9})$/.exec(term);
    if (number) anyOf.push(eb('ticket.number', '=', Number(number[1])));
    if (term.length >= 2) {
      const digits = /^\+?[\d\s().-]+$/.test(term) ? term.replace(/[^\d]/g, '') : null;
      const people = eb
        .selectFrom('customer')
        .select('customer.id')
        .where((c) =>
          c.or([
            c(c.fn('lower', ['customer.name']), 'like', likePrefix(term)),
            c('customer.id', 'in', c.selectFrom('customer_identity').select('customer_identity.customer_id').where('customer_identity.value', 'like', likePrefix(term))),
            ...(digits && digits.length >= 7
              ? [
                  c(
                    'customer.id',
                    'in',
                    c
                      .selectFrom('customer_identity')
                      .select('customer_identity.customer_id')
                      .where('customer_identity.kind', '=', 'phone')
                      .where('customer_identity.value', 'like', `%${digits}`),
                  ),
                ]
              : []),
          ]),
        );
      anyOf.push(eb('ticket.requester_id', 'in', people));
    }
    return eb.or(anyOf);
  }

  function applyFilter(q: TicketQuery, f: TicketFilter): TicketQuery {
    if (f.visibleBrandIds) q = q.where('ticket.brand_id', 'in', f.visibleBrandIds.length ? f.visibleBrandIds : ['']);
    if (f.brandId) q = q.where('ticket.brand_id', '=', f.brandId);
    if (f.status?.length) {
      // The unsolved set is written literally so the partial indexes of the views apply (migration 20261125T1100-portal-and-views).
      // A part of it ("new, open") keeps the literal too: neither database can prove from bound values that the
      // partial indexes hold those rows, and a two-value IN cannot be read in page order from the status index.
      if (isUnsolved(f.status)) q = q.where(UNSOLVED_SQL);
      else if (f.status.every((s) => UNSOLVED.includes(s))) {
        // Written as the statuses left out: an IN would lead the status index and sort every match instead.
        const status: readonly string[] = f.status;
        const left = UNSOLVED.filter((s) => !status.includes(s)) as TicketStatus[];
        q = q.where(UNSOLVED_SQL);
        if (left.length > 0) q = q.where('ticket.status', 'not in', left);
      }
      else q = q.where('ticket.status', 'in', f.status);
    }
    if (f.priority?.length) q = q.where('ticket.priority', 'in', f.priority);
    if (f.category?.length) q = q.where('ticket.category', 'in', f.category);
    if (f.channel?.length) q = q.where('ticket.channel', 'in', f.channel);
    if (f.assigneeId !== undefined) {
      q = f.assigneeId === null ? q.where('ticket.assignee_id', 'is', null) : q.where('ticket.assignee_id', '=', f.assigneeId);
    }
    if (f.teamId !== undefined) {
      q = f.teamId === null ? q.where('ticket.team_id', 'is', null) : q.where('ticket.team_id', '=', f.teamId);
    }
    if (f.requesterId) q = q.where('ticket.requester_id', '=', f.requesterId);
    if (f.updatedSince) q = q.where('ticket.updated_at', '>=', f.updatedSince);
    if (f.slaDueBefore) q = q.where('ticket.sla_due_at', '<=', f.slaDueBefore);
    if (f.tag) {
      const tag = f.tag;
      q = q.where('ticket.id', 'in', (eb) => eb.selectFrom('ticket_tag').select('ticket_tag.ticket_id').where('ticket_tag.tag', '=', tag));
    }
    if (isUrgentView(f.anyOf)) {
      q = q.where(URGENT_SQL);
    } else if (f.anyOf && (f.anyOf.priority?.length || f.anyOf.category?.length)) {
      const { priority, category } = f.anyOf;
      q = q.where((eb) =>
        eb.or([
          ...(priority?.length ? [eb('ticket.priority', 'in', priority)] : []),
          ...(category?.length ? [eb('ticket.category', 'in', category)] : []),
        ]),
      );
    }
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => matchesSearch(eb, text));
    }
    return q;
  }

  /**
   * One page of rows (limit + 1, to know whether more follow) in the page's order, and each row's sort key.
   * Deadline order: the next SLA deadline first; tickets without one after them (their key sorts after every date).
   */
  async function pageRows(filter: TicketFilter, page: ListPage): Promise<TicketTable[]> {
    if (page.sort === 'sla_due_asc') {
      // With a deadline filter no ticket lacks a deadline, so the plain column orders the same and its index applies.
      const key = filter.slaDueBefore ? sql<string>`ticket.sla_due_at` : sql<string>`coalesce(ticket.sla_due_at, ${NO_DEADLINE})`;
      let q = applyFilter(db.selectFrom('ticket'), filter).selectAll('ticket').orderBy(key).orderBy('ticket.id').limit(page.limit + 1);
      if (page.cursor) {
        const [due, id] = cursorOf(page.cursor);
        q = q.where((eb) => eb.or([eb(key, '>', due), eb.and([eb(key, '=', due), eb('ticket.id', '>', id)])]));
      }
      return q.execute();
    }
    const sort = SORTS[page.sort ?? 'updated_desc'];
    const col = `ticket.${sort.column}` as const;
    let q = applyFilter(db.selectFrom('ticket'), filter)
      .selectAll('ticket')
      .orderBy(col, sort.direction)
      .orderBy('ticket.id', sort.direction)
      .limit(page.limit + 1);
    if (page.cursor) {
      const [at, id] = cursorOf(page.cursor);
      const cmp = sort.direction === 'desc' ? '<' : '>';
      q = q.where((eb) => eb.or([eb(col, cmp, at), eb.and([eb(col, '=', at), eb('ticket.id', cmp, id)])]));
    }
    return q.execute();
  }

  /**
   * PostgreSQL's triggers append +1/-1 rows (migration 20261209T0100-view-counts); one reader at a time folds them
   * into the totals, in one statement, so every reader sees totals plus deltas consistently.
   */
  async function foldCountDeltas(): Promise<void> {
    await sql`with lock as (select pg_try_advisory_xact_lock(hashtext(current_schema() || '.ticket_view_count')) as ok),
      moved as (delete from ticket_view_count_delta where (select ok from lock) returning brand_id, assignee_id, urgent, chat_waiting, n)
      insert into ticket_view_count (brand_id, assignee_id, urgent, chat_waiting, n)
      select brand_id, assignee_id, urgent, chat_waiting, sum(n) from moved group by 1, 2, 3, 4 order by 1, 2, 3, 4
      on conflict (brand_id, assignee_id, urgent, chat_waiting) do update set n = ticket_view_count.n + excluded.n`.execute(db);
  }

  async function unsolvedCounts(visibleBrandIds: readonly string[] | null): Promise<UnsolvedCount[]> {
    if (dialect === 'postgres') await foldCountDeltas();
    if (visibleBrandIds && visibleBrandIds.length === 0) return [];
    const brands = visibleBrandIds ? sql`where brand_id in (${sql.join(visibleBrandIds)})` : sql``;
    const { rows } = await sql<{ brand_id: string; assignee_id: string; urgent: number; chat_waiting: number; n: number | string }>`
      select brand_id, assignee_id, urgent, chat_waiting, sum(n) as n
      from (select brand_id, assignee_id, urgent, chat_waiting, n from ticket_view_count
            union all select brand_id, assignee_id, urgent, chat_waiting, n from ticket_view_count_delta) c
      ${brands}
      group by brand_id, assignee_id, urgent, chat_waiting
      having sum(n) <> 0`.execute(db);
    return rows.map((r) => ({
      brandId: r.brand_id,
      assigneeId: r.assignee_id === '' ? null : r.assignee_id,
      urgent: Number(r.urgent) === 1,
      chatWaiting: Number(r.chat_waiting) === 1,
      n: Number(r.n),
    }));
  }

  return {
    async nextNumber() {
      if (dialect === 'postgres') {
        const { rows } = await sql<{ value: string }>`select nextval('ticket_number_seq') as value`.execute(db);
        return Number(rows[0]!.value);
      }
      const row = await db
        .updateTable('counter')
        .set((eb) => ({ value: eb('value', '+', 1) }))
        .where('name', '=', 'ticket_number')
        .returning('value')
        .executeTakeFirstOrThrow();
      return row.value;
    },
    async insert(t) {
      await insertRows(
        db,
        'ticket',
        [
          'id',
          'number',
          'brand_id',
          'subject',
          'status',
          'priority',
          'category',
          'channel',
          'language',
          'requester_id',
          'assignee_id',
          'team_id',
          'tags',
          'details',
          'first_response_at',
          'solved_at',
          'closed_at',
          'merged_into_id',
          'follow_up_of_id',
          'created_at',
          'updated_at',
        ],
        [
          [
            t.id,
            t.number,
            t.brandId,
            t.subject,
            t.status,
            t.priority,
            t.category,
            t.channel,
            t.language,
            t.requesterId,
            t.assigneeId,
            t.teamId,
            jsonText(t.tags),
            jsonText(t.details),
            t.firstResponseAt,
            t.solvedAt,
            t.closedAt,
            t.mergedIntoId,
            t.followUpOfId,
            t.createdAt,
            t.updatedAt,
          ],
        ],
      );
      if (t.tags.length > 0) await insertRows(db, 'ticket_tag', ['ticket_id', 'tag'], t.tags.map((tag) => [t.id, tag]));
    },
    async update(id, p: TicketPatch, at) {
      await db
        .updateTable('ticket')
        .set({
          ...(p.subject !== undefined && { subject: p.subject }),
          ...(p.status !== undefined && { status: p.status }),
          ...(p.priority !== undefined && { priority: p.priority }),
          ...(p.category !== undefined && { category: p.category }),
          ...(p.language !== undefined && { language: p.language }),
          ...(p.assigneeId !== undefined && { assignee_id: p.assigneeId }),
          ...(p.teamId !== undefined && { team_id: p.teamId }),
          ...(p.requesterId !== undefined && { requester_id: p.requesterId }),
          ...(p.tags !== undefined && { tags: jsonText(p.tags) }),
          ...(p.details !== undefined && { details: jsonText(p.details) }),
          ...(p.firstResponseAt !== undefined && { first_response_at: p.firstResponseAt }),
          ...(p.solvedAt !== undefined && { solved_at: p.solvedAt }),
          ...(p.closedAt !== undefined && { closed_at: p.closedAt }),
          ...(p.mergedIntoId !== undefined && { merged_into_id: p.mergedIntoId }),
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
      if (p.tags !== undefined) {
        await db.deleteFrom('ticket_tag').where('ticket_id', '=', id).execute();
        if (p.tags.length > 0) await db.insertInto('ticket_tag').values(p.tags.map((tag) => ({ ticket_id: id, tag }))).execute();
      }
    },
    async get(id) {
      const row = await db.selectFrom('ticket').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toTicket(row) : null;
    },
    async getByNumber(number) {
      const row = await db.selectFrom('ticket').selectAll().where('number', '=', number).executeTakeFirst();
      return row ? toTicket(row) : null;
    },
    async list(filter, page) {
      const brands = filter.visibleBrandIds;
      let rows: TicketTable[];
      if (!filter.brandId && !filter.q && !filter.requesterId && brands && brands.length > 1 && brands.length <= MAX_BRANDS_APART) {
        // A list of brands leads no index in page order (each brand's range is ordered, not their union), so
        // each brand's page is read from its own range and the pages are merged: k short index walks instead of
        // sorting every unsolved ticket of those brands. Not for search or one customer's tickets: their matches are
        // found another way and are few, and a search per brand would multiply the search.
        const pages = await Promise.all(brands.map((brandId) => pageRows({ ...filter, visibleBrandIds: [brandId], brandId }, page)));
        rows = pages.flat().sort(rowOrder(page.sort)).slice(0, page.limit + 1);
      } else {
        rows = await pageRows(filter, page);
      }
      const more = rows.length > page.limit;
      const pageRowsOut = more ? rows.slice(0, page.limit) : rows;
      const last = pageRowsOut[pageRowsOut.length - 1];
      return { tickets: pageRowsOut.map(toTicket), nextCursor: more && last ? encodeCursor(...sortKey(last, page.sort)) : null };
    },
    async count(filter) {
      const row = await applyFilter(db.selectFrom('ticket'), filter).select(countAll.as('n')).executeTakeFirstOrThrow();
      return row.n;
    },
    async openLoad() {
      const load: Record<string, number> = {};
      for (const c of await unsolvedCounts(null)) if (c.assigneeId) load[c.assigneeId] = (load[c.assigneeId] ?? 0) + c.n;
      return load;
    },
    unsolvedCounts,
    async indexSubject(ticket, subject) {
      const content = searchDocument(subject);
      if (dialect === 'postgres') {
        await db
          .insertInto('ticket_search')
          .values({ doc_id: ticket.id, ticket_id: ticket.id, content })
          .onConflict((oc) => oc.column('doc_id').doUpdateSet({ content }))
          .execute();
        return;
      }
      // FTS5 can only find rows fast by rowid, so a subject lives at rowid -number (messages get positive
      // rowids): replacing it is a lookup, not a scan.
      await sql`delete from ticket_search where rowid = ${-ticket.number}`.execute(db);
      await sql`insert into ticket_search (rowid, content, doc_id, ticket_id) values (${-ticket.number}, ${content}, ${ticket.id}, ${ticket.id})`.execute(db);
    },
    async indexMessage(ticketId, messageId, text) {
      const content = searchDocument(text);
      if (dialect === 'postgres') {
        await db
          .insertInto('ticket_search')
          .values({ doc_id: messageId, ticket_id: ticketId, content })
          .onConflict((oc) => oc.column('doc_id').doUpdateSet({ content }))
          .execute();
        return;
      }
      // A message's search row shares the message row's rowid, so re-indexing (after the shield redacts a
      // stored message) finds it without scanning.
      await sql`delete from ticket_search where rowid = (select rowid from message where id = ${messageId})`.execute(db);
      if (content === '') return;
      await sql`insert into ticket_search (rowid, content, doc_id, ticket_id)
        select rowid, ${content}, ${messageId}, ${ticketId} from message where id = ${messageId}`.execute(db);
    },
    async moveIndex(fromTicketId, toTicketId) {
      // The source keeps its own subject document; its message documents follow the messages.
      await db
        .updateTable('ticket_search')
        .set({ ticket_id: toTicketId })
        .where('ticket_id', '=', fromTicketId)
        .where('doc_id', '!=', fromTicketId)
        .execute();
    },
  };
}
