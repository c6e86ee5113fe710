/**
 * Live chat's use cases, for the widget, for apps (WebSocket and HTTP alike) and for the console: open or
 * resume a visitor's session, check its identity proof on every call, take the pre-chat answers, store a
 * visitor's message (through ingestInbound: the shield, triage and de-duplication by client id), read
 * receipts, typing, and telling a visitor when nobody is online.
 */
import { AppError, invalid, notFound } from '../../core/errors.js';
import { hashToken, isUuid, newId, randomToken } from '../../core/ids.js';
import type { Message } from '../../core/message.js';
import type { Brand } from '../../core/people.js';
import { canSeeBrand, type Principal } from '../../core/policy.js';
import type { Ticket, TicketDetails } from '../../core/ticket.js';
import { isLanguage, language, t, type Language } from '../../i18n/index.js';
import { checkProof, type IdentityProof, type ProofCheck } from './chat-identity.js';
import { takeCodeFromChat } from '../../app/complete-step-up.js';
import type { ChatSessionRecord } from './chat-ports.js';
import { chatSecret, loadChatSettings, originAllowed, type ChatSettings } from './chat-settings.js';
import { historyEvent } from '../../app/history.js';
import { ingestInbound, type IngestResult } from '../../app/ingest-inbound.js';
import { ticketTopic } from '../../app/live.js';
import { afterCommit, recordEvents } from '../../app/record-events.js';
import { queueCustomerNotice } from '../../app/notify-customer.js';
import type { Attachment, ChannelSender, Deps } from '../../app/ports.js';
import { resolveCustomer } from '../../app/resolve-customer.js';
import { refuseSecretIn, shieldWrittenText } from '../../app/shield-inbound.js';
import { HELP_KINDS, HELP_ROUTING, type HelpKind } from '../help-center/submit-help-request.js';
import { loadVisibleTicket } from '../../app/ticket-access.js';
import { uploadAttachment } from '../../app/upload-attachment.js';

type ChatDeps = Pick<Deps, 'store' | 'clock' | 'bus' | 'secrets' | 'senders' | 'jobsNudge' | 'officialChannels' | 'chain' | 'triageModel'>;

/** An agent counts as online while their console has checked in within this long. */
export const PRESENCE_TTL_MS = 90_000;
/** A visitor counts as online while their socket has checked in within this long. */
export const VISITOR_TTL_MS = 90_000;
/** An agent's chat reply still unread after this long goes out by e-mail, when the visitor left an address. */
export const EMAIL_IF_UNREAD_AFTER_MS = 10 * 60_000;
export const CHAT_EMAIL_JOB = 'chat.email_if_unread';
export const MAX_CHAT_CHARS = 4000;
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** A session checked for this call: the brand, its settings, and whether the user is proven. */
export interface ChatVisitor {
  session: ChatSessionRecord;
  brand: Brand;
  settings: ChatSettings;
  verified: boolean;
}

/** What a client sees when it opens or resumes a session (the `welcome` frame). */
export interface ChatWelcome {
  visitor: ChatVisitor;
  /** The resume token: only here, never stored. Null when resuming (the client has it). */
  token: string | null;
  ticket: Ticket | null;
  messages: Message[];
  attachments: Attachment[];
  agentNames: Map<string, string>;
  agentsOnline: boolean;
}

const identityRequired = (reason: string) => new AppError('unauthenticated', `Prove the user's identity on every call: ${reason}.`, { reason: 'identity_required' });

/**
 * Chat must be on for the brand, and a page must be on its allowed list, before anything is created (a site that
 * may not embed the chat makes no session). A missing origin is an app, not a page.
 */
function assertChatOpen(settings: ChatSettings, origin: string | undefined): void {
  if (!settings.enabled) throw new AppError('forbidden', 'Chat is switched off for this brand. Use the help center or e-mail instead.', { reason: 'chat_disabled' });
  if (!originAllowed(settings, origin)) throw new AppError('forbidden', 'This site may not embed the chat. The provider can allow it in Admin → Chat.', { reason: 'origin' });
}

async function brandOf(deps: Pick<Deps, 'store'>, ref: string): Promise<Brand> {
  const brand = isUuid(ref) ? await deps.store.brands.get(ref) : await deps.store.brands.getBySlug(ref);
  if (!brand) throw notFound('Brand');
  return brand;
}

/** The visitor's contact identity: the proven user id, or this session's own id (never a user id anyone could claim). */
function contactOf(session: ChatSessionRecord) {
  return {
    externalId: session.userId ?? `~visitor:${session.id}`,
    name: session.name,
    language: session.language,
  };
}

/**
 * Checks the proof a call carries against what the session needs: a session opened with a proven user needs
 * a valid proof for that same user on every call, and so does every session of a brand that enforces identity.
 */
export async function checkCallProof(deps: Pick<Deps, 'clock' | 'secrets'>, visitor: Pick<ChatVisitor, 'session' | 'settings'>, proof: IdentityProof | null): Promise<ProofCheck> {
  const needed = visitor.session.userId !== null || visitor.settings.enforceIdentity;
  const check = await checkProof(chatSecret(deps, visitor.settings), proof, deps.clock.now());
  if (!needed) return check;
  if (check.kind === 'none') throw identityRequired('this call carries no identity proof');
  if (check.kind === 'invalid') throw identityRequired(check.reason);
  if (visitor.session.userId !== null && check.userId !== visitor.session.userId) throw identityRequired('the proof is for another user than this conversation');
  if (visitor.session.userId === null) throw identityRequired('this conversation was started without a proof; start a new one');
  return check;
}

/** Agents who may answer this brand and have a console open now. */
export async function agentsOnline(deps: Pick<Deps, 'store' | 'clock'>, brandId: string): Promise<boolean> {
  const since = new Date(deps.clock.now().getTime() - PRESENCE_TTL_MS).toISOString();
  const ids = new Set(await deps.store.presence.seenSince(since));
  if (ids.size === 0) return false;
  const agents = await deps.store.agents.list({ brandIds: [brandId] });
  return agents.some((a) => a.active && ids.has(a.id) && (a.role === 'admin' || a.brandIds.includes(brandId)));
}

async function conversationOf(deps: Pick<Deps, 'store'>, session: ChatSessionRecord): Promise<Ticket | null> {
  if (!session.ticketId) return null;
  let ticket = await deps.store.tickets.get(session.ticketId);
  // An agent may have merged the chat into another ticket: the conversation goes on there.
  for (let hops = 0; ticket?.mergedIntoId && hops < 10; hops++) ticket = await deps.store.tickets.get(ticket.mergedIntoId);
  if (ticket && ticket.id !== session.ticketId) await deps.store.chatSessions.update(session.id, { ticketId: ticket.id });
  return ticket;
}

/** The public messages of a conversation after `afterId` (all when null), with their attachments and agents' names. */
export async function visibleMessages(
  deps: Pick<Deps, 'store'>,
  ticketId: string,
  afterId: string | null,
): Promise<{ messages: Message[]; attachments: Attachment[]; agentNames: Map<string, string> }> {
  const messages = await deps.store.messages.listPublicAfter(ticketId, afterId);
  const attachments = messages.length ? await deps.store.attachments.listForMessages(messages.map((m) => m.id)) : [];
  const agentIds = [...new Set(messages.filter((m) => m.authorType === 'agent' && m.authorId).map((m) => m.authorId!))];
  const agents = await Promise.all(agentIds.map((id) => deps.store.agents.get(id)));
  const agentNames = new Map(agents.filter((a) => a !== null).map((a) => [a.id, a.name]));
  return { messages, attachments, agentNames };
}

/**
 * The shield on what a proof carries before it is stored in chat_session and shown to agents: a claimed
 * (unproven) user id and a proven name are free text the visitor or the app chose. A proven user id is the
 * customer's identity key and cannot be redacted: one that holds a phrase is not accepted as a proof.
 */
function shieldProofCheck(check: ProofCheck): ProofCheck {
  if (check.kind === 'invalid') {
    return check.claimedUserId === null ? check : { ...check, claimedUserId: shieldWrittenText(check.claimedUserId) };
  }
  if (check.kind !== 'verified') return check;
  if (shieldWrittenText(check.userId) !== check.userId) {
    return { kind: 'invalid', reason: 'user_id holds a recovery phrase or key; use an opaque id', claimedUserId: shieldWrittenText(check.userId) };
  }
  return { ...check, name: check.name === null ? null : shieldWrittenText(check.name) };
}

/**
 * Opens a session, or resumes the one the token names. A token of another brand, or one that no longer
 * matches the proven user, starts a fresh session (its conversation is not this caller's to read).
 */
export async function openChatSession(
  deps: ChatDeps,
  input: { brand: string; token?: string | null; proof: IdentityProof | null; language?: string | null; origin?: string },
): Promise<ChatWelcome> {
  const brand = await brandOf(deps, input.brand);
  const settings = await loadChatSettings(deps.store, brand.id);
  assertChatOpen(settings, input.origin);
  const check = shieldProofCheck(await checkProof(chatSecret(deps, settings), input.proof, deps.clock.now()));
  if (settings.enforceIdentity && check.kind !== 'verified') {
    throw identityRequired(check.kind === 'invalid' ? check.reason : 'this brand only chats with signed-in users');
  }
  const now = deps.clock.now().toISOString();
  const language = isLanguage(input.language) ? input.language : null;

  let session = input.token ? await deps.store.chatSessions.findByTokenHash(hashToken(input.token)) : null;
  if (session && session.brandId !== brand.id) session = null;
  if (session && session.userId !== null && (check.kind !== 'verified' || check.userId !== session.userId)) {
    if (check.kind !== 'verified') throw identityRequired(check.kind === 'invalid' ? check.reason : 'this conversation belongs to a signed-in user');
    session = null;
  }
  if (session && session.userId === null && check.kind === 'verified') session = null; // signed in since: a fresh, verified conversation

  let token: string | null = null;
  if (session) {
    await deps.store.chatSessions.update(session.id, { lastSeenAt: now });
  } else {
    token = randomToken(32);
    const fresh: ChatSessionRecord = {
      id: newId(),
      tokenHash: hashToken(token),
      brandId: brand.id,
      customerId: '',
      ticketId: null,
      userId: check.kind === 'verified' ? check.userId : null,
      claimedUserId: check.kind === 'invalid' ? check.claimedUserId : null,
      email: check.kind === 'verified' ? check.email : null,
      name: check.kind === 'verified' ? check.name : null,
      kind: null,
      language,
      details: {},
      visitorReadUpTo: null,
      agentReadUpTo: null,
      createdAt: now,
      lastSeenAt: now,
    };
    session = await deps.store.transaction(async (tx) => {
      const customerId = await resolveCustomer(tx, brand.id, contactOf(fresh), now);
      const record = { ...fresh, customerId };
      await tx.chatSessions.insert(record);
      return record;
    });
  }
  const ticket = await conversationOf(deps, session);
  const seen = ticket ? await visibleMessages(deps, ticket.id, null) : { messages: [], attachments: [], agentNames: new Map<string, string>() };
  return {
    visitor: { session: { ...session, ticketId: ticket?.id ?? null }, brand, settings, verified: session.userId !== null },
    token,
    ticket,
    ...seen,
    agentsOnline: await agentsOnline(deps, brand.id),
  };
}

/** Loads the session a token names for a call (HTTP fallback) and checks the call's origin and proof. */
export async function resumeChatSession(
  deps: Pick<Deps, 'store' | 'clock' | 'secrets'>,
  token: string | null | undefined,
  proof: IdentityProof | null,
  origin?: string,
): Promise<ChatVisitor> {
  const session = token ? await deps.store.chatSessions.findByTokenHash(hashToken(token)) : null;
  if (!session) throw notFound('Chat session');
  const brand = await deps.store.brands.get(session.brandId);
  if (!brand) throw notFound('Chat session');
  const settings = await loadChatSettings(deps.store, brand.id);
  assertChatOpen(settings, origin);
  const visitor: ChatVisitor = { session, brand, settings, verified: session.userId !== null };
  await checkCallProof(deps, visitor, proof);
  return visitor;
}

/** Reloads a session's mutable parts (another instance or call may have changed them). */
export async function refreshVisitor(deps: Pick<Deps, 'store'>, visitor: ChatVisitor): Promise<ChatVisitor> {
  const session = await deps.store.chatSessions.get(visitor.session.id);
  if (!session) throw notFound('Chat session');
  return { ...visitor, session };
}

export interface PrechatInput {
  kind: string;
  language: string;
  email?: string | null;
  name?: string | null;
  device?: string | null;
  os?: string | null;
  appVersion?: string | null;
}

const EMAIL = /^[^\s@<>()[\],;:"]{1,64}@[^\s@<>()[\],;:"]{1,253}\.[^\s@<>()[\],;:"]{2,}$/;

/** The pre-chat step: the kind of problem, the language, an address for offline replies, and the app's device details. */
export async function setPrechat(deps: Pick<Deps, 'store'>, visitor: ChatVisitor, input: PrechatInput): Promise<ChatVisitor> {
  if (!(HELP_KINDS as readonly string[]).includes(input.kind)) throw invalid(`kind is one of ${HELP_KINDS.join(', ')}.`, { field: 'kind' });
  if (!isLanguage(input.language)) throw invalid('language is zh-CN or en.', { field: 'language' });
  const email = input.email?.trim().toLowerCase() || null;
  if (email && (email.length > 254 || !EMAIL.test(email))) throw invalid('That e-mail address does not look right. Check it, or leave it empty.', { field: 'email' });
  // An address cannot carry a marker: a phrase spelt into one is refused.
  if (email) refuseSecretIn([email], 'email');
  // Apps report what they report: long values are clipped, never a reason to lose the chat. Each goes
  // through the shield first (before the cut, which could leave part of a phrase) since it is stored in
  // chat_session and shown to agents as typed.
  const clip = (v: string | null | undefined, max = 120) => (v?.trim() ? shieldWrittenText(v.trim()).slice(0, max) : undefined);
  const details: TicketDetails = { ...visitor.session.details };
  const device = clip(input.device);
  const os = clip(input.os);
  const appVersion = clip(input.appVersion, 60);
  if (device) details.device = device;
  if (os) details.os = os;
  if (appVersion) details.app_version = appVersion;
  const patch = {
    kind: input.kind,
    language: input.language,
    // A proven user's e-mail (from the provider's token) is not replaced by a typed one.
    email: visitor.session.userId && visitor.session.email ? visitor.session.email : email ?? visitor.session.email,
    name: visitor.session.name ?? (clip(input.name, 200) ?? null),
    details,
  };
  await deps.store.chatSessions.update(visitor.session.id, patch);
  return { ...visitor, session: { ...visitor.session, ...patch } };
}

/** In the conversation's language: the one the visitor chose, else the one they write in, else the brand's. */
function offlineNotice(lang: Language, hours: number, email: string | null): string {
  return email ? t(lang, 'chat.offline_email', { hours, email }) : t(lang, 'chat.offline', { hours });
}

/** Stores a public message from the desk itself on the conversation; its event announces it (live-announce). */
async function addSystemMessage(
  deps: Pick<Deps, 'store' | 'clock' | 'bus' | 'senders' | 'chain' | 'officialChannels' | 'processors' | 'jobsNudge'>,
  ticket: Ticket,
  text: string,
  kind: string,
): Promise<Message> {
  const at = deps.clock.now().toISOString();
  const message: Message = {
    id: newId(),
    ticketId: ticket.id,
    authorType: 'system',
    authorId: null,
    public: true,
    body: text,
    bodyHtml: null,
    channel: 'chat',
    sourceId: null,
    meta: { kind },
    delivery: null,
    createdAt: at,
  };
  const events = [
    historyEvent({
      type: 'message.added',
      actor: { type: 'system', id: null },
      at,
      subjectType: 'ticket',
      subjectId: ticket.id,
      data: { message_id: message.id, public: true, author_type: 'system', channel: 'chat', kind },
    }),
  ];
  const jobs = await deps.store.transaction(async (tx) => {
    await tx.messages.insert(message);
    return recordEvents(tx, events, deps);
  });
  await afterCommit(deps, events, jobs);
  return message;
}

export interface VisitorMessageInput {
  clientId: string;
  body: string;
  attachmentIds?: readonly string[];
}

/**
 * Stores a visitor's message (the first one opens the conversation's ticket). The client id makes a resend
 * harmless: the same message comes back, stored once. Returns after the commit: an ack means stored.
 */
export async function sendVisitorMessage(deps: ChatDeps, visitor: ChatVisitor, input: VisitorMessageInput): Promise<{ visitor: ChatVisitor; result: IngestResult }> {
  if (!CLIENT_ID_PATTERN.test(input.clientId)) throw invalid('client_id is 8–64 characters of A–Z a–z 0–9 _ -.', { field: 'client_id' });
  if (input.body.length > MAX_CHAT_CHARS) {
    throw invalid(`The message is too long (${input.body.length} characters; at most ${MAX_CHAT_CHARS}). Split it into several.`, { field: 'body' });
  }
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  if (attachmentIds.length > 5) throw invalid('Attach at most 5 files to one message.', { field: 'attachment_ids' });
  const { session } = visitor;
  for (const id of attachmentIds) {
    const a = isUuid(id) ? await deps.store.attachments.get(id) : null;
    // Only this visitor's own uploads, not yet on a message: nobody attaches another person's file.
    if (!a || a.uploaderType !== 'customer' || a.uploaderId !== session.customerId || a.messageId !== null) {
      throw invalid('An attachment was not found. Upload it again.', { field: 'attachment_ids' });
    }
  }
  const kind = (HELP_KINDS as readonly string[]).includes(session.kind ?? '') ? (session.kind as HelpKind) : null;
  const routing = kind ? HELP_ROUTING[kind] : null;
  // A verification code typed in the chat is checked here and stored only as a marker (issue 18).
  const body = session.ticketId ? await takeCodeFromChat(deps, session.ticketId, input.body, session.language) : input.body;
  const result = await ingestInbound(deps, {
    brandId: session.brandId,
    channel: 'chat',
    from: contactOf(session),
    customerId: session.customerId,
    body,
    sourceId: `${session.id}:${input.clientId}`,
    ticketId: session.ticketId,
    details: session.details,
    attachmentIds,
    meta: {
      via: 'chat',
      verified: session.userId !== null,
      ...(session.claimedUserId ? { claimed_user_id: session.claimedUserId } : {}),
      ...(kind ? { kind } : {}),
      client_id: input.clientId,
    },
    overrides: routing
      ? { category: routing.category, ...(routing.priority ? { priority: routing.priority } : {}), tags: session.userId ? ['chat'] : ['chat', 'unverified'] }
      : { tags: session.userId ? ['chat'] : ['chat', 'unverified'] },
  });
  // The conversation follows its ticket (a new one, or a follow-up of a closed one). Written before the ack
  // goes out; also for a duplicate, so a resend after a failure here mends the link.
  const ticketId = result.ticket.id;
  if (ticketId !== session.ticketId) await deps.store.chatSessions.update(session.id, { ticketId });
  const next: ChatVisitor = { ...visitor, session: { ...session, ticketId } };
  if ((result.kind === 'created' || result.kind === 'followed_up') && !(await agentsOnline(deps, session.brandId))) {
    await addSystemMessage(deps, result.ticket, offlineNotice(language(session.language ?? result.ticket.language, visitor.brand.defaultLanguage), visitor.settings.replyWithinHours, session.email), 'chat_offline');
  }
  return { visitor: next, result };
}

/** The visitor has seen the conversation up to a message: agents see "Seen". Never moves backwards. */
export async function markVisitorRead(deps: Pick<Deps, 'store' | 'bus'>, visitor: ChatVisitor, upTo: string): Promise<void> {
  const { session } = visitor;
  if (!isUuid(upTo)) throw invalid('up_to is a message id.', { field: 'up_to' });
  if (!session.ticketId || (session.visitorReadUpTo !== null && upTo <= session.visitorReadUpTo)) return;
  session.visitorReadUpTo = upTo;
  await deps.store.chatSessions.update(session.id, { visitorReadUpTo: upTo });
  await deps.bus.publish(ticketTopic(session.ticketId), { type: 'chat.read', brandId: session.brandId, ticketId: session.ticketId, data: { by: 'visitor', up_to: upTo } }).catch(() => undefined);
}

/** The visitor started or stopped typing (live only, never stored). */
export async function visitorTyping(deps: Pick<Deps, 'bus'>, visitor: ChatVisitor, on: boolean): Promise<void> {
  const { session } = visitor;
  if (!session.ticketId) return;
  await deps.bus.publish(ticketTopic(session.ticketId), { type: 'chat.typing', brandId: session.brandId, ticketId: session.ticketId, data: { on } }).catch(() => undefined);
}

/** The visitor's socket opened, checked in, or closed: agents see online / offline. */
export async function visitorPresence(deps: Pick<Deps, 'store' | 'bus' | 'clock'>, visitor: ChatVisitor, online: boolean): Promise<void> {
  const { session } = visitor;
  const lastSeenAt = online ? deps.clock.now().toISOString() : new Date(deps.clock.now().getTime() - VISITOR_TTL_MS - 1000).toISOString();
  await deps.store.chatSessions.update(session.id, { lastSeenAt }).catch(() => undefined);
  if (!session.ticketId) return;
  await deps.bus.publish(ticketTopic(session.ticketId), { type: 'chat.visitor', brandId: session.brandId, ticketId: session.ticketId, data: { online } }).catch(() => undefined);
}

/** An agent has seen a chat up to a message: the visitor sees "Seen". */
export async function markAgentRead(deps: Pick<Deps, 'store' | 'bus'>, principal: Principal, ticketId: string, upTo: string): Promise<void> {
  if (!isUuid(upTo)) throw invalid('up_to is a message id.', { field: 'up_to' });
  const ticket = await loadVisibleTicket(deps.store, principal, ticketId);
  const session = await deps.store.chatSessions.findByTicket(ticket.id);
  if (!session || (session.agentReadUpTo !== null && upTo <= session.agentReadUpTo)) return;
  await deps.store.chatSessions.update(session.id, { agentReadUpTo: upTo });
  await deps.bus.publish(ticketTopic(ticket.id), { type: 'chat.read', brandId: ticket.brandId, ticketId: ticket.id, data: { by: 'agent', up_to: upTo } }).catch(() => undefined);
}

/** What the console shows about a chat's visitor. */
export interface ChatFacts {
  verified: boolean;
  userId: string | null;
  claimedUserId: string | null;
  email: string | null;
  name: string | null;
  kind: string | null;
  language: string | null;
  online: boolean;
  visitorReadUpTo: string | null;
  agentReadUpTo: string | null;
}

export async function readChatFacts(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, ticketId: string): Promise<ChatFacts> {
  const ticket = await loadVisibleTicket(deps.store, principal, ticketId);
  const session = await deps.store.chatSessions.findByTicket(ticket.id);
  if (!session || !canSeeBrand(principal, session.brandId)) throw notFound('Chat');
  return {
    verified: session.userId !== null,
    userId: session.userId,
    claimedUserId: session.claimedUserId,
    email: session.email,
    name: session.name,
    kind: session.kind,
    language: session.language,
    online: new Date(session.lastSeenAt).getTime() >= deps.clock.now().getTime() - VISITOR_TTL_MS,
    visitorReadUpTo: session.visitorReadUpTo,
    agentReadUpTo: session.agentReadUpTo,
  };
}

/**
 * Chat's outbound side. An agent's reply reaches a connected visitor live (their socket hears the commit);
 * this sender only arranges the fallback: if the visitor left an e-mail address, the reply goes out by
 * e-mail when it is still unread some minutes later.
 */
export function chatSender(deps: Pick<Deps, 'store' | 'clock'>): ChannelSender {
  return {
    async send({ message, ticket }) {
      if (message.authorType !== 'agent') return { externalId: null };
      const session = await deps.store.chatSessions.findByTicket(ticket.id);
      if (session?.email) {
        const runAt = new Date(deps.clock.now().getTime() + EMAIL_IF_UNREAD_AFTER_MS).toISOString();
        await deps.store.jobs.enqueue(
          { type: CHAT_EMAIL_JOB, payload: { message_id: message.id }, runAt, dedupeKey: `chat-email:${message.id}`, maxAttempts: 3 },
          deps.clock.now().toISOString(),
        );
      }
      return { externalId: null };
    },
  };
}

/** The job: e-mails an agent's chat reply the visitor has not read (the e-mail channel's "an agent replied" notice). */
export async function emailIfUnread(deps: Pick<Deps, 'store' | 'clock'>, messageId: string): Promise<'queued' | 'read' | 'skipped'> {
  const message = await deps.store.messages.get(messageId);
  if (!message) return 'skipped';
  const session = await deps.store.chatSessions.findByTicket(message.ticketId);
  if (!session?.email) return 'skipped';
  if (session.visitorReadUpTo !== null && session.visitorReadUpTo >= message.id) return 'read';
  await queueCustomerNotice(deps.store, { kind: 'reply', ticketId: message.ticketId, messageId, to: session.email }, deps.clock.now().toISOString());
  return 'queued';
}


/** A visitor's upload, to name in their next message. */
export async function uploadChatFile(
  deps: Pick<Deps, 'store' | 'clock' | 'files'>,
  visitor: ChatVisitor,
  file: { filename: string; contentType: string | null; bytes: Buffer },
  maxBytes: number,
): Promise<Attachment> {
  return uploadAttachment(deps, { type: 'customer', id: visitor.session.customerId }, file, maxBytes);
}

/** A file of a public message of this visitor's conversation, or their own upload not yet sent. */
export async function readChatFile(deps: Pick<Deps, 'store' | 'files'>, visitor: ChatVisitor, attachmentId: string): Promise<{ attachment: Attachment; bytes: Buffer }> {
  const attachment = isUuid(attachmentId) ? await deps.store.attachments.get(attachmentId) : null;
  if (!attachment) throw notFound('File');
  if (attachment.messageId) {
    const message = await deps.store.messages.get(attachment.messageId);
    if (!message || !message.public || message.ticketId !== visitor.session.ticketId) throw notFound('File');
  } else if (attachment.uploaderType !== 'customer' || attachment.uploaderId !== visitor.session.customerId) {
    throw notFound('File');
  }
  const bytes = await deps.files.get(attachment.sha256);
  if (!bytes) throw new AppError('unavailable', 'The file is missing from storage right now.');
  return { attachment, bytes };
}
