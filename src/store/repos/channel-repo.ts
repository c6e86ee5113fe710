import type { BrandKeyRepo, OfficialChannelRepo, OfficialChannelsDoc } from '../../app/ports.js';
import { countAll, parseJson, type Db, jsonText } from './rows.js';

export function officialChannelRepo(db: Db): OfficialChannelRepo {
  return {
    async get(brandId) {
      const row = await db.selectFrom('official_channels').selectAll().where('brand_id', '=', brandId).executeTakeFirst();
      return row ? { doc: parseJson<OfficialChannelsDoc>(row.doc, emptyDoc()), updatedAt: row.updated_at } : null;
    },
    async list() {
      const rows = await db.selectFrom('official_channels').selectAll().orderBy('brand_id').execute();
      return rows.map((r) => ({ brandId: r.brand_id, doc: parseJson<OfficialChannelsDoc>(r.doc, emptyDoc()), updatedAt: r.updated_at }));
    },
    async set(brandId, doc, at) {
      const text = jsonText(doc);
      await db
        .insertInto('official_channels')
        .values({ brand_id: brandId, doc: text, updated_at: at })
        .onConflict((oc) => oc.column('brand_id').doUpdateSet({ doc: text, updated_at: at }))
        .execute();
    },
    async version() {
      // Brands count too: their names and support addresses are part of the registry.
      const [channels, brands] = await Promise.all([
        db.selectFrom('official_channels').select([countAll.as('n'), (eb) => eb.fn.max('updated_at').as('latest')]).executeTakeFirstOrThrow(),
        db.selectFrom('brand').select([countAll.as('n'), (eb) => eb.fn.max('updated_at').as('latest')]).executeTakeFirstOrThrow(),
      ]);
      return `${channels.n}:${channels.latest ?? ''}:${brands.n}:${brands.latest ?? ''}`;
    },
  };
}

export function emptyDoc(): OfficialChannelsDoc {
  return { domains: [], emails: [], phones: [], handles: [] };
}

export function brandKeyRepo(db: Db): BrandKeyRepo {
  return {
    async get(brandId) {
      const row = await db.selectFrom('brand_key').selectAll().where('brand_id', '=', brandId).executeTakeFirst();
      return row ? { publicKey: row.public_key, privateKeySealed: row.private_key, createdAt: row.created_at } : null;
    },
    async insert(brandId, publicKey, privateKeySealed, at) {
      const r = await db
        .insertInto('brand_key')
        .values({ brand_id: brandId, public_key: publicKey, private_key: privateKeySealed, created_at: at })
        .onConflict((oc) => oc.column('brand_id').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
  };
}
