import type { VerificationLevel } from '../../core/people.js';
import type { StepUp, StepUpMethod, StepUpRepo, StepUpResult, StepUpStatus } from '../../app/identity-ports.js';
import type { StepUpTable } from '../identity-schema.js';
import type { Db } from './rows.js';

function toStepUp(r: StepUpTable): StepUp {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    customerId: r.customer_id,
    brandId: r.brand_id,
    method: r.method as StepUpMethod,
    level: r.level as VerificationLevel,
    status: r.status as StepUpStatus,
    target: r.target,
    codeHash: r.code_hash,
    tokenHash: r.token_hash,
    challenge: r.challenge,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    result: r.result as StepUpResult | null,
    requestedBy: r.requested_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    completedAt: r.completed_at,
  };
}

/** Step-ups (identity verification), one row each; attempts and completion are single statements. */
export function stepUpRepo(db: Db): StepUpRepo {
  return {
    async insert(s) {
      await db
        .insertInto('step_up')
        .values({
          id: s.id,
          ticket_id: s.ticketId,
          customer_id: s.customerId,
          brand_id: s.brandId,
          method: s.method,
          level: s.level,
          status: s.status,
          target: s.target,
          code_hash: s.codeHash,
          token_hash: s.tokenHash,
          challenge: s.challenge,
          attempts: s.attempts,
          max_attempts: s.maxAttempts,
          result: s.result,
          requested_by: s.requestedBy,
          created_at: s.createdAt,
          expires_at: s.expiresAt,
          completed_at: s.completedAt,
        })
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom('step_up').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toStepUp(row) : null;
    },
    async findByTokenHash(tokenHash) {
      const row = await db.selectFrom('step_up').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row ? toStepUp(row) : null;
    },
    async listForTicket(ticketId) {
      const rows = await db.selectFrom('step_up').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toStepUp);
    },
    async listPending(customerId, method) {
      const rows = await db
        .selectFrom('step_up')
        .selectAll()
        .where('customer_id', '=', customerId)
        .where('method', '=', method)
        .where('status', '=', 'pending')
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toStepUp);
    },
    async listOpen(method) {
      const rows = await db.selectFrom('step_up').selectAll().where('method', '=', method).where('status', '=', 'pending').orderBy('created_at', 'desc').limit(500).execute();
      return rows.map(toStepUp);
    },
    async setCode(id, codeHash) {
      const r = await db.updateTable('step_up').set({ code_hash: codeHash }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async countAttempt(id) {
      const row = await db
        .updateTable('step_up')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returning('attempts')
        .executeTakeFirst();
      return row ? Number(row.attempts) : null;
    },
    async finish(id, status, result, at) {
      const r = await db.updateTable('step_up').set({ status, result, completed_at: at }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
