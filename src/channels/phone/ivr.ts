/**
 * Renders the hotline's next step as TwiML. Every action URL is absolute under PUBLIC_URL, so the signature
 * Twilio computes over it is the one the desk checks.
 */
import type { UiLanguage } from '../../core/people.js';
import type { CallTurn } from './handle-call.js';
import type { PromptKey } from './phone-settings.js';
import { dynamic, promptText } from './prompts.js';
import { t } from '../../i18n/index.js';
import { el, twiml, type TwimlNode } from './twiml.js';

export const VOICE_BASE_PATH = '/hooks/voice/twilio';

/** The desk's voice webhook URLs under a public base URL. */
export function voiceUrls(publicUrl: string) {
  const base = `${publicUrl.replace(/\/+$/, '')}${VOICE_BASE_PATH}`;
  return {
    incoming: base,
    language: (attempt: number) => `${base}/language?attempt=${attempt}`,
    menu: (attempt: number) => `${base}/menu?attempt=${attempt}`,
    wait: `${base}/wait`,
    waitKey: `${base}/wait-key`,
    callbackConfirm: `${base}/callback-confirm`,
    queueExit: `${base}/queue-exit`,
    connect: (agentId: string) => `${base}/connect?agent=${encodeURIComponent(agentId)}`,
    dialDone: (agentId: string) => `${base}/dial-done?agent=${encodeURIComponent(agentId)}`,
    recorded: `${base}/recorded`,
    recording: `${base}/recording`,
    transcript: `${base}/transcript`,
    status: `${base}/status`,
    freeze: `${base}/freeze`,
  };
}
export type VoiceUrls = ReturnType<typeof voiceUrls>;

const SAY_LANGUAGE: Record<UiLanguage, string> = { 'zh-CN': 'zh-CN', en: 'en-US' };

/** The <Client> identity an agent's softphone registers with. */
export const agentClientIdentity = (agentId: string): string => `agent_${agentId.replace(/[^A-Za-z0-9]/g, '')}`;

/** The provider queue a call waits in: one per brand, and a separate one for emergencies. */
export const queueName = (brandSlug: string, emergency: boolean): string => `walletdesk-${brandSlug}${emergency ? '-urgent' : ''}`.slice(0, 64);

function enqueueNode(brandSlug: string, urls: VoiceUrls, emergency: boolean): TwimlNode {
  return el('Enqueue', { action: urls.queueExit, method: 'POST', waitUrl: urls.wait, waitUrlMethod: 'POST' }, queueName(brandSlug, emergency));
}

/**
 * The answer to the freeze offer: what was frozen and what still works (or that an agent will do it), then the
 * emergency queue. `declined`: the caller pressed another key or nothing.
 */
export function renderFreezeAnswer(turn: Omit<CallTurn, 'step'>, urls: VoiceUrls, outcome: 'frozen' | 'failed' | 'declined' | 'texted' | 'text_failed'): string {
  const lang: UiLanguage = turn.language ?? turn.call.language ?? turn.brand.defaultLanguage;
  const words =
    outcome === 'frozen'
      ? t(lang, 'freeze.ivr.frozen')
      : outcome === 'failed'
        ? t(lang, 'freeze.ivr.not_frozen')
        : outcome === 'texted'
          ? t(lang, 'freeze_sms.ivr_sent')
          : outcome === 'text_failed'
            ? t(lang, 'freeze_sms.ivr_not_sent')
            : null;
  return twiml([...(words ? [el('Say', { language: SAY_LANGUAGE[lang] }, words)] : []), enqueueNode(turn.brand.slug, urls, true)]);
}

/** `preface`: sentences spoken before the step, outside any <Gather> (a verification code, issue 18). */
export function renderTurn(turn: CallTurn, urls: VoiceUrls, preface: readonly string[] = []): string {
  const { brand, settings, step } = turn;
  const lang: UiLanguage = turn.language ?? turn.call.language ?? brand.defaultLanguage;
  const say = (text: string, language: UiLanguage = lang): TwimlNode => el('Say', { language: SAY_LANGUAGE[language] }, text);
  /** A static prompt: the brand's recording if it has one, else text-to-speech. */
  const prompt = (key: PromptKey, language: UiLanguage = lang): TwimlNode => {
    const recorded = settings.prompts[language]?.[key];
    return recorded ? el('Play', {}, recorded) : say(promptText(language, key, brand.name), language);
  };
  const caseNumber = (n: number | null): TwimlNode[] => (n === null ? [] : [say(dynamic.caseNumber(lang, n))]);
  const enqueue = (emergency: boolean): TwimlNode => enqueueNode(brand.slug, urls, emergency);

  switch (step.kind) {
    case 'language':
      return twiml([
        el('Gather', { input: 'dtmf', numDigits: 1, timeout: 6, action: urls.language(step.attempt), method: 'POST' }, [
          ...(step.invalid ? [say(promptText('zh-CN', 'invalid', brand.name), 'zh-CN'), say(promptText('en', 'invalid', brand.name), 'en')] : []),
          prompt('greeting', 'zh-CN'),
          prompt('greeting', 'en'),
        ]),
        el('Redirect', { method: 'POST' }, urls.language(step.attempt)),
      ]);
    case 'menu':
      return twiml([
        ...preface.map((text) => say(text)),
        // The warning plays outside the <Gather>, so no key press can skip it.
        ...(step.warn ? [prompt('warning')] : []),
        el('Gather', { input: 'dtmf', numDigits: 1, timeout: 6, action: urls.menu(step.attempt), method: 'POST' }, [
          ...(step.invalid ? [prompt('invalid')] : []),
          prompt('menu'),
        ]),
        el('Redirect', { method: 'POST' }, urls.menu(step.attempt)),
      ]);
    case 'enqueue':
      return twiml([
        ...(step.requeued ? [say(dynamic.agentMissed(lang))] : []),
        ...(step.emergency && !step.requeued ? [prompt('emergency')] : []),
        ...caseNumber(step.ticketNumber),
        // "Press 1 to freeze now" (issue 18): the answer goes to the freeze step, which then queues the caller.
        ...(step.freezeOffered
          ? [
              el('Gather', { input: 'dtmf', numDigits: 1, timeout: 6, action: urls.freeze, method: 'POST' }, [say(t(lang, step.smsOffered ? 'freeze_sms.ivr_offer' : 'freeze.ivr.offer'))]),
              el('Redirect', { method: 'POST' }, urls.freeze),
            ]
          : [...(!step.emergency && !step.requeued ? [say(dynamic.pleaseHold(lang))] : []), enqueue(step.emergency)]),
      ]);
    case 'voicemail':
      return twiml([
        prompt(step.reason === 'closed' ? 'closed' : 'queue_full'),
        ...caseNumber(step.ticketNumber),
        el('Record', {
          action: urls.recorded,
          method: 'POST',
          timeout: 5,
          finishOnKey: '#',
          // Twilio transcribes recordings of at most 120 seconds.
          maxLength: 120,
          playBeep: true,
          recordingStatusCallback: urls.recording,
          recordingStatusCallbackMethod: 'POST',
          recordingStatusCallbackEvent: 'completed',
          ...(step.transcribe ? { transcribe: true, transcribeCallback: urls.transcript } : {}),
        }),
      ]);
    case 'hold': {
      const hold = settings.prompts[lang]?.hold;
      return twiml([
        el('Gather', { input: 'dtmf', numDigits: 1, timeout: 3, action: urls.waitKey, method: 'POST' }, [
          say(dynamic.position(lang, step.position, step.etaMinutes)),
          ...(step.callbackOffer ? [prompt('callback_offer')] : []),
        ]),
        hold ? el('Play', {}, hold) : el('Pause', { length: 20 }),
      ]);
    }
    case 'callback_confirm':
      return twiml([
        el('Gather', { input: 'dtmf', numDigits: 1, timeout: 6, action: urls.callbackConfirm, method: 'POST' }, [say(dynamic.confirmCallback(lang, step.lastDigits))]),
      ]);
    case 'leave':
      return twiml([el('Leave')]);
    case 'callback_done':
      return twiml([prompt('callback_done'), el('Hangup')]);
    case 'dial':
      return twiml([
        prompt('connecting'),
        el('Dial', { action: urls.dialDone(step.agentId), method: 'POST', timeout: 20 }, [el('Client', {}, agentClientIdentity(step.agentId))]),
      ]);
    case 'voicemail_done':
      return twiml([prompt('voicemail_done'), el('Hangup')]);
    case 'goodbye':
      return twiml([el('Hangup')]);
    case 'pause':
      return twiml([el('Pause', { length: step.seconds })]);
    case 'nothing':
      return twiml([]);
  }
}
