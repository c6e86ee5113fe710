/**
 * Search at a million tickets (issue 20): search documents are keyed by their ticket's number, so the newest
 * matching tickets come first straight out of the full-text index and a page reads a few hundred index entries
 * instead of every hit. SQLite: a new FTS5 table `ticket_text` whose rowid is number × 2^32 + the message's rowid
 * (0 for the subject), so `rowid >> 32` is the ticket number and `order by rowid desc` is newest ticket first;
 * no per-document columns are needed (detail=none: every query term is a single token). PostgreSQL: the
 * documents carry `ticket_number`, with an index to walk it backwards. Existing documents are carried over with
 * the words they were indexed with. People search by name and identity gets indexes (it scanned every customer).
 * Frozen once released.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table ticket_search add column ticket_number bigint`.execute(db);
    await sql`update ticket_search s set ticket_number = t.number from ticket t where t.id = s.ticket_id`.execute(db);
    await sql`delete from ticket_search where ticket_number is null`.execute(db);
    await sql`alter table ticket_search alter column ticket_number set not null`.execute(db);
    await sql`create index ticket_search_number on ticket_search (ticket_number)`.execute(db);
    await sql`create index customer_name_prefix on customer (lower(name) text_pattern_ops)`.execute(db);
    await sql`create index customer_identity_value_prefix on customer_identity (value text_pattern_ops)`.execute(db);
    return;
  }
  await sql`create virtual table ticket_text using fts5(content, tokenize = 'unicode61 remove_diacritics 2', detail = none)`.execute(db);
  await sql`insert into ticket_text (rowid, content)
    select t.number * 4294967296 + (case when s.rowid < 0 then 0 else (s.rowid & 4294967295) end), s.content
    from ticket_search s join ticket t on t.id = s.ticket_id`.execute(db);
  await sql`drop table ticket_search`.execute(db);
  await sql`create index customer_name_lower on customer (lower(name))`.execute(db);
  await sql`create index customer_identity_value on customer_identity (value)`.execute(db);
}
