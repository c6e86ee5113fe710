/**
 * Text messages (SMS) through the phone channel's provider account (issue 18: the freeze link by SMS). Twilio's
 * Messages API as documented: `POST {api}/2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded `To`,
 * `From`, `Body` and `StatusCallback`, HTTP basic auth with the account SID and auth token; the answer (201) is
 * the message resource, JSON with its `sid` ("SM…") and `status` ("queued"). Compatible providers (SignalWire's
 * LaML) take the same request under their own base URL (TWILIO_API_URL).
 *
 * Which account and number text for a brand: an enabled phone account of the brand with its own credentials
 * (its number as `From`), else the install's TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN with the brand's first
 * phone account number or `phone_numbers` entry. Read per message: an account added in Admin works at once.
 */
import { AppError } from '../../core/errors.js';
import type { Deps, TextMessages } from '../../app/ports.js';
import { readableSecrets } from '../../app/channel-accounts.js';
import type { TwilioCredentials } from './credentials.js';

/** The path Twilio's API takes a new message on, under the API's base URL. */
export const messagesPath = (accountSid: string): string => `/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;

/** Where the provider reports a message's delivery, under PUBLIC_URL (signed like the voice webhooks). */
export const SMS_STATUS_PATH = '/hooks/sms/twilio/status';

interface Sender {
  credentials: TwilioCredentials;
  from: string;
}

/** The number and credentials a brand texts from, or null when it has none. */
export async function smsSender(deps: Pick<Deps, 'store' | 'secrets'>, env: TwilioCredentials | null, brandId: string): Promise<Sender | null> {
  const accounts = (await deps.store.channelAccounts.list({ kind: 'phone', enabled: true })).filter((a) => a.brandId === brandId);
  for (const account of accounts) {
    const accountSid = account.settings.account_sid;
    const authToken = readableSecrets(deps, account)?.auth_token;
    if (typeof accountSid === 'string' && accountSid && authToken) return { credentials: { accountSid, authToken }, from: String(account.settings.number) };
  }
  if (!env) return null;
  const from = accounts.length ? String(accounts[0]!.settings.number) : ((await deps.store.brands.get(brandId))?.phoneNumbers[0] ?? null);
  return from ? { credentials: env, from } : null;
}

/** TextMessages over the provider's Messages API. */
export function accountTextMessages(
  deps: Pick<Deps, 'store' | 'secrets'>,
  options: { env: TwilioCredentials | null; apiUrl: string; fetch?: typeof fetch; timeoutMs?: number },
): TextMessages {
  const doFetch = options.fetch ?? fetch;
  return {
    async ready(brandId) {
      return (await smsSender(deps, options.env, brandId)) !== null;
    },
    async send(message) {
      const sender = await smsSender(deps, options.env, message.brandId);
      if (!sender) throw new AppError('unavailable', 'This brand has no phone number with provider credentials to send a text message from (Admin → Channels, or TWILIO_ACCOUNT_SID).');
      const { accountSid, authToken } = sender.credentials;
      const form = new URLSearchParams({ To: message.to, From: sender.from, Body: message.body });
      if (message.statusCallback) form.set('StatusCallback', message.statusCallback);
      const res = await doFetch(`${options.apiUrl.replace(/\/+$/, '')}${messagesPath(accountSid)}`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const json = (await res.json().catch(() => null)) as { sid?: unknown; status?: unknown; code?: unknown; message?: unknown } | null;
      if (!res.ok || typeof json?.sid !== 'string') {
        // Twilio's error body: {code, message, more_info, status}; the code names the cause (21211: bad To).
        const code = typeof json?.code === 'number' ? ` (error ${json.code})` : '';
        throw new Error(`the SMS provider answered ${res.status}${code}`);
      }
      return { externalId: json.sid, status: typeof json.status === 'string' ? json.status : null, from: sender.from };
    },
  };
}
