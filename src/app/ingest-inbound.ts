/**
 * The one way a customer's words enter the desk, from every channel: de-duplicate, resolve the customer,
 * thread onto a ticket (or open one), store the message, its history and search entry in one transaction,
 * then announce it. Adapters call this; nothing else writes customer messages.
 */
import { invalid, notFound } from '../core/errors.js';
import type { ActorRef } from '../core/event.js';
import { newId } from '../core/ids.js';
import { MAX_MESSAGE_CHARS, type Message } from '../core/message.js';
import {
  mergeDetails,
  normaliseTags,
  statusAfterCustomerReply,
  statusTimestamps,
  type Category,
  type Channel,
  type Priority,
  type Ticket,
  type TicketDetails,
} from '../core/ticket.js';
import { historyEvent } from './history.js';
import { recordEvents } from './record-events.js';
import { escalatesToSecurity, higherPriority, screenInbound } from './screen-inbound.js';
import { channelAnswer } from './answer-channel-questions.js';
import { routeNewTicket } from './route-ticket.js';
import { shieldAcrossMessages, shieldInbound, type ShieldFinding } from './shield-inbound.js';
import { secretExposedReply } from '../shield/index.js';

/** The tag on every ticket where a customer shared a recovery phrase or key. */
export const SECRET_TAG = 'secret-exposed';
import { missingDetailsRequest } from '../triage/index.js';
import { announce } from './live.js';
import type { Deps, Repos } from './ports.js';
import { resolveCustomer, type ContactIdentity } from './resolve-customer.js';
import { isUniqueViolationError } from './store-errors.js';

export interface InboundMessage {
  brandId: string;
  channel: Channel;
  from: ContactIdentity;
  /** The customer, when the adapter already resolved `from` to one (a chat session): skips the lookups. */
  customerId?: string | null;
  subject?: string | null;
  /** Plain text. */
  body: string;
  /** Sanitised HTML from the adapter, if the channel had HTML. */
  bodyHtml?: string | null;
  /** The channel's id for this message: the de-duplication key. */
  sourceId?: string | null;
  meta?: Record<string, unknown>;
  /** The ticket this message continues, when the adapter matched a thread. */
  ticketId?: string | null;
  /** Structured details the customer gave (form fields, app-reported device). */
  details?: TicketDetails;
  /** Attachments this customer uploaded for this message. */
  attachmentIds?: readonly string[];
  /** Choices of a trusted caller (API token, phone menu) that take precedence over automatic triage. */
  overrides?: { priority?: Priority; category?: Category; tags?: readonly string[] };
  /** Who put the message in: the customer by default, an agent's API token when created through the API. */
  submittedBy?: ActorRef;
  /**
   * Who wrote subject and body: the customer (default), or the desk itself for a channel's fixed summary of
   * what happened (a phone call's menu choice, a missed call). Triage reads only what a customer wrote.
   */
  writtenBy?: 'customer' | 'system';
  /** Runs inside the transaction once the message is stored (not for duplicates): queue what must commit with it. */
  afterStore?: (tx: Repos, stored: StoredInbound) => Promise<void>;
}

/** What ingestion stored, as the afterStore hook sees it. */
export interface StoredInbound {
  kind: 'created' | 'appended' | 'followed_up';
  ticket: Ticket;
  message: Message;
  /** The desk's automatic replies to this message, already stored as public system messages. */
  autoReplies: Message[];
}

export type IngestResult =
  | { kind: 'created'; ticket: Ticket; message: Message; autoReplies: Message[] }
  | { kind: 'appended'; ticket: Ticket; message: Message; autoReplies: Message[] }
  | { kind: 'followed_up'; ticket: Ticket; message: Message; closedTicketId: string; autoReplies: Message[] }
  | { kind: 'duplicate'; ticket: Ticket; message: Message; autoReplies: Message[] };

const MAX_SUBJECT = 200;

/** A subject from the first line of the body when the channel has none. */
function subjectFrom(input: InboundMessage): string {
  const given = input.subject?.replace(/\s+/g, ' ').trim();
  if (given) return given.slice(0, MAX_SUBJECT);
  const firstLine = input.body.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  return firstLine.length > 80 ? `${firstLine.slice(0, 80)}…` : firstLine || '(no subject)';
}

/** A public message from "the desk" itself (the automatic replies). */
function systemMessage(ticket: Ticket, text: string, at: string): Message {
  return {
    id: newId(),
    ticketId: ticket.id,
    authorType: 'system',
    authorId: null,
    public: true,
    body: text,
    bodyHtml: null,
    channel: ticket.channel,
    sourceId: null,
    meta: {},
    delivery: null,
    createdAt: at,
  };
}

async function findDuplicate(tx: Repos, input: InboundMessage): Promise<IngestResult | null> {
  if (!input.sourceId) return null;
  const existing = await tx.messages.findBySource(input.channel, input.sourceId);
  if (!existing) return null;
  const ticket = await tx.tickets.get(existing.ticketId);
  if (!ticket) return null;
  return { kind: 'duplicate', ticket, message: existing, autoReplies: [] };
}

/** Follows merge links to the ticket that now holds the conversation. */
async function liveTicket(tx: Repos, ticketId: string): Promise<Ticket | null> {
  let ticket = await tx.tickets.get(ticketId);
  for (let hops = 0; ticket?.mergedIntoId && hops < 10; hops++) ticket = await tx.tickets.get(ticket.mergedIntoId);
  return ticket;
}

export async function ingestInbound(
  deps: Pick<Deps, 'store' | 'clock' | 'bus' | 'senders' | 'jobsNudge' | 'officialChannels' | 'chain' | 'triageModel' | 'processors'>,
  input: InboundMessage,
): Promise<IngestResult> {
  if (input.body.length > MAX_MESSAGE_CHARS) {
    throw invalid(`The message is too long (${input.body.length} characters; at most ${MAX_MESSAGE_CHARS}). Split it or attach it as a file.`, {
      field: 'body',
    });
  }
  if (input.body.trim() === '' && (input.attachmentIds?.length ?? 0) === 0) {
    throw invalid('The message is empty. Write what happened.', { field: 'body' });
  }
  // The shield goes first: from here on nothing sees a recovery phrase or a key, not even triage or the log.
  const shielded = shieldInbound({
    subject: input.subject,
    body: input.body,
    bodyHtml: input.bodyHtml,
    name: input.from.name,
    details: input.details,
    meta: input.meta,
  });
  input = {
    ...input,
    subject: shielded.subject,
    body: shielded.body,
    bodyHtml: shielded.bodyHtml,
    from: { ...input.from, name: shielded.name },
    details: shielded.details,
    meta: shielded.meta,
  };
  const tags = input.overrides?.tags ? normaliseTags(input.overrides.tags) : [];
  const screened = screenInbound({ subject: input.subject, body: input.body, details: input.details, language: input.from.language, writtenBy: input.writtenBy }, deps.triageModel);
  const { verdict } = screened;
  const learnt = screened.details;
  let queuedJobs = false;
  // Links, numbers and accounts the customer pasted, checked against the official channels before the write.
  // A registry that cannot be read must never cost a customer's message: the check is skipped then.
  const registry = deps.officialChannels ? await deps.officialChannels.get().catch(() => null) : null;
  const customerActor = (customerId: string): ActorRef => input.submittedBy ?? { type: 'customer', id: customerId };

  const run = () =>
    deps.store.transaction(async (tx): Promise<IngestResult> => {
      const duplicate = await findDuplicate(tx, input);
      if (duplicate) return duplicate;

      const at = deps.clock.now().toISOString();
      const brand = await tx.brands.get(input.brandId);
      if (!brand) throw notFound('Brand');
      const customerId = input.customerId ?? (await resolveCustomer(tx, brand.id, input.from, at));
      const actor = customerActor(customerId);

      let ticket: Ticket | null = input.ticketId ? await liveTicket(tx, input.ticketId) : null;
      if (ticket && ticket.brandId !== brand.id) ticket = null;
      let kind: IngestResult['kind'] = 'created';
      let closedTicketId: string | null = null;
      const events = [];
      let body = input.body;
      const findings: ShieldFinding[] = [...shielded.findings];
      if (ticket && statusAfterCustomerReply(ticket.status) !== null) {
        // A phrase sent a few words per message shows only across the conversation: redact the earlier
        // messages that held part of it, and this one.
        const across = shieldAcrossMessages(await tx.messages.listRecent(ticket.id, 'customer', 30), body);
        for (const m of across.redacted) {
          await tx.messages.redactBody(m.id, m.body);
          await tx.tickets.indexMessage(ticket.id, m.id, m.body);
          for (const f of m.findings) findings.push({ field: `message:${m.id}`, kind: f.kind, start: f.start, end: f.end });
        }
        for (const f of across.newFindings) findings.push({ field: 'body', kind: f.kind, start: f.start, end: f.end });
        body = across.newBody;
      }
      const exposed = findings.length > 0;

      if (ticket && statusAfterCustomerReply(ticket.status) !== null) {
        kind = 'appended';
        const status = statusAfterCustomerReply(ticket.status)!;
        const details = mergeDetails(ticket.details, learnt);
        const patch: Partial<Ticket> = { status, details, ...statusTimestamps(ticket.status, status, at) };
        if (exposed) Object.assign(patch, { tags: normaliseTags([...ticket.tags, SECRET_TAG]) });
        const raise = exposed ? ticket.category !== 'security' || ticket.priority !== 'urgent' : escalatesToSecurity(ticket, verdict);
        if (raise) {
          patch.category = 'security';
          patch.priority = 'urgent';
          events.push(
            historyEvent({
              type: 'ticket.escalated',
              actor: { type: 'system', id: null },
              at,
              subjectType: 'ticket',
              subjectId: ticket.id,
              changes: { category: [ticket.category, 'security'], priority: [ticket.priority, 'urgent'] },
              data: { reasons: exposed ? ['a recovery phrase or private key was sent'] : verdict.reasons },
            }),
          );
        }
        await tx.tickets.update(ticket.id, patch, at);
        if (status !== ticket.status) {
          events.push(
            historyEvent({
              type: 'ticket.reopened',
              actor,
              at,
              subjectType: 'ticket',
              subjectId: ticket.id,
              changes: { status: [ticket.status, status] },
              data: { reason: 'customer_reply' },
            }),
          );
        }
        ticket = { ...ticket, ...patch, updatedAt: at };
      } else {
        if (ticket) {
          kind = 'followed_up';
          closedTicketId = ticket.id;
        }
        const follows = ticket;
        ticket = {
          id: newId(),
          number: await tx.tickets.nextNumber(),
          brandId: brand.id,
          subject: follows ? `${follows.subject}`.slice(0, MAX_SUBJECT) : subjectFrom(input),
          status: 'new',
          // A trusted caller's choice wins, but automatic triage may still raise the priority of a theft report.
          // A shared secret makes it an urgent security incident, whatever anyone chose.
          priority: exposed
            ? 'urgent'
            : input.overrides?.priority
              ? higherPriority(input.overrides.priority, verdict.category === 'security' ? verdict.priority : 'low')
              : verdict.priority,
          category: exposed ? 'security' : (input.overrides?.category ?? verdict.category),
          channel: input.channel,
          language: input.from.language ?? (verdict.language === 'und' ? null : verdict.language),
          requesterId: customerId,
          assigneeId: null,
          teamId: null,
          tags: exposed ? normaliseTags([...tags, SECRET_TAG]) : tags,
          details: learnt,
          firstResponseAt: null,
          solvedAt: null,
          closedAt: null,
          mergedIntoId: null,
          followUpOfId: follows?.id ?? null,
          createdAt: at,
          updatedAt: at,
        };
        await tx.tickets.insert(ticket);
        await tx.tickets.indexSubject(ticket, ticket.subject);
        events.push(
          historyEvent({
            type: 'ticket.created',
            actor,
            at,
            subjectType: 'ticket',
            subjectId: ticket.id,
            data: {
              number: ticket.number,
              channel: ticket.channel,
              priority: ticket.priority,
              category: ticket.category,
              ...(follows ? { follow_up_of: follows.id } : {}),
              ...(learnt.txids?.length ? { txids: learnt.txids.length } : {}),
            },
          }),
          historyEvent({
            type: 'ticket.triaged',
            actor: { type: 'system', id: null },
            at,
            subjectType: 'ticket',
            subjectId: ticket.id,
            data: {
              category: verdict.category,
              priority: verdict.priority,
              language: verdict.language,
              confidence: Math.round(verdict.confidence * 100) / 100,
              reasons: verdict.reasons,
              missing: screened.missing,
              overridden: Boolean(input.overrides?.category || input.overrides?.priority),
            },
          }),
        );
        if (follows) {
          events.push(
            historyEvent({
              type: 'ticket.followed_up',
              actor,
              at,
              subjectType: 'ticket',
              subjectId: follows.id,
              data: { follow_up_id: ticket.id, follow_up_number: ticket.number },
            }),
          );
        }
      }

      if (kind !== 'appended') {
        const routed = await routeNewTicket(tx, ticket, ticket.language, at);
        if (routed) ticket = { ...ticket, ...routed };
      }

      const message: Message = {
        id: newId(),
        ticketId: ticket.id,
        authorType: 'customer',
        authorId: customerId,
        public: true,
        body,
        bodyHtml: input.bodyHtml ?? null,
        channel: input.channel,
        sourceId: input.sourceId ?? null,
        meta: input.meta ?? {},
        delivery: null,
        createdAt: at,
      };
      await tx.messages.insert(message);
      if (input.attachmentIds?.length) await tx.attachments.attach(input.attachmentIds, message.id, ticket.id);
      await tx.tickets.indexMessage(ticket.id, message.id, message.body);
      if (exposed) {
        events.push(
          historyEvent({
            type: 'secret.redacted',
            actor: { type: 'system', id: null },
            at,
            subjectType: 'ticket',
            subjectId: ticket.id,
            // Only where and what kind: no copy, no hash.
            data: { message_id: message.id, findings: findings.map((f) => ({ field: f.field, kind: f.kind, start: f.start, end: f.end })) },
          }),
        );
      }
      events.push(
        historyEvent({
          type: 'message.added',
          actor,
          at,
          subjectType: 'ticket',
          subjectId: ticket.id,
          // The assignee of a ticket the customer answers (the bell tells them; issue 16).
          data: { message_id: message.id, public: true, author_type: 'customer', channel: input.channel, ...(kind === 'appended' && ticket.assigneeId ? { assignee_id: ticket.assigneeId } : {}) },
        }),
      );
      const autoReplies: Message[] = [];
      /**
       * One of the desk's automatic replies: stored as a public system message that names the message it answers.
       * Processors send it on (auto-reply-delivery) or fold it into the channel's acknowledgement (e-mail).
       */
      const autoReply = async (text: string, kindOfReply: string, data: Record<string, unknown> = {}): Promise<void> => {
        const reply: Message = { ...systemMessage(ticket!, text, at), meta: { kind: kindOfReply, reply_to: message.id } };
        await tx.messages.insert(reply);
        autoReplies.push(reply);
        events.push(
          historyEvent({
            type: 'message.added',
            actor: { type: 'system', id: null },
            at,
            subjectType: 'ticket',
            subjectId: ticket!.id,
            data: { message_id: reply.id, public: true, author_type: 'system', channel: ticket!.channel, kind: kindOfReply, ...data },
          }),
        );
      };
      if (exposed) {
        // At once, on their channel: we deleted it, nobody will ever ask for it, and move the funds.
        const reply = secretExposedReply(screened.replyLanguage, [...new Set(findings.map((f) => f.kind))], { brand: brand.name });
        await autoReply(`${reply.subject}\n\n${reply.body}`, 'secret_exposed');
      }
      // Ask once, right away, for what the seed article's checklist still lacks: only when the category we
      // file under is the one triage judged (an overridden category has other needs).
      if (!exposed && kind !== 'appended' && screened.missing.length > 0 && ticket.category === verdict.category && ticket.channel !== 'phone') {
        await autoReply(missingDetailsRequest(screened.replyLanguage, screened.missing), 'missing_details', { missing: screened.missing });
      }
      const answer = registry
        ? channelAnswer(registry, ticket.brandId, `${input.subject ?? ''}\n${input.body}`, screened.replyLanguage, [input.from.email ?? ''])
        : null;
      if (answer) {
        const verdicts = answer.findings.map((f) => ({ value: f.value, verdict: f.verdict.verdict, brand: f.verdict.brand }));
        await autoReply(answer.text, 'channel_check', { checked: verdicts });
        if (verdicts.some((v) => v.verdict === 'lookalike') && !ticket.tags.includes('lookalike-reported')) {
          const tags = [...ticket.tags, 'lookalike-reported'];
          await tx.tickets.update(ticket.id, { tags }, at);
          ticket = { ...ticket, tags };
        }
      }
      // The events and their processors' jobs (the chain note of named transactions, ...) commit with the change.
      if ((await recordEvents(tx, events, deps)) > 0) queuedJobs = true;
      const stored: StoredInbound = { kind: closedTicketId ? 'followed_up' : (kind as 'created' | 'appended'), ticket, message, autoReplies };
      if (input.afterStore) await input.afterStore(tx, stored);

      return closedTicketId
        ? { kind: 'followed_up', ticket, message, closedTicketId, autoReplies }
        : { kind: kind as 'created' | 'appended', ticket, message, autoReplies };
    });

  let result: IngestResult;
  try {
    result = await run();
  } catch (err) {
    // Two deliveries of the same message raced past the duplicate check; the loser reads the winner's row.
    if (input.sourceId && isUniqueViolationError(err)) {
      const again = await deps.store.transaction((tx) => findDuplicate(tx, input));
      if (again) return again;
    }
    throw err;
  }
  if (result.kind !== 'duplicate') {
    if (queuedJobs) deps.jobsNudge?.();
    await announce(deps, [
      {
        type: result.kind === 'appended' ? 'message.added' : 'ticket.created',
        brandId: result.ticket.brandId,
        ticketId: result.ticket.id,
        data: { number: result.ticket.number, status: result.ticket.status, priority: result.ticket.priority, message_id: result.message.id, author_type: 'customer', auto_replies: result.autoReplies.length },
      },
    ]);
  }
  return result;
}
