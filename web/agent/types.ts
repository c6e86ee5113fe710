/** The API's JSON shapes the console reads (see src/http/schemas.ts). */
export interface Agent {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
  languages: string[];
  brand_ids: string[];
  team_ids: string[];
  active: boolean;
  totp_enabled: boolean;
}

export interface Me {
  agent: Agent;
  csrf_token: string | null;
  must_enroll_two_factor: boolean;
}

export interface Details {
  txids?: string[];
  addresses?: string[];
  tx_time?: string;
  device?: string;
  os?: string;
  app_version?: string;
  account?: string;
}

export interface Ticket {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  category: string;
  channel: string;
  language: string | null;
  brand_id: string;
  requester: { id: string; name: string | null; email: string | null; phone: string | null };
  assignee_id: string | null;
  team_id: string | null;
  tags: string[];
  details: Details;
  created_at: string;
  updated_at: string;
  merged_into_id: string | null;
}

export interface Message {
  id: string;
  body: string;
  public: boolean;
  channel: string;
  author: { type: 'customer' | 'agent' | 'system'; id: string | null; name: string | null };
  attachments: Array<{ id: string; filename: string; size: number; url: string }>;
  delivery: { status: string; error: string | null } | null;
  /** Links, numbers and accounts in a customer's message, checked against the official channels. */
  channel_checks?: Array<{ value: string; verdict: 'official' | 'lookalike' | 'unknown'; reason: { en: string; 'zh-CN': string } }>;
  created_at: string;
}

/** GET /api/v1/tickets/:id/chain */
export interface ChainStatus {
  configured: boolean;
  transactions: Array<{
    txid: string;
    status: { found: boolean; confirmed: boolean; confirmations: number; fee_rate: number | null; stuck: boolean } | null;
    summary: string[];
    advice: Array<{ code: string; text: string }>;
    error: { code: string; message: string } | null;
  }>;
}

export interface DeskEvent {
  id: string;
  type: string;
  at: string;
  actor: { type: string; id: string | null; via: string | null };
  changes: Record<string, [unknown, unknown]>;
  data: Record<string, unknown>;
}

export interface Brand {
  id: string;
  name: string;
  slug: string;
  default_language: string;
  time_zone: string;
  support_emails: string[];
  phone_numbers: string[];
}

export interface Team {
  id: string;
  name: string;
  brand_id: string | null;
  /** Ticket categories routing sends to the team ('*': what no other team takes). */
  categories?: string[];
  member_ids: string[];
}

export interface Customer {
  id: string;
  name: string | null;
  emails: string[];
  phones: string[];
  verification_level: string;
}

export interface Notice {
  type: string;
  ticket_id: string | null;
  brand_id: string | null;
  data: Record<string, unknown>;
}

export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const CATEGORIES = ['security', 'transaction', 'technical', 'how_to', 'other'] as const;

/** GET /api/v1/tickets/:id/chat: what the chat channel knows about the visitor of a chat ticket. */
export interface ChatFacts {
  verified: boolean;
  user_id: string | null;
  /** A user id the visitor sent without a valid proof: shown, never trusted. */
  claimed_user_id: string | null;
  email: string | null;
  name: string | null;
  kind: string | null;
  language: string | null;
  online: boolean;
  visitor_read_up_to: string | null;
  agent_read_up_to: string | null;
}

/** GET/PATCH /api/v1/brands/:id/chat-settings */
export interface ChatSettings {
  enabled: boolean;
  enforce_identity: boolean;
  allowed_origins: string[];
  reply_within_hours: number;
  secret_set: boolean;
  snippet: string;
}

/** The kinds of problem the chat's pre-chat step offers (docs/chat.md). */
export const CHAT_KINDS = ['stolen', 'transaction', 'technical', 'account', 'how_to', 'other'] as const;

/** GET /api/v1/calls/:id (the call part), and each entry of the queue. */
export interface Call {
  id: string;
  call_sid: string;
  brand_id: string;
  /** The number as the provider sent it ('anonymous' and the like when withheld). */
  from: string;
  /** The caller's E.164 number, when `from` is one. */
  caller_phone: string | null;
  to: string;
  language: 'zh-CN' | 'en' | null;
  state: 'language' | 'menu' | 'queued' | 'connecting' | 'voicemail' | 'ended';
  menu_choice: 'stolen' | 'transaction' | 'app' | 'how_to' | 'agent' | null;
  emergency: boolean;
  spoofed_caller_id: boolean;
  ticket_id: string | null;
  enqueued_at: string | null;
  wait_seconds: number | null;
  agent_id: string | null;
  answered_at: string | null;
  talk_seconds: number | null;
  recording_url: string | null;
  outcome: 'answered' | 'abandoned' | 'voicemail' | 'callback' | 'hung_up_in_menu' | 'failed' | null;
  created_at: string;
  ended_at: string | null;
}

/** GET /api/v1/calls/queue: a waiting caller, in the order agents should take them. */
export interface QueuedCall {
  call: Call;
  /** The caller's place in their brand's queue. */
  position: number;
  waiting_seconds: number;
  estimated_wait_minutes: number;
  ticket_number: number | null;
}

/** GET /api/v1/calls/callbacks: a caller who asked to be called back at the number they called from. */
export interface CallbackRequest {
  id: string;
  call_id: string;
  brand_id: string;
  ticket_id: string | null;
  phone: string;
  language: string | null;
  status: 'open' | 'done';
  requested_at: string;
  done_at: string | null;
  done_by: string | null;
}

export const MENU_CHOICES = ['stolen', 'transaction', 'app', 'how_to', 'agent'] as const;
