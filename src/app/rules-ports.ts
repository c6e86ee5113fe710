/** The storage ports of rules (issue 17) and the agents' notifications (issue 16). */
import type { Rule, RuleKind } from '../core/rules.js';

export interface RuleRepo {
  /** Throws conflict when another rule has this name. */
  insert(rule: Rule): Promise<void>;
  /** Same conflict as insert. */
  update(rule: Rule): Promise<void>;
  delete(id: string): Promise<void>;
  get(id: string): Promise<Rule | null>;
  /** In the order they run: position, then name. */
  list(filter?: { kind?: RuleKind; enabled?: boolean }): Promise<Rule[]>;
  /**
   * Marks that a rule acted for one key (a trigger: the event id; an automation: the ticket at its last update).
   * Returns false when it already had: a rule fires at most once per event, even when a job runs twice.
   */
  claimRun(ruleId: string, key: string, at: string): Promise<boolean>;
}

import type { NotificationKind } from '../core/notification.js';

export { NOTIFICATION_KINDS, type NotificationKind } from '../core/notification.js';

export interface AgentNotification {
  id: string;
  agentId: string;
  kind: NotificationKind;
  ticketId: string | null;
  /** What it is about (ticket number and subject, who, which rule, which SLA target); never a message body. */
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

/** Per kind: shown in the bell, and as a desktop notification when the console is in the background. */
export type NotificationPrefs = Record<NotificationKind, { bell: boolean; desktop: boolean }>;

export interface NotificationRepo {
  /**
   * Adds notifications, each once per (agent, source key): a processor that runs twice tells nobody twice.
   * Returns the ones that were new.
   */
  insertMany(items: ReadonlyArray<AgentNotification & { sourceKey: string }>): Promise<AgentNotification[]>;
  /** Newest first. */
  list(agentId: string, filter: { unreadOnly?: boolean; limit: number }): Promise<AgentNotification[]>;
  countUnread(agentId: string): Promise<number>;
  /** Marks these (or, with null, all) of the agent's notifications read. */
  markRead(agentId: string, ids: readonly string[] | null, at: string): Promise<void>;
  getPrefs(agentIds: readonly string[]): Promise<Map<string, Partial<NotificationPrefs>>>;
  setPrefs(agentId: string, prefs: NotificationPrefs, at: string): Promise<void>;
}
