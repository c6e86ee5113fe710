import { conflict } from '../../core/errors.js';
import type { Rule, RuleKind } from '../../core/rules.js';
import type { AgentNotification, NotificationKind, NotificationPrefs, NotificationRepo, RuleRepo } from '../../app/rules-ports.js';
import type { NotificationTable, RuleTable } from '../rules-schema.js';
import { bool, countAll, int, isUniqueViolation, jsonText, parseJson, type Db } from './rows.js';

function toRule(row: RuleTable): Rule {
  return {
    id: row.id,
    kind: row.kind as RuleKind,
    name: row.name,
    brandId: row.brand_id,
    enabled: bool(row.enabled),
    position: row.position,
    conditions: parseJson(row.conditions, { all: [], any: [] }),
    actions: parseJson(row.actions, []),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(r: Rule): RuleTable {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    brand_id: r.brandId,
    enabled: int(r.enabled),
    position: r.position,
    conditions: jsonText(r.conditions),
    actions: jsonText(r.actions),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

const taken = () => conflict('Another rule has this name. Choose another name.');

/** Triggers and automations; the unique name index is the last word on duplicates. */
export function ruleRepo(db: Db): RuleRepo {
  return {
    async insert(rule) {
      try {
        await db.insertInto('rule').values(toRow(rule)).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw taken();
        throw err;
      }
    },
    async update(rule) {
      const { id, created_at: _created, ...changes } = toRow(rule);
      try {
        await db.updateTable('rule').set(changes).where('id', '=', id).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw taken();
        throw err;
      }
    },
    async delete(id) {
      await db.deleteFrom('rule_run').where('rule_id', '=', id).execute();
      await db.deleteFrom('rule').where('id', '=', id).execute();
    },
    async get(id) {
      const row = await db.selectFrom('rule').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRule(row) : null;
    },
    async list(filter = {}) {
      let q = db.selectFrom('rule').selectAll();
      if (filter.kind) q = q.where('kind', '=', filter.kind);
      if (filter.enabled !== undefined) q = q.where('enabled', '=', int(filter.enabled));
      return (await q.orderBy('position').orderBy('name').execute()).map(toRule);
    },
    async claimRun(ruleId, key, at) {
      const result = await db
        .insertInto('rule_run')
        .values({ rule_id: ruleId, run_key: key, at })
        .onConflict((oc) => oc.columns(['rule_id', 'run_key']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
  };
}

function toNotification(row: NotificationTable): AgentNotification {
  return {
    id: row.id,
    agentId: row.agent_id,
    kind: row.kind as NotificationKind,
    ticketId: row.ticket_id,
    data: parseJson<Record<string, unknown>>(row.data, {}),
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

/** The agents' notifications and their choices; one per (agent, source key). */
export function notificationRepo(db: Db): NotificationRepo {
  return {
    async insertMany(items) {
      const added: AgentNotification[] = [];
      // One statement each: ON CONFLICT DO NOTHING tells which were new on both databases.
      for (const n of items) {
        const result = await db
          .insertInto('notification')
          .values({ id: n.id, agent_id: n.agentId, kind: n.kind, ticket_id: n.ticketId, source_key: n.sourceKey, data: jsonText(n.data), created_at: n.createdAt, read_at: n.readAt })
          .onConflict((oc) => oc.columns(['agent_id', 'source_key']).doNothing())
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) added.push({ id: n.id, agentId: n.agentId, kind: n.kind, ticketId: n.ticketId, data: n.data, createdAt: n.createdAt, readAt: n.readAt });
      }
      return added;
    },
    async list(agentId, filter) {
      let q = db.selectFrom('notification').selectAll().where('agent_id', '=', agentId);
      if (filter.unreadOnly) q = q.where('read_at', 'is', null);
      return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute()).map(toNotification);
    },
    async countUnread(agentId) {
      const row = await db.selectFrom('notification').select(countAll.as('n')).where('agent_id', '=', agentId).where('read_at', 'is', null).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async markRead(agentId, ids, at) {
      let q = db.updateTable('notification').set({ read_at: at }).where('agent_id', '=', agentId).where('read_at', 'is', null);
      if (ids) {
        if (ids.length === 0) return;
        q = q.where('id', 'in', [...ids]);
      }
      await q.execute();
    },
    async getPrefs(agentIds) {
      const out = new Map<string, Partial<NotificationPrefs>>();
      if (agentIds.length === 0) return out;
      const rows = await db.selectFrom('notification_pref').selectAll().where('agent_id', 'in', [...agentIds]).execute();
      for (const r of rows) out.set(r.agent_id, parseJson<Partial<NotificationPrefs>>(r.prefs, {}));
      return out;
    },
    async setPrefs(agentId, prefs, at) {
      await db
        .insertInto('notification_pref')
        .values({ agent_id: agentId, prefs: jsonText(prefs), updated_at: at })
        .onConflict((oc) => oc.column('agent_id').doUpdateSet({ prefs: jsonText(prefs), updated_at: at }))
        .execute();
    },
  };
}
