import type { Customer, VerificationLevel } from '../../core/people.js';
import type { CustomerRepo } from '../../app/ports.js';
import type { CustomerTable } from '../schema.js';
import { decodeCursor, encodeCursor, type Db } from './rows.js';
import { invalid } from '../../core/errors.js';

/** A LIKE prefix pattern; wildcard characters in the query are dropped (escaping differs between the databases). */
/** A LIKE prefix pattern; wildcard characters in the query are dropped (escaping differs between the databases). */
import { likePrefix } from './rows.js';
import { insertRows } from './compiled-insert.js';

function toCustomer(r: CustomerTable, mine: ReadonlyArray<{ kind: string; value: string }>): Customer {
  return {
    id: r.id,
    name: r.name,
    emails: mine.filter((i) => i.kind === 'email').map((i) => i.value),
    phones: mine.filter((i) => i.kind === 'phone').map((i) => i.value),
    externalIds: mine
      .filter((i) => i.kind === 'external')
      .map((i) => {
        const cut = i.value.indexOf(':');
        return { brandId: i.value.slice(0, cut), externalId: i.value.slice(cut + 1) };
      }),
    language: r.language,
    verificationLevel: r.verification_level as VerificationLevel,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    mergedIntoId: r.merged_into_id ?? null,
  };
}

export function customerRepo(db: Db): CustomerRepo {
  async function hydrate(rows: CustomerTable[]): Promise<Customer[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const identities = await db
      .selectFrom('customer_identity')
      .select(['customer_id', 'kind', 'value'])
      .where('customer_id', 'in', ids)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => toCustomer(r, identities.filter((i) => i.customer_id === r.id)));
  }

  return {
    async insert(c) {
      // Nothing reads the result: on PostgreSQL it travels with the customer's first identity (deferred-inserts.ts).
      await insertRows(
        db,
        'customer',
        ['id', 'name', 'language', 'verification_level', 'merged_into_id', 'created_at', 'updated_at'],
        [[c.id, c.name, c.language, c.verificationLevel, null, c.createdAt, c.updatedAt]],
      );
    },
    async delete(id) {
      await db.deleteFrom('customer_identity').where('customer_id', '=', id).execute();
      await db.deleteFrom('customer').where('id', '=', id).execute();
    },
    async addIdentity(customerId, kind, value, at) {
      const result = await db
        .insertInto('customer_identity')
        .values({ kind, value, customer_id: customerId, bouncing_at: null, created_at: at })
        .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async findByIdentity(kind, value) {
      const row = await db
        .selectFrom('customer_identity')
        .select('customer_id')
        .where('kind', '=', kind)
        .where('value', '=', value)
        .executeTakeFirst();
      return row?.customer_id ?? null;
    },
    async get(id) {
      // One statement: the customer with its identities (one row per identity).
      const rows = await db
        .selectFrom('customer')
        .leftJoin('customer_identity', 'customer_identity.customer_id', 'customer.id')
        .selectAll('customer')
        .select(['customer_identity.kind as identity_kind', 'customer_identity.value as identity_value'])
        .where('customer.id', '=', id)
        .orderBy('customer_identity.created_at')
        .execute();
      const first = rows[0];
      if (!first) return null;
      const identities = rows.flatMap((r) => (r.identity_kind && r.identity_value !== null ? [{ customer_id: id, kind: r.identity_kind, value: r.identity_value }] : []));
      return toCustomer(first, identities);
    },
    async getMany(ids) {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const rows = await db.selectFrom('customer').selectAll().where('id', 'in', unique).execute();
      return new Map((await hydrate(rows)).map((c) => [c.id, c]));
    },
    async update(id, p, at) {
      await db
        .updateTable('customer')
        .set({
          ...(p.name !== undefined && { name: p.name }),
          ...(p.language !== undefined && { language: p.language }),
          ...(p.verificationLevel !== undefined && { verification_level: p.verificationLevel }),
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
    },
    async list(filter, page) {
      let q = db.selectFrom('customer').selectAll().where('merged_into_id', 'is', null).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit + 1);
      if (filter.brandIds) {
        const ids = filter.brandIds.length ? filter.brandIds : [''];
        q = q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('ticket')
              .select('ticket.id')
              .whereRef('ticket.requester_id', '=', 'customer.id')
              .where('ticket.brand_id', 'in', ids),
          ),
        );
      }
      if (filter.q) {
        const pattern = likePrefix(filter.q.toLowerCase());
        // A number typed as people say it ("138 0013 8000", "0138…") finds the E.164 identity by its digits.
        const digits = /^[\d\s()+.-]+$/.test(filter.q) ? filter.q.replace(/\D/g, '').replace(/^0+/, '') : '';
        q = q.where((eb) =>
          eb.or([
            eb(eb.fn('lower', ['customer.name']), 'like', pattern),
            // Any word of the name: "lei" finds "Wang Lei".
            eb(eb.fn('lower', ['customer.name']), 'like', `% ${pattern}`),
            eb(
              'customer.id',
              'in',
              eb.selectFrom('customer_identity').select('customer_id').where('value', 'like', pattern),
            ),
            ...(digits.length >= 6
              ? [eb('customer.id', 'in', eb.selectFrom('customer_identity').select('customer_id').where('kind', '=', 'phone').where('value', 'like', `%${digits}%`))]
              : []),
          ]),
        );
      }
      if (page.cursor) {
        const c = decodeCursor(page.cursor);
        if (!c) throw invalid('The cursor is not valid. Start again without it.', { field: 'cursor' });
        const [at, id] = c as [string, string];
        q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]));
      }
      const rows = await q.execute();
      const more = rows.length > page.limit;
      const pageRows = more ? rows.slice(0, page.limit) : rows;
      const last = pageRows[pageRows.length - 1];
      return { customers: await hydrate(pageRows), nextCursor: more && last ? encodeCursor(last.created_at, last.id) : null };
    },
    async mergeInto(sourceId, targetId, at) {
      // Everything that names the source as the person moves; the history keeps naming it (append-only).
      await db.updateTable('customer_identity').set({ customer_id: targetId }).where('customer_id', '=', sourceId).execute();
      const tickets = await db.updateTable('ticket').set({ requester_id: targetId }).where('requester_id', '=', sourceId).executeTakeFirst();
      for (const table of ['portal_link', 'chat_session', 'csat_survey', 'account_freeze', 'freeze_link', 'step_up'] as const) {
        await db.updateTable(table).set({ customer_id: targetId }).where('customer_id', '=', sourceId).execute();
      }
      await db.updateTable('customer').set({ merged_into_id: targetId, updated_at: at }).where('id', '=', sourceId).execute();
      return Number(tickets.numUpdatedRows ?? 0);
    },
    async hasTicketIn(customerId, brandIds) {
      if (brandIds.length === 0) return false;
      const row = await db
        .selectFrom('ticket')
        .select('id')
        .where('requester_id', '=', customerId)
        .where('brand_id', 'in', brandIds)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
    async bouncingSince(kind, value) {
      const row = await db
        .selectFrom('customer_identity')
        .select('bouncing_at')
        .where('kind', '=', kind)
        .where('value', '=', value)
        .executeTakeFirst();
      return row?.bouncing_at ?? null;
    },
    async markBouncing(kind, value, at) {
      await db.updateTable('customer_identity').set({ bouncing_at: at }).where('kind', '=', kind).where('value', '=', value).execute();
    },
  };
}
