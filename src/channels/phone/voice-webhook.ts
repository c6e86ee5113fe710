/**
 * The Twilio-compatible voice adapter: reads a webhook's form parameters (validated here, at the edge), runs
 * the hotline's use case for that step and answers TwiML. The HTTP route checks the signature first.
 */
import { invalid } from '../../core/errors.js';
import { endCall } from './end-call.js';
import { chooseLanguage, chooseMenu, startCall, type CallTurn, type HandleCallDeps } from './handle-call.js';
import { confirmCallback, holdCall, leaveQueue, pressWhileWaiting } from './queue-call.js';
import { addTranscript, recordingReady, recordVoicemail } from './record-voicemail.js';
import { connectCall, finishDial } from './take-call.js';
import { speakStepUpCode } from './speak-step-up-code.js';
import { freezeFromCall } from '../../app/freeze-account.js';
import { loadCallTurn } from './handle-call.js';
import { renderFreezeAnswer, renderTurn, type VoiceUrls } from './ivr.js';
import type { FormParams } from './signature.js';
import { twiml } from './twiml.js';

/** The webhook steps, each at POST /hooks/voice/twilio/<step> (the incoming call at /hooks/voice/twilio). */
export const VOICE_STEPS = [
  'incoming',
  'language',
  'menu',
  'wait',
  'wait-key',
  'callback-confirm',
  'queue-exit',
  'connect',
  'dial-done',
  'recorded',
  'recording',
  'transcript',
  'status',
  'freeze',
] as const;
export type VoiceStep = (typeof VOICE_STEPS)[number];

/** One form parameter as a bounded string; repeated parameters keep their first value. */
function str(params: FormParams, name: string, max = 200): string | null {
  const raw = params[name];
  const value = typeof raw === 'string' ? raw : Array.isArray(raw) ? raw[0] : undefined;
  if (value === undefined) return null;
  return value.length > max ? value.slice(0, max) : value;
}

function int(params: FormParams, name: string): number | null {
  const v = str(params, name, 12);
  return v !== null && /^\d{1,9}$/.test(v) ? Number(v) : null;
}

/** What the caller pressed: digits, * and #, or nothing. */
function digits(params: FormParams): string {
  const d = str(params, 'Digits', 40) ?? '';
  return /^[0-9*#]{0,32}$/.test(d) ? d : '';
}

function callSid(params: FormParams): string {
  const sid = str(params, 'CallSid', 64);
  if (!sid || !/^[A-Za-z0-9:_-]{1,64}$/.test(sid)) throw invalid('CallSid is missing or malformed.', { field: 'CallSid' });
  return sid;
}

const attemptOf = (query: Record<string, string | undefined>): number => {
  const n = Number(query.attempt ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 10 ? n : 1;
};

const agentOf = (query: Record<string, string | undefined>): string => {
  const agent = query.agent ?? '';
  if (!/^[0-9a-fA-F-]{36}$/.test(agent)) throw invalid('The agent of this transfer is missing.', { field: 'agent' });
  return agent.toLowerCase();
};

/** Runs one webhook step and returns the TwiML to answer with. */
export async function handleVoiceWebhook(
  deps: HandleCallDeps,
  step: VoiceStep,
  params: FormParams,
  query: Record<string, string | undefined>,
  urls: VoiceUrls,
): Promise<string> {
  const sid = callSid(params);
  const render = (turn: CallTurn) => renderTurn(turn, urls);
  switch (step) {
    case 'incoming': {
      const meta: Record<string, unknown> = {};
      const stir = str(params, 'StirVerstat', 60);
      const forwarded = str(params, 'ForwardedFrom', 40);
      if (stir) meta.stir_verstat = stir;
      if (forwarded) meta.forwarded_from = forwarded;
      return render(await startCall(deps, { callSid: sid, from: str(params, 'From', 100) ?? '', to: str(params, 'To', 100) ?? '', meta }));
    }
    case 'language': {
      const turn = await chooseLanguage(deps, sid, digits(params), attemptOf(query));
      // A caller with an open phone verification hears its code before the menu (issue 18).
      const code = turn.step.kind === 'menu' && turn.language ? await speakStepUpCode(deps, turn.call, turn.language) : null;
      return renderTurn(turn, urls, code ? [code] : []);
    }
    case 'menu':
      return render(await chooseMenu(deps, sid, digits(params), attemptOf(query)));
    case 'wait':
      return render(await holdCall(deps, sid, str(params, 'QueueSid', 64)));
    case 'wait-key':
      return render(await pressWhileWaiting(deps, sid, digits(params)));
    case 'callback-confirm':
      return render(await confirmCallback(deps, sid, digits(params)));
    case 'queue-exit':
      return render(await leaveQueue(deps, sid, str(params, 'QueueResult', 40) ?? 'error', int(params, 'QueueTime')));
    case 'connect':
      return render(await connectCall(deps, sid, agentOf(query)));
    case 'dial-done':
      return render(await finishDial(deps, sid, str(params, 'DialCallStatus', 20) ?? 'failed', int(params, 'DialCallDuration'), agentOf(query)));
    case 'recorded':
      return render(await recordVoicemail(deps, sid, str(params, 'RecordingUrl', 1000), int(params, 'RecordingDuration')));
    case 'recording':
      await recordingReady(deps, sid, str(params, 'RecordingStatus', 20) ?? '', str(params, 'RecordingUrl', 1000), int(params, 'RecordingDuration'));
      return twiml([]);
    case 'transcript':
      await addTranscript(deps, sid, str(params, 'TranscriptionStatus', 20) ?? '', str(params, 'TranscriptionText', 20_000), str(params, 'RecordingUrl', 1000));
      return twiml([]);
    case 'status':
      await endCall(deps, sid, str(params, 'CallStatus', 20) ?? '', int(params, 'CallDuration'));
      return twiml([]);
    case 'freeze': {
      // The caller's answer to "press 1 to freeze now"; a freeze that fails still queues the emergency call.
      const turn = await loadCallTurn(deps.store, sid);
      // "Press 3": the link by SMS to the number on the account, to freeze it themselves (issue 18).
      if (digits(params) === '3' && turn.call.ticketId) {
        const texted = deps.textFreezeLink ? await deps.textFreezeLink(turn.call.ticketId).catch(() => false) : false;
        return renderFreezeAnswer(turn, urls, texted ? 'texted' : 'text_failed');
      }
      if (digits(params) !== '1' || !turn.call.ticketId) return renderFreezeAnswer(turn, urls, 'declined');
      const frozen = await freezeFromCall(deps, turn.call.ticketId, turn.call.callerPhone).then(
        () => true,
        () => false,
      );
      return renderFreezeAnswer(turn, urls, frozen ? 'frozen' : 'failed');
    }
  }
}
