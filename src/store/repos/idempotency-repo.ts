import { conflict } from '../../core/errors.js';
import type { IdempotencyId, IdempotencyRepo } from '../../app/ports.js';
import type { Db } from './rows.js';

export function idempotencyRepo(db: Db): IdempotencyRepo {
  const row = (id: IdempotencyId) => db.selectFrom('idempotency_key').selectAll().where('scope', '=', id.scope).where('endpoint', '=', id.endpoint).where('key', '=', id.key);
  return {
    async claim(id, fingerprint, at, staleBefore, expiredBefore) {
      // The principal's expired keys go as it makes new ones: the table holds about a day of keys per principal.
      await db.deleteFrom('idempotency_key').where('scope', '=', id.scope).where('created_at', '<', expiredBefore).execute();
      // Two tries: a row taken over or deleted between the insert and the read is simply claimed again.
      for (let attempt = 0; attempt < 2; attempt++) {
        const inserted = await db
          .insertInto('idempotency_key')
          .values({ ...id, fingerprint, status_code: null, response: null, created_at: at })
          .onConflict((oc) => oc.columns(['scope', 'endpoint', 'key']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return null;
        const taken = await db
          .updateTable('idempotency_key')
          .set({ fingerprint, status_code: null, response: null, created_at: at })
          .where('scope', '=', id.scope)
          .where('endpoint', '=', id.endpoint)
          .where('key', '=', id.key)
          .where((eb) => eb.or([eb.and([eb('status_code', 'is', null), eb('created_at', '<', staleBefore)]), eb('created_at', '<', expiredBefore)]))
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) === 1) return null;
        const existing = await row(id).executeTakeFirst();
        if (existing) return { fingerprint: existing.fingerprint, statusCode: existing.status_code, response: existing.response, createdAt: existing.created_at };
      }
      throw conflict('A request with this Idempotency-Key is still being processed. Retry in a moment.');
    },
    async complete(id, statusCode, response) {
      await db
        .updateTable('idempotency_key')
        .set({ status_code: statusCode, response })
        .where('scope', '=', id.scope)
        .where('endpoint', '=', id.endpoint)
        .where('key', '=', id.key)
        .execute();
    },
    async release(id) {
      await db.deleteFrom('idempotency_key').where('scope', '=', id.scope).where('endpoint', '=', id.endpoint).where('key', '=', id.key).execute();
    },
  };
}
