/**
 * The phone hotline: calls (one row per CallSid, so a retried webhook never makes a second call), the steps
 * each call went through (the idempotency record of every webhook and the call's timeline), and callback
 * requests. Frozen once released; imports nothing from src/.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('call')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_sid', 'text', (c) => c.notNull().unique())
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brand.id'))
    .addColumn('from_raw', 'text', (c) => c.notNull())
    .addColumn('caller_phone', 'text')
    .addColumn('to_number', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('menu_choice', 'text')
    .addColumn('emergency', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('spoofed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ticket_id', 'text', (c) => c.references('ticket.id'))
    .addColumn('queue_sid', 'text')
    .addColumn('enqueued_at', 'text')
    .addColumn('wait_seconds', 'integer')
    .addColumn('agent_id', 'text', (c) => c.references('agent.id'))
    .addColumn('answered_at', 'text')
    .addColumn('talk_seconds', 'integer')
    .addColumn('recording_url', 'text')
    .addColumn('outcome', 'text')
    .addColumn('meta', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  // The console's queue view: waiting calls of some brands, emergencies first, oldest first.
  await db.schema.createIndex('call_queue').on('call').columns(['state', 'brand_id', 'emergency', 'enqueued_at']).execute();
  await db.schema.createIndex('call_brand_answered').on('call').columns(['brand_id', 'answered_at']).execute();
  await db.schema.createIndex('call_ticket').on('call').column('ticket_id').execute();

  await db.schema
    .createTable('call_step')
    .addColumn('call_id', 'text', (c) => c.notNull().references('call.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_step_pk', ['call_id', 'key'])
    .execute();

  await db.schema
    .createTable('call_callback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull().unique().references('call.id'))
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brand.id'))
    .addColumn('ticket_id', 'text', (c) => c.references('ticket.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text', (c) => c.references('agent.id'))
    .execute();
  await db.schema.createIndex('call_callback_open').on('call_callback').columns(['status', 'brand_id', 'requested_at']).execute();
}
