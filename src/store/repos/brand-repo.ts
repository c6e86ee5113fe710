import { conflict } from '../../core/errors.js';
import type { Brand, UiLanguage } from '../../core/people.js';
import type { BrandRepo } from '../../app/ports.js';
import type { BrandTable } from '../schema.js';
import { countAll, isUniqueViolation, type Db } from './rows.js';

function toBrand(row: BrandTable, addresses: Array<{ kind: string; value: string }>): Brand {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    defaultLanguage: row.default_language as UiLanguage,
    timeZone: row.time_zone,
    supportEmails: addresses.filter((a) => a.kind === 'email').map((a) => a.value).sort(),
    phoneNumbers: addresses.filter((a) => a.kind === 'phone').map((a) => a.value).sort(),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function brandRepo(db: Db): BrandRepo {
  async function withAddresses(rows: BrandTable[]): Promise<Brand[]> {
    if (rows.length === 0) return [];
    const addresses = await db
      .selectFrom('brand_address')
      .select(['brand_id', 'kind', 'value'])
      .where('brand_id', 'in', rows.map((r) => r.id))
      .execute();
    return rows.map((r) => toBrand(r, addresses.filter((a) => a.brand_id === r.id)));
  }

  return {
    async insert(brand) {
      try {
        await db
          .insertInto('brand')
          .values({
            id: brand.id,
            name: brand.name,
            slug: brand.slug,
            default_language: brand.defaultLanguage,
            time_zone: brand.timeZone,
            created_at: brand.createdAt,
            updated_at: brand.updatedAt,
          })
          .execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`A brand with the short name "${brand.slug}" exists already.`, { field: 'slug' });
        throw err;
      }
    },
    async update(id, patch, at) {
      try {
        await db
          .updateTable('brand')
          .set({
            ...(patch.name !== undefined && { name: patch.name }),
            ...(patch.slug !== undefined && { slug: patch.slug }),
            ...(patch.defaultLanguage !== undefined && { default_language: patch.defaultLanguage }),
            ...(patch.timeZone !== undefined && { time_zone: patch.timeZone }),
            updated_at: at,
          })
          .where('id', '=', id)
          .execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`A brand with the short name "${patch.slug}" exists already.`, { field: 'slug' });
        throw err;
      }
    },
    async setAddresses(id, emails, phones) {
      await db.deleteFrom('brand_address').where('brand_id', '=', id).execute();
      const rows = [
        ...emails.map((value) => ({ kind: 'email' as const, value, brand_id: id })),
        ...phones.map((value) => ({ kind: 'phone' as const, value, brand_id: id })),
      ];
      if (rows.length === 0) return;
      try {
        await db.insertInto('brand_address').values(rows).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict('One of these addresses or numbers belongs to another brand already.');
        throw err;
      }
    },
    async get(id) {
      const row = await db.selectFrom('brand').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? ((await withAddresses([row]))[0] ?? null) : null;
    },
    async getBySlug(slug) {
      const row = await db.selectFrom('brand').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? ((await withAddresses([row]))[0] ?? null) : null;
    },
    async list(ids) {
      if (ids && ids.length === 0) return [];
      let q = db.selectFrom('brand').selectAll().orderBy('name').orderBy('id');
      if (ids) q = q.where('id', 'in', ids);
      return withAddresses(await q.execute());
    },
    async findByAddress(kind, value) {
      const row = await db
        .selectFrom('brand_address')
        .select('brand_id')
        .where('kind', '=', kind)
        .where('value', '=', value)
        .executeTakeFirst();
      return row?.brand_id ?? null;
    },
    async count() {
      const row = await db.selectFrom('brand').select(countAll.as('n')).executeTakeFirstOrThrow();
      return row.n;
    },
  };
}
