/**
 * Identity verification (issue 18): the four ordered levels replace the old free-form ones, and every step-up
 * (a one-time code, an app-signed link, a signed-message challenge) is a row of `step_up`. Codes and link tokens
 * are stored only as salted SHA-256 hashes. Frozen once released.
 */
import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  // Old levels onto the new order. 'document' (set by hand, nothing proved it) becomes 'contact' at most: a
  // level is only as good as the check behind it, and lowering is the safe direction.
  await sql`update customer set verification_level = case verification_level
      when 'email' then 'contact' when 'phone' then 'contact' when 'app' then 'app' when 'document' then 'contact'
      else 'unverified' end`.execute(db);
  await db.schema
    .createTable('step_up')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('ticket.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customer.id'))
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brand.id'))
    // 'email_code' | 'phone_code' | 'app_link' | 'address'
    .addColumn('method', 'text', (c) => c.notNull())
    // The level a pass gives: 'contact' | 'app' | 'address'.
    .addColumn('level', 'text', (c) => c.notNull())
    // 'pending' | 'passed' | 'failed' | 'expired' | 'cancelled'
    .addColumn('status', 'text', (c) => c.notNull())
    // Where a code went (masked for display: "a***@example.com"), or the address to prove.
    .addColumn('target', 'text')
    // Salted SHA-256 of the one-time code ("salt:hash"), null for methods without a code.
    .addColumn('code_hash', 'text')
    // SHA-256 of the customer's link token (help-center page, app link).
    .addColumn('token_hash', 'text')
    .addColumn('challenge', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    // How it passed: 'code', 'app_hmac', 'app_jwt', 'bip322_simple', 'bip137_strict', 'bip137_loose'.
    .addColumn('result', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('step_up_ticket').on('step_up').columns(['ticket_id', 'created_at']).execute();
  await db.schema.createIndex('step_up_token').on('step_up').column('token_hash').unique().execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('step_up').execute();
}
