import { sql } from 'kysely';
import { conflict } from '../../core/errors.js';
import type { Agent, Role } from '../../core/people.js';
import type { AgentAuth, AgentRepo } from '../../app/ports.js';
import type { AgentTable } from '../schema.js';
import { bool, countAll, int, isUniqueViolation, parseJson, type Db, jsonText } from './rows.js';

function toAuth(row: AgentTable, brandIds: string[], teamIds: string[]): AgentAuth {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    languages: parseJson<string[]>(row.languages, []),
    brandIds,
    teamIds,
    active: bool(row.active),
    totpEnabled: bool(row.totp_enabled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    passwordChangedAt: row.password_changed_at,
  };
}

/** Strips the secrets: only authentication code ever sees them. */
function publicAgent(a: AgentAuth): Agent {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    languages: a.languages,
    brandIds: a.brandIds,
    teamIds: a.teamIds,
    active: a.active,
    totpEnabled: a.totpEnabled,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export function agentRepo(db: Db): AgentRepo {
  async function hydrate(rows: AgentTable[]): Promise<AgentAuth[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [brands, teams] = await Promise.all([
      db.selectFrom('agent_brand').select(['agent_id', 'brand_id']).where('agent_id', 'in', ids).execute(),
      db.selectFrom('agent_team').select(['agent_id', 'team_id']).where('agent_id', 'in', ids).execute(),
    ]);
    return rows.map((r) =>
      toAuth(
        r,
        brands.filter((b) => b.agent_id === r.id).map((b) => b.brand_id).sort(),
        teams.filter((t) => t.agent_id === r.id).map((t) => t.team_id).sort(),
      ),
    );
  }

  async function getAuthWhere(column: 'id' | 'email', value: string): Promise<AgentAuth | null> {
    const row = await db.selectFrom('agent').selectAll().where(column, '=', value).executeTakeFirst();
    return row ? ((await hydrate([row]))[0] ?? null) : null;
  }

  return {
    async insert(a) {
      try {
        await db
          .insertInto('agent')
          .values({
            id: a.id,
            email: a.email,
            name: a.name,
            role: a.role,
            languages: jsonText(a.languages),
            password_hash: a.passwordHash,
            totp_secret: a.totpSecret,
            totp_enabled: int(a.totpEnabled),
            failed_logins: a.failedLogins,
            locked_until: a.lockedUntil,
            password_changed_at: a.passwordChangedAt,
            active: int(a.active),
            created_at: a.createdAt,
            updated_at: a.updatedAt,
          })
          .execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`An agent with the e-mail ${a.email} exists already.`, { field: 'email' });
        throw err;
      }
      if (a.brandIds.length > 0) {
        await db.insertInto('agent_brand').values(a.brandIds.map((brand_id) => ({ agent_id: a.id, brand_id }))).execute();
      }
      if (a.teamIds.length > 0) {
        await db.insertInto('agent_team').values(a.teamIds.map((team_id) => ({ agent_id: a.id, team_id }))).execute();
      }
    },
    async update(id, p, at) {
      try {
        await db
          .updateTable('agent')
          .set({
            ...(p.name !== undefined && { name: p.name }),
            ...(p.email !== undefined && { email: p.email }),
            ...(p.role !== undefined && { role: p.role }),
            ...(p.languages !== undefined && { languages: jsonText(p.languages) }),
            ...(p.active !== undefined && { active: int(p.active) }),
            ...(p.passwordHash !== undefined && { password_hash: p.passwordHash }),
            ...(p.passwordChangedAt !== undefined && { password_changed_at: p.passwordChangedAt }),
            ...(p.totpSecret !== undefined && { totp_secret: p.totpSecret }),
            ...(p.totpEnabled !== undefined && { totp_enabled: int(p.totpEnabled) }),
            ...(p.failedLogins !== undefined && { failed_logins: p.failedLogins }),
            ...(p.lockedUntil !== undefined && { locked_until: p.lockedUntil }),
            updated_at: at,
          })
          .where('id', '=', id)
          .execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`An agent with the e-mail ${p.email} exists already.`, { field: 'email' });
        throw err;
      }
    },
    async recordFailedLogin(id, max, lockUntil, at) {
      // One UPDATE … RETURNING: a read-then-write lets parallel wrong passwords overwrite each other's count.
      const reaches = sql<boolean>`failed_logins + 1 >= ${max}`;
      const row = await db
        .updateTable('agent')
        .set({
          failed_logins: sql<number>`case when ${reaches} then 0 else failed_logins + 1 end`,
          locked_until: sql<string | null>`case when ${reaches} then ${lockUntil} else locked_until end`,
          updated_at: at,
        })
        .where('id', '=', id)
        .returning(['failed_logins', 'locked_until'])
        .executeTakeFirst();
      return { locked: row !== undefined && row.failed_logins === 0 && row.locked_until === lockUntil };
    },
    async setBrands(id, brandIds) {
      await db.deleteFrom('agent_brand').where('agent_id', '=', id).execute();
      if (brandIds.length > 0) {
        await db.insertInto('agent_brand').values(brandIds.map((brand_id) => ({ agent_id: id, brand_id }))).execute();
      }
    },
    async setTeams(id, teamIds) {
      await db.deleteFrom('agent_team').where('agent_id', '=', id).execute();
      if (teamIds.length > 0) {
        await db.insertInto('agent_team').values(teamIds.map((team_id) => ({ agent_id: id, team_id }))).execute();
      }
    },
    async get(id) {
      const a = await getAuthWhere('id', id);
      return a ? publicAgent(a) : null;
    },
    getAuth: (id) => getAuthWhere('id', id),
    getAuthByEmail: (email) => getAuthWhere('email', email),
    async list(filter = {}) {
      let q = db.selectFrom('agent').selectAll().orderBy('name').orderBy('id');
      if (!filter.includeInactive) q = q.where('active', '=', 1);
      if (filter.brandIds) {
        const brandIds = filter.brandIds;
        q = q.where((eb) =>
          eb.or([
            eb('role', '=', 'admin'),
            eb('id', 'in', eb.selectFrom('agent_brand').select('agent_id').where('brand_id', 'in', brandIds.length ? brandIds : [''])),
          ]),
        );
      }
      return (await hydrate(await q.execute())).map(publicAgent);
    },
    async count() {
      const row = await db.selectFrom('agent').select(countAll.as('n')).executeTakeFirstOrThrow();
      return row.n;
    },
  };
}
