/**
 * The one way a customer's words enter the desk, from every channel, in four steps: shield (nothing after it
 * sees a recovery phrase or a key, not even triage or the log) → screen (triage, the details the text reveals)
 * → thread (the matched ticket, reopened or raised, or a new one: app/thread-inbound.ts) → store (customer,
 * message, search entry, the desk's immediate replies and the events, in one transaction). Everything else —
 * routing, the answer about pasted links, acknowledgements, deliveries, chain notes, live notices — is a
 * processor of the recorded events (app/processors/). Adapters call this; nothing else writes customer messages.
 */
import { invalid, notFound } from '../core/errors.js';
import { SYSTEM, type DeskEvent } from '../core/event.js';
import { newId } from '../core/ids.js';
import { MAX_MESSAGE_CHARS, type Message } from '../core/message.js';
import type { Category, Channel, Priority, Ticket, TicketDetails } from '../core/ticket.js';
import { secretExposedReply } from '../shield/index.js';
import { missingDetailsRequest } from '../triage/index.js';
import { findChannelRefs } from '../verify/index.js';
import { historyEvent } from './history.js';
import type { ActorRef } from '../core/event.js';
import type { Deps, Repos } from './ports.js';
import { afterCommit, recordEvents } from './record-events.js';
import { resolveCustomer, type ContactIdentity } from './resolve-customer.js';
import { screenInbound, type Screened } from './screen-inbound.js';
import { shieldInbound, type ShieldFinding } from './shield-inbound.js';
import { isUniqueViolationError } from './store-errors.js';
import { threadInbound, type Threaded } from './thread-inbound.js';

export { SECRET_TAG } from './thread-inbound.js';

export interface InboundMessage {
  brandId: string;
  /** The brand's name, when the caller has just read the brand: it is not read again inside the transaction. */
  brandName?: string | null;
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
}

export type IngestResult =
  | { kind: 'created'; ticket: Ticket; message: Message; autoReplies: Message[] }
  | { kind: 'appended'; ticket: Ticket; message: Message; autoReplies: Message[] }
  | { kind: 'followed_up'; ticket: Ticket; message: Message; closedTicketId: string; autoReplies: Message[] }
  | { kind: 'duplicate'; ticket: Ticket; message: Message; autoReplies: Message[] };

type IngestDeps = Pick<Deps, 'store' | 'clock' | 'bus' | 'senders' | 'jobsNudge' | 'officialChannels' | 'chain' | 'triageModel' | 'processors'>;

export async function ingestInbound(deps: IngestDeps, input: InboundMessage): Promise<IngestResult> {
  assertReadable(input);
  const shielded = shield(input);
  const screened = screenInbound(
    { subject: shielded.input.subject, body: shielded.input.body, details: shielded.input.details, language: shielded.input.from.language, writtenBy: shielded.input.writtenBy },
    deps.triageModel,
  );
  let stored: Stored;
  try {
    stored = await deps.store.transaction((tx) => storeInbound(tx, deps, shielded.input, shielded.findings, screened));
  } catch (err) {
    // Two deliveries of the same message raced past the duplicate check; the loser reads the winner's row.
    const again = input.sourceId && isUniqueViolationError(err) ? await deps.store.transaction((tx) => findDuplicate(tx, shielded.input)) : null;
    if (again) return again;
    throw err;
  }
  await afterCommit(deps, stored.events, stored.jobs, [stored.result.ticket]);
  return stored.result;
}

/** Refuses what cannot be a message: too long, or nothing at all. */
function assertReadable(input: InboundMessage): void {
  if (input.body.length > MAX_MESSAGE_CHARS) {
    throw invalid(`The message is too long (${input.body.length} characters; at most ${MAX_MESSAGE_CHARS}). Split it or attach it as a file.`, {
      field: 'body',
    });
  }
  if (input.body.trim() === '' && (input.attachmentIds?.length ?? 0) === 0) {
    throw invalid('The message is empty. Write what happened.', { field: 'body' });
  }
}

/** The message with every customer-written text shielded, and where the secrets were. */
function shield(input: InboundMessage): { input: InboundMessage; findings: ShieldFinding[] } {
  const s = shieldInbound({ subject: input.subject, body: input.body, bodyHtml: input.bodyHtml, name: input.from.name, details: input.details, meta: input.meta });
  return {
    input: { ...input, subject: s.subject, body: s.body, bodyHtml: s.bodyHtml, from: { ...input.from, name: s.name }, details: s.details, meta: s.meta },
    findings: s.findings,
  };
}

interface Stored {
  result: IngestResult;
  events: DeskEvent[];
  jobs: number;
}

/** The transaction: de-duplicate, resolve the customer, thread, store the message and the desk's replies, record. */
async function storeInbound(tx: Repos, deps: IngestDeps, input: InboundMessage, shieldFindings: ShieldFinding[], screened: Screened): Promise<Stored> {
  const duplicate = await findDuplicate(tx, input);
  if (duplicate) return { result: duplicate, events: [], jobs: 0 };
  const at = deps.clock.now().toISOString();
  const brand = input.brandName ? { id: input.brandId, name: input.brandName } : await tx.brands.get(input.brandId);
  if (!brand) throw notFound('Brand');
  const customerId = input.customerId ?? (await resolveCustomer(tx, brand.id, input.from, at));
  const actor: ActorRef = input.submittedBy ?? { type: 'customer', id: customerId };
  const threaded = await threadInbound(tx, input, screened, shieldFindings, { brandId: brand.id, customerId, actor, at });
  const { ticket, events } = threaded;
  const message: Message = {
    id: newId(),
    ticketId: ticket.id,
    authorType: 'customer',
    authorId: customerId,
    public: true,
    body: threaded.body,
    bodyHtml: input.bodyHtml ?? null,
    channel: input.channel,
    sourceId: input.sourceId ?? null,
    meta: input.meta ?? {},
    delivery: null,
    createdAt: at,
  };
  await tx.messages.insert(message);
  if (input.attachmentIds?.length) await tx.attachments.attach(input.attachmentIds, message.id, ticket.id);
  await tx.tickets.indexMessage(ticket, message.id, message.body);
  if (threaded.findings.length > 0) {
    events.push(
      historyEvent({
        type: 'secret.redacted',
        actor: SYSTEM,
        at,
        subjectType: 'ticket',
        subjectId: ticket.id,
        // Only where and what kind: no copy, no hash.
        data: { message_id: message.id, findings: threaded.findings.map((f) => ({ field: f.field, kind: f.kind, start: f.start, end: f.end })) },
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
      data: {
        message_id: message.id,
        public: true,
        author_type: 'customer',
        channel: input.channel,
        ...channelRefs(input),
        ...(threaded.kind === 'appended' && ticket.assigneeId ? { assignee_id: ticket.assigneeId } : {}),
      },
    }),
  );
  const autoReplies = await storeImmediateReplies(tx, threaded, screened, message, brand.name, at);
  const jobs = await recordEvents(tx, events, deps);
  const result: IngestResult =
    threaded.kind === 'followed_up'
      ? { kind: 'followed_up', ticket, message, closedTicketId: threaded.closedTicketId!, autoReplies }
      : { kind: threaded.kind, ticket, message, autoReplies };
  return { result, events, jobs };
}

/**
 * The desk's replies that belong to the message itself, stored with it as public system messages naming it
 * (`meta.reply_to`): the shield's "we deleted it, move your funds" and triage's question for what is missing.
 * Processors send them on (auto-reply-delivery) or fold them into the channel's acknowledgement (e-mail).
 */
async function storeImmediateReplies(tx: Repos, threaded: Threaded, screened: Screened, message: Message, brandName: string, at: string): Promise<Message[]> {
  const { ticket, findings } = threaded;
  const replies: Array<{ text: string; kind: string; data?: Record<string, unknown> }> = [];
  if (findings.length > 0) {
    const reply = secretExposedReply(screened.replyLanguage, [...new Set(findings.map((f) => f.kind))], { brand: brandName });
    replies.push({ text: `${reply.subject}\n\n${reply.body}`, kind: 'secret_exposed' });
  } else if (threaded.kind !== 'appended' && screened.missing.length > 0 && ticket.category === screened.verdict.category && ticket.channel !== 'phone') {
    // Asked once, right away, only when the category filed under is the one triage judged (an overridden
    // category has other needs).
    replies.push({ text: missingDetailsRequest(screened.replyLanguage, screened.missing), kind: 'missing_details', data: { missing: screened.missing } });
  }
  const stored: Message[] = [];
  for (const r of replies) {
    const reply: Message = { ...systemMessage(ticket, r.text, at), meta: { kind: r.kind, reply_to: message.id } };
    await tx.messages.insert(reply);
    stored.push(reply);
    threaded.events.push(
      historyEvent({
        type: 'message.added',
        actor: SYSTEM,
        at,
        subjectType: 'ticket',
        subjectId: ticket.id,
        data: { message_id: reply.id, public: true, author_type: 'system', channel: ticket.channel, kind: r.kind, ...r.data },
      }),
    );
  }
  return stored;
}

/** A public message from "the desk" itself. */
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

/** How many links, numbers or accounts the message names: the channel-answer processor is queued only then. */
function channelRefs(input: InboundMessage): { channel_refs?: number } {
  const n = findChannelRefs(`${input.subject ?? ''}\n${input.body}`).length;
  return n > 0 ? { channel_refs: n } : {};
}

async function findDuplicate(tx: Repos, input: InboundMessage): Promise<IngestResult | null> {
  if (!input.sourceId) return null;
  const existing = await tx.messages.findBySource(input.channel, input.sourceId);
  if (!existing) return null;
  const ticket = await tx.tickets.get(existing.ticketId);
  if (!ticket) return null;
  return { kind: 'duplicate', ticket, message: existing, autoReplies: [] };
}
