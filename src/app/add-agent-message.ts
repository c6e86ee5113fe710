/** An agent's public reply or internal note on a ticket (POST /api/v1/tickets/:id/messages, the console). */
import { conflict, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { MAX_MESSAGE_CHARS, type Message } from '../core/message.js';
import { actorOf, type Principal } from '../core/policy.js';
import { assertTransition, statusAfterAgentReply, statusTimestamps, type Ticket, type TicketStatus } from '../core/ticket.js';
import { deliversOn, queueDelivery } from './deliver-message.js';
import type { DeskEvent } from '../core/event.js';
import { historyEvent } from './history.js';
import { afterCommit, recordEvents } from './record-events.js';
import type { Deps } from './ports.js';
import { isUniqueViolationError } from './store-errors.js';
import { loadVisibleTicket } from './ticket-access.js';
import { guardOutbound } from './guard-outbound.js';
import { replyReach } from './reply-reach.js';

export interface AgentMessageInput {
  body: string;
  /** Public reply (default) or internal note. */
  public?: boolean;
  /** Status to set with the message ("reply and mark pending"). */
  status?: TicketStatus;
  attachmentIds?: readonly string[];
  /** Idempotency-Key from the client: a retried request adds the message once. */
  idempotencyKey?: string | null;
  /**
   * Send a public reply by e-mail instead of the ticket's channel (issue 19: a phone ticket, a chat whose visitor
   * is gone). Needs an address of the requester and a desk that sends mail.
   */
  via?: 'email';
}

export interface AgentMessageResult {
  ticket: Ticket;
  message: Message;
  duplicate: boolean;
}

export async function addAgentMessage(
  deps: Pick<Deps, 'store' | 'clock' | 'bus' | 'jobsNudge' | 'senders' | 'chain' | 'officialChannels' | 'processors'>,
  principal: Principal,
  ticketRef: string,
  input: AgentMessageInput,
): Promise<AgentMessageResult> {
  if (input.body.trim() === '' && (input.attachmentIds?.length ?? 0) === 0) throw invalid('The message is empty.', { field: 'body' });
  if (input.body.length > MAX_MESSAGE_CHARS) {
    throw invalid(`The message is too long (at most ${MAX_MESSAGE_CHARS} characters).`, { field: 'body' });
  }
  const isPublic = input.public ?? true;
  // Replies and notes alike: a note is read by other agents and may be quoted later.
  const visible = await loadVisibleTicket(deps.store, principal, ticketRef);
  await guardOutbound(deps, principal, visible.id, input.body);
  const sourceId = input.idempotencyKey ? `agent:${principal.agentId}:${input.idempotencyKey}` : null;
  const actor = actorOf(principal);

  let recorded: { events: DeskEvent[]; jobs: number } = { events: [], jobs: 0 };
  const run = () =>
    deps.store.transaction(async (tx): Promise<AgentMessageResult> => {
      const ticket = await loadVisibleTicket(tx, principal, ticketRef);
      if (sourceId) {
        const existing = await tx.messages.findBySource(ticket.channel, sourceId);
        if (existing && existing.ticketId === ticket.id) return { ticket, message: existing, duplicate: true };
        if (existing) throw conflict('This Idempotency-Key was already used for a message on another ticket. Use a new key for each new message.');
      }
      if (ticket.mergedIntoId) {
        const target = await tx.tickets.get(ticket.mergedIntoId);
        throw conflict(`This ticket was merged into #${target?.number ?? '?'}. Reply there.`, { merged_into_id: ticket.mergedIntoId });
      }
      if (ticket.status === 'closed') {
        throw conflict('This ticket is closed. Open a follow-up ticket to write to the customer again.', { status: 'closed' });
      }
      for (const id of input.attachmentIds ?? []) {
        const att = await tx.attachments.get(id);
        if (!att || att.uploaderId !== principal.agentId || att.messageId !== null) {
          throw invalid(`Attachment ${id} is not one of your unsent uploads. Upload the file again.`, { field: 'attachment_ids' });
        }
      }

      const requester = await tx.customers.get(ticket.requesterId);
      const reach = await replyReach(deps, tx, ticket, requester);
      if (input.via === 'email' && (!isPublic || !(reach.email || (ticket.channel === 'email' && reach.onChannel)))) {
        throw invalid('This reply cannot go by e-mail: the customer has no address, or the desk sends no mail (SMTP_URL).', { field: 'via' });
      }
      const channel = input.via ?? ticket.channel;
      const at = deps.clock.now().toISOString();
      const status = input.status ?? (isPublic ? statusAfterAgentReply(ticket.status) : ticket.status);
      assertTransition(ticket.status, status);

      const message: Message = {
        id: newId(),
        ticketId: ticket.id,
        authorType: 'agent',
        authorId: principal.agentId,
        public: isPublic,
        body: input.body,
        bodyHtml: null,
        channel,
        sourceId,
        meta: principal.tokenId ? { via: 'api' } : {},
        delivery: null,
        createdAt: at,
      };
      await tx.messages.insert(message);
      // A reply on a channel that reaches nobody (a chat whose visitor is gone) is not queued: it would show "sent".
      if (isPublic && deliversOn(deps, channel) && (input.via !== undefined || reach.onChannel)) message.delivery = await queueDelivery(tx, message.id, at);
      if (input.attachmentIds?.length) await tx.attachments.attach(input.attachmentIds, message.id, ticket.id);
      await tx.tickets.indexMessage(ticket, message.id, message.body);

      const patch: Partial<Ticket> = { ...statusTimestamps(ticket.status, status, at) };
      if (status !== ticket.status) patch.status = status;
      if (isPublic && ticket.firstResponseAt === null) patch.firstResponseAt = at;
      await tx.tickets.update(ticket.id, patch, at);

      const events = [
        historyEvent({
          type: 'message.added',
          actor,
          at,
          subjectType: 'ticket',
          subjectId: ticket.id,
          data: { message_id: message.id, public: isPublic, author_type: 'agent', channel },
        }),
      ];
      if (patch.status) {
        events.push(
          historyEvent({
            type: 'ticket.updated',
            actor,
            at,
            subjectType: 'ticket',
            subjectId: ticket.id,
            changes: { status: [ticket.status, patch.status] },
          }),
        );
      }
      recorded = { events, jobs: await recordEvents(tx, events, deps) };
      return { ticket: { ...ticket, ...patch, updatedAt: at }, message, duplicate: false };
    });

  let result: AgentMessageResult;
  try {
    result = await run();
  } catch (err) {
    if (sourceId && isUniqueViolationError(err)) result = await run();
    else throw err;
  }
  if (!result.duplicate) {
    // The delivery job (queued with the message) and the live notice (live-announce) follow the events.
    await afterCommit(deps, recorded.events, recorded.jobs + (result.message.delivery ? 1 : 0));
  }
  return result;
}
