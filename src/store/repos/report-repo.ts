import type { SelectQueryBuilder } from 'kysely';
import type { ReportEvent, ReportFilter, ReportRepo, ReportTicket } from '../../app/quality-ports.js';
import type { Category, Channel, Priority, TicketStatus } from '../../core/ticket.js';
import type { Database } from '../schema.js';
import { countAll, parseJson, type Db } from './rows.js';

/** The history types a report reads per ticket. */
const TICKET_HISTORY_TYPES: ReadonlySet<string> = new Set(['ticket.created', 'message.added', 'ticket.updated', 'ticket.reopened', 'ticket.merged']);
const UNSOLVED = ['new', 'open', 'pending', 'on_hold'];
/** Bound values per IN list: far below SQLite's 32,766 and PostgreSQL's 65,535. */
const CHUNK = 500;

type TicketQuery = SelectQueryBuilder<Database, 'ticket', object>;

function applyFilter<Q extends TicketQuery>(q: Q, f: ReportFilter): Q {
  let r = q as TicketQuery;
  if (f.visibleBrandIds) r = r.where('ticket.brand_id', 'in', f.visibleBrandIds.length ? f.visibleBrandIds : ['']);
  if (f.brandId) r = r.where('ticket.brand_id', '=', f.brandId);
  if (f.channel) r = r.where('ticket.channel', '=', f.channel);
  if (f.teamId) r = r.where('ticket.team_id', '=', f.teamId);
  if (f.assigneeId) r = r.where('ticket.assignee_id', '=', f.assigneeId);
  return r as Q;
}

const TICKET_COLUMNS = [
  'ticket.id',
  'ticket.number',
  'ticket.brand_id',
  'ticket.channel',
  'ticket.category',
  'ticket.priority',
  'ticket.status',
  'ticket.team_id',
  'ticket.assignee_id',
  'ticket.requester_id',
  'ticket.created_at',
] as const;

interface TicketCols {
  id: string;
  number: number;
  brand_id: string;
  channel: string;
  category: string;
  priority: string;
  status: string;
  team_id: string | null;
  assignee_id: string | null;
  requester_id: string;
  created_at: string;
}

function toTicket(r: TicketCols): ReportTicket {
  return {
    id: r.id,
    number: Number(r.number),
    brandId: r.brand_id,
    channel: r.channel as Channel,
    category: r.category as Category,
    priority: r.priority as Priority,
    status: r.status as TicketStatus,
    teamId: r.team_id,
    assigneeId: r.assignee_id,
    requesterId: r.requester_id,
    createdAt: r.created_at,
  };
}

function toEvent(r: { ticket_id: string | null; type: string; at: string; data: string; changes: string }): ReportEvent {
  return {
    ticketId: r.ticket_id ?? '',
    type: r.type,
    at: r.at,
    // Parsed only where a report reads them: most rows have `{}`.
    data: r.data === '{}' ? {} : parseJson(r.data, {}),
    changes: r.changes === '{}' ? {} : parseJson(r.changes, {}),
  };
}

/** Reads for reports: the history by ticket (event_subject index) and by type and time (event_type_at). */
export function reportRepo(db: Db): ReportRepo {
  return {
    async ticketsTouched(filter, from, to, after, limit) {
      // Keyset pages along the (updated_at, id) indexes: paging by id alone made SQLite scan and sort every
      // touched ticket for each page (a year of 100,000 tickets took minutes).
      let q = applyFilter(db.selectFrom('ticket').select([...TICKET_COLUMNS, 'ticket.updated_at']).where('ticket.updated_at', '>=', from).where('ticket.created_at', '<', to), filter);
      if (after) {
        const { updatedAt, id } = after;
        q = q.where((eb) => eb.or([eb('ticket.updated_at', '>', updatedAt), eb.and([eb('ticket.updated_at', '=', updatedAt), eb('ticket.id', '>', id)])]));
      }
      const rows = await q.orderBy('ticket.updated_at').orderBy('ticket.id').limit(limit).execute();
      return rows.map((r) => ({ ...toTicket(r), updatedAt: r.updated_at }));
    },
    async historyOf(ticketIds, before) {
      const out: ReportEvent[] = [];
      for (let i = 0; i < ticketIds.length; i += CHUNK) {
        const ids = ticketIds.slice(i, i + CHUNK);
        // By subject only (the event_subject index): with the type and time in the query too, SQLite chose the
        // event_type_at index and read every event of those types for each chunk (a year of 100,000 tickets
        // took 40 s). Type and time are filtered here.
        const rows = await db.selectFrom('event').select(['ticket_id', 'type', 'at', 'data', 'changes']).where('subject_type', '=', 'ticket').where('subject_id', 'in', ids).execute();
        for (const r of rows) if (r.at < before && TICKET_HISTORY_TYPES.has(r.type)) out.push(toEvent(r));
      }
      // Ids are time-ordered (UUIDv7) but events of one instant keep their write order only by id; sort by time.
      return out.sort((a, b) => (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    },
    async untouchedBacklog(filter, from) {
      const row = await applyFilter(
        db.selectFrom('ticket').select(countAll.as('n')).where('ticket.created_at', '<', from).where('ticket.updated_at', '<', from).where('ticket.status', 'in', UNSOLVED),
        filter,
      ).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async ticketsCreated(visibleBrandIds, from, to) {
      const rows = await applyFilter(
        db.selectFrom('ticket').select(['ticket.id', 'ticket.requester_id', 'ticket.category', 'ticket.created_at']).where('ticket.created_at', '>=', from).where('ticket.created_at', '<', to),
        { visibleBrandIds },
      ).execute();
      return rows.map((r) => ({ id: r.id, requesterId: r.requester_id, category: r.category, createdAt: r.created_at }));
    },
    async eventsOfTypes(types, filter, from, to) {
      const rows = await applyFilter(
        db
          .selectFrom('event')
          .innerJoin('ticket', 'ticket.id', 'event.ticket_id')
          .select(['event.ticket_id', 'event.type', 'event.at', 'event.data', 'event.changes'])
          .where('event.type', 'in', types)
          .where('event.at', '>=', from)
          .where('event.at', '<', to) as unknown as TicketQuery,
        filter,
      ).execute();
      return (rows as unknown as Array<{ ticket_id: string | null; type: string; at: string; data: string; changes: string }>).map(toEvent).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    },
    async unsolvedByTeam(visibleBrandIds) {
      const rows = await applyFilter(
        db.selectFrom('ticket').select(['ticket.team_id', countAll.as('n')]).where('ticket.status', 'in', UNSOLVED).where('ticket.merged_into_id', 'is', null).groupBy('ticket.team_id'),
        { visibleBrandIds },
      ).execute();
      return rows.map((r) => ({ teamId: r.team_id, count: Number(r.n) }));
    },
    async oldestWaiting(visibleBrandIds, limit) {
      const rows = await applyFilter(
        db
          .selectFrom('ticket')
          .select(TICKET_COLUMNS)
          .where('ticket.status', 'in', UNSOLVED)
          .where('ticket.first_response_at', 'is', null)
          .where('ticket.merged_into_id', 'is', null)
          .orderBy('ticket.created_at')
          .limit(limit),
        { visibleBrandIds },
      ).execute();
      return rows.map(toTicket);
    },
  };
}
