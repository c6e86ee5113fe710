/**
 * The agents' bell (issue 16): notifications are written by processors (agent-notifications, rules' notify
 * action), once per agent and cause, filtered by the agent's choices, and delivered live on the agent's own
 * bus topic (every instance's console socket of that agent hears it). Agents read and mark only their own.
 */
import { invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Principal } from '../core/policy.js';
import type { Ticket } from '../core/ticket.js';
import type { Deps, Repos } from './ports.js';
import { NOTIFICATION_KINDS, type AgentNotification, type NotificationKind, type NotificationPrefs } from './rules-ports.js';

/** The bus topic of one agent's notifications. */
export const agentTopic = (agentId: string): string => `agent:${agentId}`;

/** Every kind on, in the bell and on the desktop, until the agent says otherwise. */
export function defaultPrefs(): NotificationPrefs {
  return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, { bell: true, desktop: true }])) as NotificationPrefs;
}

function withDefaults(partial: Partial<NotificationPrefs> | undefined): NotificationPrefs {
  const prefs = defaultPrefs();
  for (const k of NOTIFICATION_KINDS) if (partial?.[k]) prefs[k] = { ...prefs[k], ...partial[k] };
  return prefs;
}

/** One notification to write: whom, what kind, about which ticket, and its cause (the de-duplication key). */
export interface NotificationDraft {
  agentId: string;
  kind: NotificationKind;
  ticket: Pick<Ticket, 'id' | 'number' | 'subject' | 'brandId'> | null;
  /** The event id (or another stable cause); with the kind, the same cause notifies an agent once. */
  cause: string;
  data?: Record<string, unknown>;
}

/**
 * Writes the notifications whose kind each agent keeps in the bell (once per agent and cause, so a processor
 * that runs twice tells nobody twice), then delivers the new ones live. Returns the new ones.
 */
export async function notifyAgents(deps: Pick<Deps, 'store' | 'clock' | 'bus'>, drafts: readonly NotificationDraft[], tx?: Repos): Promise<AgentNotification[]> {
  if (drafts.length === 0) return [];
  const repos = tx ?? deps.store;
  const agentIds = [...new Set(drafts.map((d) => d.agentId))];
  const prefs = await repos.notifications.getPrefs(agentIds);
  const at = deps.clock.now().toISOString();
  const rows = drafts
    .filter((d) => withDefaults(prefs.get(d.agentId))[d.kind].bell)
    .map((d) => ({
      id: newId(),
      agentId: d.agentId,
      kind: d.kind,
      ticketId: d.ticket?.id ?? null,
      sourceKey: `${d.kind}:${d.cause}`,
      data: { ...(d.ticket ? { number: d.ticket.number, subject: d.ticket.subject } : {}), ...(d.data ?? {}) },
      createdAt: at,
      readAt: null,
    }));
  const added = await repos.notifications.insertMany(rows);
  // Inside a caller's transaction the caller announces after its commit (announceNotifications).
  if (!tx) await announceNotifications(deps, added, prefs);
  return added;
}

/** Publishes new notifications on their agents' topics, with whether each may show on the desktop. */
export async function announceNotifications(
  deps: Pick<Deps, 'bus' | 'store'>,
  added: readonly AgentNotification[],
  known?: Map<string, Partial<NotificationPrefs>>,
): Promise<void> {
  if (added.length === 0) return;
  const prefs = known ?? (await deps.store.notifications.getPrefs([...new Set(added.map((n) => n.agentId))]));
  await Promise.all(
    added.map((n) =>
      deps.bus
        .publish(agentTopic(n.agentId), {
          type: 'notification',
          brandId: null,
          ...(n.ticketId ? { ticketId: n.ticketId } : {}),
          data: { ...presentNotification(n), desktop: withDefaults(prefs.get(n.agentId))[n.kind].desktop },
        })
        .catch(() => undefined),
    ),
  );
}

/** The JSON of one notification (the API and the live frame). */
export function presentNotification(n: AgentNotification) {
  return {
    id: n.id,
    kind: n.kind,
    ticket_id: n.ticketId,
    ticket_number: typeof n.data.number === 'number' ? n.data.number : null,
    subject: typeof n.data.subject === 'string' ? n.data.subject : null,
    data: n.data,
    created_at: n.createdAt,
    read_at: n.readAt,
  };
}

/** The signed-in agent's notifications (newest first) and how many are unread. */
export async function listNotifications(deps: Pick<Deps, 'store'>, principal: Principal, options: { unreadOnly?: boolean; limit?: number } = {}) {
  const limit = Math.min(Math.max(options.limit ?? 30, 1), 100);
  const [items, unread] = await Promise.all([
    deps.store.notifications.list(principal.agentId, { unreadOnly: options.unreadOnly ?? false, limit }),
    deps.store.notifications.countUnread(principal.agentId),
  ]);
  return { notifications: items, unread };
}

/** Marks the agent's own notifications read (those ids, or all); returns how many stay unread. */
export async function markNotificationsRead(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, ids: readonly string[] | null): Promise<number> {
  if (ids && ids.length > 100) throw invalid('Mark at most 100 notifications at once, or all.', { field: 'ids' });
  await deps.store.notifications.markRead(principal.agentId, ids, deps.clock.now().toISOString());
  return deps.store.notifications.countUnread(principal.agentId);
}

export async function getNotificationPrefs(deps: Pick<Deps, 'store'>, principal: Principal): Promise<NotificationPrefs> {
  return withDefaults((await deps.store.notifications.getPrefs([principal.agentId])).get(principal.agentId));
}

/** Changes the agent's own choices; kinds not named keep theirs. */
export async function setNotificationPrefs(
  deps: Pick<Deps, 'store' | 'clock'>,
  principal: Principal,
  changes: Partial<Record<NotificationKind, { bell?: boolean; desktop?: boolean }>>,
): Promise<NotificationPrefs> {
  const prefs = await getNotificationPrefs(deps, principal);
  for (const [kind, change] of Object.entries(changes)) {
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) throw invalid(`Unknown kind "${kind}". Kinds: ${NOTIFICATION_KINDS.join(', ')}.`, { field: 'kinds' });
    prefs[kind as NotificationKind] = { ...prefs[kind as NotificationKind], ...change };
  }
  await deps.store.notifications.setPrefs(principal.agentId, prefs, deps.clock.now().toISOString());
  return prefs;
}
