/**
 * Click-to-call for callbacks (issue 19): an agent's own phone number (the desk rings it first, then bridges the
 * customer), calls placed by the desk (`direction` outbound, linked to their callback request), and on each
 * callback request the placement in flight and its last status. Frozen once released; imports nothing from src/.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('agent_phone')
    .addColumn('agent_id', 'text', (c) => c.primaryKey().references('agent.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('call').addColumn('direction', 'text', (c) => c.notNull().defaultTo('inbound')).execute();
  await db.schema.alterTable('call').addColumn('callback_id', 'text').execute();
  // The outbound call of a placement in flight (null when none): the one-at-a-time claim.
  await db.schema.alterTable('call_callback').addColumn('placing_call_id', 'text').execute();
  await db.schema.alterTable('call_callback').addColumn('placement_status', 'text').execute();
  await db.schema.alterTable('call_callback').addColumn('placement_at', 'text').execute();
  // The phone ticket's "Call now" looks up its open callback.
  await db.schema.createIndex('call_callback_ticket').on('call_callback').column('ticket_id').execute();
}
