import { conflict } from '../../core/errors.js';
import type { ChannelAccount, ChannelAccountRepo } from '../../app/channel-account-ports.js';
import type { ChannelAccountTable } from '../channel-account-schema.js';
import { bool, int, isUniqueViolation, jsonText, parseJson, type Db } from './rows.js';

function toAccount(row: ChannelAccountTable): ChannelAccount {
  return {
    id: row.id,
    brandId: row.brand_id,
    kind: row.kind,
    name: row.name,
    settings: parseJson<Record<string, unknown>>(row.settings, {}),
    sealedSecrets: row.secrets,
    uniqueKey: row.unique_key,
    enabled: bool(row.enabled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(a: ChannelAccount): ChannelAccountTable {
  return {
    id: a.id,
    brand_id: a.brandId,
    kind: a.kind,
    name: a.name,
    settings: jsonText(a.settings),
    secrets: a.sealedSecrets,
    unique_key: a.uniqueKey,
    enabled: int(a.enabled),
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

/** The same answer for both unique indexes when two writers race past the use case's own check. */
const taken = () => conflict('Another channel account has this name in the brand, or is set up for the same mailbox or number.');

/** Channel accounts; the two unique indexes (brand+kind+name, kind+unique key) are the last word on conflicts. */
export function channelAccountRepo(db: Db): ChannelAccountRepo {
  return {
    async insert(a) {
      try {
        await db.insertInto('channel_account').values(toRow(a)).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw taken();
        throw err;
      }
    },
    async update(a) {
      const { id, created_at: _created, ...changes } = toRow(a);
      try {
        await db.updateTable('channel_account').set(changes).where('id', '=', id).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw taken();
        throw err;
      }
    },
    async get(id) {
      const row = await db.selectFrom('channel_account').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toAccount(row) : null;
    },
    async list(filter = {}) {
      let q = db.selectFrom('channel_account').selectAll();
      if (filter.brandIds) {
        if (filter.brandIds.length === 0) return [];
        q = q.where('brand_id', 'in', [...filter.brandIds]);
      }
      if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
      if (filter.enabled !== undefined) q = q.where('enabled', '=', int(filter.enabled));
      const rows = await q.orderBy('created_at').orderBy('id').execute();
      return rows.map(toAccount);
    },
  };
}
