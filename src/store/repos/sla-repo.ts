/** SLA policies and clocks on Kysely (both databases). */
import type { SlaRepo, StoredClock } from '../../app/sla-ports.js';
import { DEFAULT_PAUSED_BY, NO_ESCALATION, type SlaMetric, type SlaPolicy, type SlaState } from '../../core/sla.js';
import type { DialectName } from '../dialect.js';
import type { SlaClockTable, SlaPolicyTable } from '../sla-schema.js';
import { bool, int, jsonText, parseJson, type Db } from './rows.js';

function toPolicy(r: SlaPolicyTable): SlaPolicy {
  return {
    id: r.id,
    name: r.name,
    brandId: r.brand_id,
    position: r.position,
    enabled: bool(r.enabled),
    conditions: parseJson(r.conditions, {}),
    targets: parseJson(r.targets, {}),
    pausedBy: { ...DEFAULT_PAUSED_BY, ...parseJson(r.paused_by, {}) },
    escalation: { ...NO_ESCALATION, ...parseJson(r.escalation, {}) },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toClock(r: SlaClockTable): StoredClock {
  return {
    ticketId: r.ticket_id,
    metric: r.metric as SlaMetric,
    policyId: r.policy_id,
    state: r.state as SlaState,
    dueAt: r.due_at,
    startedAt: r.started_at,
    fulfilledAt: r.fulfilled_at,
    breachedAt: r.breached_at,
    warnAt: r.warn_at,
    warnedAt: r.warned_at,
    running: bool(r.running),
    updatedAt: r.updated_at,
  };
}

const clockRow = (c: StoredClock): SlaClockTable => ({
  ticket_id: c.ticketId,
  metric: c.metric,
  policy_id: c.policyId,
  state: c.state,
  due_at: c.dueAt,
  started_at: c.startedAt,
  fulfilled_at: c.fulfilledAt,
  breached_at: c.breachedAt,
  warn_at: c.warnAt,
  warned_at: c.warnedAt,
  running: int(c.running),
  updated_at: c.updatedAt,
});

export function slaRepo(db: Db, dialect: DialectName): SlaRepo {
  return {
    async listPolicies() {
      return (await db.selectFrom('sla_policy').selectAll().orderBy('position').orderBy('created_at').execute()).map(toPolicy);
    },
    async getPolicy(id) {
      const row = await db.selectFrom('sla_policy').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toPolicy(row) : null;
    },
    async insertPolicy(p) {
      await db
        .insertInto('sla_policy')
        .values({
          id: p.id,
          brand_id: p.brandId,
          name: p.name,
          position: p.position,
          enabled: int(p.enabled),
          conditions: jsonText(p.conditions),
          targets: jsonText(p.targets),
          paused_by: jsonText(p.pausedBy),
          escalation: jsonText(p.escalation),
          created_at: p.createdAt,
          updated_at: p.updatedAt,
        })
        .execute();
    },
    async updatePolicy(id, p, at) {
      await db
        .updateTable('sla_policy')
        .set({
          ...(p.name !== undefined && { name: p.name }),
          ...(p.brandId !== undefined && { brand_id: p.brandId }),
          ...(p.position !== undefined && { position: p.position }),
          ...(p.enabled !== undefined && { enabled: int(p.enabled) }),
          ...(p.conditions !== undefined && { conditions: jsonText(p.conditions) }),
          ...(p.targets !== undefined && { targets: jsonText(p.targets) }),
          ...(p.pausedBy !== undefined && { paused_by: jsonText(p.pausedBy) }),
          ...(p.escalation !== undefined && { escalation: jsonText(p.escalation) }),
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
    },
    async deletePolicy(id) {
      await db.deleteFrom('sla_policy').where('id', '=', id).execute();
    },
    async lockTicket(ticketId) {
      if (dialect === 'postgres') await db.selectFrom('ticket').select('id').where('id', '=', ticketId).forUpdate().execute();
    },
    async clocksFor(ticketId) {
      return (await db.selectFrom('sla_clock').selectAll().where('ticket_id', '=', ticketId).execute()).map(toClock);
    },
    async replaceClocks(ticketId, clocks) {
      const keep = clocks.map((c) => c.metric);
      let del = db.deleteFrom('sla_clock').where('ticket_id', '=', ticketId);
      if (keep.length > 0) del = del.where('metric', 'not in', keep);
      await del.execute();
      for (const c of clocks) {
        const row = clockRow(c);
        const { ticket_id: _t, metric: _m, ...rest } = row;
        await db
          .insertInto('sla_clock')
          .values(row)
          .onConflict((oc) => oc.columns(['ticket_id', 'metric']).doUpdateSet(rest))
          .execute();
      }
    },
    async setNextDue(ticketId, dueAt) {
      await db.updateTable('ticket').set({ sla_due_at: dueAt }).where('id', '=', ticketId).execute();
    },
    async nextDue(ticketIds) {
      if (ticketIds.length === 0) return new Map();
      const rows = await db.selectFrom('ticket').select(['id', 'sla_due_at']).where('id', 'in', [...ticketIds]).where('sla_due_at', 'is not', null).execute();
      return new Map(rows.map((r) => [r.id, r.sla_due_at!]));
    },
    async overdue(now, limit) {
      const rows = await db
        .selectFrom('sla_clock')
        .selectAll()
        .where('state', '=', 'active')
        .where('running', '=', 1)
        .where('due_at', '<=', now)
        .orderBy('due_at')
        .limit(limit)
        .execute();
      return rows.map(toClock);
    },
    async warningsDue(now, limit) {
      const rows = await db
        .selectFrom('sla_clock')
        .selectAll()
        .where('warned_at', 'is', null)
        .where('warn_at', '<=', now)
        .where('state', '=', 'active')
        .where('running', '=', 1)
        .orderBy('warn_at')
        .limit(limit)
        .execute();
      return rows.map(toClock);
    },
    async unsolvedTicketIds(brandId, afterId, limit) {
      let q = db.selectFrom('ticket').select('id').where('status', 'not in', ['solved', 'closed']).orderBy('id').limit(limit);
      if (brandId) q = q.where('brand_id', '=', brandId);
      if (afterId) q = q.where('id', '>', afterId);
      return (await q.execute()).map((r) => r.id);
    },
  };
}
