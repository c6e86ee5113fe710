/**
 * Idempotency keys of the API (issue 14), after draft-ietf-httpapi-idempotency-key-header: one row per
 * principal, endpoint and key, with a fingerprint of the request and, once it finished, the response to
 * replay. A row without a status is a request still in flight. Frozen once released.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('idempotency_key')
    // "token:<id>" or "agent:<id>" (a console session).
    .addColumn('scope', 'text', (c) => c.notNull())
    // Method and route pattern, e.g. "POST /api/v1/tickets/:id/messages".
    .addColumn('endpoint', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    // SHA-256 of the method, the path and the canonical JSON body.
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_key_pk', ['scope', 'endpoint', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_key_created').on('idempotency_key').column('created_at').execute();
}
