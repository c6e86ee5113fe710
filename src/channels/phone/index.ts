/**
 * The phone channel module: the provider's voice webhooks (routes.ts, answered with TwiML) and a brand's
 * numbers as channel accounts. A call's dialled number picks the brand whose enabled account has it (then the
 * brand's `phone_numbers`, as before accounts). Agents' public replies on phone tickets have no sender yet.
 */
import { Type } from '@sinclair/typebox';
import type { ChannelModule } from '../channel.js';
import { phoneRoutes } from './routes.js';
import { accountTextMessages } from './sms.js';
import { callRoutes } from './api-routes.js';
import { invalid } from '../../core/errors.js';
import { accountVoiceControl, environmentCredentials } from './credentials.js';

/**
 * A number of the brand's hotline, in E.164 as the provider sends it in `To`, with the provider account it
 * belongs to when that is not the install's (TWILIO_ACCOUNT_SID): its SID here, its auth token as a secret.
 */
export const PhoneAccountSettings = Type.Object(
  {
    number: Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164, e.g. +14155550100' }),
    account_sid: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{8,64}$', description: "The provider account's SID (AC…), when not TWILIO_ACCOUNT_SID" })),
  },
  { additionalProperties: false },
);

export const phoneChannel: ChannelModule = {
  kind: 'phone',
  channel: 'phone',
  routes: phoneRoutes,
  apiRoutes: callRoutes,
  settings: {
    kind: 'phone',
    schema: PhoneAccountSettings,
    secretFields: ['auth_token'],
    // handle-call.ts finds a call's brand by this key: the number itself.
    uniqueKey: (s) => String(s.number),
    check(settings, secrets) {
      if (Boolean(settings.account_sid) !== Boolean(secrets.auth_token)) {
        const field = settings.account_sid ? 'secrets.auth_token' : 'settings.account_sid';
        throw invalid("A number's own provider account needs both its account SID and its auth token (or neither: then TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN serve it).", { field });
      }
      if (secrets.auth_token !== undefined && !/^[\x21-\x7e]{16,128}$/.test(secrets.auth_token)) {
        throw invalid("secrets.auth_token must be the provider's auth token: 16 to 128 printable characters, no spaces.", { field: 'secrets.auth_token' });
      }
      return settings;
    },
  },
  // The provider's REST API, for taking waiting calls from the console: each number's own credentials, else
  // TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN (credentials.ts).
  async start({ deps, config }) {
    const { env, missingEnv } = environmentCredentials(config);
    const voice = accountVoiceControl(deps, { env, missingEnv, apiUrl: config.twilioApiUrl, publicUrl: config.publicUrl });
    // Text messages (the SMS freeze link) through the same accounts: the brand's number with its own credentials,
    // else the install's.
    const textMessages = accountTextMessages(deps, { env, apiUrl: config.twilioApiUrl });
    return { http: { phone: { voice } }, textMessages, stop: async () => undefined };
  },
};
