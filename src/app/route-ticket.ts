/**
 * Routing of new tickets (issue 10): by category to the team that takes it (security to the security team),
 * then — when admins turn it on — to an agent of that team who speaks the customer's language, balanced by
 * open tickets or in turn. Off until an admin chooses; the decision and its reasons go into the history.
 */
import { conflict } from '../core/errors.js';
import { diffFields } from '../core/event.js';
import { actorOf, assertAdmin, type Principal } from '../core/policy.js';
import type { Ticket } from '../core/ticket.js';
import { routeTicket, type RoutingState } from '../triage/index.js';
import type { DeskEvent } from '../core/event.js';
import { historyEvent } from './history.js';
import type { Deps, ProcessorDeps, Repos } from './ports.js';
// Not ./record-events.js: the routing processor runs this, and the registered list imports that processor.
import { afterCommit, recordEvents } from './processors/dispatch.js';

export interface RoutingSettings {
  /** off: nothing is routed; team: the team is set; agent: the team and an agent. */
  mode: 'off' | 'team' | 'agent';
  strategy: 'least_loaded' | 'round_robin';
}

const DEFAULTS: RoutingSettings = { mode: 'off', strategy: 'least_loaded' };

export async function getRoutingSettings(repos: Pick<Repos, 'settings'>): Promise<RoutingSettings> {
  return { ...DEFAULTS, ...((await repos.settings.get<Partial<RoutingSettings>>('routing')) ?? {}) };
}

export async function updateRoutingSettings(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, changes: Partial<RoutingSettings>): Promise<RoutingSettings> {
  assertAdmin(principal);
  return deps.store.transaction(async (tx) => {
    const current = await getRoutingSettings(tx);
    const next = { ...current, ...changes };
    if (next.mode !== 'off' && !(await tx.teams.list()).some((t) => t.categories.length > 0)) {
      throw conflict('No team takes any category yet. Give a team its categories (e.g. the security team: security) first.');
    }
    const changed = diffFields(current, next);
    if (Object.keys(changed).length === 0) return current;
    await tx.settings.set('routing', next);
    const at = deps.clock.now().toISOString();
    await tx.events.append([historyEvent({ type: 'settings.updated', actor: actorOf(principal), at, subjectType: 'settings', subjectId: 'routing', changes: changed })]);
    return next;
  });
}

/**
 * Routes a ticket just created (the routing processor, after the ticket's commit): idempotent, since a ticket
 * that already has a team or an agent (routed by an earlier run, or assigned by someone meanwhile) is left as
 * it is. Its ticket.routed event reaches consoles live.
 */
export async function routeNewTicket(deps: ProcessorDeps, ticketId: string): Promise<Partial<Ticket> | null> {
  const events: DeskEvent[] = [];
  let jobs = 0;
  const patch = await deps.store.transaction(async (tx) => {
    const ticket = await tx.tickets.get(ticketId);
    if (!ticket || ticket.teamId || ticket.assigneeId || ticket.mergedIntoId || ticket.status === 'closed') return null;
    const at = deps.clock.now().toISOString();
    const decided = await decideRoute(tx, ticket);
    if (!decided) return null;
    await tx.tickets.update(ticket.id, decided.patch, at);
    if (decided.state) await tx.settings.set('routing.state', decided.state);
    events.push(
      historyEvent({
        type: 'ticket.routed',
        actor: { type: 'system', id: null },
        at,
        subjectType: 'ticket',
        subjectId: ticket.id,
        changes: diffFields({ teamId: ticket.teamId, assigneeId: ticket.assigneeId }, { teamId: decided.patch.teamId, assigneeId: decided.patch.assigneeId }),
        data: { reasons: decided.reasons },
      }),
    );
    jobs = await recordEvents(tx, events, deps);
    return decided.patch;
  });
  await afterCommit(deps, events, jobs);
  return patch;
}

/** What routing decides for a ticket under the current settings: its patch, the round-robin state to keep, and why. */
async function decideRoute(tx: Repos, ticket: Ticket): Promise<{ patch: Partial<Ticket>; state: RoutingState | null; reasons: string[] } | null> {
  const settings = await getRoutingSettings(tx);
  if (settings.mode === 'off') return null;
  const teams = (await tx.teams.list({ brandIds: [ticket.brandId] })).filter((t) => t.categories.length > 0);
  if (teams.length === 0) return null;
  const agents = settings.mode === 'agent' ? await tx.agents.list({ brandIds: [ticket.brandId] }) : [];
  const load = settings.mode === 'agent' ? await tx.tickets.openLoad() : {};
  const state = (await tx.settings.get<RoutingState>('routing.state')) ?? { lastAgentByTeam: {} };
  const decision = routeTicket(
    {
      category: ticket.category,
      language: ticket.language ?? 'und',
      brand: ticket.brandId,
      teams: teams.map((t) => ({ id: t.id, categories: t.categories as Array<Ticket['category'] | '*'>, ...(t.brandId ? { brands: [t.brandId] } : {}) })),
      // Presence is not tracked across instances yet: every active agent counts as available.
      agents: agents.map((a) => ({
        id: a.id,
        teams: a.teamIds,
        languages: a.languages,
        ...(a.role === 'admin' ? {} : { brands: a.brandIds }),
        available: true,
        openTickets: load[a.id] ?? 0,
      })),
      strategy: settings.strategy,
    },
    state,
  );
  const patch: Partial<Ticket> = {};
  if (decision.teamId) patch.teamId = decision.teamId;
  if (settings.mode === 'agent' && decision.agentId) patch.assigneeId = decision.agentId;
  if (Object.keys(patch).length === 0) return null;
  return { patch, state: settings.strategy === 'round_robin' && decision.agentId ? decision.state : null, reasons: decision.reasons };
}
