import type { DeskEvent, EventSubject, HistoryEventType } from '../../core/event.js';
import type { EventRepo } from '../../app/ports.js';
import type { EventTable } from '../schema.js';
import { parseJson, type Db, jsonText } from './rows.js';
import { insertRows } from './compiled-insert.js';

function toEvent(row: EventTable): DeskEvent {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    subjectType: row.subject_type as EventSubject,
    subjectId: row.subject_id,
    // Written only through DeskEvent (a closed list); the column is plain text.
    type: row.type as HistoryEventType,
    actor: {
      type: row.actor_type as DeskEvent['actor']['type'],
      id: row.actor_id,
      ...(row.actor_via ? { via: row.actor_via } : {}),
    },
    at: row.at,
    changes: parseJson<DeskEvent['changes']>(row.changes, {}),
    data: parseJson<DeskEvent['data']>(row.data, {}),
  };
}

/** Append and read only: the history has no update or delete, in code or in the database. */
export function eventRepo(db: Db): EventRepo {
  return {
    async append(events) {
      if (events.length === 0) return;
      await insertRows(
        db,
        'event',
        ['id', 'ticket_id', 'subject_type', 'subject_id', 'type', 'actor_type', 'actor_id', 'actor_via', 'at', 'changes', 'data'],
        events.map((e) => [
          e.id,
          e.ticketId,
          e.subjectType,
          e.subjectId,
          e.type,
          e.actor.type,
          e.actor.id,
          e.actor.via ?? null,
          e.at,
          jsonText(e.changes),
          jsonText(e.data),
        ]),
      );
    },
    async listForTicket(ticketId, page) {
      // A ticket's history is the events whose subject is the ticket (one index serves every subject).
      let q = db
        .selectFrom('event')
        .selectAll()
        .where('subject_type', '=', 'ticket')
        .where('subject_id', '=', ticketId)
        .orderBy('id')
        .limit(page.limit);
      if (page.after) q = q.where('id', '>', page.after);
      return (await q.execute()).map(toEvent);
    },
    async listByType(type, limit) {
      const rows = await db.selectFrom('event').selectAll().where('type', '=', type).orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toEvent);
    },
    async listForSubject(subjectType, subjectId, limit) {
      const rows = await db
        .selectFrom('event')
        .selectAll()
        .where('subject_type', '=', subjectType)
        .where('subject_id', '=', subjectId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toEvent);
    },
  };
}
