/**
 * Merged customers (issue 19): the customer merged into another keeps its row (history entries name it) with a
 * pointer to the one that now holds its identities and tickets. Frozen once released.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('customer').addColumn('merged_into_id', 'text').execute();
}
