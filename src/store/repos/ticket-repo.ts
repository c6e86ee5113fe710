import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { invalid } from '../../core/errors.js';
import { TICKET_STATUSES, type Category, type Channel, type Priority, type Ticket, type TicketDetails, type TicketStatus } from '../../core/ticket.js';
import type { TicketFilter, TicketPatch, TicketRepo, TicketSort, UnsolvedCount } from '../../app/ports.js';
import type { Database, TicketTable } from '../schema.js';
import { SEARCH_FORMAT, searchDocument, searchQueryTerms } from '../search-text.js';
import { countAll, decodeCursor, encodeCursor, likePrefix, parseJson, type Db, jsonText } from './rows.js';
import { insertRows } from './compiled-insert.js';
import type { DialectName } from '../dialect.js';
import { DEFERRABLE } from '../deferred-inserts.js';

/** A search document on PostgreSQL, inserted or replaced (re-indexing after the shield redacts a message). */
const UPSERT_DOC = `insert into ticket_search (doc_id, ticket_id, ticket_number, content, format) values ($1, $2, $3, $4, ${SEARCH_FORMAT}) on conflict (doc_id) do update set content = excluded.content, format = excluded.format`;

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
/** Up to this many people matching a search, their tickets are found through the requester index. */
const FEW_PEOPLE = 100;
/** On PostgreSQL a search reads at most this many matching people (a name shared by more finds the tickets of these). */
const MANY_PEOPLE = 5000;
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

/**
 * Up to this many visible brands, a list reads each brand's page apart and merges them in one statement
 * (TicketRepo.list); beyond, the brands go in one IN list and the database sorts their matches.
 */
const MAX_BRANDS_APART = 64;

/** SQLite's prefix indexes on ticket_text, in characters (migration 20261210T0400-search-prefix). */
const PREFIX_SIZES = [3, 4, 6, 8];

/** A search's full-text query: what the index matches, and (SQLite) prefixes longer than their index to check. */
interface TextQuery {
  match: string;
  prefixes: string[];
}

/** A place in the search index, newest first: below ticket `n`'s document `low` (0: below all of ticket n). */
interface DocCursor {
  n: number;
  low: number;
}

/**
 * SQLite: the rowid of ticket `n`'s document `low` (0: the subject), as an integer. A JS number is bound as a
 * REAL, and FTS5 answers a rowid range with REAL bounds by scanning every document (4.5 s at 4 million, against
 * 0.2 ms with integer bounds); equality happens to be fast either way.
 */
const docKey = (n: number, low = 0): bigint => BigInt(n) * 4294967296n + BigInt(low);

/** Ticket numbers in index order (newest first), each once. */
function distinctNumbers(ns: number[]): number[] {
  const out: number[] = [];
  for (const n of ns) if (out[out.length - 1] !== n) out.push(n);
  return out;
}

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

/**
 * Ticket numbers on PostgreSQL, taken from the sequence a block at a time: one round trip per 16 new tickets
 * instead of one per ticket (issue 20). nextval is outside transactions anyway, so a rolled-back ticket already
 * left a gap; now a stopped process leaves at most the rest of its block. Numbers stay unique; with several
 * instances they are no longer in creation order across instances (each draws from its own block).
 */
export function ticketNumberPool(blockSize = 16) {
  const ready: number[] = [];
  let fetching: Promise<void> | null = null;
  return async function next(db: Db): Promise<number> {
    while (ready.length === 0) {
      fetching ??= sql<{ value: string }>`select nextval('ticket_number_seq') as value from generate_series(1, ${sql.lit(blockSize)})`
        .execute(db)
        .then(({ rows }) => {
          ready.push(...rows.map((r) => Number(r.value)).sort((a, b) => a - b));
        })
        .finally(() => {
          fetching = null;
        });
      await fetching;
    }
    return ready.shift()!;
  };
}

export function ticketRepo(db: Db, dialect: DialectName, numbers?: ReturnType<typeof ticketNumberPool>): TicketRepo {
  /** The full-text query for a search, or null when the text holds no letter or digit ("?", "*", an emoji). */
  function textQuery(q: string): TextQuery | null {
    const terms = searchQueryTerms(q);
    if (terms.length === 0) return null;
    // Terms hold only letters and digits (search-text.ts), so quoting them cannot break the query syntax.
    if (dialect === 'postgres') return { match: terms.map((t) => `'${t.text}'${t.prefix ? ':*' : ''}`).join(' & '), prefixes: [] };
    const parts: string[] = [];
    const prefixes: string[] = [];
    for (const t of terms) {
      if (!t.prefix) {
        parts.push(`"${t.text}"`);
        continue;
      }
      // FTS5 reads a prefix newest first only from a prefix index of exactly its length; any other length
      // gathers every hit of every matching term first. So a longer prefix is read through the longest index
      // below it and its documents are checked for the whole prefix; one shorter than every index is a word.
      const chars = [...t.text];
      const size = PREFIX_SIZES.filter((n) => n <= chars.length).pop();
      if (size === undefined) parts.push(`"${t.text}"`);
      else {
        parts.push(`"${chars.slice(0, size).join('')}"*`);
        if (size < chars.length) prefixes.push(t.text);
      }
    }
    return { match: parts.join(' AND '), prefixes };
  }

  /** SQLite: the documents' check for prefixes longer than their index (a term of the document starts with each). */
  function prefixCheck(query: TextQuery, table = 'ticket_text') {
    return sql.join(
      query.prefixes.map((p) => sql`instr(' ' || ${sql.ref(`${table}.content`)}, ${` ${p}`}) > 0`),
      sql` and `,
    );
  }
  const withPrefixes = (query: TextQuery) => (query.prefixes.length > 0 ? sql` and ${prefixCheck(query)}` : sql``);

  /** Full-text condition: every term of the query (a Chinese pair or character, or a word's prefix) matches. */
  function matchesText(q: string) {
    const query = textQuery(q);
    if (query === null) return sql<boolean>`1 = 0`;
    if (dialect === 'postgres') {
      return sql<boolean>`ticket.number in (select ticket_number from ticket_search where tsv @@ to_tsquery('simple', ${query.match}))`;
    }
    return sql<boolean>`ticket.number in (select rowid >> 32 from ticket_text where ticket_text match ${query.match}${withPrefixes(query)})`;
  }

  /**
   * The distinct numbers of the tickets holding the newest `limit` documents that match `query` below the cursor,
   * newest first, and the cursor after the last document read (null: the index holds no more).
   */
  async function textMatches(query: TextQuery, below: DocCursor, limit: number): Promise<{ numbers: number[]; next: DocCursor | null }> {
    if (dialect === 'postgres') {
      const { rows } = await sql<{ n: string | number }>`select ticket_number as n from ticket_search where tsv @@ to_tsquery('simple', ${query.match})
        and ticket_number < ${below.n} order by ticket_number desc limit ${limit}`.execute(db);
      const numbers = distinctNumbers(rows.map((r) => Number(r.n)));
      return { numbers, next: rows.length < limit ? null : { n: numbers[numbers.length - 1]!, low: 0 } };
    }
    const bound = sql`rowid < ${docKey(below.n, below.low)}`;
    if (query.prefixes.length === 0) {
      const { rows } = await sql<{ n: number }>`select rowid >> 32 as n from ticket_text where ticket_text match ${query.match}
        and ${bound} order by rowid desc limit ${limit}`.execute(db);
      const numbers = distinctNumbers(rows.map((r) => r.n));
      return { numbers, next: rows.length < limit ? null : { n: numbers[numbers.length - 1]!, low: 0 } };
    }
    // Every document the shorter prefix finds is read; the cursor stops at the last one read, which may be in the
    // middle of a ticket whose older documents are still to be read.
    const { rows } = await sql<{ n: number; low: number; ok: number }>`select rowid >> 32 as n, rowid & 4294967295 as low,
        ${prefixCheck(query)} as ok from ticket_text where ticket_text match ${query.match}
        and ${bound} order by rowid desc limit ${limit}`.execute(db);
    const last = rows[rows.length - 1];
    return {
      numbers: distinctNumbers(rows.filter((r) => r.ok).map((r) => r.n)),
      next: rows.length < limit || !last ? null : { n: last.n, low: last.low },
    };
  }

  /** Whether ticket.number has a document matching `query`: a look-up of that ticket's documents only. */
  function hasText(query: TextQuery) {
    return dialect === 'postgres'
      ? sql<boolean>`exists (select 1 from ticket_search where ticket_search.ticket_number = ticket.number and tsv @@ to_tsquery('simple', ${query.match}))`
      : sql<boolean>`exists (select 1 from ticket_text where ticket_text match ${query.match}
          and ticket_text.rowid >= ticket.number * 4294967296 and ticket_text.rowid < (ticket.number + 1) * 4294967296${withPrefixes(query)})`;
  }

  function numberIn(numbers: number[]) {
    return dialect === 'postgres' ? sql<boolean>`ticket.number = any(${numbers}::integer[])` : sql<boolean>`ticket.number in (select value from json_each(${JSON.stringify(numbers)}))`;
  }

  /** Customers whose name, e-mail or phone starts with the term (or whose phone ends with its digits). */
  function matchingPeople(term: string) {
    const digits = /^\+?[\d\s().-]+$/.test(term) ? term.replace(/[^\d]/g, '') : null;
    const prefix = likePrefix(term);
    const upper = `${prefix.slice(0, -1)}\u{10ffff}`;
    // Both forms read an index: LIKE over text_pattern_ops on PostgreSQL, a range over the binary order on SQLite.
    const byName =
      dialect === 'postgres'
        ? sql<string>`select id from customer where lower(name) like ${prefix}`
        : sql<string>`select id from customer where lower(name) >= ${prefix.slice(0, -1)} and lower(name) < ${upper}`;
    const byIdentity =
      dialect === 'postgres'
        ? sql<string>`select customer_id from customer_identity where value like ${prefix}`
        : sql<string>`select customer_id from customer_identity where value >= ${prefix.slice(0, -1)} and value < ${upper}`;
    const byPhoneEnd =
      digits && digits.length >= 7 ? sql<string>`select customer_id from customer_identity where kind = 'phone' and value like ${`%${digits}`}` : null;
    // UNION ALL: a plain UNION made SQLite merge both sides in id order, scanning every customer for it.
    return byPhoneEnd ? sql<string>`${byName} union all ${byIdentity} union all ${byPhoneEnd}` : sql<string>`${byName} union all ${byIdentity}`;
  }

  /**
   * What an agent types in the search box: words of the conversation, or a ticket's number ("#1234", "1234"), or its
   * requester's name, e-mail or phone (a prefix; a phone number also by its last digits, typed without the country
   * code or with spaces).
   */
  function matchesSearch(eb: ExpressionBuilder<Database, 'ticket'>, q: string) {
    const term = q.trim().toLowerCase();
    const anyOf: Expression<SqlBool>[] = [matchesText(q)];
    const number = /^#?(\d{1,9})$/.exec(term);
    if (number) anyOf.push(eb('ticket.number', '=', Number(number[1])));
    if (term.length >= 2) anyOf.push(sql<boolean>`ticket.requester_id in (${matchingPeople(term)})`);
    return eb.or(anyOf);
  }

  /**
   * A search page, newest ticket (highest number) first. The full-text index is read backwards from the cursor
   * in growing batches, each batch's tickets are checked against the other filters in one query, and the tickets
   * of matching requesters and a matching ticket number are merged in by number. A page therefore costs a few
   * hundred index entries however many tickets match; a filter that rejects almost every match may return a
   * short page with a cursor to continue, rather than read the whole index at once.
   */
  async function searchPage(filter: TicketFilter & { q: string }, page: { cursor?: string | null; limit: number }) {
    // Above every ticket number (an integer column on both databases).
    let below = 2 ** 31 - 1;
    if (page.cursor) {
      const c = decodeCursor(page.cursor);
      if (!c || c[1] !== 'n' || typeof c[0] !== 'number' || !Number.isInteger(c[0]) || c[0] < 0 || c[0] > below) {
        throw invalid('The cursor is not valid. Start again without it.', { field: 'cursor' });
      }
      below = c[0];
    }
    const rest: TicketFilter = { ...filter, q: undefined };
    const want = page.limit + 1;
    const term = filter.q.trim().toLowerCase();
    const query = textQuery(filter.q);
    // Each source returns its matches below the cursor, newest first, and the number down to which that list
    // is complete (0: nothing further).
    const sources: { rows: TicketTable[]; floor: number }[] = [];

    if (query !== null) {
      const rows: TicketTable[] = [];
      let from: DocCursor = { n: below, low: 0 };
      let floor: number | null = null;
      // First the index, newest documents first, each batch's tickets checked against the other filters in one
      // query: a page of a common term costs a few hundred index entries.
      for (const batch of [want * 8, want * 32]) {
        const { numbers, next } = await textMatches(query, from, batch);
        if (numbers.length > 0) {
          rows.push(...(await applyFilter(db.selectFrom('ticket'), rest).selectAll('ticket').where(numberIn(numbers)).orderBy('ticket.number', 'desc').execute()));
        }
        if (next === null) {
          floor = 0;
          break;
        }
        from = next;
        // Complete down to the cursor's ticket, or the one above it when that ticket's older documents are unread.
        if (rows.length >= want) {
          floor = from.low > 0 ? from.n + 1 : from.n;
          break;
        }
      }
      // Few matches pass the other filters (unsolved only, one agent's): walk the tickets those filters select,
      // newest first, in growing windows of numbers, and look each one up in the index. A page that still is not
      // full after a few million numbers ends short, with a cursor to go on. (A ticket the index read only partly
      // is looked up again unless it already matched.)
      let upper = from.low > 0 && !rows.some((r) => r.number === from.n) ? from.n + 1 : from.n;
      for (let window = 4096; floor === null; window *= 4) {
        const lo = Math.max(0, upper - window);
        const found = await applyFilter(db.selectFrom('ticket'), rest)
          .selectAll('ticket')
          .where('ticket.number', '>=', lo)
          .where('ticket.number', '<', upper)
          .where(hasText(query))
          .orderBy('ticket.number', 'desc')
          .limit(want - rows.length)
          .execute();
        rows.push(...found);
        if (rows.length >= want) floor = rows[rows.length - 1]!.number;
        else if (lo === 0) floor = 0;
        else if (window >= 4096 * 4 ** 5) floor = lo;
        upper = lo;
      }
      sources.push({ rows, floor });
    }
    const number = /^#?(\d{1,9})$/.exec(term);
    if (number && Number(number[1]) < below) {
      sources.push({ rows: await applyFilter(db.selectFrom('ticket'), rest).selectAll('ticket').where('ticket.number', '=', Number(number[1])).execute(), floor: 0 });
    }
    if (term.length >= 2) {
      // A few people: their tickets through the requester index. Many (a common name): walk the tickets newest
      // first in windows of numbers, checking the requester against the set, as for text above.
      const { rows: people } = await sql<{ id: string }>`select p.id from (${matchingPeople(term)}) as p limit ${dialect === 'postgres' ? MANY_PEOPLE : FEW_PEOPLE + 1}`.execute(db);
      if (people.length > 0 && people.length <= FEW_PEOPLE) {
        const ids = [...new Set(people.map((p) => p.id))];
        const rows = await applyFilter(db.selectFrom('ticket'), rest)
          .selectAll('ticket')
          .where('ticket.requester_id', 'in', ids)
          .where('ticket.number', '<', below)
          .orderBy('ticket.number', 'desc')
          .limit(want)
          .execute();
        sources.push({ rows, floor: rows.length === want ? rows[rows.length - 1]!.number : 0 });
      } else if (people.length > FEW_PEOPLE) {
        const rows: TicketTable[] = [];
        let floor: number | null = null;
        // SQLite: the unary + keeps it from answering through the requester index (every ticket of every match).
        // PostgreSQL: the people as a constant array, which it hashes; with the subquery it compared every ticket
        // with every person (3.4 s for a name 1,200 customers share).
        const ids = [...new Set(people.map((p) => p.id))];
        const ofPeople = dialect === 'postgres' ? sql<boolean>`ticket.requester_id = any(${ids}::text[])` : sql<boolean>`+ticket.requester_id in (${matchingPeople(term)})`;
        const top = await db.selectFrom('ticket').select((eb) => eb.fn.max('ticket.number').as('n')).executeTakeFirst();
        for (let window = 16_384, from = Math.min(below, Number(top?.n ?? 0) + 1); floor === null; window *= 4) {
          const lo = Math.max(0, from - window);
          rows.push(
            ...(await applyFilter(db.selectFrom('ticket'), rest)
              .selectAll('ticket')
              .where('ticket.number', '>=', lo)
              .where('ticket.number', '<', from)
              .where(ofPeople)
              .orderBy('ticket.number', 'desc')
              .limit(want - rows.length)
              .execute()),
          );
          if (rows.length >= want) floor = rows[rows.length - 1]!.number;
          else if (lo === 0) floor = 0;
          else if (window >= 16_384 * 4 ** 4) floor = lo;
          from = lo;
        }
        sources.push({ rows, floor });
      }
    }

    const floor = Math.max(0, ...sources.map((s) => s.floor));
    const byNumber = new Map<number, TicketTable>();
    for (const s of sources) for (const r of s.rows) if (r.number >= floor) byNumber.set(r.number, r);
    const merged = [...byNumber.values()].sort((a, b) => b.number - a.number);
    if (merged.length > page.limit) {
      const pageRows = merged.slice(0, page.limit);
      return { tickets: pageRows.map(toTicket), nextCursor: encodeCursor(pageRows[pageRows.length - 1]!.number, 'n') };
    }
    return { tickets: merged.map(toTicket), nextCursor: floor > 0 ? encodeCursor(floor, 'n') : null };
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
  function pageQuery(filter: TicketFilter, page: ListPage) {
    if (page.sort === 'sla_due_asc') {
      // With a deadline filter no ticket lacks a deadline, so the plain column orders the same and its index applies.
      const key = filter.slaDueBefore ? sql<string>`ticket.sla_due_at` : sql<string>`coalesce(ticket.sla_due_at, ${NO_DEADLINE})`;
      let q = applyFilter(db.selectFrom('ticket'), filter).selectAll('ticket').orderBy(key).orderBy('ticket.id').limit(page.limit + 1);
      if (page.cursor) {
        const [due, id] = cursorOf(page.cursor);
        q = q.where((eb) => eb.or([eb(key, '>', due), eb.and([eb(key, '=', due), eb('ticket.id', '>', id)])]));
      }
      return q;
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
    return q;
  }

  const pageRows = (filter: TicketFilter, page: ListPage): Promise<TicketTable[]> => pageQuery(filter, page).execute();

  /**
   * A page over several brands: each brand's page (limit + 1 rows, read from its own range of the view's index in
   * page order) as one arm of a UNION ALL, and the arms merged and cut in the same statement. k brands cost k
   * short index walks and one round trip, however many tickets they hold; a list of brands in one IN leads no
   * index in page order, so the database would sort every matching ticket instead.
   */
  async function pageRowsPerBrand(filter: TicketFilter, brands: readonly string[], page: ListPage): Promise<TicketTable[]> {
    const arms = brands.map((brandId, i) => sql`select * from (${pageQuery({ ...filter, visibleBrandIds: [brandId], brandId }, page)}) as ${sql.id(`b${i}`)}`);
    const dir = page.sort === 'sla_due_asc' ? sql`asc` : SORTS[page.sort ?? 'updated_desc'].direction === 'desc' ? sql`desc` : sql`asc`;
    const key = page.sort === 'sla_due_asc' ? sql`coalesce(u.sla_due_at, ${NO_DEADLINE})` : sql.ref(`u.${SORTS[page.sort ?? 'updated_desc'].column}`);
    const { rows } = await sql<TicketTable>`select * from (${sql.join(arms, sql` union all `)}) as u
      order by ${key} ${dir}, u.id ${dir} limit ${page.limit + 1}`.execute(db);
    return rows;
  }

  /**
   * PostgreSQL's triggers append +1/-1 rows (migration 20261209T0100-view-counts); the scheduled fold job moves
   * them into the totals in one statement, so every reader (totals plus deltas, one snapshot) sees the same sum
   * before and after. Two folds at once: the advisory lock lets one through and the other does nothing; without
   * it the second would wait for the first's row locks and then find those deltas gone, so nothing counts twice.
   */
  async function foldCountDeltas(): Promise<void> {
    if (dialect !== 'postgres') return;
    await sql`with lock as (select pg_try_advisory_xact_lock(hashtext(current_schema() || '.ticket_view_count')) as ok),
      moved as (delete from ticket_view_count_delta where (select ok from lock) returning brand_id, assignee_id, urgent, chat_waiting, n)
      insert into ticket_view_count (brand_id, assignee_id, urgent, chat_waiting, n)
      select brand_id, assignee_id, urgent, chat_waiting, sum(n) from moved group by 1, 2, 3, 4 order by 1, 2, 3, 4
      on conflict (brand_id, assignee_id, urgent, chat_waiting) do update set n = ticket_view_count.n + excluded.n`.execute(db);
  }

  async function unsolvedCounts(visibleBrandIds: readonly string[] | null): Promise<UnsolvedCount[]> {
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
        if (numbers) return numbers(db);
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
      if (filter.q !== undefined && filter.q.trim() !== '') return searchPage({ ...filter, q: filter.q }, page);
      const brands = filter.visibleBrandIds;
      let rows: TicketTable[];
      if (!filter.brandId && !filter.q && !filter.requesterId && brands && brands.length > 1 && brands.length <= MAX_BRANDS_APART) {
        // Not for search or one customer's tickets: their matches are found another way and are few, and a search
        // per brand would multiply the search.
        rows = await pageRowsPerBrand(filter, brands, page);
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
    foldCountDeltas,
    async indexSubject(ticket, subject) {
      const content = searchDocument(subject);
      if (dialect === 'postgres') {
        await db.executeQuery(CompiledQuery.raw(`${DEFERRABLE}${UPSERT_DOC}`, [ticket.id, ticket.id, ticket.number, content]));
        return;
      }
      // A subject lives at rowid number × 2^32; replacing it is a lookup by rowid, not a scan.
      await sql`delete from ticket_text where rowid = ${docKey(ticket.number)}`.execute(db);
      await sql`insert into ticket_text (rowid, content, format) values (${docKey(ticket.number)}, ${content}, ${SEARCH_FORMAT})`.execute(db);
    },
    async indexMessage(ticket, messageId, text) {
      const content = searchDocument(text);
      if (dialect === 'postgres') {
        if (content === '') {
          await sql`delete from ticket_search where doc_id = ${messageId}`.execute(db);
          return;
        }
        await db.executeQuery(CompiledQuery.raw(`${DEFERRABLE}${UPSERT_DOC}`, [messageId, ticket.id, ticket.number, content]));
        return;
      }
      // A message's document sits at its ticket's number × 2^32 + the message row's rowid (its low 32 bits), so
      // re-indexing it (after the shield redacts a stored message) finds it without scanning.
      const key = sql`${docKey(ticket.number)} + (select rowid & 4294967295 from message where id = ${messageId})`;
      await sql`delete from ticket_text where rowid = ${key}`.execute(db);
      if (content === '') return;
      await sql`insert into ticket_text (rowid, content, format) select ${key}, ${content}, ${SEARCH_FORMAT} where ${key} is not null`.execute(db);
    },
    async reindexText({ brandId, after, limit }) {
      let q = db.selectFrom('ticket').select(['id', 'number', 'subject']).where('number', '>', after).orderBy('number').limit(limit);
      if (brandId) q = q.where('brand_id', '=', brandId);
      const tickets = await q.execute();
      if (tickets.length === 0) return { last: null, tickets: 0, rewritten: 0 };
      const last = tickets[tickets.length - 1]!.number;
      let rewritten = 0;
      if (dialect === 'postgres') {
        const stale = await db
          .selectFrom('ticket_search')
          .select('doc_id')
          .where('ticket_number', '=', sql<number>`any(${tickets.map((t) => t.number)}::bigint[])`)
          .where(sql<boolean>`coalesce(format, 0) < ${SEARCH_FORMAT}`)
          .execute();
        if (stale.length === 0) return { last, tickets: tickets.length, rewritten };
        const ids = stale.map((d) => d.doc_id);
        // A document is its ticket's subject (doc_id = the ticket's id, which stays with a merged ticket) or a message.
        const subjects = await db.selectFrom('ticket').select(['id', 'subject as text']).where('id', 'in', ids).execute();
        const bodies = await db.selectFrom('message').select(['id', 'body as text']).where('id', 'in', ids).execute();
        const texts = new Map([...subjects, ...bodies].map((r) => [r.id, r.text]));
        const keep = ids.flatMap((id) => {
          const text = texts.get(id);
          const content = text === undefined ? '' : searchDocument(text);
          return content === '' ? [] : [{ id, content }];
        });
        const gone = ids.filter((id) => !keep.some((k) => k.id === id));
        if (keep.length > 0) {
          // Only documents still old: one the app rewrote since they were read (a redaction) is newer than this.
          await sql`update ticket_search s set content = u.content, format = ${SEARCH_FORMAT}
            from unnest(${keep.map((k) => k.id)}::text[], ${keep.map((k) => k.content)}::text[]) as u(doc_id, content)
            where s.doc_id = u.doc_id and coalesce(s.format, 0) < ${SEARCH_FORMAT}`.execute(db);
        }
        if (gone.length > 0) await db.deleteFrom('ticket_search').where('doc_id', 'in', gone).where(sql<boolean>`coalesce(format, 0) < ${SEARCH_FORMAT}`).execute();
        return { last, tickets: tickets.length, rewritten: ids.length };
      }
      for (const t of tickets) {
        const { rows } = await sql<{ low: number; format: number | null }>`select rowid & 4294967295 as low, format from ticket_text
          where rowid >= ${docKey(t.number)} and rowid < ${docKey(t.number + 1)}`.execute(db);
        const stale = rows.filter((r) => (r.format ?? 0) < SEARCH_FORMAT);
        if (stale.length === 0) continue;
        // A document's low 32 bits are its message's rowid (0: the ticket's subject); a merged ticket's messages
        // keep their rowids, so their documents are found under the number they moved to.
        const lows = stale.map((r) => r.low).filter((low) => low !== 0);
        const { rows: bodies } = lows.length
          ? await sql<{ low: number; body: string }>`select rowid as low, body from message where rowid in (select value from json_each(${JSON.stringify(lows)}))`.execute(db)
          : { rows: [] };
        const texts = new Map<number, string>(bodies.map((b) => [b.low, b.body]));
        texts.set(0, t.subject);
        for (const doc of stale) {
          const text = texts.get(doc.low);
          const content = text === undefined ? '' : searchDocument(text);
          const key = docKey(t.number, doc.low);
          await sql`delete from ticket_text where rowid = ${key}`.execute(db);
          if (content !== '') await sql`insert into ticket_text (rowid, content, format) values (${key}, ${content}, ${SEARCH_FORMAT})`.execute(db);
          rewritten++;
        }
      }
      return { last, tickets: tickets.length, rewritten };
    },
    async moveIndex(fromTicketId, toTicketId) {
      // The source keeps its own subject document; its message documents follow the messages.
      if (dialect === 'postgres') {
        await sql`update ticket_search set ticket_id = ${toTicketId}, ticket_number = (select number from ticket where id = ${toTicketId})
          where ticket_id = ${fromTicketId} and doc_id != ${fromTicketId}`.execute(db);
        return;
      }
      const numbers = await db.selectFrom('ticket').select(['id', 'number']).where('id', 'in', [fromTicketId, toTicketId]).execute();
      const from = numbers.find((r) => r.id === fromTicketId)?.number;
      const to = numbers.find((r) => r.id === toTicketId)?.number;
      if (from === undefined || to === undefined) return;
      const range = sql`rowid > ${docKey(from)} and rowid < ${docKey(from + 1)}`;
      const { rows } = await sql<{ key: number; content: string; format: number }>`select rowid & 4294967295 as key, content, format from ticket_text where ${range}`.execute(db);
      await sql`delete from ticket_text where ${range}`.execute(db);
      for (const r of rows) await sql`insert into ticket_text (rowid, content, format) values (${docKey(to, r.key)}, ${r.content}, ${r.format})`.execute(db);
    },
  };
}
