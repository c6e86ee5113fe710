/**
 * What the use cases need from the outside world. store/ and bus/ implement these; tests build their own deps.
 * Times are ISO-8601 UTC strings throughout.
 */
import type { Clock } from '../core/clock.js';
import type { DeskEvent } from '../core/event.js';
import type { DomainEvent, DomainEventType } from '../core/domain-events.js';
import type { Delivery, Message } from '../core/message.js';
import type { Agent, Brand, Customer, Role, Team, VerificationLevel } from '../core/people.js';
import type { Category, Channel, Priority, Ticket, TicketStatus } from '../core/ticket.js';
import type { CompiledRegistry, RegistryBrand } from '../verify/index.js';
import type { ChainBackend } from '../bitcoin/index.js';
import type { TriageModel } from '../triage/index.js';
import type { CallRepo } from '../channels/phone/phone-ports.js';
import type { ChatSessionRepo, PresenceRepo } from '../channels/chat/chat-ports.js';
import type { ChannelAccountRepo } from './channel-account-ports.js';
import type { StepUpRepo } from './identity-ports.js';
import type { NotificationRepo, RuleRepo } from './rules-ports.js';
import type { FreezeRepo } from './freeze-ports.js';
import type { SlaRepo } from './sla-ports.js';
import type { CsatRepo, ReportRepo } from './quality-ports.js';
import type { ArticleRepo, KbEventRepo, MacroRepo } from './kb-ports.js';

// ---------- store ----------

export interface BrandRepo {
  insert(brand: Brand): Promise<void>;
  update(id: string, patch: Partial<Pick<Brand, 'name' | 'slug' | 'defaultLanguage' | 'timeZone'>>, at: string): Promise<void>;
  /** Replaces the brand's support e-mail addresses and phone numbers. Throws conflict if another brand has one. */
  setAddresses(id: string, emails: readonly string[], phones: readonly string[]): Promise<void>;
  get(id: string): Promise<Brand | null>;
  getBySlug(slug: string): Promise<Brand | null>;
  /** All brands, or only these ids. */
  list(ids?: readonly string[] | null): Promise<Brand[]>;
  /** Which brand owns a support address (e-mail lower-cased, phone E.164). */
  findByAddress(kind: 'email' | 'phone', value: string): Promise<string | null>;
  count(): Promise<number>;
}

/** An agent with the secrets only authentication code may see. */
export interface AgentAuth extends Agent {
  passwordHash: string | null;
  totpSecret: string | null;
  failedLogins: number;
  lockedUntil: string | null;
  passwordChangedAt: string | null;
}

export interface AgentRepo {
  insert(agent: AgentAuth): Promise<void>;
  update(
    id: string,
    patch: Partial<
      Pick<AgentAuth, 'name' | 'email' | 'role' | 'languages' | 'active' | 'passwordHash' | 'passwordChangedAt' | 'totpSecret' | 'totpEnabled' | 'failedLogins' | 'lockedUntil'>
    >,
    at: string,
  ): Promise<void>;
  setBrands(id: string, brandIds: readonly string[]): Promise<void>;
  setTeams(id: string, teamIds: readonly string[]): Promise<void>;
  get(id: string): Promise<Agent | null>;
  getAuth(id: string): Promise<AgentAuth | null>;
  getAuthByEmail(email: string): Promise<AgentAuth | null>;
  /**
   * Counts one failed sign-in in a single statement (parallel failures each count); the count that reaches
   * `max` locks the account until `lockUntil` and starts counting again. Returns whether this failure locked it.
   */
  recordFailedLogin(id: string, max: number, lockUntil: string, at: string): Promise<{ locked: boolean }>;
  /** Agents working for any of these brands (admins included), or all when null. */
  list(filter?: { brandIds?: readonly string[] | null; includeInactive?: boolean }): Promise<Agent[]>;
  count(): Promise<number>;
}

/** What a one-time agent link is for: a password reset, or a new agent's invitation. */
export type AgentLinkPurpose = 'reset' | 'invite';

/** A one-time link for an agent (issue 19): the token itself is never stored, only its SHA-256. */
export interface AgentLink {
  tokenHash: string;
  agentId: string;
  purpose: AgentLinkPurpose;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface AgentLinkRepo {
  insert(link: AgentLink): Promise<void>;
  find(tokenHash: string): Promise<AgentLink | null>;
  /** Uses a link once: false when it was used (or voided) already. */
  use(tokenHash: string, at: string): Promise<boolean>;
  /** Voids the agent's unused links (a newer one replaces them); returns how many. */
  voidOpen(agentId: string, at: string): Promise<number>;
}

export interface TeamRepo {
  insert(team: Team): Promise<void>;
  update(id: string, patch: Partial<Pick<Team, 'name' | 'brandId' | 'categories'>>, at: string): Promise<void>;
  setMembers(id: string, agentIds: readonly string[]): Promise<void>;
  get(id: string): Promise<Team | null>;
  list(filter?: { brandIds?: readonly string[] | null }): Promise<Team[]>;
}

export type IdentityKind = 'email' | 'phone' | 'external';

export interface CustomerRecord {
  id: string;
  name: string | null;
  language: string | null;
  verificationLevel: VerificationLevel;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerFilter {
  /** Only customers with a ticket in these brands; null for all. */
  brandIds?: readonly string[] | null;
  /** Matches name, e-mail or phone (prefix). */
  q?: string;
}

export interface CustomerRepo {
  insert(customer: CustomerRecord): Promise<void>;
  /** Removes a customer that has no identities and no tickets (a lost creation race). */
  delete(id: string): Promise<void>;
  /** Adds an identity; returns false when that identity already belongs to someone. */
  addIdentity(customerId: string, kind: IdentityKind, value: string, at: string): Promise<boolean>;
  findByIdentity(kind: IdentityKind, value: string): Promise<string | null>;
  get(id: string): Promise<Customer | null>;
  getMany(ids: readonly string[]): Promise<Map<string, Customer>>;
  update(id: string, patch: Partial<Pick<CustomerRecord, 'name' | 'language' | 'verificationLevel'>>, at: string): Promise<void>;
  list(filter: CustomerFilter, page: { cursor?: string | null; limit: number }): Promise<{ customers: Customer[]; nextCursor: string | null }>;
  /**
   * Moves the source's identities, tickets, status links, chats, surveys, freezes and step-ups to the target and
   * marks the source merged (issue 19). Returns how many tickets moved. Inside the caller's transaction.
   */
  mergeInto(sourceId: string, targetId: string, at: string): Promise<number>;
  /** True when the customer has a ticket in one of these brands. */
  hasTicketIn(customerId: string, brandIds: readonly string[]): Promise<boolean>;
  markBouncing(kind: IdentityKind, value: string, at: string | null): Promise<void>;
  /** When mail to this identity started bouncing, or null (also for an unknown identity). */
  bouncingSince(kind: IdentityKind, value: string): Promise<string | null>;
}

/** `sla_due_asc`: the next SLA deadline first, tickets without one last. */
export type TicketSort = 'updated_desc' | 'created_desc' | 'created_asc' | 'sla_due_asc';

export interface TicketFilter {
  /** Visibility: only these brands; null or undefined for all. Always set from the principal. */
  visibleBrandIds?: readonly string[] | null;
  brandId?: string;
  status?: readonly TicketStatus[];
  priority?: readonly Priority[];
  category?: readonly Category[];
  channel?: readonly Channel[];
  /** An agent id, or null for unassigned. */
  assigneeId?: string | null;
  teamId?: string | null;
  requesterId?: string;
  tag?: string;
  updatedSince?: string;
  /** What the search box holds: words of subject and messages (Chinese and English), a ticket number ("#12"), or the requester's name, e-mail or phone. */
  q?: string;
  /** Only tickets with an SLA deadline still counting at or before this instant (the "about to breach" view). */
  slaDueBefore?: string;
  /** Matches when any one of these holds, e.g. urgent or security (the console's "urgent and security" view). */
  anyOf?: { priority?: readonly Priority[]; category?: readonly Category[] };
}

export type TicketPatch = Partial<
  Pick<
    Ticket,
    | 'subject'
    | 'status'
    | 'priority'
    | 'category'
    | 'language'
    | 'assigneeId'
    | 'teamId'
    | 'tags'
    | 'details'
    | 'firstResponseAt'
    | 'solvedAt'
    | 'closedAt'
    | 'mergedIntoId'
    | 'requesterId'
  >
>;

/** One group of unsolved tickets (TicketRepo.unsolvedCounts). */
export interface UnsolvedCount {
  brandId: string;
  assigneeId: string | null;
  /** Urgent priority or security category: the "urgent and security" view. */
  urgent: boolean;
  /** A chat, new or open, nobody has taken: the console's Chats badge. */
  chatWaiting: boolean;
  n: number;
}

export interface TicketRepo {
  /** Allocates the next human-facing ticket number. Gaps are possible (like a sequence). */
  nextNumber(): Promise<number>;
  insert(ticket: Ticket): Promise<void>;
  update(id: string, patch: TicketPatch, at: string): Promise<void>;
  get(id: string): Promise<Ticket | null>;
  getByNumber(number: number): Promise<Ticket | null>;
  list(filter: TicketFilter, page: { cursor?: string | null; limit: number; sort?: TicketSort }): Promise<{ tickets: Ticket[]; nextCursor: string | null }>;
  count(filter: TicketFilter): Promise<number>;
  /** Unsolved tickets per assignee (routing balances by it). */
  openLoad(): Promise<Record<string, number>>;
  /**
   * The unsolved tickets of the visible brands (null: all) counted per brand, assignee, urgent-or-security and
   * waiting chat: the source of the view counts. Kept by the database as tickets change, so reading it costs
   * the same at any number of tickets.
   */
  unsolvedCounts(visibleBrandIds: readonly string[] | null): Promise<UnsolvedCount[]>;
  /** Indexes (or re-indexes) a ticket's subject for search. Text must already be through the shield. */
  indexSubject(ticket: Pick<Ticket, 'id' | 'number'>, subject: string): Promise<void>;
  /**
   * Indexes (or re-indexes) one message of a ticket for search; the message must be stored first. Text must
   * already be through the shield.
   */
  indexMessage(ticket: Pick<Ticket, 'id' | 'number'>, messageId: string, text: string): Promise<void>;
  /** Moves search documents to another ticket (merge). */
  moveIndex(fromTicketId: string, toTicketId: string): Promise<void>;
  /**
   * Rewrites, from their message or subject as stored now, the search documents written before the current
   * segmentation format, of up to `limit` tickets numbered above `after` (of one brand, or all), in number
   * order. `last` is the last ticket number looked at (null: none left); run it in a transaction.
   */
  reindexText(opts: { brandId: string | null; after: number; limit: number }): Promise<ReindexBatch>;
  /**
   * PostgreSQL: adds the view counts' pending +1/-1 rows to the totals and removes them, in one statement (the
   * scheduled `view_counts.fold` job). Safe to run from several instances at once; SQLite keeps exact totals and
   * does nothing.
   */
  foldCountDeltas(): Promise<void>;
}

/** One batch of a search re-index: where it got to and what it did. */
export interface ReindexBatch {
  last: number | null;
  tickets: number;
  rewritten: number;
}

export interface MessageRepo {
  insert(message: Message): Promise<void>;
  get(id: string): Promise<Message | null>;
  /** Records delivery progress. */
  setDelivery(id: string, delivery: Delivery): Promise<void>;
  /** Replaces a stored message's text with its redacted form (the shield found part of a secret later). */
  redactBody(id: string, body: string): Promise<void>;
  /** The latest messages of a ticket by one author type, newest last. */
  listRecent(ticketId: string, authorType: 'customer' | 'agent' | 'system', limit: number): Promise<Message[]>;
  listForTicket(ticketId: string): Promise<Message[]>;
  /** A ticket's public messages with ids after `afterId` (all when null), oldest first: what a chat client has not seen. */
  listPublicAfter(ticketId: string, afterId: string | null): Promise<Message[]>;
  findBySource(channel: Channel, sourceId: string): Promise<Message | null>;
  moveToTicket(fromTicketId: string, toTicketId: string): Promise<number>;
}

export interface Attachment {
  id: string;
  ticketId: string | null;
  messageId: string | null;
  uploaderType: 'agent' | 'customer' | 'system';
  uploaderId: string | null;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface AttachmentRepo {
  insert(attachment: Attachment): Promise<void>;
  get(id: string): Promise<Attachment | null>;
  attach(ids: readonly string[], messageId: string, ticketId: string): Promise<void>;
  listForMessages(messageIds: readonly string[]): Promise<Attachment[]>;
  moveToTicket(fromTicketId: string, toTicketId: string): Promise<void>;
}

export interface EventRepo {
  append(events: readonly DeskEvent[]): Promise<void>;
  listForTicket(ticketId: string, page: { after?: string | null; limit: number }): Promise<DeskEvent[]>;
  listForSubject(subjectType: DeskEvent['subjectType'], subjectId: string, limit: number): Promise<DeskEvent[]>;
  /** The latest events of one type, newest first (reports, training from corrections). */
  listByType(type: string, limit: number): Promise<DeskEvent[]>;
}

export interface NewJob {
  type: string;
  payload: Record<string, unknown>;
  runAt?: string;
  maxAttempts?: number;
  /** A job with the same key is enqueued only once (e.g. one delivery per message). */
  dedupeKey?: string;
}

export interface Job {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  status: 'queued' | 'running' | 'done' | 'failed';
  runAt: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  dedupeKey: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface JobRepo {
  /** Returns the job id, or null when a job with the same dedupe key exists. */
  enqueue(job: NewJob, at: string): Promise<string | null>;
  /** Queues several jobs in one statement; returns how many were new (duplicates by dedupe key are skipped). */
  enqueueMany(jobs: readonly NewJob[], at: string): Promise<number>;
  /**
   * Queues several jobs in one statement (duplicates by dedupe key are skipped) without saying how many were new:
   * on PostgreSQL the insert then travels with the transaction's other inserts instead of a round trip of its own.
   */
  enqueueAll(jobs: readonly NewJob[], at: string): Promise<void>;
  /** Claims up to `limit` due jobs (and jobs whose lock expired) for this worker, in due order (then id). */
  claim(workerId: string, now: string, lockUntil: string, limit: number): Promise<Job[]>;
  complete(id: string, at: string): Promise<void>;
  /** Marks several claimed jobs done in one statement (the worker's batch). */
  completeMany(ids: readonly string[], at: string): Promise<void>;
  /** Records a failure; requeues at `retryAt`, or marks failed when null. */
  fail(id: string, error: string, retryAt: string | null, at: string): Promise<void>;
  get(id: string): Promise<Job | null>;
  list(filter: { status?: Job['status']; type?: string }, limit: number): Promise<Job[]>;
}

export interface ApiTokenRecord {
  id: string;
  agentId: string;
  name: string;
  role: Role;
  tokenHash: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TokenRepo {
  insert(token: ApiTokenRecord): Promise<void>;
  findByHash(hash: string): Promise<ApiTokenRecord | null>;
  get(id: string): Promise<ApiTokenRecord | null>;
  list(agentId?: string): Promise<ApiTokenRecord[]>;
  revoke(id: string, at: string): Promise<void>;
  touch(id: string, at: string): Promise<void>;
}

export interface SessionRecord {
  idHash: string;
  agentId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface SessionRepo {
  insert(session: SessionRecord): Promise<void>;
  get(idHash: string): Promise<SessionRecord | null>;
  touch(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteForAgent(agentId: string): Promise<number>;
}

export interface SettingsRepo {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown): Promise<void>;
  /** Flips a one-time flag (e.g. first-run setup); true for exactly one caller, even across instances. */
  claimOnce(flag: 'setup'): Promise<boolean>;
  /** Adds one to a named counter (creating it) and returns the new value: self-service counts for reports. */
  bump(counter: string): Promise<number>;
  /** Counters whose names start with a prefix. */
  counters(prefix: string): Promise<Record<string, number>>;
}

/** A brand's official channels, in src/verify's registry format (without id and name, which are the brand's). */
export interface OfficialChannelsDoc {
  domains: string[];
  emails: string[];
  phones: string[];
  handles: Array<{ platform: string; handle: string }>;
  app_ids?: Array<{ store: string; id: string }>;
  keywords?: string[];
}

export interface OfficialChannelRepo {
  get(brandId: string): Promise<{ doc: OfficialChannelsDoc; updatedAt: string } | null>;
  list(): Promise<Array<{ brandId: string; doc: OfficialChannelsDoc; updatedAt: string }>>;
  set(brandId: string, doc: OfficialChannelsDoc, at: string): Promise<void>;
  /** Changes whenever any brand or its channels change: lets every instance know when to recompile. */
  version(): Promise<string>;
}

export interface BrandKeyRepo {
  get(brandId: string): Promise<{ publicKey: string; privateKeySealed: string; createdAt: string } | null>;
  /** Stores a key unless the brand has one; returns false when another instance was first. */
  insert(brandId: string, publicKey: string, privateKeySealed: string, at: string): Promise<boolean>;
}

/** A customer's private, expiring link to one request (the help-center status page). */
export interface PortalLinkRecord {
  id: string;
  /** SHA-256 hex of the token; the token itself is never stored. */
  tokenHash: string;
  ticketId: string;
  customerId: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface PortalLinkRepo {
  insert(link: PortalLinkRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<PortalLinkRecord | null>;
  touch(id: string, at: string): Promise<void>;
  /** Revokes every link of a ticket; returns how many were live. */
  revokeForTicket(ticketId: string, at: string): Promise<number>;
}

/** Progress of one polled IMAP mailbox. */
export interface MailboxState {
  id: string;
  /** The mailbox's UIDVALIDITY when `lastUid` was recorded; a different one means every UID changed. */
  uidValidity: string | null;
  /** The highest UID whose message is committed (or deliberately skipped). */
  lastUid: number;
  leaseOwner: string | null;
  leaseUntil: string | null;
}

export interface MailboxRepo {
  /**
   * Takes or renews the polling lease of a mailbox (creating its row on first use). Returns the state when
   * `owner` now holds the lease, or null while another owner's lease is still running.
   */
  acquire(id: string, owner: string, now: string, until: string): Promise<MailboxState | null>;
  /** Records progress; only while `owner` holds the lease (returns false when it lost it). */
  advance(id: string, owner: string, uidValidity: string, lastUid: number, at: string): Promise<boolean>;
  release(id: string, owner: string): Promise<void>;
}

/** The repositories, inside or outside a transaction. */
/** One Idempotency-Key: whose (a token or a console agent), for which endpoint (method and route). */
export interface IdempotencyId {
  scope: string;
  endpoint: string;
  key: string;
}

/** What is stored under a key: the request's fingerprint and, once it finished, the response to replay. */
export interface IdempotencyRecord {
  fingerprint: string;
  /** Null while the first request with the key is still running. */
  statusCode: number | null;
  response: string | null;
  createdAt: string;
}

export interface IdempotencyRepo {
  /**
   * Claims a key for a request; returns null when claimed, or the record already there. A record left in
   * flight since before `staleBefore` (its instance died) or created before `expiredBefore` is taken over.
   */
  claim(id: IdempotencyId, fingerprint: string, at: string, staleBefore: string, expiredBefore: string): Promise<IdempotencyRecord | null>;
  /** Stores the response of the request that claimed the key. */
  complete(id: IdempotencyId, statusCode: number, response: string): Promise<void>;
  /** Frees a key whose request failed, so the client may retry it. */
  release(id: IdempotencyId): Promise<void>;
}

export interface Repos {
  brands: BrandRepo;
  agents: AgentRepo;
  /** One-time password-reset and invitation links (issue 19). */
  agentLinks: AgentLinkRepo;
  teams: TeamRepo;
  customers: CustomerRepo;
  tickets: TicketRepo;
  messages: MessageRepo;
  attachments: AttachmentRepo;
  events: EventRepo;
  jobs: JobRepo;
  tokens: TokenRepo;
  sessions: SessionRepo;
  settings: SettingsRepo;
  officialChannels: OfficialChannelRepo;
  brandKeys: BrandKeyRepo;
  portalLinks: PortalLinkRepo;
  mailboxes: MailboxRepo;
  /** The phone hotline's calls, steps and callback requests. */
  calls: CallRepo;
  /** Live chat's visitor sessions. */
  chatSessions: ChatSessionRepo;
  /** Which agents have the console open. */
  presence: PresenceRepo;
  /** The API's Idempotency-Keys. */
  idempotency: IdempotencyRepo;
  /** Channel accounts: a brand's mailboxes, numbers, bots (issue 15). */
  channelAccounts: ChannelAccountRepo;
  /** Identity verification step-ups (issue 18). */
  stepUps: StepUpRepo;
  /** Triggers and automations (issue 17). */
  rules: RuleRepo;
  /** The agents' bell (issue 16). */
  notifications: NotificationRepo;
  /** Freeze settings, account freezes, freeze links and the record key (issue 18). */
  freezes: FreezeRepo;
  /** SLA policies and clocks (issue 16). */
  sla: SlaRepo;
  /** Satisfaction surveys (issue 16). */
  csat: CsatRepo;
  /** Reads for reports over the history (issue 16). */
  reports: ReportRepo;
  /** Macros and their usage (issue 17). */
  macros: MacroRepo;
  /** Knowledge-base articles with translations, revisions and files (issue 17). */
  articles: ArticleRepo;
  /** Deflection events of the help center and the chat widget (issue 17). */
  kbEvents: KbEventRepo;
}

export interface Store extends Repos {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction: everything it writes commits together or not at all. A use case returns
   * (and so acknowledges) only after the commit.
   */
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  /** Throws AppError('unavailable') when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// ---------- live bus ----------

/** A change worth showing live (console counts, open ticket pages). Never carries message bodies. */
export interface LiveNotice {
  type: string;
  brandId: string | null;
  ticketId?: string;
  data?: Record<string, unknown>;
}

export interface LiveBus {
  publish(topic: string, notice: LiveNotice): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(topic: string, handler: (notice: LiveNotice) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// ---------- files ----------

export interface FileStore {
  /** Stores bytes content-addressed; returns the sha256 hex. Idempotent. */
  put(bytes: Buffer): Promise<string>;
  /** Reads stored bytes, or null if absent. */
  get(sha256: string): Promise<Buffer | null>;
}

// ---------- password hashing, secrets ----------

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Encrypts small secrets at rest (TOTP seeds) with the install's key. */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

// ---------- channels ----------

/** Everything a channel needs to send an agent's reply to the customer. */
export interface OutboundDelivery {
  brand: Brand;
  ticket: Ticket;
  message: Message;
  requester: Customer;
  /** The whole conversation so far, oldest first (for threading headers, quoting). */
  thread: Message[];
  attachments: Attachment[];
}

/** Automatic messages to a customer (not written by an agent). */
export type NoticeKind = 'acknowledgement' | 'reply' | 'status_link' | 'attachment_rejected' | 'verification_code' | 'freeze_link' | 'csat' | 'solved';

/** Everything a channel needs to send one automatic notice. */
export interface CustomerNotice {
  kind: NoticeKind;
  /** Stable per notice: a retry of the same notice carries the same key (and so the same e-mail Message-ID). */
  key: string;
  brand: Brand;
  ticket: Ticket;
  requester: Customer;
  /** The address to write to. */
  to: string;
  /** The customer message acknowledged, or the agent reply announced. */
  message: Message | null;
  /** The private status link (status_link). */
  url: string | null;
  /** Kind-specific facts, e.g. the names of rejected attachments. */
  detail: Record<string, unknown>;
  /** The desk's automatic replies to fold into an acknowledgement (missing details, a link check). */
  autoReplies: string[];
}

/** A mail from the desk to one of its agents (not about a ticket). */
export interface AgentMail {
  to: string;
  subject: string;
  text: string;
  /** Stable per mail: a retry carries the same key (and so the same Message-ID). */
  key: string;
  /** A sender address for desks without SUPPORT_EMAIL (a brand's support address). */
  from?: string | null;
}

/** A channel's outbound side. Throws to have the delivery retried. */
export interface ChannelSender {
  send(delivery: OutboundDelivery): Promise<{ externalId?: string | null }>;
  /** Sends an automatic notice, for channels that can (e-mail). Throws to have it retried. */
  notify?(notice: CustomerNotice): Promise<{ externalId?: string | null }>;
  /** Sends a mail to an agent (a password-reset or invitation link), for channels that can (e-mail). Throws to have it retried. */
  mailAgent?(mail: AgentMail): Promise<{ externalId?: string | null }>;
  /**
   * The channel's acknowledgement carries the desk's automatic replies (e-mail: one mail, not three), so they
   * are not delivered on their own (app/processors/email-acknowledgement.ts).
   */
  foldsAutoReplies?: boolean;
}

// ---------- official channels ----------

/** The compiled registry of official channels, with the entries and brands it was built from. */
export interface RegistrySnapshot {
  compiled: CompiledRegistry;
  /** Registry entries keyed by brand id (the registry's ids are the desk's brand ids). */
  entries: Map<string, RegistryBrand>;
  brands: Map<string, Brand>;
}

/** Where checks get the registry from: compiled once, recompiled when any instance changes it. */
export interface RegistrySource {
  get(): Promise<RegistrySnapshot>;
  invalidate(): void;
}

/** Everything a use case may touch. Built once in main.ts; tests build their own. */
/** One named limit: `take(key)` counts one event for `key` and says whether it was within the limit. */
export interface RateLimit {
  take(key: string): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

/**
 * Counters that limit how often something may happen (messages per chat, new chats per address, mail per
 * sender). Shared by every instance through Redis when REDIS_URL is set, so two instances never double a limit;
 * in memory otherwise.
 */
export interface RateLimits {
  /** A limit of `points` events per `durationSec` seconds, counted per key; `name` keeps limits apart. */
  define(name: string, rule: { points: number; durationSec: number }): RateLimit;
}

/** Whether any trigger is switched on, cheaply and synchronously (app/trigger-view.ts builds it). */
/** Whether any SLA policy is switched on, as a cheap synchronous view (the same shape as the trigger view). */
export type SlaPolicyView = TriggerView;

export interface TriggerView {
  /** True when at least one trigger was on at the last look. */
  active(): boolean;
  /** Looks again now (after a rule is saved here). */
  refresh(): Promise<void>;
  stop(): void;
}

export interface Deps {
  store: Store;
  bus: LiveBus;
  clock: Clock;
  files: FileStore;
  passwords: PasswordHasher;
  secrets: SecretBox;
  /** Wakes the local job worker after a commit that enqueued jobs. */
  jobsNudge?: () => void;
  /** Channels that send agents' public replies on to the customer (e-mail, chat, ...). */
  senders?: Partial<Record<Channel, ChannelSender>>;
  /** The official-channel registry: links customers paste are checked against it. */
  officialChannels?: RegistrySource;
  /** The configured chain backend (Esplora or Bitcoin Core), cached and coalesced; absent when none is set. */
  chain?: ChainBackend;
  /** A retrained triage model (TRIAGE_MODEL); the shipped one when absent. */
  triageModel?: TriageModel;
  /** Rate limits shared across instances (Redis); absent: each consumer counts in memory (`memoryRateLimits`). */
  limits?: RateLimits;
  /** The processors that react to domain events; absent: the registered list (app/processors/index.ts). */
  processors?: readonly Processor[];
  /** Whether any trigger is on (app/trigger-view.ts); absent: assume so (every ticket event queues the trigger job). */
  triggers?: TriggerView;
  /** Whether any SLA policy is on (app/sla-policy-view.ts): with none, events queue no SLA clock job. */
  slaPolicies?: SlaPolicyView;
  /** The desk's PUBLIC_URL, for links processors put in messages (the solve e-mail, the SMS freeze link). */
  publicUrl?: string;
  /** Text messages (SMS) through the phone channel's provider account, when one can send (channels/phone/sms.ts). */
  textMessages?: TextMessages;
}

/** One text message (SMS) to send for a brand. */
export interface TextMessage {
  brandId: string;
  /** E.164. */
  to: string;
  body: string;
  /** Where the provider reports the message's delivery (absolute URL), if wanted. */
  statusCallback?: string | null;
}

/** SMS through the brand's phone provider account (Twilio's Messages API or a compatible one). */
export interface TextMessages {
  /** Whether this brand has a number and provider credentials to text from. */
  ready(brandId: string): Promise<boolean>;
  /** Sends one; throws to have it retried. Answers the provider's message id and first status. */
  send(message: TextMessage): Promise<{ externalId: string; status: string | null; from: string }>;
}

/** What a processor may use: the desk's dependencies (the store outside any transaction, the bus, senders, ...). */
export type ProcessorDeps = Pick<
  Deps,
  'store' | 'clock' | 'bus' | 'senders' | 'chain' | 'jobsNudge' | 'officialChannels' | 'processors' | 'triggers' | 'slaPolicies' | 'secrets' | 'publicUrl' | 'textMessages'
> & {
  /**
   * Records events a processor writes together with their processors' jobs (app/record-events.ts, passed in by
   * the job runner so processors need not import the list they are in). Absent: the events are only appended.
   */
  record?: (tx: Pick<Repos, 'events' | 'jobs'>, events: readonly DeskEvent[]) => Promise<number>;
  /** Which attempt of its job this run is (the job runner fills it): a processor can tell its last try. */
  attempt?: { number: number; max: number };
  /**
   * after_commit runs only: tickets as the committed transaction left them, by id (the use case has them in
   * hand), so a live notice needs no read of its ticket.
   */
  committedTickets?: ReadonlyMap<string, Ticket>;
};

/**
 * A named, versioned reaction to domain events (app/processors/). `recordEvents` queues one durable job per
 * (processor that handles an event) in the transaction that records the event; the job worker runs it at least
 * once, so `run` must be idempotent (look before writing, or write with a de-duplication key).
 */
export interface Processor<T extends DomainEventType = DomainEventType> {
  /** Unique, kebab-case; part of every job's dedupe key, so never renamed once released. */
  name: string;
  /** Bumped when what the processor does changes; stored in each job for the record. */
  version: number;
  /** The events it reacts to. */
  handles: readonly T[];
  /**
   * Decides at record time, from the event and the desk's configuration (senders, chain backend, registry), whether there
   * is work (no job is queued otherwise): keeps a hot path such as ticket creation free of jobs that would do
   * nothing. Pure and cheap: no reads.
   */
  wants?(event: DomainEvent<T>, deps: Pick<Deps, 'senders' | 'chain' | 'officialChannels' | 'triggers' | 'slaPolicies' | 'publicUrl' | 'textMessages'>): boolean;
  /** Attempts of its job before it stays failed (default 6): a webhook that must go through retries longer. */
  maxAttempts?: number;
  /** When its job is due, if later than now (an unfreeze after the cooling-off); pure. */
  runAt?(event: DomainEvent<T>): string | undefined;
  /**
   * When it runs: `job` (default) from the durable queue, at least once, never inside the request; or
   * `after_commit`, right after the transaction that recorded the event commits, in the same process, at most
   * once and best effort (a failure is swallowed). after_commit is for what may be lost without harm and must
   * be immediate: the live notices consoles refetch on (they catch up on their next fetch anyway).
   */
  stage?: 'job' | 'after_commit';
  run(deps: ProcessorDeps, event: DomainEvent<T>): Promise<void>;
  /** after_commit only: handles all of one commit's events at once (e.g. one read per ticket); else `run` per event. */
  runAll?(deps: ProcessorDeps, events: ReadonlyArray<DomainEvent<T>>): Promise<void>;
}
