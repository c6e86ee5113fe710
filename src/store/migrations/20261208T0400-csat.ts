/**
 * Satisfaction surveys (issue 16): one row per solve of a ticket that the desk asks about, with the customer's
 * answer. The history keeps csat.requested / csat.rated (reports count those); this table holds what the
 * history does not: the survey's state, its expiry and the customer's comment. Also an index on the history by
 * type and time, which the reports read. Frozen once released.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('csat_survey')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('brand_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    // The history event of the solve that called for this survey: one survey per solve, however often it is run.
    .addColumn('solve_event_id', 'text', (c) => c.notNull().unique())
    // scheduled | requested | rated | cancelled
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('rating', 'text')
    .addColumn('reason', 'text')
    .addColumn('comment', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('csat_survey_ticket').on('csat_survey').columns(['ticket_id', 'created_at']).execute();
  await db.schema.createIndex('csat_survey_brand_rated').on('csat_survey').columns(['brand_id', 'rated_at']).execute();
  await db.schema.createIndex('event_type_at').on('event').columns(['type', 'at']).execute();
}
