/**
 * The core schema. Frozen once released: change the schema with a new migration, never by editing this one.
 * Imports nothing from src/ (migrations must keep working as the code moves on).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: AnyDb): Promise<void> {
  const pg = isPostgres(db);

  await db.schema
    .createTable('brand')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('default_language', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('brand_address')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brand.id'))
    .addPrimaryKeyConstraint('brand_address_pk', ['kind', 'value'])
    .execute();
  await db.schema.createIndex('brand_address_brand').on('brand_address').column('brand_id').execute();

  await db.schema
    .createTable('agent')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('password_changed_at', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agent_brand')
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agent.id'))
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brand.id'))
    .addPrimaryKeyConstraint('agent_brand_pk', ['agent_id', 'brand_id'])
    .execute();

  await db.schema
    .createTable('team')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('brand_id', 'text', (c) => c.references('brand.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agent_team')
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agent.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('team.id'))
    .addPrimaryKeyConstraint('agent_team_pk', ['agent_id', 'team_id'])
    .execute();
  await db.schema.createIndex('agent_team_team').on('agent_team').column('team_id').execute();

  await db.schema
    .createTable('customer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('language', 'text')
    .addColumn('verification_level', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('customer_identity')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customer.id'))
    .addColumn('bouncing_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_identity_pk', ['kind', 'value'])
    .execute();
  await db.schema.createIndex('customer_identity_customer').on('customer_identity').column('customer_id').execute();

  await db.schema
    .createTable('ticket')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('brand_id', 'text', (c) => c.notNull().references('brand.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('requester_id', 'text', (c) => c.notNull().references('customer.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('agent.id'))
    .addColumn('team_id', 'text', (c) => c.references('team.id'))
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('first_response_at', 'text')
    .addColumn('solved_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('merged_into_id', 'text', (c) => c.references('ticket.id'))
    .addColumn('follow_up_of_id', 'text', (c) => c.references('ticket.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Views page by (sort time, id); each filter that views use often leads an index.
  await db.schema.createIndex('ticket_updated').on('ticket').columns(['updated_at', 'id']).execute();
  await db.schema.createIndex('ticket_created').on('ticket').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('ticket_brand_updated').on('ticket').columns(['brand_id', 'updated_at']).execute();
  await db.schema.createIndex('ticket_status_updated').on('ticket').columns(['status', 'updated_at']).execute();
  await db.schema.createIndex('ticket_assignee_updated').on('ticket').columns(['assignee_id', 'updated_at']).execute();
  await db.schema.createIndex('ticket_team_updated').on('ticket').columns(['team_id', 'updated_at']).execute();
  await db.schema.createIndex('ticket_requester').on('ticket').columns(['requester_id', 'created_at']).execute();

  await db.schema
    .createTable('ticket_tag')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('ticket.id'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_tag_pk', ['ticket_id', 'tag'])
    .execute();
  await db.schema.createIndex('ticket_tag_tag').on('ticket_tag').columns(['tag', 'ticket_id']).execute();

  await db.schema
    .createTable('message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('ticket.id'))
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('meta', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_ticket').on('message').columns(['ticket_id', 'created_at']).execute();
  // The channel's own message id is the de-duplication key: a redelivered e-mail or resent chat line is one row.
  await db.schema.createIndex('message_source').on('message').columns(['channel', 'source_id']).unique().execute();

  await db.schema
    .createTable('attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.references('ticket.id'))
    .addColumn('message_id', 'text', (c) => c.references('message.id'))
    .addColumn('uploader_type', 'text', (c) => c.notNull())
    .addColumn('uploader_id', 'text')
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachment_message').on('attachment').column('message_id').execute();
  await db.schema.createIndex('attachment_ticket').on('attachment').column('ticket_id').execute();

  await db.schema
    .createTable('event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text')
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_via', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_subject').on('event').columns(['subject_type', 'subject_id', 'id']).execute();

  await db.schema
    .createTable('job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('job_ready').on('job').columns(['status', 'run_at']).execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agent.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agent.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('session_agent').on('session').column('agent_id').execute();

  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('counter')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  // ticket_number allocates #1001, #1002, ...; setup flips 0 → 1 exactly once, so two racing first-run
  // setups cannot both create an admin.
  await db
    .insertInto('counter')
    .values([
      { name: 'ticket_number', value: 1000 },
      { name: 'setup', value: 0 },
    ])
    .execute();

  if (pg) {
    // Ticket numbers from a sequence: no hot counter row for concurrent transactions to queue on.
    await sql`create sequence ticket_number_seq start with 1001`.execute(db);
    await sql`create table ticket_search (
      doc_id text primary key,
      ticket_id text not null,
      content text not null,
      tsv tsvector generated always as (to_tsvector('simple', content)) stored
    )`.execute(db);
    await sql`create index ticket_search_tsv on ticket_search using gin (tsv)`.execute(db);
    await sql`create index ticket_search_ticket on ticket_search (ticket_id)`.execute(db);
    // The history is append-only: the database itself refuses to change or remove an event.
    await sql`create function event_append_only() returns trigger language plpgsql as $$
      begin raise exception 'event history is append-only'; end $$`.execute(db);
    await sql`create trigger event_no_change before update or delete on event
      for each row execute function event_append_only()`.execute(db);
  } else {
    await sql`create virtual table ticket_search using fts5(
      content, doc_id unindexed, ticket_id unindexed, tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
    await sql`create trigger event_no_update before update on event
      begin select raise(abort, 'event history is append-only'); end`.execute(db);
    await sql`create trigger event_no_delete before delete on event
      begin select raise(abort, 'event history is append-only'); end`.execute(db);
  }
}
