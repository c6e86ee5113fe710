/**
 * A local server speaking Twilio's Calls API as documented (https://www.twilio.com/docs/voice/api/call-resource,
 * https://www.twilio.com/docs/voice/twiml/dial, https://www.twilio.com/docs/voice/twiml/number), for the desk's
 * click-to-call:
 *
 * - `POST /2010-04-01/Accounts/{AccountSid}/Calls.json`, form-encoded `To`, `From`, `Url`, `Method`,
 *   `StatusCallback`, `StatusCallbackEvent` (repeated), `Timeout`; HTTP basic auth with the account SID and auth
 *   token (401 with error 20003 otherwise);
 * - 400 with Twilio's error body `{code, message, more_info, status}` for a bad `To` (21211; also numbers told
 *   `invalid`), a `From` that is not
 *   one of the account's numbers (21210) or no `Url` (21205); `failNext` answers the next request with a 5xx;
 * - 201 with the Call resource (`sid` "CA…", `status` "queued");
 * - then it plays the call: status callbacks `initiated`, `ringing` to `StatusCallback`; for an agent who answers,
 *   `in-progress` and a request for the TwiML at `Url`; when the answer has a `<Gather>`
 *   (https://www.twilio.com/docs/voice/twiml/gather) the agent presses their `keypad` digit (default 1) and the
 *   server posts the Gather's `action` with `Digits`; a phone in `voicemail` presses nothing: the action is posted
 *   without `Digits` only when the Gather says `actionOnEmptyResult="true"`, else the verbs after the Gather play.
 *   It reads the `<Dial>` (of the answer, or of the Gather action's answer) and its `<Number>`, calls
 *   the customer (the `<Number>`'s `statusCallback` gets `initiated`, `ringing`, `in-progress`, `completed` with
 *   `ParentCallSid`), posts the `<Dial>`'s `action` with `DialCallStatus` / `DialCallDuration` / `DialCallSid`, and
 *   ends the agent's leg (`completed`, or `no-answer` / `busy` when the agent's phone does that). Every request is
 *   signed with X-Twilio-Signature (HMAC-SHA1 of the URL and the sorted parameters, keyed with the auth token).
 *
 * The desk sits behind PUBLIC_URL; requests to it are delivered to its local listener (`deliverTo`).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { twilioSignature } from '../../src/channels/phone/signature.js';
import { find, findAll, parseTwiml, type XmlNode } from './twilio-sim.js';

/**
 * What a phone does when it rings; 'invalid': Twilio refuses it as `To` (21211); 'voicemail': answered (by the
 * phone's voicemail), and no key is ever pressed.
 */
export type PhoneBehaviour = 'answer' | 'no-answer' | 'busy' | 'invalid' | 'voicemail';

export interface PlacedCall {
  sid: string;
  to: string;
  from: string;
  url: string;
  statusCallback: string | null;
  statusCallbackEvents: string[];
  timeout: string | null;
  /** The TwiML the desk answered with when the agent picked up, and what it answered the Dial's action with. */
  answer: XmlNode | null;
  /** What the desk answered the Gather's action with (null when nothing was posted), and the Digits sent. */
  gatherAnswer: XmlNode | null;
  digits: string | null;
  dialAnswer: XmlNode | null;
  /** Resolves once the call has been played to its end. */
  done: Promise<void>;
}

/** One request the server made to the desk, as sent (to replay it) and as answered. */
export interface Delivery {
  url: string;
  params: Record<string, string>;
  status: number;
  body: string;
}

export interface TwilioCallsServer {
  url: string;
  calls: PlacedCall[];
  deliveries: Delivery[];
  refused: Array<{ status: number; code: number }>;
  /** How each number behaves when rung (default: answers). */
  phones: Map<string, PhoneBehaviour>;
  /** The key a person answering this number presses at a <Gather> (default '1'; '' presses nothing). */
  keypad: Map<string, string>;
  /** false: behave like a provider that ignores `actionOnEmptyResult` (no input → the verbs after the Gather). */
  emptyGatherResult: { honoured: boolean };
  /** The next Calls.json request fails with this HTTP status (e.g. 503), once. */
  failNext: { status: number | null };
  /** Seconds the customer talks when answered. */
  talkSeconds: number;
  /** Posts a signed request to a desk URL, as the provider would (for replaying a status callback). */
  post(publicUrl: string, params: Record<string, string>, signatureToken?: string): Promise<Delivery>;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

export async function startTwilioCalls(options: {
  accountSid: string;
  authToken: string;
  /** The account's voice-capable numbers (valid `From`). */
  numbers: string[];
  deliverTo: (publicUrl: string) => string;
  /**
   * Called before each step of a call is played ('agent-ringing', 'agent-answered', 'customer-ringing',
   * 'customer-answered', 'customer-done', 'agent-done'); a test may hold the call there (resolve later).
   */
  gate?: (step: string, call: PlacedCall) => Promise<void>;
}): Promise<TwilioCallsServer> {
  const calls: PlacedCall[] = [];
  const deliveries: Delivery[] = [];
  const refused: Array<{ status: number; code: number }> = [];
  const phones = new Map<string, PhoneBehaviour>();
  const keypad = new Map<string, string>();
  const emptyGatherResult = { honoured: true };
  const failNext = { status: null as number | null };
  const pending: Array<Promise<void>> = [];
  const state = { talkSeconds: 42 };
  const gate = options.gate ?? (async () => undefined);

  const post = async (publicUrl: string, params: Record<string, string>, signatureToken = options.authToken): Promise<Delivery> => {
    const res = await fetch(options.deliverTo(publicUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(signatureToken, publicUrl, params), 'user-agent': 'TwilioProxy/1.1' },
      body: new URLSearchParams(params).toString(),
    });
    const delivery = { url: publicUrl, params, status: res.status, body: await res.text() };
    deliveries.push(delivery);
    return delivery;
  };

  async function play(call: PlacedCall): Promise<void> {
    const base = { AccountSid: options.accountSid, ApiVersion: '2010-04-01', CallSid: call.sid, Direction: 'outbound-api', From: call.from, To: call.to, Called: call.to, Caller: call.from };
    const status = async (CallStatus: string, extra: Record<string, string> = {}) => {
      if (call.statusCallback) await post(call.statusCallback, { ...base, CallStatus, ...extra });
    };
    await status('initiated');
    await gate('agent-ringing', call);
    await status('ringing');
    const agent = phones.get(call.to) ?? 'answer';
    if (agent !== 'answer' && agent !== 'voicemail') {
      await status(agent === 'invalid' ? 'failed' : agent, { CallDuration: '0' });
      return;
    }
    await gate('agent-answered', call);
    await status('in-progress');
    const answer = await post(call.url, { ...base, CallStatus: 'in-progress' });
    call.answer = parseTwiml(answer.body);
    let dial = findAll(call.answer, 'Dial')[0];
    const gather = call.answer.children.find((c) => c.name === 'Gather');
    if (gather) {
      const digits = agent === 'voicemail' ? '' : (keypad.get(call.to) ?? '1');
      dial = undefined;
      if (gather.attrs.action && (digits !== '' || (emptyGatherResult.honoured && gather.attrs.actionOnEmptyResult === 'true'))) {
        call.digits = digits;
        const done = await post(gather.attrs.action, { ...base, CallStatus: 'in-progress', ...(digits ? { Digits: digits } : {}) });
        call.gatherAnswer = parseTwiml(done.body);
        dial = findAll(call.gatherAnswer, 'Dial')[0];
      } else {
        // No input and no action: the verbs after the Gather play.
        const rest = call.answer.children.slice(call.answer.children.indexOf(gather) + 1);
        dial = rest.find((c) => c.name === 'Dial');
        if (rest.some((c) => c.name === 'Hangup')) {
          await gate('agent-done', call);
          await status('completed', { CallDuration: '15' });
          return;
        }
      }
    }
    if (dial) {
      const number = find(dial, 'Number');
      const customer = number.text;
      const childSid = `CA${randomBytes(16).toString('hex')}`;
      const child = { AccountSid: options.accountSid, ApiVersion: '2010-04-01', CallSid: childSid, ParentCallSid: call.sid, Direction: 'outbound-dial', From: dial.attrs.callerId ?? call.from, To: customer, Called: customer, Caller: dial.attrs.callerId ?? call.from };
      const events = (number.attrs.statusCallbackEvent ?? '').split(/\s+/);
      const childStatus = async (event: string, CallStatus: string, extra: Record<string, string> = {}) => {
        if (number.attrs.statusCallback && events.includes(event)) await post(number.attrs.statusCallback, { ...child, CallStatus, ...extra });
      };
      await gate('customer-ringing', call);
      await childStatus('initiated', 'initiated');
      await childStatus('ringing', 'ringing');
      const behaviour = phones.get(customer) ?? 'answer';
      let dialStatus: string = behaviour === 'invalid' ? 'failed' : behaviour;
      let talked = 0;
      if (behaviour === 'answer') {
        await gate('customer-answered', call);
        await childStatus('answered', 'in-progress');
        talked = state.talkSeconds;
        await gate('customer-done', call);
        await childStatus('completed', 'completed', { CallDuration: String(talked) });
        dialStatus = 'completed';
      } else {
        await childStatus('completed', dialStatus, { CallDuration: '0' });
      }
      if (dial.attrs.action) {
        const done = await post(dial.attrs.action, { ...base, CallStatus: 'in-progress', DialCallStatus: dialStatus, DialCallSid: childSid, DialCallDuration: String(talked) });
        call.dialAnswer = parseTwiml(done.body);
      }
    }
    await gate('agent-done', call);
    await status('completed', { CallDuration: String(state.talkSeconds + 5) });
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const fail = (status: number, code: number, message: string) => {
        refused.push({ status, code });
        json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
      };
      const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\.json$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m) return fail(404, 20404, 'The requested resource was not found');
      const expected = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
      if (req.headers.authorization !== expected || decodeURIComponent(m[1]!) !== options.accountSid) return fail(401, 20003, 'Authenticate');
      if (failNext.status) {
        const status = failNext.status;
        failNext.status = null;
        return fail(status, 20500, 'An internal server error has occurred');
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To') ?? '';
      const from = form.get('From') ?? '';
      const url = form.get('Url') ?? '';
      if (!E164.test(to) || phones.get(to) === 'invalid') return fail(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      if (!options.numbers.includes(from)) return fail(400, 21210, `The source phone number provided, ${from}, is not yet verified for your account.`);
      if (!/^https?:\/\//.test(url)) return fail(400, 21205, 'Url parameter is required.');
      let finish: () => void = () => undefined;
      const call: PlacedCall = {
        sid: `CA${randomBytes(16).toString('hex')}`,
        to,
        from,
        url,
        statusCallback: form.get('StatusCallback'),
        statusCallbackEvents: form.getAll('StatusCallbackEvent'),
        timeout: form.get('Timeout'),
        answer: null,
        gatherAnswer: null,
        digits: null,
        dialAnswer: null,
        done: new Promise<void>((resolve) => (finish = resolve)),
      };
      calls.push(call);
      json(201, {
        sid: call.sid,
        account_sid: options.accountSid,
        to,
        from,
        status: 'queued',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: new Date().toUTCString().replace('GMT', '+0000'),
        uri: `/2010-04-01/Accounts/${options.accountSid}/Calls/${call.sid}.json`,
      });
      // The call goes on after the answer, as Twilio's does.
      pending.push(
        play(call)
          .catch(() => undefined)
          .finally(finish),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    deliveries,
    refused,
    phones,
    keypad,
    emptyGatherResult,
    failNext,
    get talkSeconds() {
      return state.talkSeconds;
    },
    set talkSeconds(v: number) {
      state.talkSeconds = v;
    },
    post,
    async close() {
      await Promise.all(pending);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
