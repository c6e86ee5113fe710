/**
 * Rules (issue 17) and the agents' bell (issue 16): triggers and automations with their conditions and actions
 * as JSON, the once-per-event record of each rule's runs, the notifications and each agent's choice of which
 * kinds to hear about. Frozen once released.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('rule')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'trigger' | 'automation'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('brand_id', 'text', (c) => c.references('brand.id'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One row per (rule, event) a trigger acted on, or (rule, ticket at its update) an automation acted on.
  await db.schema
    .createTable('rule_run')
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('run_key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rule_run_pk', ['rule_id', 'run_key'])
    .execute();
  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agent.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    // What caused it (an event id and a kind): the same cause never notifies the same agent twice.
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notification_agent_source').on('notification').columns(['agent_id', 'source_key']).unique().execute();
  await db.schema.createIndex('notification_agent_created').on('notification').columns(['agent_id', 'created_at']).execute();
  await db.schema
    .createTable('notification_pref')
    .addColumn('agent_id', 'text', (c) => c.primaryKey().references('agent.id'))
    .addColumn('prefs', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('notification_pref').execute();
  await db.schema.dropTable('notification').execute();
  await db.schema.dropTable('rule_run').execute();
  await db.schema.dropTable('rule').execute();
}
