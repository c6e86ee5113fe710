import type { UiLanguage } from '../../core/people.js';
import type { CallbackRequest, CallDirection, CallOutcome, CallPatch, CallRecord, CallRepo, CallState, CallStep, MenuChoice, PlacementStatus } from '../../channels/phone/phone-ports.js';
import type { CallCallbackTable, CallTable } from '../phone-schema.js';
import { bool, int, parseJson, type Db, jsonText } from './rows.js';

function toCall(row: CallTable): CallRecord {
  return {
    id: row.id,
    callSid: row.call_sid,
    brandId: row.brand_id,
    fromRaw: row.from_raw,
    callerPhone: row.caller_phone,
    to: row.to_number,
    language: row.language as UiLanguage | null,
    state: row.state as CallState,
    menuChoice: row.menu_choice as MenuChoice | null,
    emergency: bool(row.emergency),
    spoofed: bool(row.spoofed),
    ticketId: row.ticket_id,
    queueSid: row.queue_sid,
    enqueuedAt: row.enqueued_at,
    waitSeconds: row.wait_seconds,
    agentId: row.agent_id,
    answeredAt: row.answered_at,
    talkSeconds: row.talk_seconds,
    recordingUrl: row.recording_url,
    outcome: row.outcome as CallOutcome | null,
    meta: parseJson<Record<string, unknown>>(row.meta, {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    endedAt: row.ended_at,
    direction: row.direction === 'outbound' ? 'outbound' : ('inbound' satisfies CallDirection),
    callbackId: row.callback_id,
  };
}

function toCallback(row: CallCallbackTable): CallbackRequest {
  return {
    id: row.id,
    callId: row.call_id,
    brandId: row.brand_id,
    ticketId: row.ticket_id,
    phone: row.phone,
    language: row.language as UiLanguage | null,
    status: row.status as CallbackRequest['status'],
    requestedAt: row.requested_at,
    doneAt: row.done_at,
    doneBy: row.done_by,
    placingCallId: row.placing_call_id,
    placementStatus: row.placement_status as PlacementStatus | null,
    placementAt: row.placement_at,
  };
}

function patchRow(patch: CallPatch): Partial<CallTable> {
  const row: Partial<CallTable> = {};
  if (patch.callSid !== undefined) row.call_sid = patch.callSid;
  if (patch.language !== undefined) row.language = patch.language;
  if (patch.state !== undefined) row.state = patch.state;
  if (patch.menuChoice !== undefined) row.menu_choice = patch.menuChoice;
  if (patch.emergency !== undefined) row.emergency = int(patch.emergency);
  if (patch.ticketId !== undefined) row.ticket_id = patch.ticketId;
  if (patch.queueSid !== undefined) row.queue_sid = patch.queueSid;
  if (patch.enqueuedAt !== undefined) row.enqueued_at = patch.enqueuedAt;
  if (patch.waitSeconds !== undefined) row.wait_seconds = patch.waitSeconds;
  if (patch.agentId !== undefined) row.agent_id = patch.agentId;
  if (patch.answeredAt !== undefined) row.answered_at = patch.answeredAt;
  if (patch.talkSeconds !== undefined) row.talk_seconds = patch.talkSeconds;
  if (patch.recordingUrl !== undefined) row.recording_url = patch.recordingUrl;
  if (patch.outcome !== undefined) row.outcome = patch.outcome;
  if (patch.endedAt !== undefined) row.ended_at = patch.endedAt;
  return row;
}

const changed = (result: { numInsertedOrUpdatedRows?: bigint; numUpdatedRows?: bigint } | undefined): boolean =>
  Number(result?.numInsertedOrUpdatedRows ?? result?.numUpdatedRows ?? 0) > 0;

/** Calls, their steps and callback requests. Inserts that may repeat (retried webhooks) never raise: they report. */
export function callRepo(db: Db): CallRepo {
  return {
    async insert(call) {
      const result = await db
        .insertInto('call')
        .values({
          id: call.id,
          call_sid: call.callSid,
          brand_id: call.brandId,
          from_raw: call.fromRaw,
          caller_phone: call.callerPhone,
          to_number: call.to,
          language: call.language,
          state: call.state,
          menu_choice: call.menuChoice,
          emergency: int(call.emergency),
          spoofed: int(call.spoofed),
          ticket_id: call.ticketId,
          queue_sid: call.queueSid,
          enqueued_at: call.enqueuedAt,
          wait_seconds: call.waitSeconds,
          agent_id: call.agentId,
          answered_at: call.answeredAt,
          talk_seconds: call.talkSeconds,
          recording_url: call.recordingUrl,
          outcome: call.outcome,
          meta: jsonText(call.meta),
          created_at: call.createdAt,
          updated_at: call.updatedAt,
          ended_at: call.endedAt,
          direction: call.direction,
          callback_id: call.callbackId,
        })
        .onConflict((oc) => oc.column('call_sid').doNothing())
        .executeTakeFirst();
      return changed(result);
    },
    async get(id) {
      const row = await db.selectFrom('call').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toCall(row) : null;
    },
    async getBySid(callSid) {
      const row = await db.selectFrom('call').selectAll().where('call_sid', '=', callSid).executeTakeFirst();
      return row ? toCall(row) : null;
    },
    async update(id, patch, at) {
      await db.updateTable('call').set({ ...patchRow(patch), updated_at: at }).where('id', '=', id).execute();
    },
    async transition(id, from, patch, at) {
      const result = await db
        .updateTable('call')
        .set({ ...patchRow(patch), updated_at: at })
        .where('id', '=', id)
        .where('state', '=', from)
        .executeTakeFirst();
      return changed(result);
    },
    async addStep(step) {
      const result = await db
        .insertInto('call_step')
        .values({ call_id: step.callId, key: step.key, data: jsonText(step.data), at: step.at })
        .onConflict((oc) => oc.columns(['call_id', 'key']).doNothing())
        .executeTakeFirst();
      return changed(result);
    },
    async getStep(callId, key) {
      const row = await db.selectFrom('call_step').selectAll().where('call_id', '=', callId).where('key', '=', key).executeTakeFirst();
      return row ? { callId: row.call_id, key: row.key, data: parseJson(row.data, {}), at: row.at } : null;
    },
    async listSteps(callId) {
      const rows = await db.selectFrom('call_step').selectAll().where('call_id', '=', callId).orderBy('at').orderBy('key').execute();
      return rows.map((row): CallStep => ({ callId: row.call_id, key: row.key, data: parseJson(row.data, {}), at: row.at }));
    },
    async listQueued(brandIds) {
      if (brandIds && brandIds.length === 0) return [];
      let q = db
        .selectFrom('call')
        .selectAll()
        .where('state', '=', 'queued')
        .orderBy('emergency', 'desc')
        .orderBy('enqueued_at')
        .orderBy('id');
      if (brandIds) q = q.where('brand_id', 'in', brandIds);
      return (await q.limit(1000).execute()).map(toCall);
    },
    async recentTalkSeconds(brandId, limit) {
      const rows = await db
        .selectFrom('call')
        .select('talk_seconds')
        .where('brand_id', '=', brandId)
        .where('answered_at', 'is not', null)
        .where('talk_seconds', 'is not', null)
        // Callbacks the desk placed are not what a waiting caller's estimate is made of.
        .where('direction', '=', 'inbound')
        .orderBy('answered_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => Number(r.talk_seconds));
    },
    async addCallback(request) {
      const result = await db
        .insertInto('call_callback')
        .values({
          id: request.id,
          call_id: request.callId,
          brand_id: request.brandId,
          ticket_id: request.ticketId,
          phone: request.phone,
          language: request.language,
          status: request.status,
          requested_at: request.requestedAt,
          done_at: request.doneAt,
          done_by: request.doneBy,
          placing_call_id: request.placingCallId,
          placement_status: request.placementStatus,
          placement_at: request.placementAt,
        })
        .onConflict((oc) => oc.column('call_id').doNothing())
        .executeTakeFirst();
      return changed(result);
    },
    async getCallback(id) {
      const row = await db.selectFrom('call_callback').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toCallback(row) : null;
    },
    async getCallbackForCall(callId) {
      const row = await db.selectFrom('call_callback').selectAll().where('call_id', '=', callId).executeTakeFirst();
      return row ? toCallback(row) : null;
    },
    async listCallbacks(filter, limit) {
      if (filter.brandIds && filter.brandIds.length === 0) return [];
      let q = db.selectFrom('call_callback').selectAll().orderBy('requested_at').orderBy('id').limit(limit);
      if (filter.brandIds) q = q.where('brand_id', 'in', filter.brandIds);
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.ticketId) q = q.where('ticket_id', '=', filter.ticketId);
      return (await q.execute()).map(toCallback);
    },
    async reopenCallback(id, at) {
      const result = await db
        .updateTable('call_callback')
        .set({ status: 'open', requested_at: at, done_at: null, done_by: null, placing_call_id: null, placement_status: null, placement_at: null })
        .where('id', '=', id)
        .where('status', '=', 'done')
        .executeTakeFirst();
      return changed(result);
    },
    async listRecent(filter, limit, before) {
      if (filter.brandIds && filter.brandIds.length === 0) return [];
      let q = db.selectFrom('call').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
      if (filter.brandIds) q = q.where('brand_id', 'in', filter.brandIds);
      if (before) q = q.where((eb) => eb.or([eb('created_at', '<', before.at), eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)])]));
      return (await q.execute()).map(toCall);
    },
    async latestWithNumberForTicket(ticketId) {
      const row = await db
        .selectFrom('call')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('caller_phone', 'is not', null)
        .where('spoofed', '=', 0)
        .where('direction', '=', 'inbound')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row ? toCall(row) : null;
    },
    async claimPlacement(callbackId, callId, at, stale) {
      const result = await db
        .updateTable('call_callback')
        .set({ placing_call_id: callId, placement_status: 'queued', placement_at: at })
        .where('id', '=', callbackId)
        .where('status', '=', 'open')
        .where((eb) =>
          eb.or([
            eb('placing_call_id', 'is', null),
            eb.and([eb('placement_status', 'in', ['queued', 'ringing']), eb('placement_at', '<', stale.ringing)]),
            eb('placement_at', '<', stale.any),
          ]),
        )
        .executeTakeFirst();
      return changed(result);
    },
    async setPlacementStatus(callbackId, callId, status, at, release) {
      const result = await db
        .updateTable('call_callback')
        .set({ placement_status: status, placement_at: at, ...(release ? { placing_call_id: null } : {}) })
        .where('id', '=', callbackId)
        .where('placing_call_id', '=', callId)
        .executeTakeFirst();
      return changed(result);
    },
    async getAgentPhone(agentId) {
      const row = await db.selectFrom('agent_phone').select('phone').where('agent_id', '=', agentId).executeTakeFirst();
      return row?.phone ?? null;
    },
    async setAgentPhone(agentId, phone, at) {
      if (phone === null) {
        await db.deleteFrom('agent_phone').where('agent_id', '=', agentId).execute();
        return;
      }
      await db
        .insertInto('agent_phone')
        .values({ agent_id: agentId, phone, updated_at: at })
        .onConflict((oc) => oc.column('agent_id').doUpdateSet({ phone, updated_at: at }))
        .execute();
    },
    async completeCallback(id, agentId, at) {
      const result = await db
        .updateTable('call_callback')
        .set({ status: 'done', done_at: at, done_by: agentId })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return changed(result);
    },
  };
}
