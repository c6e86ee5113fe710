/**
 * Whose Twilio credentials serve a number. A phone channel account (Admin → Channels) may carry its own
 * `account_sid` and sealed `auth_token`; those win for that number. Numbers without them — accounts without
 * credentials and the brands' `phone_numbers` — use the install's TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN, as
 * before accounts existed. Accounts are read on every webhook and transfer, so a number added or changed in
 * Admin works without a restart.
 */
import { AppError } from '../../core/errors.js';
import type { Deps } from '../../app/ports.js';
import { readableSecrets } from '../../app/channel-accounts.js';
import type { ChannelAccount } from '../../app/channel-account-ports.js';
import type { VoiceControl } from './phone-ports.js';
import { twilioVoiceControl, type TwilioRestOptions } from './twilio-rest.js';
import { TAKE_UNAVAILABLE } from './take-call.js';

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

type AccountDeps = Pick<Deps, 'store' | 'secrets'>;

/** The enabled phone account with this number (its unique key), with its secrets; null when there is none. */
async function accountOf(deps: AccountDeps, number: string): Promise<{ account: ChannelAccount; secrets: Record<string, string> } | null> {
  const account = (await deps.store.channelAccounts.list({ kind: 'phone', enabled: true })).find((a) => a.uniqueKey === number);
  if (!account) return null;
  // Secrets sealed with another key (a copied database) count as none: the environment's token then applies.
  return { account, secrets: readableSecrets(deps, account) ?? {} };
}

/** The number's own credentials, when its account has both fields. */
async function ownCredentials(deps: AccountDeps, number: string | null): Promise<TwilioCredentials | null> {
  const found = number ? await accountOf(deps, number) : null;
  const accountSid = found?.account.settings.account_sid;
  const authToken = found?.secrets.auth_token;
  return typeof accountSid === 'string' && accountSid && authToken ? { accountSid, authToken } : null;
}

/**
 * The auth token that signs the provider's webhooks for a call to `number`: the number's account's, else the
 * environment's (TWILIO_AUTH_TOKEN); null when neither is set.
 */
export async function webhookToken(deps: AccountDeps, envToken: string | null, number: string | null): Promise<string | null> {
  return (await ownCredentials(deps, number))?.authToken ?? envToken;
}

/**
 * The number a webhook is about: the stored call's dialled number once the call exists (so a request signed for
 * one number cannot act on a call to another), else the request's `To`.
 */
export async function webhookNumber(deps: Pick<Deps, 'store'>, params: Record<string, unknown>): Promise<string | null> {
  const callSid = typeof params.CallSid === 'string' ? params.CallSid : null;
  const call = callSid ? await deps.store.calls.getBySid(callSid) : null;
  if (call) return call.to;
  return typeof params.To === 'string' ? params.To : null;
}

/**
 * The install's own credentials (TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, both or none) and the names of those
 * missing, so a notice names the one an admin has to add (only the SID, when the token serves the webhooks).
 */
export function environmentCredentials(config: { twilioAccountSid?: string | null; twilioAuthToken?: string | null }): {
  env: TwilioCredentials | null;
  missingEnv: string[];
} {
  const accountSid = config.twilioAccountSid ?? null;
  const authToken = config.twilioAuthToken ?? null;
  const missingEnv = [accountSid ? null : 'TWILIO_ACCOUNT_SID', authToken ? null : 'TWILIO_AUTH_TOKEN'].filter((n): n is string => n !== null);
  return { env: accountSid && authToken ? { accountSid, authToken } : null, missingEnv };
}

/**
 * The provider's REST side for taking calls: each transfer uses the credentials of the number the caller
 * dialled (its account's, else the environment's).
 */
export function accountVoiceControl(
  deps: AccountDeps,
  options: {
    env: TwilioCredentials | null;
    /** Which of TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN the environment lacks (default: both when `env` is null). */
    missingEnv?: readonly string[];
  } & Pick<TwilioRestOptions, 'apiUrl' | 'publicUrl' | 'fetch' | 'timeoutMs'>,
): VoiceControl {
  const { env, missingEnv, ...rest } = options;
  const missing = env ? [] : [...(missingEnv ?? ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'])];
  return {
    missingSettings: () => missing,
    async ready() {
      if (env) return true;
      const accounts = await deps.store.channelAccounts.list({ kind: 'phone', enabled: true });
      return accounts.some((a) => typeof a.settings.account_sid === 'string' && readableSecrets(deps, a)?.auth_token);
    },
    async connectToAgent(input) {
      const call = await deps.store.calls.get(input.callId);
      const credentials = (await ownCredentials(deps, call?.to ?? null)) ?? env;
      if (!credentials) throw new AppError('unavailable', TAKE_UNAVAILABLE);
      await twilioVoiceControl({ ...rest, ...credentials }).connectToAgent(input);
    },
    async placeCall(request) {
      // The line the customer sees calling: its own account places the call, else the install's.
      const credentials = (await ownCredentials(deps, request.from)) ?? env;
      if (!credentials) throw new AppError('unavailable', placeUnavailable(missing));
      try {
        return await twilioVoiceControl({ ...rest, ...credentials }).placeCall!(request);
      } catch {
        throw new AppError('unavailable', 'The phone provider could not be reached to place the call. Try again in a moment.');
      }
    },
  };
}

/** Why a callback cannot be placed on this install, naming the environment variables that are missing. */
export function placeUnavailable(missing: readonly string[]): string {
  const names = missing.length ? missing : ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'];
  return `The phone provider is not configured to place calls from this line: add the number's account SID and auth token in Admin → Channels, or set ${names.join(' and ')}.`;
}
