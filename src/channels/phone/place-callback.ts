/**
 * Click-to-call (issue 19): an agent places a callback through the provider's REST API instead of dialling by
 * hand. The provider first rings the agent's own number from the brand's line; when the agent answers it fetches
 * our TwiML, which tells the agent (in their language) whom they are calling and asks them to press 1: a phone that
 * sends the call to its voicemail is "answered" too, and must not get the customer dialled into it. Only a 1 posted
 * to our signed Gather action `<Dial>`s the customer with the line as caller id. Each status the provider reports (agent's phone ringing, agent answered, customer answered,
 * the end) moves the callback request's placement forward, writes one sentence into the ticket's history and
 * tells the consoles live. One placement is in flight per callback at a time (claimed atomically in the store).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { actorOf, canSeeBrand, isAdmin, type Principal } from '../../core/policy.js';
import type { ActorRef, HistoryEventType } from '../../core/event.js';
import type { UiLanguage } from '../../core/people.js';
import { language as catalogueLanguage, t } from '../../i18n/index.js';
import { announce } from '../../app/live.js';
import { appendTimeline, type CallDeps } from './call-ticket.js';
import { VOICE_BASE_PATH } from './ivr.js';
import { el, twiml } from './twiml.js';
import { placeUnavailable } from './credentials.js';
import type { CallbackRequest, CallRecord, PlacementStatus, ProviderRefusal, VoiceControl } from './phone-ports.js';

export type PlaceCallbackDeps = CallDeps & { voice?: VoiceControl | null; publicUrl: string };

/** How long the agent's phone, then the customer's, may ring. */
const RING_SECONDS = 30;
/** How long the agent has, after hearing whom they call, to press 1 before the placement ends unconfirmed. */
const CONFIRM_SECONDS = 10;
/** A placement still queued or ringing after this long was lost by the provider: another may start. */
const STALE_RINGING_MS = 5 * 60_000;
/** Any placement the provider has said nothing about for this long is over. */
const STALE_ANY_MS = 4 * 3600_000;

const FINAL: ReadonlySet<PlacementStatus> = new Set(['completed', 'agent_no_answer', 'agent_busy', 'customer_no_answer', 'customer_busy', 'failed', 'agent_not_confirmed']);
const RANK: Record<PlacementStatus, number> = {
  queued: 0,
  ringing: 1,
  agent_answered: 2,
  customer_answered: 3,
  completed: 4,
  agent_no_answer: 4,
  agent_busy: 4,
  customer_no_answer: 4,
  customer_busy: 4,
  failed: 4,
  agent_not_confirmed: 4,
};
const HISTORY: Record<Exclude<PlacementStatus, 'queued'>, HistoryEventType & `call.${string}`> = {
  ringing: 'call.callback_ringing',
  agent_answered: 'call.callback_agent_answered',
  customer_answered: 'call.callback_customer_answered',
  completed: 'call.callback_completed',
  agent_no_answer: 'call.callback_unanswered',
  agent_busy: 'call.callback_unanswered',
  customer_no_answer: 'call.callback_unanswered',
  customer_busy: 'call.callback_unanswered',
  failed: 'call.callback_unanswered',
  agent_not_confirmed: 'call.callback_not_confirmed',
};

/** The live notice every placement change sends (consoles show the status without a reload). */
export const PLACEMENT_NOTICE = 'call.callback_status';

/** An agent's own number, checked and written in E.164; null or '' clears it. */
export function agentPhoneNumber(raw: string | null): string | null {
  if (raw === null || raw.trim() === '') return null;
  const parsed = parsePhoneNumberFromString(raw.trim().replace(/^tel:/i, ''));
  if (!parsed || !parsed.isValid()) {
    throw invalid(`"${raw.slice(0, 40)}" is not a phone number the provider can call. Use the international form, e.g. +86 138 0013 8000.`, { field: 'phone' });
  }
  return parsed.number;
}

/** Whose number: the agent themself, or an admin for anyone. Never a customer. */
function assertMayManage(principal: Principal, agentId: string): void {
  if (principal.agentId !== agentId && !isAdmin(principal)) throw forbidden("Only the agent and admins can see or change an agent's phone number.");
}

export async function getAgentPhone(deps: Pick<CallDeps, 'store'>, principal: Principal, agentId: string): Promise<string | null> {
  assertMayManage(principal, agentId);
  if (!(await deps.store.agents.get(agentId))) throw notFound('Agent');
  return deps.store.calls.getAgentPhone(agentId);
}

export async function setAgentPhone(deps: Pick<CallDeps, 'store' | 'clock'>, principal: Principal, agentId: string, raw: string | null): Promise<string | null> {
  assertMayManage(principal, agentId);
  if (!(await deps.store.agents.get(agentId))) throw notFound('Agent');
  const phone = agentPhoneNumber(raw);
  await deps.store.calls.setAgentPhone(agentId, phone, deps.clock.now().toISOString());
  return phone;
}

/** The desk's URLs for one placement; the key (kept on the call) must come back with every request. */
export function placementUrls(publicUrl: string, callId: string, key: string) {
  const base = `${publicUrl.replace(/\/+$/, '')}${VOICE_BASE_PATH}/c2c`;
  const q = `placement=${encodeURIComponent(callId)}&key=${encodeURIComponent(key)}`;
  return {
    answer: `${base}/answer?${q}`,
    confirm: `${base}/confirm?${q}`,
    status: `${base}/status?${q}`,
    dialDone: `${base}/dial-done?${q}`,
    customerStatus: `${base}/customer-status?${q}`,
  };
}

/** The outbound call a webhook is about, when the query names it with its key; null otherwise. */
export async function placementOf(deps: Pick<CallDeps, 'store'>, query: Record<string, string | undefined>): Promise<CallRecord | null> {
  const id = query.placement ?? '';
  const key = query.key ?? '';
  if (!/^[0-9a-fA-F-]{36}$/.test(id) || !/^[0-9a-f]{32}$/.test(key)) return null;
  const call = await deps.store.calls.get(id);
  const expected = typeof call?.meta.key === 'string' ? call.meta.key : '';
  if (!call || call.direction !== 'outbound' || expected.length !== key.length) return null;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(key)) ? call : null;
}

function refusalMessage(r: ProviderRefusal): string {
  const said = r.message ? `: ${r.message}` : '';
  const code = r.code !== null ? ` (error ${r.code})` : '';
  return `The phone provider refused the call${said}${code}. Check the agent's number on their profile and the line's settings, then try again.`;
}

/**
 * Places an open callback: rings the agent's own number from the brand's line, then (when they answer) the
 * customer. Returns the callback with its placement queued.
 */
export async function placeCallback(deps: PlaceCallbackDeps, principal: Principal, callbackId: string): Promise<CallbackRequest> {
  const callback = await deps.store.calls.getCallback(callbackId);
  if (!callback || !canSeeBrand(principal, callback.brandId)) throw notFound('Callback request');
  if (callback.status !== 'open') throw conflict('This callback was already made: it is not open any more.', { reason: 'not_open' });
  if (!deps.voice?.placeCall) throw new AppError('unavailable', placeUnavailable(deps.voice?.missingSettings?.() ?? []), { reason: 'not_configured' });
  const agentPhone = await deps.store.calls.getAgentPhone(principal.agentId);
  if (!agentPhone) {
    throw conflict('You have no phone number on your profile: add your own number (Account → Phone for callbacks) so the desk can ring you first, then the customer.', { reason: 'no_agent_phone' });
  }
  const customer = parsePhoneNumberFromString(callback.phone);
  const source = await deps.store.calls.get(callback.callId);
  if (!customer?.isValid() || !source || source.spoofed || customer.number === agentPhone) {
    throw conflict("The customer's number cannot be called from the desk (withheld, not a valid number, or a forged caller id).", { reason: 'not_callable' });
  }
  // The line the customer called is the one they see calling back.
  const line = source.to;
  if (!/^\+[1-9]\d{6,14}$/.test(line)) throw conflict('The call did not come in on a phone number the desk can call from.', { reason: 'not_callable' });

  const now = deps.clock.now();
  const at = now.toISOString();
  const key = randomBytes(16).toString('hex');
  const id = newId();
  const call: CallRecord = {
    id,
    callSid: `pending-${id}`,
    brandId: callback.brandId,
    fromRaw: line,
    callerPhone: customer.number,
    to: customer.number,
    language: callback.language,
    state: 'connecting',
    menuChoice: null,
    emergency: false,
    spoofed: false,
    ticketId: callback.ticketId,
    queueSid: null,
    enqueuedAt: null,
    waitSeconds: null,
    agentId: principal.agentId,
    answeredAt: null,
    talkSeconds: null,
    recordingUrl: null,
    outcome: null,
    meta: { key },
    createdAt: at,
    updatedAt: at,
    endedAt: null,
    direction: 'outbound',
    callbackId: callback.id,
  };
  await deps.store.transaction(async (tx) => {
    await tx.calls.insert(call);
    const stale = { ringing: new Date(now.getTime() - STALE_RINGING_MS).toISOString(), any: new Date(now.getTime() - STALE_ANY_MS).toISOString() };
    if (!(await tx.calls.claimPlacement(callback.id, id, at, stale))) {
      const current = await tx.calls.getCallback(callback.id);
      if (current?.status !== 'open') throw conflict('This callback was already made: it is not open any more.', { reason: 'not_open' });
      throw conflict('This callback is being placed already: wait for that call to end.', { reason: 'in_flight', status: current.placementStatus });
    }
  });

  const urls = placementUrls(deps.publicUrl, id, key);
  const actor = actorOf(principal);
  let placed: Awaited<ReturnType<NonNullable<VoiceControl['placeCall']>>>;
  try {
    placed = await deps.voice.placeCall({ from: line, to: agentPhone, url: urls.answer, statusCallback: urls.status, timeout: RING_SECONDS });
  } catch (err) {
    await abandonPlacement(deps, call, at, actor, { reason: 'unreachable' });
    throw err;
  }
  if ('refused' in placed) {
    const r = placed.refused;
    const said = [r.message, r.code !== null ? `(${r.code})` : null].filter(Boolean).join(' ');
    await abandonPlacement(deps, call, at, actor, { provider_status: r.httpStatus, provider_code: r.code, ...(said ? { error: said } : {}) });
    const details = { reason: 'provider_refused', provider_status: r.httpStatus, provider_code: r.code, more_info: r.moreInfo };
    // A provider that fails on its side (5xx) is unavailable; one that refuses what we asked (4xx) is a conflict to fix.
    throw new AppError(r.httpStatus >= 500 ? 'unavailable' : 'conflict', refusalMessage(r), details);
  }
  const sid = placed.sid.slice(0, 64);
  await deps.store.transaction(async (tx) => {
    await tx.calls.update(id, { callSid: sid }, at);
    await tx.calls.addStep({ callId: id, key: 'c2c:queued', data: { status: placed.status }, at });
    await appendTimeline(tx, call, 'call.callback_placed', at, { callback_id: callback.id, agent_id: principal.agentId, outbound_call_id: id }, actor);
  });
  await announcePlacement(deps, call, 'queued');
  return { ...callback, placingCallId: id, placementStatus: 'queued', placementAt: at };
}

/** The provider never took the call: end the outbound record, free the callback for another try, say so in history. */
async function abandonPlacement(deps: PlaceCallbackDeps, call: CallRecord, at: string, actor: ActorRef, data: Record<string, unknown>): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await tx.calls.transition(call.id, 'connecting', { state: 'ended', outcome: 'failed', endedAt: at }, at);
    await tx.calls.setPlacementStatus(call.callbackId!, call.id, 'failed', at, true);
    await appendTimeline(tx, call, 'call.callback_place_failed', at, { callback_id: call.callbackId, ...data }, actor);
  });
  await announcePlacement(deps, call, 'failed');
}

async function announcePlacement(deps: Pick<CallDeps, 'bus'>, call: CallRecord, status: PlacementStatus): Promise<void> {
  await announce(deps, [{ type: PLACEMENT_NOTICE, brandId: call.brandId, ...(call.ticketId ? { ticketId: call.ticketId } : {}), data: { callback_id: call.callbackId, call_id: call.id, status } }]);
}

/**
 * Moves a placement to `status`, once per status (a repeated webhook changes nothing): the callback's status (only
 * forward), one history sentence, and at a final status the outbound call's end; when the customer was reached,
 * the callback is done.
 */
async function advance(deps: CallDeps, call: CallRecord, status: PlacementStatus, extra: { talkedSeconds?: number | null; providerStatus?: string } = {}): Promise<boolean> {
  const at = deps.clock.now().toISOString();
  const final = FINAL.has(status);
  const agent: ActorRef = { type: 'agent', id: call.agentId };
  const changed = await deps.store.transaction(async (tx) => {
    // One final status per placement, whichever report comes first (the Dial's action or the agent leg's end).
    if (!(await tx.calls.addStep({ callId: call.id, key: final ? 'c2c:final' : `c2c:${status}`, data: { status, provider_status: extra.providerStatus ?? null }, at }))) return false;
    const current = (await tx.calls.get(call.id)) ?? call;
    if (current.state === 'ended') return false;
    const callback = call.callbackId ? await tx.calls.getCallback(call.callbackId) : null;
    const ours = callback !== null && callback.placingCallId === call.id;
    // Reports can arrive out of order: a late "ringing" after "answered" changes nothing.
    if (ours && callback.placementStatus !== null && RANK[status] <= RANK[callback.placementStatus] && !final) return false;
    if (ours) await tx.calls.setPlacementStatus(callback.id, call.id, status, at, final);
    const data: Record<string, unknown> = { callback_id: call.callbackId, status };
    if (status !== 'queued' && HISTORY[status] === 'call.callback_unanswered') data.party = status.startsWith('agent_') ? 'agent' : status.startsWith('customer_') ? 'customer' : null;
    if (status === 'completed') data.talked_seconds = extra.talkedSeconds ?? null;
    if (status !== 'queued') await appendTimeline(tx, current, HISTORY[status], at, data, status === 'ringing' ? undefined : agent);
    if (status === 'customer_answered') await tx.calls.update(call.id, { answeredAt: at }, at);
    if (final) {
      const talked = status === 'completed' ? (extra.talkedSeconds ?? (current.answeredAt ? Math.max(0, Math.round((Date.parse(at) - Date.parse(current.answeredAt)) / 1000)) : 0)) : null;
      await tx.calls.transition(call.id, current.state, { state: 'ended', outcome: status === 'completed' ? 'answered' : 'failed', talkSeconds: talked, endedAt: at }, at);
      if (status === 'completed' && callback?.status === 'open' && call.agentId) {
        await tx.calls.completeCallback(callback.id, call.agentId, at);
        await appendTimeline(tx, { id: callback.callId, ticketId: callback.ticketId }, 'call.callback_done', at, { callback_id: callback.id, agent_id: call.agentId, outbound_call_id: call.id }, agent);
      }
    }
    return true;
  });
  if (changed) await announcePlacement(deps, call, status);
  return changed;
}

function agentLeg(callStatus: string, placement: PlacementStatus | null): PlacementStatus | null {
  switch (callStatus) {
    case 'ringing':
      return 'ringing';
    case 'in-progress':
    case 'answered':
      return 'agent_answered';
    case 'no-answer':
      return 'agent_no_answer';
    case 'busy':
      return 'agent_busy';
    case 'failed':
    case 'canceled':
      return 'failed';
    case 'completed':
      // The agent leg ended before the Dial reported: a customer who answered was talked to; else the agent hung up.
      return placement === 'customer_answered' ? 'completed' : 'failed';
    default:
      return null; // queued, initiated: nothing new
  }
}

/**
 * The agent's leg reported a status (the StatusCallback of the call the desk placed). Its last report carries the
 * call's length (CallDuration), which the call log shows.
 */
export async function agentLegStatus(deps: CallDeps, call: CallRecord, callStatus: string, durationSeconds: number | null = null): Promise<void> {
  if (['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(callStatus)) {
    await deps.store.calls.addStep({ callId: call.id, key: 'end', data: { status: callStatus, duration_seconds: durationSeconds }, at: deps.clock.now().toISOString() });
  }
  const callback = call.callbackId ? await deps.store.calls.getCallback(call.callbackId) : null;
  const placement = callback?.placingCallId === call.id ? callback.placementStatus : null;
  let status = agentLeg(callStatus, placement);
  // Answered, then hung up without pressing 1 (a provider that does not post an empty Gather): never confirmed.
  if (status === 'failed' && callStatus === 'completed' && placement === 'agent_answered' && !(await deps.store.calls.getStep(call.id, 'c2c:confirm'))) status = 'agent_not_confirmed';
  if (status) await advance(deps, call, status, { providerStatus: callStatus });
}

/** The customer's leg (the <Number>'s statusCallback): only their answering matters; the Dial's action ends it. */
export async function customerLegStatus(deps: CallDeps, call: CallRecord, callStatus: string): Promise<void> {
  if (callStatus === 'in-progress' || callStatus === 'answered') await advance(deps, call, 'customer_answered', { providerStatus: callStatus });
}

/** The language the agent hears: the first language they speak that the desk has, else the customer's, else English. */
async function agentLanguage(deps: Pick<CallDeps, 'store'>, call: CallRecord): Promise<UiLanguage> {
  const agent = call.agentId ? await deps.store.agents.get(call.agentId) : null;
  const first = agent?.languages[0];
  return catalogueLanguage(first ?? call.language ?? 'en');
}

const SAY: Record<UiLanguage, string> = { 'zh-CN': 'zh-CN', en: 'en-US' };

/** Whether the placement may still go on to the customer: its callback open and claimed by it, the call not over. */
async function stillOurs(deps: Pick<CallDeps, 'store'>, call: CallRecord): Promise<CallbackRequest | null> {
  const callback = call.callbackId ? await deps.store.calls.getCallback(call.callbackId) : null;
  const current = await deps.store.calls.get(call.id);
  if (!callback || callback.status !== 'open' || callback.placingCallId !== call.id || !current || current.state === 'ended') return null;
  return callback;
}

/**
 * The agent's phone answered: say whom they are calling and ask for a 1 (`<Gather>`). A voicemail presses nothing:
 * the Gather's action is then posted empty (`actionOnEmptyResult`), and a provider that does not do that plays the
 * goodbye after the Gather and hangs up, which the agent leg's end reports.
 */
export async function answerPlacement(deps: CallDeps & { publicUrl: string }, call: CallRecord): Promise<string> {
  const lang = await agentLanguage(deps, call);
  const say = (text: string) => el('Say', { language: SAY[lang] }, text);
  const callback = await stillOurs(deps, call);
  if (!callback) return twiml([say(t(lang, 'c2c.ivr.not_open')), el('Hangup')]);
  await advance(deps, call, 'agent_answered', { providerStatus: 'answered' });
  const ticket = call.ticketId ? await deps.store.tickets.get(call.ticketId) : null;
  const customer = ticket ? await deps.store.customers.get(ticket.requesterId) : null;
  const last4 = callback.phone.replace(/\D/g, '').slice(-4).split('').join(' ');
  const vars = { number: ticket?.number ?? '', last4, name: customer?.name ?? '' };
  const key = typeof call.meta.key === 'string' ? call.meta.key : '';
  const urls = placementUrls(deps.publicUrl, call.id, key);
  return twiml([
    el('Gather', { input: 'dtmf', numDigits: 1, timeout: CONFIRM_SECONDS, action: urls.confirm, method: 'POST', actionOnEmptyResult: 'true' }, [
      say(t(lang, customer?.name ? 'c2c.ivr.confirm' : 'c2c.ivr.confirm_unnamed', vars)),
    ]),
    say(t(lang, 'c2c.ivr.not_confirmed')),
    el('Hangup'),
  ]);
}

/**
 * The Gather's action: a 1 dials the customer from the brand's line; no key (voicemail) or another key ends the
 * placement as `agent_not_confirmed` and frees the callback. Decided once per placement: a replayed post dials
 * nobody again.
 */
export async function confirmPlacement(deps: CallDeps & { publicUrl: string }, call: CallRecord, digits: string): Promise<string> {
  const lang = await agentLanguage(deps, call);
  const say = (text: string) => el('Say', { language: SAY[lang] }, text);
  const confirmed = digits === '1';
  const callback = await stillOurs(deps, call);
  if (!callback) return twiml([say(t(lang, 'c2c.ivr.not_open')), el('Hangup')]);
  const at = deps.clock.now().toISOString();
  if (!(await deps.store.calls.addStep({ callId: call.id, key: 'c2c:confirm', data: { digits: digits.slice(0, 1), confirmed }, at }))) return twiml([]);
  if (!confirmed) {
    await advance(deps, call, 'agent_not_confirmed', { providerStatus: digits ? `digits:${digits.slice(0, 1)}` : 'no-input' });
    return twiml([say(t(lang, 'c2c.ivr.not_confirmed')), el('Hangup')]);
  }
  const key = typeof call.meta.key === 'string' ? call.meta.key : '';
  const urls = placementUrls(deps.publicUrl, call.id, key);
  return twiml([
    say(t(lang, 'c2c.ivr.connecting_now')),
    el('Dial', { callerId: call.fromRaw, action: urls.dialDone, method: 'POST', timeout: RING_SECONDS }, [
      el('Number', { statusCallback: urls.customerStatus, statusCallbackEvent: 'initiated ringing answered completed', statusCallbackMethod: 'POST' }, call.to),
    ]),
  ]);
}

/** The customer's leg ended (the <Dial>'s action): the callback is made, or the customer did not answer. */
export async function finishPlacementDial(deps: CallDeps, call: CallRecord, dialStatus: string, dialSeconds: number | null): Promise<string> {
  const lang = await agentLanguage(deps, call);
  const status: PlacementStatus =
    dialStatus === 'completed' || dialStatus === 'answered' ? 'completed' : dialStatus === 'busy' ? 'customer_busy' : dialStatus === 'no-answer' ? 'customer_no_answer' : 'failed';
  await advance(deps, call, status, { talkedSeconds: dialSeconds, providerStatus: dialStatus });
  if (status === 'completed') return twiml([el('Hangup')]);
  return twiml([el('Say', { language: SAY[lang] }, t(lang, 'c2c.ivr.customer_unanswered')), el('Hangup')]);
}
