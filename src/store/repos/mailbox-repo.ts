import type { MailboxRepo, MailboxState } from '../../app/ports.js';
import type { EmailMailboxTable } from '../schema.js';
import type { Db } from './rows.js';

function toState(row: EmailMailboxTable): MailboxState {
  return { id: row.id, uidValidity: row.uid_validity, lastUid: row.last_uid, leaseOwner: row.lease_owner, leaseUntil: row.lease_until };
}

/**
 * IMAP mailbox progress and its polling lease. The lease is taken with one conditional UPDATE, so two instances
 * racing for it cannot both win on either database; progress writes are fenced by the lease owner.
 */
export function mailboxRepo(db: Db): MailboxRepo {
  return {
    async acquire(id, owner, now, until) {
      await db
        .insertInto('email_mailbox')
        .values({ id, uid_validity: null, last_uid: 0, lease_owner: null, lease_until: null, updated_at: now })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const taken = await db
        .updateTable('email_mailbox')
        .set({ lease_owner: owner, lease_until: until, updated_at: now })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', owner), eb('lease_until', '<', now)]))
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== 1) return null;
      const row = await db.selectFrom('email_mailbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return toState(row);
    },
    async advance(id, owner, uidValidity, lastUid, at) {
      const result = await db
        .updateTable('email_mailbox')
        .set({ uid_validity: uidValidity, last_uid: lastUid, updated_at: at })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async release(id, owner) {
      await db.updateTable('email_mailbox').set({ lease_owner: null, lease_until: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
    },
  };
}
