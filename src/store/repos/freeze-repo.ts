import type { ActorRef } from '../../core/event.js';
import type { AccountFreeze, FreezeSource, FreezeState } from '../../core/freeze.js';
import type { FreezeLinkRecord, FreezeRepo } from '../../app/freeze-ports.js';
import type { AccountFreezeTable, FreezeLinkTable } from '../freeze-schema.js';
import { bool, int, jsonText, parseJson, type Db } from './rows.js';

function toFreeze(r: AccountFreezeTable): AccountFreeze {
  return {
    id: r.id,
    brandId: r.brand_id,
    ticketId: r.ticket_id,
    customerId: r.customer_id,
    accountRef: r.account_ref,
    state: r.state as FreezeState,
    source: r.source as FreezeSource,
    reason: r.reason,
    frozenBy: parseJson<ActorRef>(r.frozen_by, { type: 'system', id: null }),
    frozenAt: r.frozen_at,
    holdUntil: r.hold_until,
    unfreezeRequestedBy: r.unfreeze_requested_by,
    unfrozenBy: r.unfrozen_by,
    unfrozenAt: r.unfrozen_at,
    effectiveAt: r.effective_at,
    webhookAttempts: Number(r.webhook_attempts),
    updatedAt: r.updated_at,
  };
}

const toLink = (r: FreezeLinkTable): FreezeLinkRecord => ({
  tokenHash: r.token_hash,
  brandId: r.brand_id,
  ticketId: r.ticket_id,
  customerId: r.customer_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  tokenSealed: r.token_sealed,
});

/** Freeze settings, freezes, freeze links and the record key. */
export function freezeRepo(db: Db): FreezeRepo {
  return {
    async getSettings(brandId) {
      const r = await db.selectFrom('brand_freeze_settings').selectAll().where('brand_id', '=', brandId).executeTakeFirst();
      if (!r) return null;
      return {
        settings: {
          brandId: r.brand_id,
          custodial: bool(r.custodial),
          accountWebhookUrl: r.account_webhook_url,
          webhookSecretSet: r.account_webhook_secret !== null,
          minHoldMinutes: Number(r.min_hold_minutes),
          coolingOffHours: r.cooling_off_hours === null ? null : Number(r.cooling_off_hours),
          updatedAt: r.updated_at,
        },
        sealedSecret: r.account_webhook_secret,
      };
    },
    async saveSettings({ settings: s, sealedSecret }, at) {
      const row = {
        custodial: int(s.custodial),
        account_webhook_url: s.accountWebhookUrl,
        account_webhook_secret: sealedSecret,
        min_hold_minutes: s.minHoldMinutes,
        cooling_off_hours: s.coolingOffHours,
        updated_at: at,
      };
      await db
        .insertInto('brand_freeze_settings')
        .values({ brand_id: s.brandId, ...row })
        .onConflict((oc) => oc.column('brand_id').doUpdateSet(row))
        .execute();
    },
    async insert(f) {
      await db
        .insertInto('account_freeze')
        .values({
          id: f.id,
          brand_id: f.brandId,
          ticket_id: f.ticketId,
          customer_id: f.customerId,
          account_ref: f.accountRef,
          state: f.state,
          source: f.source,
          reason: f.reason,
          frozen_by: jsonText(f.frozenBy),
          frozen_at: f.frozenAt,
          hold_until: f.holdUntil,
          unfreeze_requested_by: f.unfreezeRequestedBy,
          unfrozen_by: f.unfrozenBy,
          unfrozen_at: f.unfrozenAt,
          effective_at: f.effectiveAt,
          webhook_attempts: f.webhookAttempts,
          updated_at: f.updatedAt,
        })
        .execute();
    },
    async get(id) {
      const r = await db.selectFrom('account_freeze').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toFreeze(r) : null;
    },
    async listForTicket(ticketId) {
      const rows = await db.selectFrom('account_freeze').selectAll().where('ticket_id', '=', ticketId).orderBy('frozen_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toFreeze);
    },
    async active(brandId, customerId) {
      const r = await db
        .selectFrom('account_freeze')
        .selectAll()
        .where('brand_id', '=', brandId)
        .where('customer_id', '=', customerId)
        .where('state', '!=', 'unfrozen')
        .orderBy('frozen_at', 'desc')
        .executeTakeFirst();
      return r ? toFreeze(r) : null;
    },
    async transition(id, from, p, at) {
      const r = await db
        .updateTable('account_freeze')
        .set({
          ...(p.state !== undefined && { state: p.state }),
          ...(p.unfreezeRequestedBy !== undefined && { unfreeze_requested_by: p.unfreezeRequestedBy }),
          ...(p.unfrozenBy !== undefined && { unfrozen_by: p.unfrozenBy }),
          ...(p.unfrozenAt !== undefined && { unfrozen_at: p.unfrozenAt }),
          ...(p.effectiveAt !== undefined && { effective_at: p.effectiveAt }),
          updated_at: at,
        })
        .where('id', '=', id)
        .where('state', '=', from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async countWebhookAttempt(id, at) {
      const r = await db
        .updateTable('account_freeze')
        .set((eb) => ({ webhook_attempts: eb('webhook_attempts', '+', 1), updated_at: at }))
        .where('id', '=', id)
        .returning('webhook_attempts')
        .executeTakeFirst();
      return r ? Number(r.webhook_attempts) : 0;
    },
    async insertLink(l) {
      await db
        .insertInto('freeze_link')
        .values({ token_hash: l.tokenHash, brand_id: l.brandId, ticket_id: l.ticketId, customer_id: l.customerId, created_at: l.createdAt, expires_at: l.expiresAt, used_at: l.usedAt, token_sealed: l.tokenSealed })
        .execute();
    },
    async findLink(tokenHash) {
      const r = await db.selectFrom('freeze_link').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return r ? toLink(r) : null;
    },
    async useLink(tokenHash, at) {
      const r = await db.updateTable('freeze_link').set({ used_at: at }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async getRecordKey() {
      const r = await db.selectFrom('record_key').selectAll().where('id', '=', 'desk').executeTakeFirst();
      return r ? { publicKey: r.public_key, privateKeySealed: r.private_key_sealed } : null;
    },
    async insertRecordKey(publicKey, privateKeySealed, at) {
      await db
        .insertInto('record_key')
        .values({ id: 'desk', public_key: publicKey, private_key_sealed: privateKeySealed, created_at: at })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },
  };
}
