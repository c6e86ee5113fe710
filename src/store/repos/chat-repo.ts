import type { ChatSessionRecord, ChatSessionRepo, PresenceRepo } from '../../channels/chat/chat-ports.js';
import type { ChatSessionTable } from '../chat-schema.js';
import type { Db } from './rows.js';
import { jsonText } from './rows.js';
import type { TicketDetails } from '../../core/ticket.js';

function parseDetails(text: string): TicketDetails {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as TicketDetails) : {};
  } catch {
    return {};
  }
}

function toSession(row: ChatSessionTable): ChatSessionRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    brandId: row.brand_id,
    customerId: row.customer_id,
    ticketId: row.ticket_id,
    userId: row.user_id,
    claimedUserId: row.claimed_user_id,
    email: row.email,
    name: row.name,
    kind: row.kind,
    language: row.language,
    details: parseDetails(row.details),
    visitorReadUpTo: row.visitor_read_up_to,
    agentReadUpTo: row.agent_read_up_to,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  };
}

const COLUMNS = {
  ticketId: 'ticket_id',
  claimedUserId: 'claimed_user_id',
  email: 'email',
  name: 'name',
  kind: 'kind',
  language: 'language',
  visitorReadUpTo: 'visitor_read_up_to',
  agentReadUpTo: 'agent_read_up_to',
  lastSeenAt: 'last_seen_at',
} as const;

/** Chat visitor sessions, looked up by the hash of their resume token. */
export function chatSessionRepo(db: Db): ChatSessionRepo {
  return {
    async insert(s) {
      await db
        .insertInto('chat_session')
        .values({
          id: s.id,
          token_hash: s.tokenHash,
          brand_id: s.brandId,
          customer_id: s.customerId,
          ticket_id: s.ticketId,
          user_id: s.userId,
          claimed_user_id: s.claimedUserId,
          email: s.email,
          name: s.name,
          kind: s.kind,
          language: s.language,
          details: jsonText(s.details),
          visitor_read_up_to: s.visitorReadUpTo,
          agent_read_up_to: s.agentReadUpTo,
          created_at: s.createdAt,
          last_seen_at: s.lastSeenAt,
        })
        .execute();
    },
    async findByTokenHash(tokenHash) {
      const row = await db.selectFrom('chat_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row ? toSession(row) : null;
    },
    async get(id) {
      const row = await db.selectFrom('chat_session').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toSession(row) : null;
    },
    async findByTicket(ticketId) {
      const row = await db.selectFrom('chat_session').selectAll().where('ticket_id', '=', ticketId).orderBy('last_seen_at', 'desc').executeTakeFirst();
      return row ? toSession(row) : null;
    },
    async update(id, patch) {
      const set: Record<string, string | null> = {};
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) continue;
        if (k === 'details') set.details = jsonText(v);
        else set[COLUMNS[k as keyof typeof COLUMNS]] = v as string | null;
      }
      if (Object.keys(set).length === 0) return;
      await db.updateTable('chat_session').set(set).where('id', '=', id).execute();
    },
  };
}

/** Agents' console presence: one row per agent, its last heartbeat. */
export function presenceRepo(db: Db): PresenceRepo {
  return {
    async touch(agentId, at) {
      await db
        .insertInto('agent_presence')
        .values({ agent_id: agentId, seen_at: at })
        .onConflict((oc) => oc.column('agent_id').doUpdateSet({ seen_at: at }))
        .execute();
    },
    async clear(agentId) {
      await db.deleteFrom('agent_presence').where('agent_id', '=', agentId).execute();
    },
    async seenSince(since) {
      const rows = await db.selectFrom('agent_presence').select('agent_id').where('seen_at', '>=', since).execute();
      return rows.map((r) => r.agent_id);
    },
  };
}
