import type { PortalLinkRecord, PortalLinkRepo } from '../../app/ports.js';
import type { PortalLinkTable } from '../schema.js';
import type { Db } from './rows.js';

function toLink(row: PortalLinkTable): PortalLinkRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    ticketId: row.ticket_id,
    customerId: row.customer_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Help-center status links, looked up by the hash of their token. */
export function portalLinkRepo(db: Db): PortalLinkRepo {
  return {
    async insert(l) {
      await db
        .insertInto('portal_link')
        .values({
          token_hash: l.tokenHash,
          id: l.id,
          ticket_id: l.ticketId,
          customer_id: l.customerId,
          created_at: l.createdAt,
          expires_at: l.expiresAt,
          last_used_at: l.lastUsedAt,
          revoked_at: l.revokedAt,
        })
        .execute();
    },
    async findByHash(tokenHash) {
      const row = await db.selectFrom('portal_link').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row ? toLink(row) : null;
    },
    async touch(id, at) {
      await db.updateTable('portal_link').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async revokeForTicket(ticketId, at) {
      const r = await db.updateTable('portal_link').set({ revoked_at: at }).where('ticket_id', '=', ticketId).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}
