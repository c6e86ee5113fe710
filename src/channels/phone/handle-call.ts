/**
 * The hotline's front half: a call arrives (once per CallSid, however often the provider retries), the caller
 * picks a language, hears the warning and picks from the main menu. The menu choice opens or joins the ticket
 * and routes the call: the queue (an emergency goes to its front), or voicemail when the line is closed or the
 * queue is too long. Each function returns the step to play next; channels/phone turns it into TwiML.
 */
import { invalid, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { Brand, UiLanguage } from '../../core/people.js';
import { isOpen } from '../../app/business-hours.js';
import { announceQueue, appendTimeline, openCallTicket, type CallDeps } from './call-ticket.js';
import { normalisePhone } from '../../app/contact-points.js';
import type { CallRecord, MenuChoice } from './phone-ports.js';
import { loadPhoneSettings, type PhoneSettings } from './phone-settings.js';
import type { Repos } from '../../app/ports.js';

/** What the caller hears next. */
export type IvrStep =
  | { kind: 'language'; attempt: number; invalid: boolean }
  | { kind: 'menu'; attempt: number; invalid: boolean; warn: boolean }
  | { kind: 'enqueue'; emergency: boolean; ticketNumber: number | null; freezeOffered: boolean; requeued: boolean; /** "press 3": the freeze link by SMS (issue 18). */ smsOffered?: boolean }
  | { kind: 'voicemail'; reason: 'closed' | 'queue_full' | 'queue_error'; ticketNumber: number | null; transcribe: boolean }
  | { kind: 'hold'; position: number; etaMinutes: number; emergency: boolean; callbackOffer: boolean }
  | { kind: 'callback_confirm'; lastDigits: string }
  | { kind: 'leave' }
  | { kind: 'callback_done' }
  | { kind: 'dial'; agentId: string }
  | { kind: 'voicemail_done' }
  | { kind: 'goodbye' }
  /** Inside the wait loop, for a caller being transferred: a short silence, not an empty loop. */
  | { kind: 'pause'; seconds: number }
  | { kind: 'nothing' };

/** A step with what rendering it needs: the call, its brand's name and the brand's hotline settings. */
export interface CallTurn {
  call: CallRecord;
  brand: Brand;
  settings: PhoneSettings;
  language: UiLanguage | null;
  step: IvrStep;
}

import type { EmergencyHook } from './phone-ports.js';
export type { EmergencyHook };

export type HandleCallDeps = CallDeps & {
  onEmergencyCall?: EmergencyHook;
  /** Texts the freeze link to the number on the call ticket's account ("press 3", issue 18); true when queued. */
  textFreezeLink?: (ticketId: string) => Promise<boolean>;
};

export interface IncomingCall {
  callSid: string;
  from: string;
  to: string;
  /** Provider details to keep (StirVerstat, ForwardedFrom). */
  meta?: Record<string, unknown>;
}

const MAX_ATTEMPTS = 3;
const LANGUAGE_KEYS: Record<string, UiLanguage> = { '1': 'zh-CN', '2': 'en' };
const MENU_KEYS: Record<string, MenuChoice> = { '1': 'stolen', '2': 'transaction', '3': 'app', '4': 'how_to', '0': 'agent' };

function readablePhone(raw: string): string | null {
  if (!/^\+?[0-9][0-9 ().-]{4,30}$/.test(raw.trim())) return null;
  try {
    return normalisePhone(raw);
  } catch {
    return null;
  }
}

/** The brand of an enabled phone channel account with this number (its unique key is the number). */
async function accountBrand(tx: Repos, number: string): Promise<string | null> {
  return (await tx.channelAccounts.list({ kind: 'phone', enabled: true })).find((a) => a.uniqueKey === number)?.brandId ?? null;
}

/** The brand a call is for: the one owning the dialled number (an account, then an address), else the only (or default) brand. */
async function brandFor(tx: Repos, to: string): Promise<Brand> {
  const number = readablePhone(to);
  const owner = number ? ((await accountBrand(tx, number)) ?? (await tx.brands.findByAddress('phone', number))) : null;
  const brand = owner ? await tx.brands.get(owner) : ((await tx.brands.getBySlug('default')) ?? (await tx.brands.list())[0] ?? null);
  if (!brand) throw notFound('Brand');
  return brand;
}

/** Loads a call by CallSid with its brand and settings; not_found when the desk never saw it. */
export async function loadCallTurn(repos: Repos, callSid: string): Promise<Omit<CallTurn, 'step'>> {
  const call = await repos.calls.getBySid(callSid);
  if (!call) throw notFound('Call');
  const brand = await repos.brands.get(call.brandId);
  if (!brand) throw notFound('Brand');
  return { call, brand, settings: await loadPhoneSettings(repos, brand.id), language: call.language };
}

/** A call arrives. The same CallSid again (a retry) gets the same answer and creates nothing. */
export async function startCall(deps: CallDeps, incoming: IncomingCall): Promise<CallTurn> {
  if (!/^[A-Za-z0-9:_-]{1,64}$/.test(incoming.callSid)) throw invalid('CallSid is missing or malformed.', { field: 'CallSid' });
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const existing = await tx.calls.getBySid(incoming.callSid);
    if (!existing) {
      const brand = await brandFor(tx, incoming.to);
      const settings = await loadPhoneSettings(tx, brand.id);
      const callerPhone = readablePhone(incoming.from);
      const spoofed = callerPhone !== null && ((await accountBrand(tx, callerPhone)) !== null || (await tx.brands.findByAddress('phone', callerPhone)) !== null);
      const call: CallRecord = {
        id: newId(),
        callSid: incoming.callSid,
        brandId: brand.id,
        fromRaw: incoming.from.slice(0, 100),
        callerPhone,
        to: incoming.to.slice(0, 100),
        language: settings.ivrLanguage,
        state: settings.ivrLanguage ? 'menu' : 'language',
        menuChoice: null,
        emergency: false,
        spoofed,
        ticketId: null,
        queueSid: null,
        enqueuedAt: null,
        waitSeconds: null,
        agentId: null,
        answeredAt: null,
        talkSeconds: null,
        recordingUrl: null,
        outcome: null,
        meta: incoming.meta ?? {},
        createdAt: at,
        updatedAt: at,
        endedAt: null,
        direction: 'inbound',
        callbackId: null,
      };
      if (await tx.calls.insert(call)) {
        await tx.calls.addStep({ callId: call.id, key: 'start', data: { language: call.language, spoofed }, at });
        return { call, brand, settings, language: call.language, step: firstStep(call.language) };
      }
    }
    const turn = await loadCallTurn(tx, incoming.callSid);
    const start = await tx.calls.getStep(turn.call.id, 'start');
    const language = (start?.data.language as UiLanguage | null | undefined) ?? null;
    return { ...turn, language, step: firstStep(language) };
  });
}

const firstStep = (language: UiLanguage | null): IvrStep =>
  language ? { kind: 'menu', attempt: 1, invalid: false, warn: true } : { kind: 'language', attempt: 1, invalid: false };

/** The caller pressed a key at the language menu (1 中文, 2 English); after three misses, the brand's language. */
export async function chooseLanguage(deps: CallDeps, callSid: string, digits: string, attempt: number): Promise<CallTurn> {
  const turn = await loadCallTurn(deps.store, callSid);
  const done = await deps.store.calls.getStep(turn.call.id, 'language');
  if (done || turn.call.state !== 'language') {
    const language = (done?.data.language as UiLanguage | undefined) ?? turn.call.language ?? turn.brand.defaultLanguage;
    return { ...turn, language, step: { kind: 'menu', attempt: 1, invalid: false, warn: true } };
  }
  let language: UiLanguage | undefined = LANGUAGE_KEYS[digits];
  if (!language) {
    if (attempt < MAX_ATTEMPTS) return { ...turn, step: { kind: 'language', attempt: attempt + 1, invalid: digits !== '' } };
    language = turn.brand.defaultLanguage;
  }
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (tx) => {
    if (await tx.calls.addStep({ callId: turn.call.id, key: 'language', data: { language, digits: digits || null }, at })) {
      await tx.calls.transition(turn.call.id, 'language', { state: 'menu', language }, at);
    }
  });
  const stored = await deps.store.calls.getStep(turn.call.id, 'language');
  const chosen = (stored?.data.language as UiLanguage | undefined) ?? language;
  return { ...turn, call: { ...turn.call, language: chosen, state: 'menu' }, language: chosen, step: { kind: 'menu', attempt: 1, invalid: false, warn: true } };
}

/** A rough wait for the caller at `position`: that many calls of the brand's recent average length (3 minutes before any). */
export async function etaMinutes(repos: Repos, brandId: string, position: number): Promise<number> {
  const recent = await repos.calls.recentTalkSeconds(brandId, 20);
  const average = recent.length === 0 ? 180 : Math.max(30, recent.reduce((a, b) => a + b, 0) / recent.length);
  return Math.max(1, Math.ceil((position * average) / 60));
}

/** Where a waiting call stands: its place (emergencies ahead of everyone else) and a rough wait. */
export async function queuePosition(repos: Repos, call: CallRecord): Promise<{ position: number; etaMinutes: number }> {
  const queued = await repos.calls.listQueued([call.brandId]);
  const index = queued.findIndex((c) => c.id === call.id);
  const position = index >= 0 ? index + 1 : queued.length + 1;
  return { position, etaMinutes: await etaMinutes(repos, call.brandId, position) };
}

/**
 * The caller chose from the main menu. Opens or joins the ticket at once (an emergency is an urgent security
 * ticket), then queues the caller (an emergency at the front) or sends them to voicemail.
 */
export async function chooseMenu(deps: HandleCallDeps, callSid: string, digits: string, attempt: number): Promise<CallTurn> {
  const turn = await loadCallTurn(deps.store, callSid);
  const replay = await deps.store.calls.getStep(turn.call.id, 'menu');
  if (replay || turn.call.state !== 'menu') return { ...turn, step: (replay?.data.step as IvrStep | undefined) ?? { kind: 'goodbye' } };

  let choice: MenuChoice | undefined = MENU_KEYS[digits];
  if (!choice) {
    if (attempt < MAX_ATTEMPTS) return { ...turn, step: { kind: 'menu', attempt: attempt + 1, invalid: digits !== '', warn: false } };
    choice = 'agent';
  }
  const emergency = choice === 'stolen';
  const ticket = await openCallTicket(deps, turn.call, choice, digits);

  let freezeOffered = false;
  let smsOffered = false;
  if (emergency && deps.onEmergencyCall) {
    // The freeze capability is optional and must never stop an emergency call from reaching the queue.
    const offer = await deps
      .onEmergencyCall({ brandId: turn.brand.id, callId: turn.call.id, ticketId: ticket.id, customerId: ticket.requesterId, callerPhone: turn.call.callerPhone })
      .catch(() => undefined);
    freezeOffered = Boolean(offer && offer.freezeOffered);
    smsOffered = freezeOffered && Boolean(offer && offer.smsOffered);
  }

  const now = deps.clock.now();
  const at = now.toISOString();
  const open = isOpen(now, turn.brand.timeZone, turn.settings.hours, turn.settings.holidays);
  const waiting = (await deps.store.calls.listQueued([turn.brand.id])).length;
  const language = turn.call.language ?? turn.brand.defaultLanguage;
  let step: IvrStep;
  if (emergency ? open || turn.settings.emergencyAfterHours : open && waiting < turn.settings.maxQueue) {
    step = { kind: 'enqueue', emergency, ticketNumber: ticket.number, freezeOffered, requeued: false, ...(smsOffered ? { smsOffered } : {}) };
  } else {
    step = { kind: 'voicemail', reason: open ? 'queue_full' : 'closed', ticketNumber: ticket.number, transcribe: turn.settings.transcribe.includes(language) };
  }

  const recorded = await deps.store.transaction(async (tx) => {
    if (!(await tx.calls.addStep({ callId: turn.call.id, key: 'menu', data: { choice, digits, step }, at }))) return false;
    const ticketed = { ...turn.call, ticketId: ticket.id };
    if (step.kind === 'enqueue') {
      await tx.calls.transition(turn.call.id, 'menu', { state: 'queued', menuChoice: choice, emergency, enqueuedAt: at }, at);
      await appendTimeline(tx, ticketed, 'call.queued', at, { emergency, queue: emergency ? 'urgent' : 'normal', waiting_ahead: emergency ? 0 : waiting });
    } else {
      await tx.calls.transition(turn.call.id, 'menu', { state: 'voicemail', menuChoice: choice, emergency }, at);
      await appendTimeline(tx, ticketed, 'call.voicemail_offered', at, { reason: step.kind === 'voicemail' ? step.reason : null, waiting });
    }
    return true;
  });
  const final = await loadCallTurn(deps.store, callSid);
  if (!recorded) return { ...final, step: ((await deps.store.calls.getStep(turn.call.id, 'menu'))?.data.step as IvrStep | undefined) ?? step };
  if (step.kind === 'enqueue') await announceQueue(deps, final.call, 'call.queued');
  return { ...final, step };
}
