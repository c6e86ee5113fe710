/**
 * Search documents carry their format, and SQLite gets prefix indexes (issue 20). Frozen once released.
 *
 * SQLite: FTS5 answers a prefix query (`withdraw*`) by gathering every hit of every matching term before it
 * returns the first row (100 ms at a million tickets), unless a prefix index of exactly that length exists,
 * which it then reads like one term, newest first. The option is fixed when the table is created, so
 * `ticket_text` is rebuilt with prefix indexes of 3, 4, 6 and 8 characters (none of 1 or 2: every Chinese term
 * is one or two characters and would be indexed twice) and the documents are copied over in slices of ticket
 * numbers, with progress on stderr for big desks. A slice is its own transaction (SQLite migrations run
 * outside one), so an interrupted run leaves the old table whole and starts over.
 *
 * Both: a `format` column says which version of the app's segmentation wrote a document. Documents copied here
 * get 0 (unknown: some were written before the segmentation of 20261209T0200-search-order and still hold the
 * words they were first indexed with); `walletdesk search reindex` rewrites them from their message or subject.
 * On PostgreSQL the column is added empty (null: the same as 0), which costs no rewrite of the table.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Ticket numbers per copied slice. */
const SLICE = 50_000;
/** Desks with more tickets than this report progress. */
const REPORT_ABOVE = 200_000;

export async function up(db: AnyDb): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table ticket_search add column format smallint`.execute(db);
    return;
  }
  await sql`drop table if exists ticket_text_next`.execute(db);
  await sql`create virtual table ticket_text_next using fts5(content, format unindexed,
    tokenize = 'unicode61 remove_diacritics 2', detail = none, prefix = '3 4 6 8')`.execute(db);
  const { rows } = await sql<{ top: number | null }>`select max(rowid >> 32) as top from ticket_text`.execute(db);
  const top = Number(rows[0]?.top ?? 0);
  const report = top > REPORT_ABOVE;
  const started = Date.now();
  for (let lo = 0; lo <= top; lo += SLICE) {
    // Integer bounds (BigInt): FTS5 answers a rowid range with REAL bounds, which a JS number becomes, by a scan.
    await sql`insert into ticket_text_next (rowid, content, format)
      select rowid, content, 0 from ticket_text where rowid >= ${BigInt(lo) * 4294967296n} and rowid < ${BigInt(lo + SLICE) * 4294967296n}`.execute(db);
    if (report) {
      const done = Math.min(top, lo + SLICE);
      process.stderr.write(`search index: copied the documents of tickets up to #${done} of #${top} (${Math.round((100 * done) / top)} %, ${Math.round((Date.now() - started) / 1000)} s)\n`);
    }
  }
  // Slices leave many small segments; one merge makes the index as compact as a fresh build.
  await sql`insert into ticket_text_next (ticket_text_next) values ('optimize')`.execute(db);
  await db.transaction().execute(async (tx) => {
    await sql`drop table ticket_text`.execute(tx);
    await sql`alter table ticket_text_next rename to ticket_text`.execute(tx);
  });
  if (report) process.stderr.write(`search index: rebuilt with prefix indexes in ${Math.round((Date.now() - started) / 1000)} s; run \`walletdesk search reindex\` to rewrite old documents\n`);
}
