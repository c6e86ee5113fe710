/**
 * Official channels (issue 8): each brand's registry of real channels, and its Ed25519 signing key for the
 * public manifest. Frozen once released.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('official_channels')
    .addColumn('brand_id', 'text', (c) => c.primaryKey().references('brand.id'))
    // JSON: {domains, emails, phones, handles, app_ids?, keywords?} in src/verify's registry format.
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('brand_key')
    .addColumn('brand_id', 'text', (c) => c.primaryKey().references('brand.id'))
    .addColumn('public_key', 'text', (c) => c.notNull())
    // The PKCS#8 PEM, sealed with the install's secret key.
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
