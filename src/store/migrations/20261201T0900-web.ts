/**
 * Help-center portal links, and indexes for the console's views. Imports nothing from src/.
 * Portal links hold only a SHA-256 of the token: the link in the customer's hands is the only copy.
 */
import type { Kysely } from 'kysely';

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

  // The console's views filter on the unsolved statuses and page by updated_at: leading with the view's
  // selective column and then status keeps a 50-row page an index walk even with 100,000 tickets.
  await db.schema.createIndex('ticket_assignee_status_updated').on('ticket').columns(['assignee_id', 'status', 'updated_at']).execute();
  await db.schema.createIndex('ticket_priority_status_updated').on('ticket').columns(['priority', 'status', 'updated_at']).execute();
  await db.schema.createIndex('ticket_category_status_updated').on('ticket').columns(['category', 'status', 'updated_at']).execute();
  await db.schema.createIndex('ticket_brand_status_updated').on('ticket').columns(['brand_id', 'status', 'updated_at']).execute();
}
