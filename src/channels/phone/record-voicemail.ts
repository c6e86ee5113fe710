/**
 * Voicemail becomes part of the call's ticket: the recording's link as a message as soon as the provider reports
 * it (Record's action, or the recording status callback, whichever comes first), and the transcript, which is
 * the customer's own words, through ingestInbound like any other text.
 */
import { t } from '../../i18n/index.js';
import { ingestInbound } from '../../app/ingest-inbound.js';
import { appendTimeline, callerIdentity, type CallDeps } from './call-ticket.js';
import { loadCallTurn, type CallTurn } from './handle-call.js';
import type { CallRecord } from './phone-ports.js';

const MAX_TRANSCRIPT = 20_000;

function voicemailText(call: CallRecord, url: string, seconds: number | null): string {
  const secs = seconds ?? 0;
  return t(call.language ?? 'en', 'phone.voicemail', { seconds: secs, url });
}

/** Files the voicemail's recording on the call's ticket, once however many callbacks report it. */
export async function storeVoicemail(deps: CallDeps, call: CallRecord, recordingUrl: string, seconds: number | null): Promise<void> {
  const at = deps.clock.now().toISOString();
  const result = await ingestInbound(deps, {
    brandId: call.brandId,
    channel: 'phone',
    from: callerIdentity(call),
    body: voicemailText(call, recordingUrl, seconds),
    sourceId: `${call.callSid}:voicemail`,
    ticketId: call.ticketId,
    meta: { kind: 'voicemail', call_id: call.id, recording_url: recordingUrl, duration_seconds: seconds },
    // "Voicemail (8 s): <url>" is the desk's line; the transcript, when it comes, is the caller's words.
    writtenBy: 'system',
  });
  await deps.store.transaction(async (tx) => {
    if (!(await tx.calls.addStep({ callId: call.id, key: 'voicemail', data: { recording_url: recordingUrl, seconds }, at }))) return;
    await tx.calls.update(call.id, { recordingUrl, outcome: 'voicemail', ...(call.ticketId ? {} : { ticketId: result.ticket.id }) }, at);
    await tx.calls.transition(call.id, 'voicemail', { state: 'ended', endedAt: at }, at);
    await appendTimeline(tx, { id: call.id, ticketId: call.ticketId ?? result.ticket.id }, 'call.voicemail_recorded', at, { recording_url: recordingUrl, duration_seconds: seconds });
  });
}

const isHttpUrl = (url: string | null): url is string => url !== null && /^https?:\/\/\S+$/i.test(url) && url.length <= 1000;

/** Record's action: the caller finished (or hung up). A recording with sound is filed; the caller is thanked. */
export async function recordVoicemail(deps: CallDeps, callSid: string, recordingUrl: string | null, seconds: number | null): Promise<CallTurn> {
  const turn = await loadCallTurn(deps.store, callSid);
  if (isHttpUrl(recordingUrl) && (seconds ?? 1) > 0) await storeVoicemail(deps, turn.call, recordingUrl, seconds);
  return { ...turn, step: { kind: 'voicemail_done' } };
}

/** The recording status callback: the recording is ready (or failed). Files it if Record's action did not. */
export async function recordingReady(deps: CallDeps, callSid: string, status: string, recordingUrl: string | null, seconds: number | null): Promise<void> {
  const turn = await loadCallTurn(deps.store, callSid);
  if (status === 'completed' && isHttpUrl(recordingUrl) && (seconds ?? 1) > 0) await storeVoicemail(deps, turn.call, recordingUrl, seconds);
}

/** The transcription callback: the transcript joins the call's ticket as the customer's message. */
export async function addTranscript(deps: CallDeps, callSid: string, status: string, text: string | null, recordingUrl: string | null): Promise<void> {
  const { call } = await loadCallTurn(deps.store, callSid);
  const transcript = text?.trim() ?? '';
  if (status !== 'completed' || transcript === '') {
    await deps.store.transaction(async (tx) => {
      if (await tx.calls.addStep({ callId: call.id, key: 'transcript', data: { status: status.slice(0, 20) }, at: deps.clock.now().toISOString() })) {
        await appendTimeline(tx, call, 'call.transcript_failed', deps.clock.now().toISOString(), { status: status.slice(0, 20) });
      }
    });
    return;
  }
  await ingestInbound(deps, {
    brandId: call.brandId,
    channel: 'phone',
    from: callerIdentity(call),
    body: transcript.slice(0, MAX_TRANSCRIPT),
    sourceId: `${call.callSid}:transcript`,
    ticketId: call.ticketId,
    meta: { kind: 'voicemail_transcript', call_id: call.id, ...(isHttpUrl(recordingUrl) ? { recording_url: recordingUrl } : {}) },
  });
}
