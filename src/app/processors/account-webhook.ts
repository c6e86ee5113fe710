/**
 * Calls the custodial provider's account-action webhook for each freeze and unfreeze: signed, retried with the
 * job queue's backoff until a 2xx (20 attempts, about three days), each attempt in the ticket's history. An
 * unfreeze with a cooling-off is due at its `effective_at`. Delivery is at least once: the provider treats a
 * repeated (ticket_id, action, at) as the same request. When the last attempt fails too, the admins hear of it
 * in the bell and the ticket gets an internal note (`account.webhook_failed`): the account may not be frozen.
 */
import { actorName } from '../../core/freeze.js';
import { newId } from '../../core/ids.js';
import type { Message } from '../../core/message.js';
import { language, t } from '../../i18n/index.js';
import { callWebhook, webhookBody } from '../account-webhook.js';
import { webhookSecret } from '../freeze-settings.js';
import { historyEvent } from '../history.js';
import { announceNotifications, notifyAgents } from '../notifications.js';
import type { Processor } from './processor.js';

export const ACCOUNT_WEBHOOK_ATTEMPTS = 20;

export const accountWebhook: Processor<'account.frozen' | 'account.unfrozen'> = {
  name: 'account-webhook',
  version: 2,
  handles: ['account.frozen', 'account.unfrozen'],
  maxAttempts: ACCOUNT_WEBHOOK_ATTEMPTS,
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
    // The job's own count says when this was the last try (the freeze's counter spans freeze and unfreeze).
    const last = !ok && deps.attempt !== undefined && deps.attempt.number >= deps.attempt.max;
    const ticket = last ? await deps.store.tickets.get(freeze.ticketId) : null;
    const added = await deps.store.transaction(async (tx) => {
      const attempt = await tx.freezes.countWebhookAttempt(freeze.id, at);
      if (ok && action === 'unfreeze') await tx.freezes.transition(freeze.id, 'unfreezing', { state: 'unfrozen' }, at);
      const events = [
        historyEvent({
          type: 'account.webhook_called',
          actor: { type: 'system', id: null },
          at,
          subjectType: 'ticket',
          subjectId: freeze.ticketId,
          data: { freeze_id: freeze.id, action, attempt, status: result.status, ok, ...(result.error ? { error: result.error } : {}) },
        }),
      ];
      if (!last || !ticket) {
        await tx.events.append(events);
        return [];
      }
      // The last attempt failed: the provider never confirmed. Agents read it on the ticket, admins in the bell.
      const brand = await tx.brands.get(freeze.brandId);
      const lang = language(brand?.defaultLanguage ?? null);
      const note: Message = {
        id: newId(),
        ticketId: ticket.id,
        authorType: 'system',
        authorId: null,
        public: false,
        body: t(lang, `webhook_alert.note.${action}`, { attempts: deps.attempt!.max, error: result.error ?? '' }),
        bodyHtml: null,
        channel: ticket.channel,
        sourceId: `account-webhook-failed:${event.id}`,
        meta: { kind: 'account_webhook_failed', freeze_id: freeze.id, action },
        delivery: null,
        createdAt: at,
      };
      if (await tx.messages.findBySource(ticket.channel, note.sourceId!)) {
        await tx.events.append(events);
        return [];
      }
      await tx.messages.insert(note);
      events.push(
        historyEvent({
          type: 'account.webhook_failed',
          actor: { type: 'system', id: null },
          at,
          subjectType: 'ticket',
          subjectId: ticket.id,
          data: { freeze_id: freeze.id, action, attempts: deps.attempt!.max, status: result.status, error: result.error, note_id: note.id },
        }),
        historyEvent({
          type: 'message.added',
          actor: { type: 'system', id: null },
          at,
          subjectType: 'ticket',
          subjectId: ticket.id,
          data: { message_id: note.id, public: false, author_type: 'system', kind: 'account_webhook_failed' },
        }),
      );
      await tx.events.append(events);
      const admins = (await tx.agents.list({ includeInactive: false })).filter((a) => a.role === 'admin');
      return notifyAgents(
        deps,
        admins.map((a) => ({ agentId: a.id, kind: 'account_webhook' as const, ticket, cause: event.id, data: { action, error: result.error } })),
        tx,
      );
    });
    if (added.length) await announceNotifications(deps, added);
    if (!ok) throw new Error(`account webhook ${action}: ${result.error}`);
  },
};
