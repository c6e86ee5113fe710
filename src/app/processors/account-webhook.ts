/**
 * Calls the custodial provider's account-action webhook for each freeze and unfreeze: signed, retried with the
 * job queue's backoff until a 2xx (20 attempts, about three days), each attempt in the ticket's history. An
 * unfreeze with a cooling-off is due at its `effective_at`. Delivery is at least once: the provider treats a
 * repeated (ticket_id, action, at) as the same request.
 */
import { actorName } from '../../core/freeze.js';
import { callWebhook, webhookBody } from '../account-webhook.js';
import { webhookSecret } from '../freeze-settings.js';
import { historyEvent } from '../history.js';
import type { Processor } from './processor.js';

export const accountWebhook: Processor<'account.frozen' | 'account.unfrozen'> = {
  name: 'account-webhook',
  version: 1,
  handles: ['account.frozen', 'account.unfrozen'],
  maxAttempts: 20,
  wants: (event) => event.data.webhook,
  runAt: (event) => (event.type === 'account.unfrozen' ? event.data.effective_at : undefined),
  async run(deps, event) {
    const freeze = await deps.store.freezes.get(event.data.freeze_id);
    if (!freeze) return;
    const action = event.type === 'account.frozen' ? 'freeze' : 'unfreeze';
    const settings = await deps.store.freezes.getSettings(freeze.brandId);
    const url = settings?.settings.accountWebhookUrl ?? null;
    const secret = await webhookSecret(deps, freeze.brandId);
    const raw = webhookBody({
      action,
      account_ref: freeze.accountRef,
      ticket_id: freeze.ticketId,
      actor: actorName(event.actor),
      reason: event.type === 'account.frozen' ? freeze.reason : 'unfreeze approved by a second agent',
      at: event.at,
    });
    const result = url && secret ? await callWebhook(url, raw, secret) : { status: 0, error: url ? 'webhook secret unreadable (SECRET_KEY changed): rotate it' : 'no account_webhook_url' };
    const at = deps.clock.now().toISOString();
    const ok = result.error === null;
    await deps.store.transaction(async (tx) => {
      const attempt = await tx.freezes.countWebhookAttempt(freeze.id, at);
      if (ok && action === 'unfreeze') await tx.freezes.transition(freeze.id, 'unfreezing', { state: 'unfrozen' }, at);
      await tx.events.append([
        historyEvent({
          type: 'account.webhook_called',
          actor: { type: 'system', id: null },
          at,
          subjectType: 'ticket',
          subjectId: freeze.ticketId,
          data: { freeze_id: freeze.id, action, attempt, status: result.status, ok, ...(result.error ? { error: result.error } : {}) },
        }),
      ]);
    });
    if (!ok) throw new Error(`account webhook ${action}: ${result.error}`);
  },
};
