/** The console's call log (issue 19) lists calls newest first: an index for that order. Frozen once released. */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex('call_created').on('call').columns(['created_at', 'id']).execute();
}
