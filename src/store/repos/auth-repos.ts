import { sql } from 'kysely';
import type { Role } from '../../core/people.js';
import type { ApiTokenRecord, SessionRecord, SessionRepo, SettingsRepo, TokenRepo } from '../../app/ports.js';
import type { ApiTokenTable, SessionTable } from '../schema.js';
import type { Db } from './rows.js';
import { jsonText } from './rows.js';

function toToken(row: ApiTokenTable): ApiTokenRecord {
  return {
    id: row.id,
    agentId: row.agent_id,
    name: row.name,
    role: row.role as Role,
    tokenHash: row.token_hash,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function tokenRepo(db: Db): TokenRepo {
  return {
    async insert(t) {
      await db
        .insertInto('api_token')
        .values({
          id: t.id,
          agent_id: t.agentId,
          name: t.name,
          role: t.role,
          token_hash: t.tokenHash,
          prefix: t.prefix,
          created_at: t.createdAt,
          last_used_at: t.lastUsedAt,
          revoked_at: t.revokedAt,
        })
        .execute();
    },
    async findByHash(hash) {
      const row = await db.selectFrom('api_token').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return row ? toToken(row) : null;
    },
    async get(id) {
      const row = await db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toToken(row) : null;
    },
    async list(agentId) {
      let q = db.selectFrom('api_token').selectAll().orderBy('created_at', 'desc');
      if (agentId) q = q.where('agent_id', '=', agentId);
      return (await q.execute()).map(toToken);
    },
    async revoke(id, at) {
      await db.updateTable('api_token').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },
    async touch(id, at) {
      await db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}

function toSession(row: SessionTable): SessionRecord {
  return {
    idHash: row.id_hash,
    agentId: row.agent_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

export function sessionRepo(db: Db): SessionRepo {
  return {
    async insert(s) {
      await db
        .insertInto('session')
        .values({
          id_hash: s.idHash,
          agent_id: s.agentId,
          csrf_token: s.csrfToken,
          created_at: s.createdAt,
          expires_at: s.expiresAt,
          last_seen_at: s.lastSeenAt,
          ip: s.ip,
          user_agent: s.userAgent,
        })
        .execute();
    },
    async get(idHash) {
      const row = await db.selectFrom('session').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      return row ? toSession(row) : null;
    },
    async touch(idHash, lastSeenAt, expiresAt) {
      await db.updateTable('session').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
    },
    async delete(idHash) {
      await db.deleteFrom('session').where('id_hash', '=', idHash).execute();
    },
    async deleteForAgent(agentId) {
      const r = await db.deleteFrom('session').where('agent_id', '=', agentId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export function settingsRepo(db: Db): SettingsRepo {
  return {
    async get<T>(key: string) {
      const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
      return row ? (JSON.parse(row.value) as T) : null;
    },
    async set(key, value) {
      const text = jsonText(value);
      await db
        .insertInto('setting')
        .values({ key, value: text })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
        .execute();
    },
    async bump(counter) {
      const row = await db
        .insertInto('counter')
        .values({ name: counter, value: 1 })
        .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counter.value', '+', 1) })))
        .returning('value')
        .executeTakeFirstOrThrow();
      return row.value;
    },
    async counters(prefix) {
      // Not LIKE ("_" in the names is a wildcard there) and not a range (collations differ): the table is small.
      const rows = await db
        .selectFrom('counter')
        .select(['name', 'value'])
        .where(sql<boolean>`substr(name, 1, ${prefix.length}) = ${prefix}`)
        .execute();
      return Object.fromEntries(rows.map((r) => [r.name, r.value]));
    },
    async claimOnce(flag) {
      const r = await db.updateTable('counter').set({ value: 1 }).where('name', '=', flag).where('value', '=', 0).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
