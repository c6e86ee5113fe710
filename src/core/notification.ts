/** What the agents' bell tells about (issue 16); each kind is switchable per agent. */
export const NOTIFICATION_KINDS = ['assigned', 'customer_reply', 'mention', 'sla_warning', 'security', 'rule', 'account_webhook'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
