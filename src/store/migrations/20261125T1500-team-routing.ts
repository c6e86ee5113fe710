/** Routing (issue 10): the categories each team takes. Frozen once released. */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  // JSON array of categories ('security', 'transaction', …) or ['*'] for "anything no other team takes".
  await db.schema.alterTable('team').addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}
