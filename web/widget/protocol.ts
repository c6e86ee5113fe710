/**
 * The chat protocol's shapes as docs/chat.md defines them. What the server sends (messages, welcome) comes from
 * the server's contract (src/contract/chat.ts, type-only: nothing of the server ships in the bundle), and so do
 * the frames the widget sends; the server's frames around the messages are written out here.
 */
import type { Static } from '@sinclair/typebox';
import type { ChatAttachmentJson, ChatClientFrames, ChatMessageJson, ChatWelcomeJson } from '../../src/contract/index.js';
import type { HelpKind } from '../../src/core/help-kinds.js';

/** A proof of the app user's identity from the host's backend. */
export type Proof = { user_id: string; user_hash: string } | { token: string };

export { HELP_KINDS as KINDS, type HelpKind as Kind } from '../../src/core/help-kinds.js';

/** A file on a message. */
export type AttachmentInfo = Static<typeof ChatAttachmentJson>;

/** A public message of the conversation. */
export type ChatMessage = Static<typeof ChatMessageJson>;

/** The `welcome` frame's fields (and the HTTP fallback's session answer). */
export type Welcome = Static<typeof ChatWelcomeJson>;

export interface Prechat {
  kind: HelpKind;
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

/** A frame the widget sends: the server's own schemas (src/contract/chat.ts `ChatClientFrames`). */
export type ClientFrame = { [K in keyof typeof ChatClientFrames]: Static<(typeof ChatClientFrames)[K]> }[keyof typeof ChatClientFrames];

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
