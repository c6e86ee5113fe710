import type { CsatRepo, CsatSurvey, CsatRating, CsatReason, CsatState } from '../../app/quality-ports.js';
import type { Channel } from '../../core/ticket.js';
import type { CsatSurveyTable } from '../csat-schema.js';
import type { Db } from './rows.js';

function toSurvey(r: CsatSurveyTable): CsatSurvey {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    brandId: r.brand_id,
    customerId: r.customer_id,
    channel: r.channel as Channel,
    solveEventId: r.solve_event_id,
    state: r.state as CsatState,
    dueAt: r.due_at,
    requestedAt: r.requested_at,
    expiresAt: r.expires_at,
    rating: r.rating as CsatRating | null,
    reason: r.reason as CsatReason | null,
    comment: r.comment,
    ratedAt: r.rated_at,
    createdAt: r.created_at,
  };
}

/** Satisfaction surveys; every state change is one conditional UPDATE, so two answers never both count. */
export function csatRepo(db: Db): CsatRepo {
  return {
    async insert(s) {
      const r = await db
        .insertInto('csat_survey')
        .values({
          id: s.id,
          ticket_id: s.ticketId,
          brand_id: s.brandId,
          customer_id: s.customerId,
          channel: s.channel,
          solve_event_id: s.solveEventId,
          state: s.state,
          due_at: s.dueAt,
          requested_at: s.requestedAt,
          expires_at: s.expiresAt,
          rating: s.rating,
          reason: s.reason,
          comment: s.comment,
          rated_at: s.ratedAt,
          created_at: s.createdAt,
        })
        .onConflict((oc) => oc.column('solve_event_id').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async get(id) {
      const row = await db.selectFrom('csat_survey').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toSurvey(row) : null;
    },
    async listForTicket(ticketId) {
      const rows = await db.selectFrom('csat_survey').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toSurvey);
    },
    async markRequested(id, requestedAt, expiresAt) {
      const r = await db
        .updateTable('csat_survey')
        .set({ state: 'requested', requested_at: requestedAt, expires_at: expiresAt })
        .where('id', '=', id)
        .where('state', '=', 'scheduled')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async cancel(id) {
      const r = await db.updateTable('csat_survey').set({ state: 'cancelled' }).where('id', '=', id).where('state', 'in', ['scheduled', 'requested']).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async rate(id, answer, at) {
      const r = await db
        .updateTable('csat_survey')
        .set({ state: 'rated', rating: answer.rating, reason: answer.reason, comment: answer.comment, rated_at: at })
        .where('id', '=', id)
        .where('state', '=', 'requested')
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async listRated(filter, limit) {
      let q = db.selectFrom('csat_survey').selectAll().where('state', '=', 'rated').where('rated_at', '>=', filter.from).where('rated_at', '<', filter.to);
      if (filter.brandIds) q = q.where('brand_id', 'in', filter.brandIds.length ? filter.brandIds : ['']);
      if (filter.brandId) q = q.where('brand_id', '=', filter.brandId);
      const rows = await q.orderBy('rated_at', 'desc').limit(limit).execute();
      return rows.map(toSurvey);
    },
  };
}
