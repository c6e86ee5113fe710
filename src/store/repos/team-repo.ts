import type { Team } from '../../core/people.js';
import type { TeamRepo } from '../../app/ports.js';
import type { TeamTable } from '../schema.js';
import { parseJson, type Db, jsonText } from './rows.js';

export function teamRepo(db: Db): TeamRepo {
  async function hydrate(rows: TeamTable[]): Promise<Team[]> {
    if (rows.length === 0) return [];
    const members = await db
      .selectFrom('agent_team')
      .select(['agent_id', 'team_id'])
      .where('team_id', 'in', rows.map((r) => r.id))
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      brandId: r.brand_id,
      categories: parseJson<string[]>(r.categories, []),
      memberIds: members.filter((m) => m.team_id === r.id).map((m) => m.agent_id).sort(),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }
  return {
    async insert(t) {
      await db
        .insertInto('team')
        .values({ id: t.id, name: t.name, brand_id: t.brandId, categories: jsonText(t.categories), created_at: t.createdAt, updated_at: t.updatedAt })
        .execute();
      if (t.memberIds.length > 0) {
        await db.insertInto('agent_team').values(t.memberIds.map((agent_id) => ({ agent_id, team_id: t.id }))).execute();
      }
    },
    async update(id, p, at) {
      await db
        .updateTable('team')
        .set({
          ...(p.name !== undefined && { name: p.name }),
          ...(p.brandId !== undefined && { brand_id: p.brandId }),
          ...(p.categories !== undefined && { categories: jsonText(p.categories) }),
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
    },
    async setMembers(id, agentIds) {
      await db.deleteFrom('agent_team').where('team_id', '=', id).execute();
      if (agentIds.length > 0) {
        await db.insertInto('agent_team').values(agentIds.map((agent_id) => ({ agent_id, team_id: id }))).execute();
      }
    },
    async get(id) {
      const row = await db.selectFrom('team').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? ((await hydrate([row]))[0] ?? null) : null;
    },
    async list(filter = {}) {
      let q = db.selectFrom('team').selectAll().orderBy('name').orderBy('id');
      if (filter.brandIds) {
        const ids = filter.brandIds;
        q = q.where((eb) => eb.or([eb('brand_id', 'is', null), eb('brand_id', 'in', ids.length ? ids : [''])]));
      }
      return hydrate(await q.execute());
    },
  };
}
