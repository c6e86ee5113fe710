/**
 * The console's views (mine, unassigned, urgent and security, all; each per brand) with their counts, and bulk
 * changes. Views are named filters over the ticket list; counts are of unsolved tickets.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { invalid } from '../../core/errors.js';
import { visibleBrands, type Principal } from '../../core/policy.js';
import { TICKET_STATUSES, type TicketStatus } from '../../core/ticket.js';
import { countTickets, listTickets, unsolvedCounts } from '../../app/read-tickets.js';
import { bulkUpdateTickets } from '../../app/bulk-update-tickets.js';
import { sharedReads } from '../../app/shared-reads.js';
import type { TicketFilter, UnsolvedCount } from '../../app/ports.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { presentTicket } from '../presenters.js';
import { BulkBody, BulkResult, TicketPage, VIEW_IDS, ViewCounts, ViewParams, ViewQuery, errors, type ViewId } from '../../contract/index.js';
const UNSOLVED: TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];
/** How close a deadline must be for the "about to breach" view. */
const SLA_AT_RISK_MS = 60 * 60 * 1000;

/** The filter behind a view, for this principal. */
export function viewFilter(view: ViewId, principal: Principal, now: Date = new Date()): Omit<TicketFilter, 'visibleBrandIds'> {
  switch (view) {
    case 'sla_at_risk':
      return { slaDueBefore: new Date(now.getTime() + SLA_AT_RISK_MS).toISOString() };
    case 'mine':
      return { assigneeId: principal.agentId };
    case 'unassigned':
      return { assigneeId: null };
    case 'urgent':
      return { anyOf: { priority: ['urgent'], category: ['security'] } };
    case 'all':
      return {};
  }
}

function statusFilter(raw: string | undefined): TicketStatus[] | undefined {
  if (raw === undefined || raw === '' || raw === 'unsolved') return UNSOLVED;
  if (raw === 'any') return undefined;
  const values = raw.split(',').map((s) => s.trim());
  for (const v of values) if (!(TICKET_STATUSES as readonly string[]).includes(v)) throw invalid(`status "${v}" is not one of unsolved, any, ${TICKET_STATUSES.join(', ')}.`, { field: 'status' });
  return values as TicketStatus[];
}

export const viewRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  // Every console of a brand refetches the same counts and pages after the same notice: one read answers them.
  const shared = await sharedReads(deps.bus);
  app.addHook('onClose', () => shared.stop());
  const brandSet = (principal: Principal) => {
    const ids = visibleBrands(principal);
    return ids === null ? null : [...ids].sort();
  };
  app.get(
    '/views',
    { schema: { tags: ['views'], summary: 'The console views with their counts of unsolved tickets, and per brand', response: { 200: ViewCounts, ...errors(401, 429, 503) } } },
    async (request) => {
      const principal = principalOf(request);
      // Sums over the maintained groups (a few hundred rows at most); only the deadline view depends on the
      // clock and counts its at-risk tickets in their own index.
      const [groups, brandList, atRisk] = await shared.run('counts', brandSet(principal), () =>
        Promise.all([
          unsolvedCounts(deps, principal),
          deps.store.brands.list(visibleBrands(principal)),
          countTickets(deps, principal, { ...viewFilter('sla_at_risk', principal, deps.clock.now()), status: UNSOLVED }),
        ]),
      );
      const sum = (pred: (g: UnsolvedCount) => boolean) => groups.reduce((n, g) => (pred(g) ? n + g.n : n), 0);
      const inView: Record<Exclude<ViewId, 'sla_at_risk'>, (g: UnsolvedCount) => boolean> = {
        mine: (g) => g.assigneeId === principal.agentId,
        unassigned: (g) => g.assigneeId === null,
        urgent: (g) => g.urgent,
        all: () => true,
      };
      const views = VIEW_IDS.map((id) => ({ id, count: id === 'sla_at_risk' ? atRisk : sum(inView[id]) }));
      const brands = brandList.map((b) => ({ id: b.id, name: b.name, count: sum((g) => g.brandId === b.id) }));
      return { views, brands, chats_waiting: sum((g) => g.chatWaiting) };
    },
  );

  app.get(
    '/views/:view/tickets',
    {
      schema: {
        tags: ['views'],
        summary: 'The tickets of a view, newest activity first',
        params: ViewParams,
        querystring: ViewQuery,
        response: { 200: TicketPage, ...errors(400, 401, 429, 503) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      const view = request.params.view;
      const filter = { ...viewFilter(view, principal, deps.clock.now()), status: statusFilter(q.status), brandId: q.brand_id || undefined, q: q.q || undefined };
      const sort = q.sort ?? (view === 'sla_at_risk' ? 'sla_due_asc' : undefined);
      // The key is the request (the deadline view's filter holds the clock, and a shared read is at most one read old).
      const key = `${view}|${view === 'mine' ? principal.agentId : ''}|${JSON.stringify(q)}`;
      const page = await shared.run(key, brandSet(principal), () => listTickets(deps, principal, filter, { cursor: q.cursor, limit: q.limit ?? 50, ...(sort ? { sort } : {}) }));
      return { tickets: page.tickets.map((t) => ({ ...presentTicket(t, page.requesters.get(t.requesterId)), sla_due_at: page.slaDue.get(t.id) ?? null })), next_cursor: page.nextCursor };
    },
  );

  app.post(
    '/tickets/bulk',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Apply the same changes to many tickets (one transaction each); answers per ticket',
        body: BulkBody,
        response: {
          200: BulkResult,
          ...errors(400, 401, 403, 429, 503),
        },
      },
    },
    async (request) => {
      const c = request.body.changes;
      const results = await bulkUpdateTickets(deps, principalOf(request), request.body.ids, {
        status: c.status,
        priority: c.priority,
        category: c.category,
        assigneeId: c.assignee_id === undefined ? undefined : (c.assignee_id?.toLowerCase() ?? null),
        teamId: c.team_id === undefined ? undefined : (c.team_id?.toLowerCase() ?? null),
        addTags: c.add_tags,
        removeTags: c.remove_tags,
      });
      const requesters = await deps.store.customers.getMany(results.flatMap((r) => (r.ok ? [r.ticket.requesterId] : [])));
      return {
        results: results.map((r) =>
          r.ok ? { id: r.ticket.id, ok: true, ticket: presentTicket(r.ticket, requesters.get(r.ticket.requesterId)) } : { id: r.ref, ok: false, error: r.error },
        ),
      };
    },
  );
};
