/**
 * Table types for Kysely. Both databases store the same shapes: text ids (UUIDv7), ISO-8601 UTC text times
 * (which sort as text), 0/1 integers for booleans and JSON as text, so one set of migrations serves both.
 */
import type { PhoneTables } from './phone-schema.js';
import type { ChatTables } from './chat-schema.js';
import type { IdempotencyTables } from './idempotency-schema.js';
import type { ChannelAccountTables } from './channel-account-schema.js';
import type { IdentityTables } from './identity-schema.js';
import type { RulesTables } from './rules-schema.js';
import type { FreezeTables } from './freeze-schema.js';
import type { SlaTables } from './sla-schema.js';
import type { CsatTables } from './csat-schema.js';
import type { KbTables } from './kb-schema.js';

export interface BrandTable {
  id: string;
  name: string;
  slug: string;
  default_language: string;
  time_zone: string;
  created_at: string;
  updated_at: string;
}

export interface BrandAddressTable {
  kind: 'email' | 'phone';
  value: string;
  brand_id: string;
}

export interface AgentTable {
  id: string;
  email: string;
  name: string;
  role: string;
  languages: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: number;
  failed_logins: number;
  locked_until: string | null;
  password_changed_at: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface AgentBrandTable {
  agent_id: string;
  brand_id: string;
}

export interface TeamTable {
  id: string;
  name: string;
  brand_id: string | null;
  /** JSON array of the categories the team takes (routing). */
  categories: string;
  created_at: string;
  updated_at: string;
}

export interface AgentTeamTable {
  agent_id: string;
  team_id: string;
}

export interface CustomerTable {
  id: string;
  name: string | null;
  language: string | null;
  verification_level: string;
  created_at: string;
  updated_at: string;
  /** Set when this customer was merged into another (issue 19). */
  merged_into_id: string | null;
}

export interface CustomerIdentityTable {
  kind: 'email' | 'phone' | 'external';
  /** e-mail lower-cased, phone E.164, external as "<brand id>:<external id>". */
  value: string;
  customer_id: string;
  bouncing_at: string | null;
  created_at: string;
}

export interface TicketTable {
  id: string;
  number: number;
  brand_id: string;
  subject: string;
  status: string;
  priority: string;
  category: string;
  channel: string;
  language: string | null;
  requester_id: string;
  assignee_id: string | null;
  team_id: string | null;
  /** JSON array, denormalised from ticket_tag (which serves tag filters) so lists need no extra query. */
  tags: string;
  details: string;
  first_response_at: string | null;
  solved_at: string | null;
  closed_at: string | null;
  merged_into_id: string | null;
  follow_up_of_id: string | null;
  /** The earliest SLA deadline still counting (migration 20261208T0300-sla); null when none. */
  sla_due_at?: string | null;
  created_at: string;
  updated_at: string;
}

export interface TicketTagTable {
  ticket_id: string;
  tag: string;
}

/**
 * Unsolved tickets per (brand, assignee or '', urgent-or-security, waiting chat), kept by triggers
 * (migration 20261209T0100-view-counts). The delta table holds PostgreSQL's not yet folded +1/-1 rows.
 */
export interface TicketViewCountTable {
  brand_id: string;
  assignee_id: string;
  urgent: number;
  chat_waiting: number;
  n: number | string;
}

export interface MessageTable {
  id: string;
  ticket_id: string;
  author_type: string;
  author_id: string | null;
  public: number;
  body: string;
  body_html: string | null;
  channel: string;
  source_id: string | null;
  meta: string;
  /** JSON Delivery of an outbound message; null for inbound messages and notes. */
  delivery: string | null;
  created_at: string;
}

export interface AttachmentTable {
  id: string;
  ticket_id: string | null;
  message_id: string | null;
  uploader_type: string;
  uploader_id: string | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: string;
}

export interface EventTable {
  id: string;
  ticket_id: string | null;
  subject_type: string;
  subject_id: string;
  type: string;
  actor_type: string;
  actor_id: string | null;
  actor_via: string | null;
  at: string;
  changes: string;
  data: string;
}

export interface JobTable {
  id: string;
  type: string;
  payload: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApiTokenTable {
  id: string;
  agent_id: string;
  name: string;
  role: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SessionTable {
  id_hash: string;
  agent_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface CounterTable {
  name: string;
  value: number;
}

/**
 * Search documents on PostgreSQL: the terms of search-text.ts, with a tsvector and the ticket's number (search
 * pages walk it backwards). SQLite keeps them in the FTS5 table ticket_text, keyed by rowid (migration
 * 20261209T0200-search-order).
 */
export interface TicketSearchTable {
  doc_id: string;
  ticket_id: string;
  ticket_number: number;
  content: string;
  /** The SEARCH_FORMAT (search-text.ts) that wrote the content; null: before formats were recorded. */
  format: number | null;
}

/**
 * SQLite's search documents: rowid = ticket number × 2^32 + the message's rowid (0: the subject); prefix indexes
 * of 3, 4, 6 and 8 characters (migration 20261210T0400-search-prefix).
 */
export interface TicketTextTable {
  rowid: number;
  content: string;
  /** The SEARCH_FORMAT that wrote the content; 0: before formats were recorded. */
  format: number;
}

export interface OfficialChannelsTable {
  brand_id: string;
  doc: string;
  updated_at: string;
}

export interface BrandKeyTable {
  brand_id: string;
  public_key: string;
  private_key: string;
  created_at: string;
}

/** A customer's private link to one help-center request; only the token's SHA-256 is stored. */
export interface PortalLinkTable {
  token_hash: string;
  id: string;
  ticket_id: string;
  customer_id: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** An IMAP mailbox the desk polls: how far it has imported, and who holds the polling lease. */
export interface EmailMailboxTable {
  id: string;
  uid_validity: string | null;
  last_uid: number;
  lease_owner: string | null;
  lease_until: string | null;
  updated_at: string;
}

/** One-time links for agents (password reset, invitation); only the token's SHA-256 is stored. */
export interface AgentLinkTable {
  token_hash: string;
  agent_id: string;
  purpose: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface Database extends PhoneTables, ChatTables, IdempotencyTables, ChannelAccountTables, IdentityTables, RulesTables, FreezeTables, SlaTables, CsatTables, KbTables {
  brand: BrandTable;
  brand_address: BrandAddressTable;
  agent: AgentTable;
  agent_brand: AgentBrandTable;
  team: TeamTable;
  agent_team: AgentTeamTable;
  customer: CustomerTable;
  customer_identity: CustomerIdentityTable;
  ticket: TicketTable;
  ticket_tag: TicketTagTable;
  ticket_view_count: TicketViewCountTable;
  ticket_view_count_delta: TicketViewCountTable;
  message: MessageTable;
  attachment: AttachmentTable;
  event: EventTable;
  job: JobTable;
  api_token: ApiTokenTable;
  session: SessionTable;
  setting: SettingTable;
  counter: CounterTable;
  ticket_search: TicketSearchTable;
  ticket_text: TicketTextTable;
  official_channels: OfficialChannelsTable;
  brand_key: BrandKeyTable;
  portal_link: PortalLinkTable;
  email_mailbox: EmailMailboxTable;
  agent_link: AgentLinkTable;
}
