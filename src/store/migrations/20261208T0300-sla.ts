/**
 * SLA policies and clocks (issue 16). Policies are ordered (`position`) with their conditions, targets per
 * priority, pausing statuses and escalation as JSON. A clock is one row per (ticket, metric), recomputed from the
 * ticket's history by the `sla-clocks` processor; `ticket.sla_due_at` is the earliest deadline still counting,
 * so lists sort by it and the "about to breach" view filters on it. Business calendars live in `settings`
 * (`calendar:<brand id>`). Frozen once released.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('sla_policy')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('brand_id', 'text', (c) => c.references('brand.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('paused_by', 'text', (c) => c.notNull())
    .addColumn('escalation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sla_clock')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('ticket.id'))
    // first_reply | next_reply | resolution
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    // active | paused | fulfilled | breached
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('fulfilled_at', 'text')
    .addColumn('breached_at', 'text')
    // When the warning is due (due_at − the policy's warn_before_s), and when it was recorded.
    .addColumn('warn_at', 'text')
    .addColumn('warned_at', 'text')
    // 1 while time counts against the clock (active, or breached and still open).
    .addColumn('running', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_clock_pk', ['ticket_id', 'metric'])
    .execute();
  // The periodic check's two questions: which running clocks are past due, which warnings are due.
  await db.schema.createIndex('sla_clock_due').on('sla_clock').columns(['state', 'due_at']).execute();
  await db.schema.createIndex('sla_clock_warn').on('sla_clock').columns(['warned_at', 'warn_at']).execute();

  await db.schema.alterTable('ticket').addColumn('sla_due_at', 'text').execute();
  await db.schema.createIndex('ticket_sla_due').on('ticket').columns(['sla_due_at', 'id']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('ticket_sla_due').execute();
  await db.schema.alterTable('ticket').dropColumn('sla_due_at').execute();
  await db.schema.dropTable('sla_clock').execute();
  await db.schema.dropTable('sla_policy').execute();
}
