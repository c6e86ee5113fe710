/**
 * Applying changes to a ticket inside a transaction the caller owns: the checks (transitions, assignable agent,
 * team of the brand, tags, the shield on subject and tags), the patch and the history events. Shared by the
 * PATCH use case, bulk updates and rules (which record with their own actor). Apart from update-ticket.ts so
 * processors can use it without importing what records events.
 */
import { conflict, invalid } from '../core/errors.js';
import { diffFields, type ActorRef, type DeskEvent } from '../core/event.js';
import { actorOf, type Principal } from '../core/policy.js';
import { assertTransition, fitSubject, normaliseTags, statusTimestamps, type Category, type Priority, type Ticket, type TicketStatus } from '../core/ticket.js';
import { historyEvent } from './history.js';
import { refuseSecretIn, shieldWrittenText } from './shield-inbound.js';
import type { Repos, TicketPatch } from './ports.js';

/** How the events of a change are written: the actor (default: the principal's) and the recorder. */
export interface ApplyOptions {
  actor?: ActorRef;
  /** Extra data on the change's events (a rule's id and name). */
  data?: Record<string, unknown>;
  /** Records the events (and their processors' jobs); default: only appends them. */
  record?: (tx: Repos, events: readonly DeskEvent[]) => Promise<unknown>;
}

export interface TicketChanges {
  subject?: string;
  status?: TicketStatus;
  priority?: Priority;
  category?: Category;
  assigneeId?: string | null;
  teamId?: string | null;
  /** Replaces all tags. */
  tags?: readonly string[];
  addTags?: readonly string[];
  removeTags?: readonly string[];
}

/** Checks an assignee may hold a ticket of this brand. */
async function assertAssignable(tx: Repos, ticket: Ticket, agentId: string): Promise<void> {
  const agent = await tx.agents.get(agentId);
  if (!agent || !agent.active) throw invalid('That agent does not exist or is deactivated.', { field: 'assignee_id' });
  if (agent.role !== 'admin' && !agent.brandIds.includes(ticket.brandId)) {
    throw invalid(`${agent.name} does not work for this ticket's brand, so cannot be assigned.`, { field: 'assignee_id' });
  }
}

async function assertTeamFits(tx: Repos, ticket: Ticket, teamId: string): Promise<void> {
  const team = await tx.teams.get(teamId);
  if (!team) throw invalid('That team does not exist.', { field: 'team_id' });
  if (team.brandId !== null && team.brandId !== ticket.brandId) {
    throw invalid(`Team ${team.name} belongs to another brand.`, { field: 'team_id' });
  }
}

/** Applies the changes inside a transaction the caller owns (used by bulk updates too). */
export async function applyTicketChanges(tx: Repos, principal: Principal, ticket: Ticket, changes: TicketChanges, at: string, options: ApplyOptions = {}): Promise<Ticket> {
  if (ticket.mergedIntoId) throw conflict('This ticket was merged into another; change that one instead.', { merged_into_id: ticket.mergedIntoId });
  if (ticket.status === 'closed') throw conflict('This ticket is closed and cannot change. Open a follow-up ticket instead.');

  const patch: TicketPatch = {};
  if (changes.subject !== undefined) {
    const subject = changes.subject.replace(/\s+/g, ' ').trim();
    if (subject === '') throw invalid('The subject is empty.', { field: 'subject' });
    // Shielded before the cut: a phrase cut at 200 characters could be missed whole.
    patch.subject = fitSubject(shieldWrittenText(subject));
  }
  if (changes.status !== undefined) {
    assertTransition(ticket.status, changes.status);
    patch.status = changes.status;
    Object.assign(patch, statusTimestamps(ticket.status, changes.status, at));
  }
  if (changes.priority !== undefined) patch.priority = changes.priority;
  if (changes.category !== undefined) patch.category = changes.category;
  if (changes.assigneeId !== undefined) {
    if (changes.assigneeId !== null) await assertAssignable(tx, ticket, changes.assigneeId);
    patch.assigneeId = changes.assigneeId;
  }
  if (changes.teamId !== undefined) {
    if (changes.teamId !== null) await assertTeamFits(tx, ticket, changes.teamId);
    patch.teamId = changes.teamId;
  }
  if (changes.tags !== undefined || changes.addTags !== undefined || changes.removeTags !== undefined) {
    const base = changes.tags !== undefined ? normaliseTags(changes.tags) : ticket.tags;
    const remove = new Set(normaliseTags(changes.removeTags ?? []));
    // As written (a phrase's repeated words are merged away by normaliseTags), and as they would be stored.
    refuseSecretIn([...(changes.tags ?? []), ...(changes.addTags ?? [])], 'tags');
    patch.tags = normaliseTags([...base, ...(changes.addTags ?? [])]).filter((t) => !remove.has(t));
    refuseSecretIn(patch.tags, 'tags');
  }

  const changed = diffFields(ticket, patch);
  if (Object.keys(changed).length === 0) return ticket;
  await tx.tickets.update(ticket.id, patch, at);
  if (patch.subject !== undefined && changed.subject) await tx.tickets.indexSubject(ticket, patch.subject);

  const actor = options.actor ?? actorOf(principal);
  const data = options.data ?? {};
  const assignment: Record<string, [unknown, unknown]> = {};
  const rest: Record<string, [unknown, unknown]> = {};
  for (const [field, pair] of Object.entries(changed)) {
    (field === 'assigneeId' || field === 'teamId' ? assignment : rest)[field] = pair;
  }
  const events = [];
  // An agent changing what triage chose is a correction: logged so `walletdesk triage train --from-desk`
  // can learn from it. A rule's change is not a person's judgement, so it is no correction.
  if ((changed.category || changed.priority) && actor.type === 'agent') {
    events.push(
      historyEvent({
        type: 'ticket.triage_corrected',
        actor,
        at,
        subjectType: 'ticket',
        subjectId: ticket.id,
        data: {
          ...data,
          from: { category: ticket.category, priority: ticket.priority },
          to: { category: patch.category ?? ticket.category, priority: patch.priority ?? ticket.priority },
        },
      }),
    );
  }
  if (Object.keys(assignment).length) {
    events.push(historyEvent({ type: 'ticket.assigned', actor, at, subjectType: 'ticket', subjectId: ticket.id, changes: assignment, data }));
  }
  if (Object.keys(rest).length) {
    events.push(historyEvent({ type: 'ticket.updated', actor, at, subjectType: 'ticket', subjectId: ticket.id, changes: rest, data }));
  }
  if (options.record) await options.record(tx, events);
  else await tx.events.append(events);
  return { ...ticket, ...patch, updatedAt: at } as Ticket;
}

