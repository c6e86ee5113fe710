/**
 * The emergency freeze and the customer's record (issue 18): each brand's freeze settings (its account-action
 * webhook with the secret sealed), the freezes of customers' accounts, one-time "freeze my account" links,
 * and the desk's signing key for exported records (private half sealed). Frozen once released.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('brand_freeze_settings')
    .addColumn('brand_id', 'text', (c) => c.primaryKey().references('brand.id'))
    .addColumn('custodial', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('account_webhook_url', 'text')
    // "v1.…" sealed with the install key; null until a URL is first set.
    .addColumn('account_webhook_secret', 'text')
    .addColumn('min_hold_minutes', 'integer', (c) => c.notNull().defaultTo(120))
    .addColumn('cooling_off_hours', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('account_freeze')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brand.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('ticket.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('account_ref', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // JSON ActorRef.
    .addColumn('frozen_by', 'text', (c) => c.notNull())
    .addColumn('frozen_at', 'text', (c) => c.notNull())
    .addColumn('hold_until', 'text', (c) => c.notNull())
    .addColumn('unfreeze_requested_by', 'text')
    .addColumn('unfrozen_by', 'text')
    .addColumn('unfrozen_at', 'text')
    .addColumn('effective_at', 'text')
    .addColumn('webhook_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_freeze_ticket').on('account_freeze').columns(['ticket_id', 'frozen_at']).execute();
  await db.schema.createIndex('account_freeze_customer').on('account_freeze').columns(['brand_id', 'customer_id', 'state']).execute();
  await db.schema
    .createTable('freeze_link')
    // SHA-256 hex of the token; the token is only in the e-mail.
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('brand_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    // The token sealed with the install key, for the processor that e-mails it (the lookup is by hash).
    .addColumn('token_sealed', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('record_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('record_key').execute();
  await db.schema.dropTable('freeze_link').execute();
  await db.schema.dropTable('account_freeze').execute();
  await db.schema.dropTable('brand_freeze_settings').execute();
}
