/** JSON of SLA clocks, policies and calendars. */
import type { BusinessCalendar } from '../core/calendar.js';
import type { SlaMetric, SlaPolicy, SlaState } from '../core/sla.js';
import type { StoredClock } from '../app/sla-ports.js';

const ORDER: Record<SlaMetric, number> = { first_reply: 0, next_reply: 1, resolution: 2 };

/**
 * A ticket's clocks as `[{metric, due_at, state}]`. A running clock whose deadline passed reads as breached even
 * before the periodic check has recorded it, so no reader ever sees "active" past its deadline.
 */
export function presentSla(clocks: readonly StoredClock[], now: Date): Array<{ metric: SlaMetric; due_at: string | null; state: SlaState }> {
  const nowIso = now.toISOString();
  return [...clocks]
    .sort((a, b) => ORDER[a.metric] - ORDER[b.metric])
    .map((c) => ({ metric: c.metric, due_at: c.dueAt, state: c.state === 'active' && c.running && c.dueAt !== null && c.dueAt <= nowIso ? 'breached' : c.state }));
}

/** The earliest deadline among clocks still counting. */
export function nextDueOf(clocks: readonly StoredClock[]): string | null {
  let best: string | null = null;
  for (const c of clocks) if (c.running && c.fulfilledAt === null && c.dueAt && (best === null || c.dueAt < best)) best = c.dueAt;
  return best;
}

export function presentSlaPolicy(p: SlaPolicy) {
  return {
    id: p.id,
    name: p.name,
    brand_id: p.brandId,
    position: p.position,
    enabled: p.enabled,
    conditions: p.conditions,
    targets: p.targets,
    paused_by: p.pausedBy,
    escalation: p.escalation,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

export function presentCalendar(brandId: string, c: BusinessCalendar & { source: 'calendar' | 'phone' | 'default' }) {
  return { brand_id: brandId, time_zone: c.timeZone, hours: c.hours, holidays: [...c.holidays], workdays: [...c.workdays], source: c.source };
}
