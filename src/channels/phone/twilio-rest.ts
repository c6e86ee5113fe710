/**
 * The provider's REST side, as the desk uses it: bringing a waiting caller out of the queue to the agent who
 * took the call. Twilio's API; SignalWire's LaML and Telnyx's TeXML REST APIs follow the same paths under
 * their own base URL (TWILIO_API_URL).
 */
import type { ProviderRefusal, VoiceControl } from './phone-ports.js';
import { voiceUrls } from './ivr.js';

export interface TwilioRestOptions {
  accountSid: string;
  authToken: string;
  /** https://api.twilio.com, or a compatible provider's equivalent. */
  apiUrl: string;
  /** The desk's PUBLIC_URL: the provider fetches the connect step from there. */
  publicUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** VoiceControl over the provider's REST API: dequeue a member (or redirect the call) to the connect step. */
export function twilioVoiceControl(options: TwilioRestOptions): VoiceControl {
  const doFetch = options.fetch ?? fetch;
  const auth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const base = `${options.apiUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}`;
  const urls = voiceUrls(options.publicUrl);
  return {
    async connectToAgent({ callSid, queueSid, agentId }) {
      // Dequeuing the member is the documented way out of a queue; without the queue's sid (the wait step never
      // ran) redirecting the live call does the same.
      const path = queueSid
        ? `/Queues/${encodeURIComponent(queueSid)}/Members/${encodeURIComponent(callSid)}.json`
        : `/Calls/${encodeURIComponent(callSid)}.json`;
      const res = await doFetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ Url: urls.connect(agentId), Method: 'POST' }).toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`the voice provider answered ${res.status}`);
    },
    async placeCall(request) {
      // Twilio's Calls resource: StatusCallbackEvent is a list, sent as the same name repeated.
      const form = new URLSearchParams({
        To: request.to,
        From: request.from,
        Url: request.url,
        Method: 'POST',
        StatusCallback: request.statusCallback,
        StatusCallbackMethod: 'POST',
        Timeout: String(request.timeout),
      });
      for (const event of ['initiated', 'ringing', 'answered', 'completed']) form.append('StatusCallbackEvent', event);
      const res = await doFetch(`${base}/Calls.json`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
      if (res.ok && body && typeof body.sid === 'string') return { sid: body.sid, status: typeof body.status === 'string' ? body.status : 'queued' };
      return { refused: refusal(res.status, body) };
    },
  };
}

/** Twilio's error body ({code, message, more_info, status}) as the desk keeps it: bounded, never the whole body. */
function refusal(httpStatus: number, body: Record<string, unknown> | null): ProviderRefusal {
  const text = (v: unknown, max: number) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);
  const moreInfo = text(body?.more_info, 300);
  return {
    httpStatus,
    code: typeof body?.code === 'number' && Number.isInteger(body.code) ? body.code : null,
    message: text(body?.message, 300),
    moreInfo: moreInfo && /^https:\/\//.test(moreInfo) ? moreInfo : null,
  };
}
