/**
 * Live chat (issue 5): one row per visitor session (its resume token's hash, the brand, the customer, the
 * conversation's ticket, whether the user's identity was proven, and both read pointers), and agents'
 * console presence, so that every instance can tell a visitor whether someone is online. Frozen once released.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('chat_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brand.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customer.id'))
    .addColumn('ticket_id', 'text', (c) => c.references('ticket.id'))
    // The proven app user id; null for an unverified visitor.
    .addColumn('user_id', 'text')
    // A user id the visitor named without a valid proof: shown to agents as claimed, never matched.
    .addColumn('claimed_user_id', 'text')
    .addColumn('email', 'text')
    .addColumn('name', 'text')
    .addColumn('kind', 'text')
    .addColumn('language', 'text')
    // JSON: device, OS and app version from the pre-chat step, given to the ticket with the first message.
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('visitor_read_up_to', 'text')
    .addColumn('agent_read_up_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_session_ticket').on('chat_session').column('ticket_id').execute();
  await db.schema
    .createTable('agent_presence')
    .addColumn('agent_id', 'text', (c) => c.primaryKey().references('agent.id'))
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('agent_presence').execute();
  await db.schema.dropTable('chat_session').execute();
}
