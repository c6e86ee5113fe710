/**
 * A local server speaking Twilio's Messages API as documented (https://www.twilio.com/docs/messaging/api/message-resource,
 * https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks), for the desk's SMS:
 *
 * - `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded `To`, `From`, `Body`, `StatusCallback`,
 *   HTTP basic auth with the account SID and auth token (401 with error 20003 otherwise);
 * - 400 with Twilio's error body `{code, message, more_info, status}` for a bad `To` (21211), a `From` that is
 *   not one of the account's numbers (21606) or an empty body (21602);
 * - 201 with the Message resource (`sid` "SM…", `status` "queued"); no callback for that initial status;
 * - then the status callbacks `sent` and `delivered` (or `undelivered` with `ErrorCode` for numbers told to fail)
 *   as form posts to `StatusCallback` with MessageSid, SmsSid, AccountSid, From, To, MessageStatus, SmsStatus,
 *   ApiVersion, signed with X-Twilio-Signature (HMAC-SHA1 of the URL and sorted parameters, the auth token).
 *
 * The desk sits behind PUBLIC_URL; callbacks to it are delivered to its local listener (`deliverTo`).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { twilioSignature } from '../../src/channels/phone/signature.js';

export interface SentText {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
}

export interface CallbackDelivery {
  url: string;
  status: string;
  answered: number;
}

export interface TwilioMessagesServer {
  /** The API base URL (what TWILIO_API_URL would be). */
  url: string;
  messages: SentText[];
  callbacks: CallbackDelivery[];
  /** Requests refused, with their HTTP status and Twilio error code. */
  refused: Array<{ status: number; code: number }>;
  /** Numbers whose texts end `undelivered` (error 30003, unreachable handset). */
  unreachable: Set<string>;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

export async function startTwilioMessages(options: {
  accountSid: string;
  authToken: string;
  /** The account's SMS-capable numbers. */
  numbers: string[];
  /** Maps a public callback URL to where the desk listens, e.g. swap PUBLIC_URL for http://127.0.0.1:port. */
  deliverTo: (publicUrl: string) => string;
}): Promise<TwilioMessagesServer> {
  const messages: SentText[] = [];
  const callbacks: CallbackDelivery[] = [];
  const refused: Array<{ status: number; code: number }> = [];
  const unreachable = new Set<string>();
  const pending: Array<Promise<void>> = [];

  const callback = async (m: SentText, status: string, errorCode: string | null): Promise<void> => {
    if (!m.statusCallback) return;
    const params: Record<string, string> = {
      AccountSid: m.accountSid,
      ApiVersion: '2010-04-01',
      From: m.from,
      MessageSid: m.sid,
      MessageStatus: status,
      SmsSid: m.sid,
      SmsStatus: status,
      To: m.to,
      ...(errorCode ? { ErrorCode: errorCode } : {}),
    };
    const res = await fetch(options.deliverTo(m.statusCallback), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(options.authToken, m.statusCallback, params), 'user-agent': 'TwilioProxy/1.1' },
      body: new URLSearchParams(params).toString(),
    });
    await res.arrayBuffer();
    callbacks.push({ url: m.statusCallback, status, answered: res.status });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const fail = (status: number, code: number, message: string) => {
        refused.push({ status, code });
        json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
      };
      const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m) return fail(404, 20404, 'The requested resource was not found');
      const expected = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
      if (req.headers.authorization !== expected || decodeURIComponent(m[1]!) !== options.accountSid) return fail(401, 20003, 'Authenticate');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return fail(400, 21602, 'Message body is required.');
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To') ?? '';
      const from = form.get('From') ?? '';
      const body = form.get('Body') ?? '';
      if (!E164.test(to)) return fail(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      if (!options.numbers.includes(from)) return fail(400, 21606, 'The From phone number is not a valid, SMS-capable inbound phone number or short code for your account.');
      if (!body.trim()) return fail(400, 21602, 'Message body is required.');
      const text: SentText = { sid: `SM${randomBytes(16).toString('hex')}`, accountSid: options.accountSid, to, from, body, statusCallback: form.get('StatusCallback') };
      messages.push(text);
      json(201, {
        sid: text.sid,
        account_sid: text.accountSid,
        to,
        from,
        body,
        status: 'queued',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        num_segments: '1',
        date_created: new Date().toUTCString().replace('GMT', '+0000'),
        uri: `/2010-04-01/Accounts/${text.accountSid}/Messages/${text.sid}.json`,
      });
      // The carrier's answers arrive later, one after the other.
      const final = unreachable.has(to) ? (['undelivered', '30003'] as const) : (['delivered', null] as const);
      pending.push(
        (async () => {
          await new Promise((r) => setTimeout(r, 10));
          await callback(text, 'sent', null);
          await callback(text, final[0], final[1]);
        })().catch(() => undefined),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    callbacks,
    refused,
    unreachable,
    async close() {
      await Promise.all(pending);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
