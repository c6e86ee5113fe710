/**
 * The supervisor's live view (GET /api/v1/reports/live): queue sizes per view and team, who is online, the oldest
 * tickets still waiting for a first reply, and tickets whose SLA clock warned but was neither met nor breached.
 */
import type { Principal } from '../core/policy.js';
import { visibleBrands } from '../core/policy.js';
import type { Channel } from '../core/ticket.js';
import type { Deps } from './ports.js';
import { assertCanReadReports } from './quality-report.js';

const UNSOLVED = ['new', 'open', 'pending', 'on_hold'] as const;
/** An agent counts as online when their console was seen this recently (it pings every 30 s). */
const ONLINE_MS = 90_000;
const WARNING_LOOKBACK_MS = 7 * 86_400_000;

export interface LiveOverview {
  at: string;
  views: Array<{ id: string; count: number }>;
  teams: Array<{ team_id: string | null; name: string | null; count: number }>;
  agents_online: Array<{ id: string; name: string }>;
  oldest_waiting: Array<{ id: string; number: number; brand_id: string; channel: Channel; created_at: string; waiting_s: number }>;
  about_to_breach: Array<{ ticket_id: string; number: number | null; metric: string; due_at: string | null }>;
}

export async function readLiveOverview(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal): Promise<LiveOverview> {
  assertCanReadReports(principal);
  const { store } = deps;
  const now = deps.clock.now();
  const visible = visibleBrands(principal);
  const count = (f: Parameters<typeof store.tickets.count>[0]) => store.tickets.count({ ...f, visibleBrandIds: visible, status: [...UNSOLVED] });
  const [unassigned, urgent, all, byTeam, teams, online, agents, waiting, slaEvents] = await Promise.all([
    count({ assigneeId: null }),
    count({ anyOf: { priority: ['urgent'], category: ['security'] } }),
    count({}),
    store.reports.unsolvedByTeam(visible),
    store.teams.list({ brandIds: visible }),
    store.presence.seenSince(new Date(now.getTime() - ONLINE_MS).toISOString()),
    store.agents.list({ brandIds: visible }),
    store.reports.oldestWaiting(visible, 10),
    store.reports.eventsOfTypes(['sla.warning', 'sla.fulfilled', 'sla.breached'], { visibleBrandIds: visible }, new Date(now.getTime() - WARNING_LOOKBACK_MS).toISOString(), new Date(now.getTime() + 1000).toISOString()),
  ]);
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const onlineIds = new Set(online);
  // The latest clock event per ticket and metric: a warning not followed by fulfilment or breach is about to breach.
  const latest = new Map<string, { ticketId: string; metric: string; type: string; due: string | null }>();
  for (const e of slaEvents) {
    const metric = typeof e.data.metric === 'string' ? e.data.metric : '';
    latest.set(`${e.ticketId}|${metric}`, { ticketId: e.ticketId, metric, type: e.type, due: typeof e.data.due_at === 'string' ? e.data.due_at : null });
  }
  const warned = [...latest.values()].filter((x) => x.type === 'sla.warning').sort((a, b) => ((a.due ?? '') < (b.due ?? '') ? -1 : 1)).slice(0, 20);
  const numbers = new Map<string, number>();
  for (const w of warned) {
    const t = await store.tickets.get(w.ticketId);
    if (t) numbers.set(t.id, t.number);
  }
  return {
    at: now.toISOString(),
    views: [
      { id: 'unassigned', count: unassigned },
      { id: 'urgent', count: urgent },
      { id: 'all', count: all },
    ],
    teams: byTeam
      .map((r) => ({ team_id: r.teamId, name: r.teamId ? (teamNames.get(r.teamId) ?? null) : null, count: r.count }))
      // Tickets of a team in another brand show without its name rather than not at all.
      .sort((a, b) => b.count - a.count),
    agents_online: agents.filter((a) => a.active && onlineIds.has(a.id)).map((a) => ({ id: a.id, name: a.name })),
    oldest_waiting: waiting.map((t) => ({
      id: t.id,
      number: t.number,
      brand_id: t.brandId,
      channel: t.channel,
      created_at: t.createdAt,
      waiting_s: Math.max(0, Math.round((now.getTime() - Date.parse(t.createdAt)) / 1000)),
    })),
    about_to_breach: warned.map((w) => ({ ticket_id: w.ticketId, number: numbers.get(w.ticketId) ?? null, metric: w.metric, due_at: w.due })),
  };
}
