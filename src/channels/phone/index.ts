/**
 * The phone channel module: the provider's voice webhooks (routes.ts, answered with TwiML) and a brand's
 * numbers as channel accounts. A call's dialled number picks the brand whose enabled account has it (then the
 * brand's `phone_numbers`, as before accounts). Agents' public replies on phone tickets have no sender yet.
 */
import { Type } from '@sinclair/typebox';
import type { ChannelModule } from '../channel.js';
import { voiceRoutes } from './routes.js';
import { callRoutes } from './api-routes.js';
import { twilioVoiceControl } from './twilio-rest.js';

/** A number of the brand's hotline, in E.164 as the provider sends it in `To`. */
export const PhoneAccountSettings = Type.Object(
  {
    number: Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164, e.g. +14155550100' }),
  },
  { additionalProperties: false },
);

export const phoneChannel: ChannelModule = {
  kind: 'phone',
  channel: 'phone',
  routes: voiceRoutes,
  apiRoutes: callRoutes,
  settings: {
    kind: 'phone',
    schema: PhoneAccountSettings,
    secretFields: [],
    // handle-call.ts finds a call's brand by this key: the number itself.
    uniqueKey: (s) => String(s.number),
  },
  // The provider's REST API, for taking waiting calls from the console (absent without TWILIO_ACCOUNT_SID).
  async start({ config }) {
    const { twilioAccountSid: accountSid, twilioAuthToken: authToken } = config;
    const voice = accountSid && authToken ? twilioVoiceControl({ accountSid, authToken, apiUrl: config.twilioApiUrl, publicUrl: config.publicUrl }) : null;
    return { http: { phone: { voice } }, stop: async () => undefined };
  },
};
