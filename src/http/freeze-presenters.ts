/** JSON of freezes and freeze settings (the webhook secret never appears here). */
import type { AccountFreeze, FreezeSettings } from '../core/freeze.js';
import type { WebhookDelivery } from '../app/freeze-delivery.js';

/** The provider webhook's state for a freeze (the console's panel). */
export function presentDelivery(d: WebhookDelivery) {
  return { state: d.state, action: d.action, attempts: d.attempts, last_status: d.lastStatus, last_error: d.lastError, last_at: d.lastAt };
}

export function presentFreeze(f: AccountFreeze, delivery?: WebhookDelivery) {
  return {
    id: f.id,
    state: f.state,
    source: f.source,
    reason: f.reason,
    account_ref: f.accountRef,
    frozen_by: { type: f.frozenBy.type, id: f.frozenBy.id },
    frozen_at: f.frozenAt,
    hold_until: f.holdUntil,
    unfreeze_requested_by: f.unfreezeRequestedBy,
    unfrozen_by: f.unfrozenBy,
    unfrozen_at: f.unfrozenAt,
    effective_at: f.effectiveAt,
    webhook_attempts: f.webhookAttempts,
    ...(delivery ? { webhook: presentDelivery(delivery) } : {}),
  };
}

export function presentFreezeSettings(s: FreezeSettings) {
  return {
    custodial: s.custodial,
    account_webhook_url: s.accountWebhookUrl,
    account_webhook_secret_set: s.webhookSecretSet,
    min_hold_minutes: s.minHoldMinutes,
    cooling_off_hours: s.coolingOffHours,
  };
}
