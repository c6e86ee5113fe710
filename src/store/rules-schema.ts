/** Table types of rules and the agents' bell (migration 20261208T0600-rules-and-bell). */

export interface RuleTable {
  id: string;
  kind: string;
  name: string;
  brand_id: string | null;
  enabled: number;
  position: number;
  conditions: string;
  actions: string;
  created_at: string;
  updated_at: string;
}

export interface RuleRunTable {
  rule_id: string;
  run_key: string;
  at: string;
}

export interface NotificationTable {
  id: string;
  agent_id: string;
  kind: string;
  ticket_id: string | null;
  source_key: string;
  data: string;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPrefTable {
  agent_id: string;
  prefs: string;
  updated_at: string;
}

export interface RulesTables {
  rule: RuleTable;
  rule_run: RuleRunTable;
  notification: NotificationTable;
  notification_pref: NotificationPrefTable;
}
