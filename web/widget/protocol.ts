/** The chat protocol's shapes as docs/chat.md defines them (the widget's side of the contract). */

/** A proof of the app user's identity from the host's backend. */
export type Proof = { user_id: string; user_hash: string } | { token: string };

export type Kind = 'stolen' | 'transaction' | 'technical' | 'account' | 'how_to' | 'other';
export const KINDS: readonly Kind[] = ['stolen', 'transaction', 'technical', 'account', 'how_to', 'other'];

export interface AttachmentInfo {
  id: string;
  filename: string;
  content_type: string;
  size: number;
}

export interface ChatMessage {
  id: string;
  client_id: string | null;
  from: 'you' | 'agent' | 'system';
  author_name: string | null;
  body: string;
  attachments: AttachmentInfo[];
  created_at: string;
}

export interface Welcome {
  session: string;
  visitor?: unknown;
  /** The brand's name, or an object carrying it. */
  brand?: string | { name?: string } | null;
  conversation: { ticket_number: number; status: string; messages: ChatMessage[]; agent_read_up_to: string | null } | null;
  agents_online: boolean;
  reply_within_hours: number | null;
  needs_prechat: boolean;
  limits?: Record<string, number>;
}

export interface Prechat {
  kind: Kind;
  language: string;
  email?: string;
  device?: string;
  os?: string;
  app_version?: string;
}

/** A message waiting for its ack; resent with the same client_id until one comes. */
export interface Outgoing {
  client_id: string;
  body: string;
  attachment_ids: string[];
  /** Kept only to show the files on the pending message. */
  attachments: AttachmentInfo[];
}

export type ClientFrame =
  | { type: 'hello'; brand: string; session?: string; language?: string }
  | ({ type: 'prechat' } & Prechat)
  | { type: 'message'; client_id: string; body: string; attachment_ids?: string[] }
  | { type: 'typing'; on: boolean }
  | { type: 'read'; up_to: string }
  | { type: 'ping' };

export type ServerFrame =
  | { type: 'hello_please' }
  | ({ type: 'welcome' } & Welcome)
  | { type: 'prechat_ok' }
  | { type: 'ack'; client_id: string; message: ChatMessage }
  | { type: 'message'; message: ChatMessage }
  | { type: 'typing'; on: boolean }
  | { type: 'read'; up_to: string }
  | { type: 'status'; status: string }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string; client_id?: string };

/** A client_id: 32 hex characters (getRandomValues works outside secure contexts, unlike randomUUID). */
export function newClientId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
