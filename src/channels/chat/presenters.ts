/** The JSON shapes of live chat for visitors (widget, apps) and for the console. See docs/chat.md. */
import type { Message } from '../../core/message.js';
import type { Ticket } from '../../core/ticket.js';
import type { Attachment } from '../../app/ports.js';
import type { ChatFacts, ChatWelcome } from './chat-session.js';
import type { ChatSettings } from './chat-settings.js';
import { MAX_CHAT_CHARS } from './chat-session.js';
import { localiseMarkers } from '../../shield/index.js';
import type { Static } from '@sinclair/typebox';
import type { ChatConversationJson, ChatMessageJson, ChatWelcomeJson } from '../../contract/index.js';

/**
 * A public message as the visitor sees it: no internal ids beyond the message's, no agent e-mail, and
 * removed-secret markers in the conversation's language.
 */
export function presentChatMessage(m: Message, attachments: readonly Attachment[], agentNames: ReadonlyMap<string, string>, language: string | null): Static<typeof ChatMessageJson> {
  return {
    id: m.id,
    client_id: typeof m.meta.client_id === 'string' ? m.meta.client_id : null,
    from: m.authorType === 'customer' ? 'you' : m.authorType === 'agent' ? 'agent' : 'system',
    author_name: m.authorType === 'agent' && m.authorId ? (agentNames.get(m.authorId) ?? null) : null,
    body: localiseMarkers(m.body, language),
    attachments: attachments
      .filter((a) => a.messageId === m.id)
      .map((a) => ({ id: a.id, filename: a.filename, content_type: a.contentType, size: a.size })),
    created_at: m.createdAt,
  };
}

export function presentConversation(
  ticket: Ticket | null,
  messages: readonly Message[],
  attachments: readonly Attachment[],
  agentNames: ReadonlyMap<string, string>,
  agentReadUpTo: string | null,
  language: string | null,
): Static<typeof ChatConversationJson> | null {
  if (!ticket) return null;
  return {
    ticket_number: ticket.number,
    status: ticket.status,
    messages: messages.map((m) => presentChatMessage(m, attachments, agentNames, language)),
    agent_read_up_to: agentReadUpTo,
  };
}

/** The `welcome` frame's fields (also the HTTP fallback's session answer). */
export function presentWelcome(w: ChatWelcome, session: string, maxAttachmentBytes: number): Static<typeof ChatWelcomeJson> {
  const s = w.visitor.session;
  return {
    session,
    visitor: { verified: w.visitor.verified, user_id: s.userId, name: s.name, email: s.email, language: s.language, kind: s.kind },
    brand: { id: w.visitor.brand.id, name: w.visitor.brand.name, default_language: w.visitor.brand.defaultLanguage },
    conversation: presentConversation(w.ticket, w.messages, w.attachments, w.agentNames, s.agentReadUpTo, s.language ?? w.ticket?.language ?? null),
    agents_online: w.agentsOnline,
    reply_within_hours: w.visitor.settings.replyWithinHours,
    needs_prechat: s.kind === null,
    limits: { max_chars: MAX_CHAT_CHARS, max_attachment_bytes: maxAttachmentBytes },
  };
}

export function presentChatFacts(f: ChatFacts) {
  return {
    verified: f.verified,
    user_id: f.userId,
    claimed_user_id: f.claimedUserId,
    email: f.email,
    name: f.name,
    kind: f.kind,
    language: f.language,
    online: f.online,
    visitor_read_up_to: f.visitorReadUpTo,
    agent_read_up_to: f.agentReadUpTo,
  };
}

/** The embed snippet for a brand. */
export function chatSnippet(publicUrl: string, brandId: string): string {
  return `<script src="${publicUrl}/chat/widget.js" data-brand="${brandId}" async></script>`;
}

export function presentChatSettings(s: ChatSettings, snippet: string) {
  return {
    enabled: s.enabled,
    enforce_identity: s.enforceIdentity,
    allowed_origins: s.allowedOrigins,
    reply_within_hours: s.replyWithinHours,
    secret_set: s.sealedSecrets !== null,
    snippet,
  };
}
