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
  // One statement per read (a brand with its addresses, one row per address): a new ticket reads a brand twice.
  function joined() {
    return db
      .selectFrom('brand')
      .leftJoin('brand_address', 'brand_address.brand_id', 'brand.id')
      .selectAll('brand')
      .select(['brand_address.kind as address_kind', 'brand_address.value as address_value'])
      .orderBy('brand.name')
      .orderBy('brand.id');
  }
  async function withAddressesJoined(where: (q: ReturnType<typeof joined>) => ReturnType<typeof joined>): Promise<Brand[]> {
    const rows = await where(joined()).execute();
    const byId = new Map<string, { row: BrandTable; addresses: Array<{ kind: string; value: string }> }>();
    for (const r of rows) {
      let b = byId.get(r.id);
      if (!b) byId.set(r.id, (b = { row: r, addresses: [] }));
      if (r.address_kind && r.address_value !== null) b.addresses.push({ kind: r.address_kind, value: r.address_value });
    }
    return [...byId.values()].map((b) => toBrand(b.row, b.addresses));
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
      return (await withAddressesJoined((q) => q.where('brand.id', '=', id)))[0] ?? null;
    },
    async getBySlug(slug) {
      return (await withAddressesJoined((q) => q.where('brand.slug', '=', slug)))[0] ?? null;
    },
    async list(ids) {
      if (ids && ids.length === 0) return [];
      return withAddressesJoined((q) => (ids ? q.where('brand.id', 'in', ids) : q));
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
