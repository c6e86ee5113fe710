/**
 * The help center's private status pages. A link carries a random token (256 bits); the desk stores only its
 * SHA-256, so a database dump opens no request. A link opens exactly one request of exactly one customer, and
 * shows only public replies. Wrong, expired and revoked links all answer the same not_found.
 */
import { AppError, invalid, notFound } from '../../core/errors.js';
import { hashToken, newId, randomToken } from '../../core/ids.js';
import type { Message } from '../../core/message.js';
import type { Brand, Customer } from '../../core/people.js';
import type { Ticket } from '../../core/ticket.js';
import { ingestInbound, type IngestResult } from '../../app/ingest-inbound.js';
import type { ContactIdentity } from '../../app/resolve-customer.js';
import type { Attachment, Deps, PortalLinkRecord, Repos } from '../../app/ports.js';
import { uploadAttachment } from '../../app/upload-attachment.js';

/** How long a status link works after it is issued. */
export const PORTAL_LINK_TTL_MS = 30 * 24 * 3_600_000;
const TOUCH_EVERY_MS = 60_000;

export interface IssuedPortalLink {
  linkId: string;
  /** The secret; shown to the customer once (in the page or the e-mail), never stored. */
  token: string;
  /** Path of the status page, to put after the desk's public URL. The token is in the fragment, so it is never sent in a Referer or a request log. */
  path: string;
  expiresAt: string;
}

/** The status-page path for a token. */
export const portalPath = (token: string): string => `/help/status#${token}`;

/**
 * Issues a new status link for a ticket's requester (the help center after sending; the e-mail channel with
 * each reply). Pass `tx` to write inside the caller's transaction.
 */
export async function issuePortalLink(
  deps: Pick<Deps, 'store' | 'clock'>,
  ticketId: string,
  options: { ttlMs?: number; tx?: Repos } = {},
): Promise<IssuedPortalLink> {
  const repos = options.tx ?? deps.store;
  const ticket = await repos.tickets.get(ticketId);
  if (!ticket) throw notFound('Ticket');
  const now = deps.clock.now();
  const token = randomToken(32);
  const record: PortalLinkRecord = {
    id: newId(),
    tokenHash: hashToken(token),
    ticketId: ticket.id,
    customerId: ticket.requesterId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + (options.ttlMs ?? PORTAL_LINK_TTL_MS)).toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await repos.portalLinks.insert(record);
  return { linkId: record.id, token, path: portalPath(token), expiresAt: record.expiresAt };
}

export interface PortalAccess {
  link: PortalLinkRecord;
  ticket: Ticket;
}

const GONE = () => new AppError('not_found', 'This link does not work (it may have expired). Open the newest link we sent you, or send a new request.');

/**
 * Opens a link: the live ticket it names, only while the link is unexpired, unrevoked and the ticket still
 * belongs to the customer it was issued to. A merged ticket is followed to its target only when the target has
 * the same requester, so a merge never shows one customer another's conversation.
 */
export async function openPortalLink(deps: Pick<Deps, 'store' | 'clock'>, token: string): Promise<PortalAccess> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw GONE();
  const link = await deps.store.portalLinks.findByHash(hashToken(token));
  const now = deps.clock.now();
  if (!link || link.revokedAt !== null || link.expiresAt <= now.toISOString()) throw GONE();
  let ticket = await deps.store.tickets.get(link.ticketId);
  for (let hops = 0; ticket?.mergedIntoId && hops < 10; hops++) {
    const next = await deps.store.tickets.get(ticket.mergedIntoId);
    if (!next || next.requesterId !== link.customerId) break;
    ticket = next;
  }
  if (!ticket || ticket.requesterId !== link.customerId) throw GONE();
  if (!link.lastUsedAt || now.getTime() - new Date(link.lastUsedAt).getTime() > TOUCH_EVERY_MS) {
    await deps.store.portalLinks.touch(link.id, now.toISOString());
  }
  return { link, ticket };
}

export interface PortalView {
  ticket: Ticket;
  brand: Brand | null;
  /** Public messages only, oldest first. Internal notes never leave the desk. */
  messages: Message[];
  attachments: Attachment[];
  /** Display names of the agents who replied. */
  agentNames: Map<string, string>;
  expiresAt: string;
}

/** What the customer sees on the status page. */
export async function readPortalRequest(deps: Pick<Deps, 'store' | 'clock'>, token: string): Promise<PortalView> {
  const { link, ticket } = await openPortalLink(deps, token);
  const all = await deps.store.messages.listForTicket(ticket.id);
  // Every public message, the desk's own included: "we removed your recovery phrase — move your funds now"
  // is the one a customer most needs to read here.
  const messages = all.filter((m) => m.public);
  const [brand, attachments] = await Promise.all([deps.store.brands.get(ticket.brandId), deps.store.attachments.listForMessages(messages.map((m) => m.id))]);
  const agentNames = new Map<string, string>();
  for (const id of new Set(messages.filter((m) => m.authorType === 'agent' && m.authorId).map((m) => m.authorId!))) {
    const agent = await deps.store.agents.get(id);
    if (agent) agentNames.set(id, agent.name);
  }
  return { ticket, brand, messages, attachments, agentNames, expiresAt: link.expiresAt };
}

/** The identity the channel knows this customer by, for ingestInbound. */
export function identityOf(customer: Customer, brandId: string): ContactIdentity {
  const external = customer.externalIds.find((e) => e.brandId === brandId)?.externalId;
  if (customer.emails[0]) return { email: customer.emails[0] };
  if (customer.phones[0]) return { phone: customer.phones[0] };
  if (external) return { externalId: external };
  throw new AppError('conflict', 'This request has no way to reach you. Send a new request with your e-mail address.');
}

export interface PortalAnswer {
  body: string;
  attachmentIds?: readonly string[];
  /** A random key from the page: a retried send adds the message once. */
  clientKey?: string | null;
}

export interface PortalAnswerResult {
  result: IngestResult;
  /** Set when the request was closed and the answer opened a follow-up: the page moves to this link. */
  followUpLink: IssuedPortalLink | null;
}

/** The customer's answer on the status page: the same path as every inbound message (ingestInbound). */
export async function answerOnPortal(deps: Pick<Deps, 'store' | 'clock' | 'bus'>, token: string, input: PortalAnswer): Promise<PortalAnswerResult> {
  const { link, ticket } = await openPortalLink(deps, token);
  for (const id of input.attachmentIds ?? []) {
    const att = await deps.store.attachments.get(id);
    if (!att || att.uploaderType !== 'customer' || att.uploaderId !== link.customerId || att.messageId !== null) {
      throw invalid('One of the files is not one you uploaded here. Upload it again.', { field: 'attachment_ids' });
    }
  }
  const customer = await deps.store.customers.get(link.customerId);
  if (!customer) throw GONE();
  const result = await ingestInbound(deps, {
    brandId: ticket.brandId,
    channel: 'web',
    from: identityOf(customer, ticket.brandId),
    body: input.body,
    ticketId: ticket.id,
    attachmentIds: input.attachmentIds,
    sourceId: input.clientKey ? `portal:${link.id}:${input.clientKey}` : null,
    meta: { via: 'help_center' },
  });
  const followUpLink = result.kind === 'followed_up' ? await issuePortalLink(deps, result.ticket.id) : null;
  return { result, followUpLink };
}

/** A file the customer uploads on the status page, held until their next answer attaches it. */
export async function uploadOnPortal(
  deps: Pick<Deps, 'store' | 'clock' | 'files'>,
  token: string,
  /** Reads the upload: called only once the link is known to be valid, so a stranger's body is never read. */
  readFile: () => Promise<{ filename: string; contentType: string | null; bytes: Buffer }>,
  maxBytes: number,
): Promise<Attachment> {
  const { link } = await openPortalLink(deps, token);
  return uploadAttachment(deps, { type: 'customer', id: link.customerId }, await readFile(), maxBytes);
}

/** Reads a file of a public message of this link's request (or the customer's own unsent upload). */
export async function readPortalAttachment(
  deps: Pick<Deps, 'store' | 'clock' | 'files'>,
  token: string,
  attachmentId: string,
): Promise<{ attachment: Attachment; bytes: Buffer }> {
  const { link, ticket } = await openPortalLink(deps, token);
  const attachment = await deps.store.attachments.get(attachmentId);
  if (!attachment) throw notFound('File');
  if (attachment.messageId) {
    const message = await deps.store.messages.get(attachment.messageId);
    if (!message || message.ticketId !== ticket.id || !message.public) throw notFound('File');
  } else if (attachment.uploaderType !== 'customer' || attachment.uploaderId !== link.customerId) {
    throw notFound('File');
  }
  const bytes = await deps.files.get(attachment.sha256);
  if (!bytes) throw new AppError('unavailable', 'The file is missing from storage right now.');
  return { attachment, bytes };
}
