/**
 * Channel accounts (issue 15): one row per mailbox, phone number, chat or help-center set-up, or bot of a brand,
 * with the channel's settings as JSON (checked against the channel's own schema by the app) and its secrets
 * sealed with the install's key. Several accounts of one kind per brand. Frozen once released.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('channel_account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brand.id'))
    // 'email' | 'chat' | 'phone' | 'help_center' | 'telegram' | … : the channel module's kind.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    // "v1.…" sealed JSON object of the secret fields, or null when none is set.
    .addColumn('secrets', 'text')
    // What makes two accounts of a kind the same (a mailbox, a phone number): unique per kind when set.
    .addColumn('unique_key', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('channel_account_brand_kind_name').on('channel_account').columns(['brand_id', 'kind', 'name']).unique().execute();
  await db.schema.createIndex('channel_account_kind_key').on('channel_account').columns(['kind', 'unique_key']).unique().execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('channel_account').execute();
}
