/**
 * The bell (issue 16): tells agents what concerns them — a ticket assigned to them, their customer answered, a
 * mention (@name) in a note, an SLA about to breach, a security ticket arrived. Each notification names its
 * event, so a second run of the job tells nobody twice; each agent chooses the kinds they hear about.
 */
import type { DomainEvent } from '../../core/domain-events.js';
import type { Agent, Team } from '../../core/people.js';
import type { Ticket } from '../../core/ticket.js';
import { notifyAgents, type NotificationDraft } from '../notifications.js';
import type { ProcessorDeps, Repos } from '../ports.js';
import type { Processor } from './processor.js';

type Handled = 'ticket.assigned' | 'ticket.created' | 'message.added' | 'sla.warning';

const MENTION = /@([\p{L}\p{N}][\p{L}\p{N}._-]*)/gu;

/**
 * The agents a text mentions: `@` followed by an agent's e-mail name (li.ming@… → @li.ming), their name without
 * spaces (Ada Admin → @AdaAdmin, 李客服 → @李客服) or their first name (@Ada). Case does not matter.
 */
export function mentionedAgents(text: string, agents: readonly Agent[]): Agent[] {
  const words = new Set([...text.matchAll(MENTION)].map((m) => m[1]!.toLowerCase().replace(/[._-]+$/, '')));
  if (words.size === 0) return [];
  return agents.filter((a) => {
    const names = [a.email.split('@')[0]!, a.name.replace(/\s+/g, ''), a.name.split(/\s+/)[0]!].map((n) => n.toLowerCase());
    return names.some((n) => n !== '' && words.has(n));
  });
}

/** The members of the teams that take this category for the ticket's brand. */
function teamMembersFor(teams: readonly Team[], agents: readonly Agent[], ticket: Pick<Ticket, 'brandId'>, category: string): Agent[] {
  const ids = new Set(teams.filter((t) => t.categories.includes(category) && (t.brandId === null || t.brandId === ticket.brandId)).flatMap((t) => t.memberIds));
  return agents.filter((a) => ids.has(a.id));
}

/** Who hears about a new security ticket: the security team of the brand, else its supervisors and admins. */
async function securityAudience(repos: Pick<Repos, 'teams' | 'agents'>, ticket: Ticket): Promise<Agent[]> {
  const agents = (await repos.agents.list({ brandIds: [ticket.brandId] })).filter((a) => a.active);
  const team = teamMembersFor(await repos.teams.list({ brandIds: [ticket.brandId] }), agents, ticket, 'security');
  return team.length > 0 ? team : agents.filter((a) => a.role !== 'agent');
}

async function drafts(deps: ProcessorDeps, event: DomainEvent<Handled>, ticket: Ticket): Promise<NotificationDraft[]> {
  const actorId = event.actor.type === 'agent' ? event.actor.id : null;
  const base = { ticket, cause: event.id } as const;
  switch (event.type) {
    case 'ticket.assigned': {
      const to = event.changes.assigneeId?.[1];
      if (typeof to !== 'string' || to === actorId) return [];
      const by = actorId ? await deps.store.agents.get(actorId) : null;
      const rule = (event.data as { rule_name?: string }).rule_name;
      return [{ ...base, agentId: to, kind: 'assigned', data: { by: by?.name ?? null, ...(rule ? { rule } : {}) } }];
    }
    case 'ticket.created':
      if (event.data.category !== 'security') return [];
      return (await securityAudience(deps.store, ticket)).map((a) => ({ ...base, agentId: a.id, kind: 'security' as const }));
    case 'message.added': {
      if (event.data.author_type === 'customer') {
        // A new ticket is not an answer; its assignee (routing) hears "assigned".
        if (!ticket.assigneeId || ticket.createdAt === event.at) return [];
        return [{ ...base, agentId: ticket.assigneeId, kind: 'customer_reply' }];
      }
      if (event.data.author_type !== 'agent' || event.data.public) return [];
      const message = await deps.store.messages.get(event.data.message_id);
      if (!message) return [];
      const agents = (await deps.store.agents.list({ brandIds: [ticket.brandId] })).filter((a) => a.active && a.id !== message.authorId);
      const by = message.authorId ? await deps.store.agents.get(message.authorId) : null;
      return mentionedAgents(message.body, agents).map((a) => ({ ...base, agentId: a.id, kind: 'mention' as const, data: { by: by?.name ?? null } }));
    }
    case 'sla.warning': {
      const data = { metric: event.data.metric, due_at: event.data.due_at };
      if (ticket.assigneeId) return [{ ...base, agentId: ticket.assigneeId, kind: 'sla_warning', data }];
      if (!ticket.teamId) return [];
      const team = await deps.store.teams.get(ticket.teamId);
      return (team?.memberIds ?? []).map((id) => ({ ...base, agentId: id, kind: 'sla_warning' as const, data }));
    }
  }
}

export const agentNotifications: Processor<Handled> = {
  name: 'agent-notifications',
  version: 1,
  handles: ['ticket.assigned', 'ticket.created', 'message.added', 'sla.warning'],
  // Only events that may concern someone: an assignment to an agent, a security ticket, a customer's message,
  // an internal note (it may mention someone), an SLA warning.
  wants(event) {
    switch (event.type) {
      case 'ticket.assigned':
        return typeof event.changes.assigneeId?.[1] === 'string';
      case 'ticket.created':
        return event.data.category === 'security';
      case 'message.added':
        // A customer's message concerns an assigned ticket's agent (ingestion names the assignee, except on the
        // message that opens a ticket); a note may mention someone.
        return (event.data.author_type === 'customer' && typeof event.data.assignee_id === 'string') || (event.data.author_type === 'agent' && !event.data.public);
      default:
        return true;
    }
  },
  async run(deps, event) {
    if (!event.ticketId) return;
    const ticket = await deps.store.tickets.get(event.ticketId);
    if (!ticket) return;
    await notifyAgents(deps, await drafts(deps, event, ticket));
  },
};
