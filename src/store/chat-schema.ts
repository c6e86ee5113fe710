/** Table types of live chat (migration 20261125T1600-chat). */

export interface ChatSessionTable {
  id: string;
  token_hash: string;
  brand_id: string;
  customer_id: string;
  ticket_id: string | null;
  user_id: string | null;
  claimed_user_id: string | null;
  email: string | null;
  name: string | null;
  kind: string | null;
  language: string | null;
  details: string;
  visitor_read_up_to: string | null;
  agent_read_up_to: string | null;
  created_at: string;
  last_seen_at: string;
}

export interface AgentPresenceTable {
  agent_id: string;
  seen_at: string;
}

export interface ChatTables {
  chat_session: ChatSessionTable;
  agent_presence: AgentPresenceTable;
}
