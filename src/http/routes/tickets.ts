/** /api/v1/tickets: create, list, read, change, reply, merge, history. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { invalid } from '../../core/errors.js';
import { CATEGORIES, CHANNELS, PRIORITIES, TICKET_STATUSES } from '../../core/ticket.js';
import { isUuid } from '../../core/ids.js';
import { createTicket } from '../../app/create-ticket.js';
import { addAgentMessage } from '../../app/add-agent-message.js';
import { updateTicket } from '../../app/update-ticket.js';
import { mergeTickets } from '../../app/merge-tickets.js';
import { getTicket, listTicketEvents, listTickets } from '../../app/read-tickets.js';
import { checkChannelRefs } from '../../app/answer-channel-questions.js';
import { replyReach, type ReplyReach } from '../../app/reply-reach.js';
import { sendStatusLink } from '../../app/send-status-link.js';
import type { TicketFilter, TicketSort } from '../../app/ports.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { presentEvent, presentMessage, presentTicket } from '../presenters.js';
import { nextDueOf, presentSla } from '../sla-presenters.js';
import {
  EventList,
  EventsQuery,
  IdempotencyHeaders,
  MergeBody,
  MergeResult,
  MessageBody,
  MessageJson,
  StatusLinkSent,
  TicketCreate,
  TicketJson,
  TicketListQuery,
  TicketPage,
  TicketPatch,
  TicketWithMessages,
  errors,
} from '../../contract/index.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

function list<T extends string>(raw: string | undefined, allowed: readonly T[], field: string): T[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
  for (const v of values) {
    if (!(allowed as readonly string[]).includes(v)) throw invalid(`${field} "${v}" is not one of ${allowed.join(', ')}.`, { field });
  }
  return values as T[];
}

function idOrNone(raw: string | undefined, field: string, me: string): string | null | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'none') return null;
  if (raw === 'me') return me;
  if (!isUuid(raw)) throw invalid(`${field} must be an id, "me" or "none".`, { field });
  return raw.toLowerCase();
}

export const ticketRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  app.post(
    '/tickets',
    {
      config: { idempotent: true },
      schema: {
        tags: ['tickets'],
        summary: 'Open a ticket for a customer; the body becomes its first message',
        headers: IdempotencyHeaders,
        body: TicketCreate,
        response: { 200: TicketJson, 201: TicketJson, ...errors(400, 401, 403, 409, 413, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const result = await createTicket(deps, principal, {
        ...request.body,
        idempotencyKey: request.idempotencyKey,
      });
      const requester = await deps.store.customers.get(result.ticket.requesterId);
      return reply.code(result.kind === 'duplicate' ? 200 : 201).send(presentTicket(result.ticket, requester));
    },
  );

  app.get(
    '/tickets',
    {
      schema: {
        tags: ['tickets'],
        summary: 'List tickets, newest activity first, with filters and cursor pagination',
        querystring: TicketListQuery,
        response: { 200: TicketPage, ...errors(400, 401, 403, 429, 503) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      const filter: Omit<TicketFilter, 'visibleBrandIds'> = {
        status: list(q.status, TICKET_STATUSES, 'status'),
        priority: list(q.priority, PRIORITIES, 'priority'),
        category: list(q.category, CATEGORIES, 'category'),
        channel: list(q.channel, CHANNELS, 'channel'),
        assigneeId: idOrNone(q.assignee_id, 'assignee_id', principal.agentId),
        teamId: idOrNone(q.team_id, 'team_id', principal.agentId),
        brandId: q.brand_id,
        requesterId: q.requester_id,
        tag: q.tag?.toLowerCase(),
        updatedSince: q.updated_since ? new Date(q.updated_since).toISOString() : undefined,
        q: q.q,
      };
      const page = await listTickets(deps, principal, filter, { cursor: q.cursor, limit: q.limit ?? 25, sort: q.sort as TicketSort | undefined });
      return {
        tickets: page.tickets.map((t) => ({ ...presentTicket(t, page.requesters.get(t.requesterId)), sla_due_at: page.slaDue.get(t.id) ?? null })),
        next_cursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/tickets/:id',
    {
      schema: {
        tags: ['tickets'],
        summary: 'A ticket with its whole conversation (replies and internal notes)',
        params: IdParams,
        response: { 200: TicketWithMessages, ...errors(400, 401, 404, 429, 503) },
      },
    },
    async (request) => {
      const view = await getTicket(deps, principalOf(request), request.params.id);
      const byMessage = new Map<string, typeof view.attachments>();
      for (const a of view.attachments) if (a.messageId) byMessage.set(a.messageId, [...(byMessage.get(a.messageId) ?? []), a]);
      const name = (type: string, id: string | null) =>
        type === 'agent' ? (view.agents.get(id ?? '')?.name ?? null) : type === 'customer' ? (view.requester?.id === id ? view.requester.name : null) : 'walletdesk';
      const registry = deps.officialChannels ? await deps.officialChannels.get() : null;
      const checks = (m: (typeof view.messages)[number]) =>
        registry && m.authorType === 'customer'
          ? checkChannelRefs(registry, m.body).map((f) => ({
              value: f.value,
              start: f.start,
              end: f.end,
              verdict: f.verdict.verdict,
              brand_id: f.verdict.brand,
              reason: f.verdict.reason,
            }))
          : [];
      return {
        ...presentTicket(view.ticket, view.requester),
        ...(view.slaClocks.length > 0 ? { sla: presentSla(view.slaClocks, deps.clock.now()) } : {}),
        sla_due_at: view.ticket.status === 'closed' ? null : nextDueOf(view.slaClocks),
        messages: view.messages.map((m) => presentMessage(m, name(m.authorType, m.authorId), byMessage.get(m.id), checks(m))),
        reply_reach: presentReach(await replyReach(deps, deps.store, view.ticket, view.requester)),
      };
    },
  );

  app.patch(
    '/tickets/:id',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Change status, priority, category, assignee, team, tags or subject',
        params: IdParams,
        body: TicketPatch,
        response: { 200: TicketJson, ...errors(400, 401, 403, 404, 409, 429, 503) },
      },
    },
    async (request) => {
      const b = request.body;
      const ticket = await updateTicket(deps, principalOf(request), request.params.id, {
        subject: b.subject,
        status: b.status,
        priority: b.priority,
        category: b.category,
        assigneeId: b.assignee_id === undefined ? undefined : b.assignee_id?.toLowerCase() ?? null,
        teamId: b.team_id === undefined ? undefined : b.team_id?.toLowerCase() ?? null,
        tags: b.tags,
        addTags: b.add_tags,
        removeTags: b.remove_tags,
      });
      return presentTicket(ticket, await deps.store.customers.get(ticket.requesterId));
    },
  );

  app.post(
    '/tickets/:id/messages',
    {
      config: { idempotent: true },
      schema: {
        tags: ['tickets'],
        summary: 'Add a public reply (default) or an internal note',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: MessageBody,
        response: { 200: MessageJson, 201: MessageJson, ...errors(400, 401, 403, 404, 409, 413, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const result = await addAgentMessage(deps, principal, request.params.id, {
        body: request.body.body,
        public: request.body.public,
        status: request.body.status,
        attachmentIds: request.body.attachment_ids,
        idempotencyKey: request.idempotencyKey,
        via: request.body.via,
      });
      const attachments = await deps.store.attachments.listForMessages([result.message.id]);
      return reply.code(result.duplicate ? 200 : 201).send(presentMessage(result.message, principal.name, attachments));
    },
  );

  app.post(
    '/tickets/:id/status-link',
    {
      schema: {
        tags: ['tickets'],
        summary: "E-mail the customer a new private status link (for tickets whose channel cannot carry a reply)",
        params: IdParams,
        response: { 200: StatusLinkSent, ...errors(400, 401, 404, 429, 503) },
      },
    },
    async (request) => sendStatusLink(deps, principalOf(request), request.params.id, deps.config.publicUrl),
  );

  app.post(
    '/tickets/:id/merge',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Merge this ticket into another of the same brand',
        params: IdParams,
        body: MergeBody,
        response: { 200: MergeResult, ...errors(400, 401, 404, 409, 429, 503) },
      },
    },
    async (request) => {
      const r = await mergeTickets(deps, principalOf(request), request.params.id, request.body.target_id);
      const requesters = await deps.store.customers.getMany([r.source.requesterId, r.target.requesterId]);
      return {
        source: presentTicket(r.source, requesters.get(r.source.requesterId)),
        target: presentTicket(r.target, requesters.get(r.target.requesterId)),
        moved_messages: r.movedMessages,
      };
    },
  );

  app.get(
    '/tickets/:id/events',
    {
      schema: {
        tags: ['tickets'],
        summary: 'The append-only history of a ticket, oldest first',
        params: IdParams,
        querystring: EventsQuery,
        response: { 200: EventList, ...errors(400, 401, 404, 429, 503) },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 100;
      const { events } = await listTicketEvents(deps, principalOf(request), request.params.id, { after: request.query.after, limit });
      return { events: events.map(presentEvent), next_cursor: events.length === limit ? (events[events.length - 1]?.id ?? null) : null };
    },
  );
};

/** The composer's facts about where a reply can go. */
function presentReach(r: ReplyReach) {
  return { on_channel: r.onChannel, reason: r.reason, email: r.email, status_link: r.statusLink, callback: r.callback };
}
