import type { DeskEvent, EventSubject } from '../../core/event.js';
import type { EventRepo } from '../../app/ports.js';
import type { EventTable } from '../schema.js';
import { parseJson, type Db } from './rows.js';

function toEvent(row: EventTable): DeskEvent {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    subjectType: row.subject_type as EventSubject,
    subjectId: row.subject_id,
    type: row.type,
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
      await db
        .insertInto('event')
        .values(
          events.map((e) => ({
            id: e.id,
            ticket_id: e.ticketId,
            subject_type: e.subjectType,
            subject_id: e.subjectId,
            type: e.type,
            actor_type: e.actor.type,
            actor_id: e.actor.id,
            actor_via: e.actor.via ?? null,
            at: e.at,
            changes: JSON.stringify(e.changes),
            data: JSON.stringify(e.data),
          })),
        )
        .execute();
    },
    async listForTicket(ticketId, page) {
      let q = db.selectFrom('event').selectAll().where('ticket_id', '=', ticketId).orderBy('id').limit(page.limit);
      if (page.after) q = q.where('id', '>', page.after);
      return (await q.execute()).map(toEvent);
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
