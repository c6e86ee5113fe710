/**
 * Where the provider's account webhook stands for each freeze of a ticket (issue 18), read from the ticket's
 * history: the attempts (`account.webhook_called`) and the alert after the last one (`account.webhook_failed`).
 * The console's freeze panel shows it, so an agent sees at once that the provider never confirmed.
 */
import type { DeskEvent } from '../core/event.js';
import type { AccountFreeze } from '../core/freeze.js';
import type { Repos } from './ports.js';

export type WebhookDeliveryState = 'not_needed' | 'pending' | 'delivered' | 'retrying' | 'failed';

export interface WebhookDelivery {
  state: WebhookDeliveryState;
  /** The action of the latest call (the unfreeze's once it started), null before any. */
  action: 'freeze' | 'unfreeze' | null;
  /** Attempts of that action so far. */
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  lastAt: string | null;
}

/** Every history entry of a ticket, oldest first (in pages). */
export async function ticketHistory(repos: Pick<Repos, 'events'>, ticketId: string): Promise<DeskEvent[]> {
  const all: DeskEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await repos.events.listForTicket(ticketId, { after, limit: 500 });
    all.push(...page);
    if (page.length < 500) return all;
    after = page[page.length - 1]!.id;
  }
}

/** The webhook's state for one freeze, from the ticket's history. `webhook`: the brand calls one at all. */
export function webhookDelivery(history: readonly DeskEvent[], freeze: AccountFreeze, webhook: boolean): WebhookDelivery {
  const mine = history.filter((e) => (e.type === 'account.webhook_called' || e.type === 'account.webhook_failed') && (e.data as { freeze_id?: unknown }).freeze_id === freeze.id);
  const calls = mine.filter((e) => e.type === 'account.webhook_called');
  const last = calls[calls.length - 1];
  const action = last ? ((last.data as { action: 'freeze' | 'unfreeze' }).action ?? null) : null;
  const ofAction = calls.filter((e) => (e.data as { action?: unknown }).action === action);
  const failed = mine.some((e) => e.type === 'account.webhook_failed' && (e.data as { action?: unknown }).action === action);
  const data = (last?.data ?? {}) as { ok?: boolean; status?: number; error?: string };
  const state: WebhookDeliveryState = !last ? (webhook ? 'pending' : 'not_needed') : data.ok ? 'delivered' : failed ? 'failed' : 'retrying';
  return {
    state,
    action,
    attempts: ofAction.length,
    lastStatus: last ? (data.status ?? null) : null,
    lastError: last ? (data.error ?? null) : null,
    lastAt: last?.at ?? null,
  };
}
