/**
 * E-mail: one row per polled IMAP mailbox with its UID bookkeeping and a lease, so that only one instance polls a
 * mailbox at a time and a restart resumes where the last committed import stopped. Frozen once released.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('email_mailbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // IMAP UIDVALIDITY is a 32-bit unsigned number; kept as text so both databases store it the same way.
    .addColumn('uid_validity', 'text')
    .addColumn('last_uid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('email_mailbox').execute();
}
