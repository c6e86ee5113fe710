/**
 * Help-center portal links, and indexes for the console's views. Imports nothing from src/.
 * Portal links hold only a SHA-256 of the token: the link in the customer's hands is the only copy.
 */
import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('portal_link')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('ticket.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customer.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('portal_link_ticket').on('portal_link').column('ticket_id').execute();

  // The console's views list unsolved tickets newest-activity first. Partial indexes hold only the unsolved
  // tickets (a small share of a desk's history) already in page order, so a 50-row page is a short index walk
  // whatever the view. The store writes the unsolved filter as this exact text so both databases can prove a
  // query may use them; "not in" also keeps SQLite from preferring the status index and sorting instead.
  const unsolved = sql<boolean>`status not in ('solved', 'closed')`;
  await db.schema.createIndex('ticket_unsolved_updated').on('ticket').columns(['updated_at', 'id']).where(unsolved).execute();
  await db.schema.createIndex('ticket_unsolved_brand_updated').on('ticket').columns(['brand_id', 'updated_at', 'id']).where(unsolved).execute();
  await db.schema.createIndex('ticket_unsolved_assignee_updated').on('ticket').columns(['assignee_id', 'updated_at', 'id']).where(unsolved).execute();
}
