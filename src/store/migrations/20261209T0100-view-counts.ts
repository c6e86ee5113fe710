/**
 * Issue 20: the console's view counts are maintained by the database, and the views' lists have indexes in
 * their own order. Imports nothing from src/.
 *
 * `ticket_view_count` holds the number of unsolved tickets per (brand, assignee, urgent-or-security, waiting
 * chat): a few hundred rows at most, whatever the number of tickets, so `GET /views` sums a small table instead
 * of counting the unsolved tickets. Triggers on `ticket` keep it exact in the same transaction as every change,
 * whichever code path writes the ticket. On SQLite (one writer) they update the totals directly. On PostgreSQL
 * concurrent transactions would queue (and could deadlock) on the same total rows, so the triggers only append
 * +1/-1 rows to `ticket_view_count_delta`, which readers add to the totals and fold into them now and then.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: AnyDb): Promise<void> {
  const pg = isPostgres(db);
  const table = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('brand_id', 'text', (c) => c.notNull())
      .addColumn('assignee_id', 'text', (c) => c.notNull())
      .addColumn('urgent', 'integer', (c) => c.notNull())
      .addColumn('chat_waiting', 'integer', (c) => c.notNull())
      .addColumn('n', 'bigint', (c) => c.notNull());
  await table('ticket_view_count').addPrimaryKeyConstraint('ticket_view_count_pk', ['brand_id', 'assignee_id', 'urgent', 'chat_waiting']).execute();
  await table('ticket_view_count_delta').execute();

  // The key of a ticket (o is "new" or "old"); an unassigned ticket has assignee ''.
  const keyOf = (o: string) => `${o}.brand_id, coalesce(${o}.assignee_id, ''),
    case when ${o}.priority = 'urgent' or ${o}.category = 'security' then 1 else 0 end,
    case when ${o}.channel = 'chat' and ${o}.status in ('new', 'open') and ${o}.assignee_id is null then 1 else 0 end`;
  const unsolved = (o: string) => `${o}.status not in ('solved', 'closed')`;
  const changed = `old.status is distinct from new.status or old.brand_id is distinct from new.brand_id
    or old.assignee_id is distinct from new.assignee_id or old.priority is distinct from new.priority
    or old.category is distinct from new.category or old.channel is distinct from new.channel`;
  const cols = 'brand_id, assignee_id, urgent, chat_waiting, n';

  if (pg) {
    await sql
      .raw(
        `create function ticket_view_count_track() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' and ${unsolved('old')} then
          insert into ticket_view_count_delta (${cols}) values (${keyOf('old')}, -1);
        end if;
        if tg_op <> 'DELETE' and ${unsolved('new')} then
          insert into ticket_view_count_delta (${cols}) values (${keyOf('new')}, 1);
        end if;
        return null;
      end $$`,
      )
      .execute(db);
    await sql.raw(`create trigger ticket_view_count_insert after insert on ticket for each row execute function ticket_view_count_track()`).execute(db);
    await sql.raw(`create trigger ticket_view_count_delete after delete on ticket for each row execute function ticket_view_count_track()`).execute(db);
    await sql
      .raw(
        `create trigger ticket_view_count_update after update of status, brand_id, assignee_id, priority, category, channel on ticket
        for each row when (${changed}) execute function ticket_view_count_track()`,
      )
      .execute(db);
  } else {
    const add = (o: string, n: number) => `insert into ticket_view_count (${cols}) select ${keyOf(o)}, ${n} where ${unsolved(o)}
      on conflict (brand_id, assignee_id, urgent, chat_waiting) do update set n = n + excluded.n;`;
    await sql.raw(`create trigger ticket_view_count_insert after insert on ticket begin ${add('new', 1)} end`).execute(db);
    await sql.raw(`create trigger ticket_view_count_delete after delete on ticket begin ${add('old', -1)} end`).execute(db);
    await sql
      .raw(
        `create trigger ticket_view_count_update after update of status, brand_id, assignee_id, priority, category, channel on ticket
        when ${changed} begin ${add('old', -1)} ${add('new', 1)} end`,
      )
      .execute(db);
  }
  // The tickets already there.
  await sql
    .raw(
      `insert into ticket_view_count (${cols}) select ${keyOf('t')}, count(*) from ticket t where ${unsolved('t')} group by 1, 2, 3, 4`,
    )
    .execute(db);

  // "Urgent and security" is an OR of two columns: no index on either column gives it in page order. This one
  // holds exactly that view's unsolved tickets in page order; the store writes the condition as this text.
  await db.schema
    .createIndex('ticket_unsolved_urgent_updated')
    .on('ticket')
    .columns(['updated_at', 'id'])
    .where(sql.raw<boolean>(`status not in ('solved', 'closed') and (priority = 'urgent' or category = 'security')`))
    .execute();
  // The "about to breach" view: unsolved tickets by deadline, brand last so counting and brand checks need no row.
  await db.schema
    .createIndex('ticket_unsolved_sla_due')
    .on('ticket')
    .columns(['sla_due_at', 'id', 'brand_id'])
    .where(sql.raw<boolean>(`status not in ('solved', 'closed') and sla_due_at is not null`))
    .execute();
  // Unassigned tickets: PostgreSQL does not read (assignee_id, updated_at) in updated_at order under
  // "assignee_id is null" (only under an equality), so it sorted every unassigned ticket.
  await db.schema
    .createIndex('ticket_unsolved_unassigned_updated')
    .on('ticket')
    .columns(['updated_at', 'id'])
    .where(sql.raw<boolean>(`status not in ('solved', 'closed') and assignee_id is null`))
    .execute();
  // Live chats (the Chats page: chat tickets, new or open, newest activity first).
  await db.schema
    .createIndex('ticket_unsolved_channel_updated')
    .on('ticket')
    .columns(['channel', 'updated_at', 'id'])
    .where(sql.raw<boolean>(`status not in ('solved', 'closed')`))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  const pg = isPostgres(db);
  for (const t of ['insert', 'delete', 'update']) {
    await sql.raw(pg ? `drop trigger ticket_view_count_${t} on ticket` : `drop trigger ticket_view_count_${t}`).execute(db);
  }
  if (pg) await sql.raw('drop function ticket_view_count_track()').execute(db);
  await db.schema.dropTable('ticket_view_count_delta').execute();
  await db.schema.dropTable('ticket_view_count').execute();
  await db.schema.dropIndex('ticket_unsolved_urgent_updated').execute();
  await db.schema.dropIndex('ticket_unsolved_sla_due').execute();
  await db.schema.dropIndex('ticket_unsolved_channel_updated').execute();
  await db.schema.dropIndex('ticket_unsolved_unassigned_updated').execute();
}
