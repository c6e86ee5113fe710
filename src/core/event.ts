/** Who did something. Tokens act as their agent; `via` records which token or channel. */
export interface ActorRef {
  type: 'agent' | 'customer' | 'system';
  id: string | null;
  via?: string;
}

export const SYSTEM: ActorRef = { type: 'system', id: null };

export type EventSubject = 'ticket' | 'agent' | 'brand' | 'team' | 'customer' | 'token' | 'settings';

/**
 * Every type of history entry the desk writes: a closed list, so a misspelt type is a type error and a reader
 * (processor, report, console) can switch over all of them. The domain events processors react to are a typed
 * subset (core/domain-events.ts). Adding a type here is adding a word to the history's vocabulary.
 */
export const HISTORY_EVENT_TYPES = [
  'ticket.created',
  'ticket.triaged',
  'ticket.triage_corrected',
  'ticket.routed',
  'ticket.assigned',
  'ticket.updated',
  'ticket.reopened',
  'ticket.escalated',
  'ticket.followed_up',
  'ticket.merged',
  'ticket.merge_received',
  'message.added',
  'message.delivered',
  'message.delivery_failed',
  'secret.redacted',
  'shield.outbound_blocked',
  'shield.false_positive_reported',
  'customer.updated',
  'customer.notified',
  'customer.email_bounced',
  'agent.created',
  'agent.updated',
  'agent.logged_in',
  'agent.login_failed',
  'agent.locked_out',
  'agent.password_changed',
  'agent.link_sent',
  'agent.two_factor_enabled',
  'agent.two_factor_disabled',
  'token.created',
  'token.revoked',
  'team.created',
  'team.updated',
  'brand.created',
  'brand.updated',
  'brand.channels_updated',
  'brand.chat_settings_changed',
  'brand.chat_secret_rotated',
  'brand.phone_settings_changed',
  'channels.imported',
  'settings.updated',
  'call.received',
  'call.flagged',
  'call.language_chosen',
  'call.menu_chosen',
  'call.queued',
  'call.voicemail_offered',
  'call.voicemail_recorded',
  'call.transcript_failed',
  'call.callback_requested',
  'call.callback_done',
  'call.abandoned',
  'call.left_queue',
  'call.answered',
  'call.taken',
  'call.take_failed',
  'call.agent_missed',
  'call.ended',
  // Click-to-call: a callback the desk placed through the provider, the agent's phone first, then the customer's.
  'call.callback_placed',
  'call.callback_place_failed',
  'call.callback_ringing',
  'call.callback_agent_answered',
  'call.callback_customer_answered',
  'call.callback_completed',
  'call.callback_unanswered',
  'call.callback_not_confirmed',
  'step_up.started',
  'step_up.passed',
  'step_up.failed',
  // A test transaction's chain check found nothing yet (issue 18; multisig addresses).
  'step_up.checked',
  'brand.verification_requirements_changed',
  // Rules (issue 17): an admin saved or deleted a rule; a rule acted on a ticket (data: rule_id, rule_name, ...).
  'rule.saved',
  'rule.deleted',
  'rule.applied',
  // The emergency freeze and the customer's record (issue 18).
  'account.frozen',
  'account.unfreeze_requested',
  'account.unfrozen',
  'account.webhook_called',
  // The provider's webhook failed on its last attempt (issue 18): admins were alerted.
  'account.webhook_failed',
  'brand.freeze_settings_changed',
  'brand.account_webhook_secret_rotated',
  'freeze.link_sent',
  // The freeze link went by SMS (Twilio's Messages API), and what the provider later said of it.
  'freeze.link_texted',
  'freeze.link_text_status',
  'freeze.playbook_sent',
  'record.exported',
  'sla.activated',
  'sla.paused',
  'sla.fulfilled',
  'sla.breached',
  'sla.warning',
  'sla_policy.created',
  'sla_policy.updated',
  'sla_policy.deleted',
  'brand.calendar_changed',
  'csat.requested',
  'csat.rated',
  'csat.cancelled',
  // Issue 19: two customers merged (one entry on each).
  'customer.merged',
  'customer.merge_received',
] as const;

export type HistoryEventType = (typeof HISTORY_EVENT_TYPES)[number];

/**
 * One entry of the append-only history. `changes` maps each changed field to [before, after].
 * No code path updates or deletes an event; the database refuses it too.
 */
export interface DeskEvent {
  id: string;
  ticketId: string | null;
  subjectType: EventSubject;
  subjectId: string;
  /** noun.past_tense, e.g. ticket.created, ticket.assigned, message.added: one of the closed list above. */
  type: HistoryEventType;
  actor: ActorRef;
  at: string;
  changes: Record<string, [unknown, unknown]>;
  data: Record<string, unknown>;
}

/** Builds the `changes` map for the fields whose value differs (compared as JSON). */
export function diffFields<T extends object>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as Array<keyof T>) {
    const a = before[key];
    const b = after[key];
    if (b === undefined) continue;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[String(key)] = [a ?? null, b ?? null];
  }
  return changes;
}
