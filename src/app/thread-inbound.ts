/**
 * The "thread" step of ingestion, inside its transaction: a customer's message continues the ticket the
 * adapter matched (reopening it, raising it to a security incident when it must), or opens a ticket — a
 * follow-up when the matched one is closed. A phrase sent a few words per message shows only across the
 * conversation: continuing a ticket redacts the earlier messages that held part of it, and this one.
 */
import { SYSTEM, type ActorRef, type DeskEvent } from '../core/event.js';
import { newId } from '../core/ids.js';
import { fitSubject, mergeDetails, normaliseTags, statusAfterCustomerReply, statusTimestamps, type Category, type Channel, type Priority, type Ticket } from '../core/ticket.js';
import { historyEvent } from './history.js';
import type { Repos } from './ports.js';
import { escalatesToSecurity, higherPriority, type Screened } from './screen-inbound.js';
import { shieldAcrossMessages, type ShieldFinding } from './shield-inbound.js';

/** The tag on every ticket where a customer shared a recovery phrase or key. */
export const SECRET_TAG = 'secret-exposed';


/** What threading reads of the (shielded) inbound message. */
export interface ThreadInput {
  channel: Channel;
  ticketId?: string | null;
  subject?: string | null;
  body: string;
  from: { language?: string | null };
  overrides?: { priority?: Priority; category?: Category; tags?: readonly string[] };
}

export interface Threaded {
  kind: 'created' | 'appended' | 'followed_up';
  ticket: Ticket;
  /** The closed ticket a follow-up continues. */
  closedTicketId: string | null;
  /** The message's body after the shield across messages. */
  body: string;
  /** Every secret found: in this message and in earlier ones redacted now. */
  findings: ShieldFinding[];
  events: DeskEvent[];
}

/** A subject from the first line of the body when the channel has none. */
function subjectFrom(input: Pick<ThreadInput, 'subject' | 'body'>): string {
  const given = input.subject?.replace(/\s+/g, ' ').trim();
  if (given) return fitSubject(given);
  const firstLine = input.body.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  return firstLine.length > 80 ? `${firstLine.slice(0, 80)}…` : firstLine || '(no subject)';
}

/** Follows merge links to the ticket that now holds the conversation. */
async function liveTicket(tx: Repos, ticketId: string): Promise<Ticket | null> {
  let ticket = await tx.tickets.get(ticketId);
  for (let hops = 0; ticket?.mergedIntoId && hops < 10; hops++) ticket = await tx.tickets.get(ticket.mergedIntoId);
  return ticket;
}

/** Finds or opens the ticket of a shielded, screened message (not yet stored) and records what that changed. */
export async function threadInbound(
  tx: Repos,
  input: ThreadInput,
  screened: Screened,
  shieldFindings: readonly ShieldFinding[],
  ctx: { brandId: string; customerId: string; actor: ActorRef; at: string },
): Promise<Threaded> {
  let matched = input.ticketId ? await liveTicket(tx, input.ticketId) : null;
  if (matched && matched.brandId !== ctx.brandId) matched = null;
  const findings = [...shieldFindings];
  if (matched && statusAfterCustomerReply(matched.status) !== null) {
    const across = shieldAcrossMessages(await tx.messages.listRecent(matched.id, 'customer', 30), input.body);
    for (const m of across.redacted) {
      await tx.messages.redactBody(m.id, m.body);
      await tx.tickets.indexMessage(matched, m.id, m.body);
      for (const f of m.findings) findings.push({ field: `message:${m.id}`, kind: f.kind, start: f.start, end: f.end });
    }
    for (const f of across.newFindings) findings.push({ field: 'body', kind: f.kind, start: f.start, end: f.end });
    const ticket = await continueTicket(tx, matched, screened, findings.length > 0, ctx);
    return { kind: 'appended', ticket: ticket.ticket, closedTicketId: null, body: across.newBody, findings, events: ticket.events };
  }
  const opened = await openTicket(tx, input, screened, findings.length > 0, matched, ctx);
  return { kind: matched ? 'followed_up' : 'created', ticket: opened.ticket, closedTicketId: matched?.id ?? null, body: input.body, findings, events: opened.events };
}

/** A customer's reply on an open, pending or solved ticket: reopened, and raised when it must be. */
async function continueTicket(
  tx: Repos,
  ticket: Ticket,
  screened: Screened,
  exposed: boolean,
  ctx: { actor: ActorRef; at: string },
): Promise<{ ticket: Ticket; events: DeskEvent[] }> {
  const { at } = ctx;
  const events: DeskEvent[] = [];
  const status = statusAfterCustomerReply(ticket.status)!;
  const patch: Partial<Ticket> = { status, details: mergeDetails(ticket.details, screened.details), ...statusTimestamps(ticket.status, status, at) };
  if (exposed) patch.tags = normaliseTags([...ticket.tags, SECRET_TAG]);
  const raise = exposed ? ticket.category !== 'security' || ticket.priority !== 'urgent' : escalatesToSecurity(ticket, screened.verdict);
  if (raise) {
    patch.category = 'security';
    patch.priority = 'urgent';
    events.push(
      historyEvent({
        type: 'ticket.escalated',
        actor: SYSTEM,
        at,
        subjectType: 'ticket',
        subjectId: ticket.id,
        changes: { category: [ticket.category, 'security'], priority: [ticket.priority, 'urgent'] },
        data: { reasons: exposed ? ['a recovery phrase or private key was sent'] : screened.verdict.reasons },
      }),
    );
  }
  await tx.tickets.update(ticket.id, patch, at);
  if (status !== ticket.status) {
    events.push(
      historyEvent({
        type: 'ticket.reopened',
        actor: ctx.actor,
        at,
        subjectType: 'ticket',
        subjectId: ticket.id,
        changes: { status: [ticket.status, status] },
        data: { reason: 'customer_reply' },
      }),
    );
  }
  return { ticket: { ...ticket, ...patch, updatedAt: at }, events };
}

/** A new ticket (a follow-up of `follows` when that one is closed), triaged, with its history. */
async function openTicket(
  tx: Repos,
  input: ThreadInput,
  screened: Screened,
  exposed: boolean,
  follows: Ticket | null,
  ctx: { brandId: string; customerId: string; actor: ActorRef; at: string },
): Promise<{ ticket: Ticket; events: DeskEvent[] }> {
  const { verdict } = screened;
  const { at, actor } = ctx;
  const tags = input.overrides?.tags ? normaliseTags(input.overrides.tags) : [];
  const ticket: Ticket = {
    id: newId(),
    number: await tx.tickets.nextNumber(),
    brandId: ctx.brandId,
    subject: follows ? fitSubject(follows.subject) : subjectFrom(input),
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
    requesterId: ctx.customerId,
    assigneeId: null,
    teamId: null,
    tags: exposed ? normaliseTags([...tags, SECRET_TAG]) : tags,
    details: screened.details,
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
  const events = [
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
        ...(screened.details.txids?.length ? { txids: screened.details.txids.length } : {}),
      },
    }),
    historyEvent({
      type: 'ticket.triaged',
      actor: SYSTEM,
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
  ];
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
  return { ticket, events };
}
