/**
 * One-time links for agents (issue 19): a password reset an admin asks for, and an invitation to a new agent.
 * Only the SHA-256 of the token is stored; the token travels once, sealed, in the job that e-mails it.
 * Frozen once released.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('agent_link')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agent.id'))
    // 'reset' or 'invite'
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('agent_link_agent').on('agent_link').columns(['agent_id', 'used_at']).execute();
}
