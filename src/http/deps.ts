import type { Redis } from 'ioredis';
import type { Deps } from '../app/ports.js';
import type { TokenAuthenticator } from '../app/authenticate.js';
import type { Config } from '../config/config.js';
import type { EmergencyHook } from '../app/handle-call.js';
import type { VoiceControl } from '../app/phone-ports.js';

/** Everything the HTTP layer needs, built once in main.ts (tests build their own). */
export interface HttpDeps extends Deps {
  config: Pick<Config, 'publicUrl' | 'bodyLimit' | 'maxAttachmentBytes' | 'apiRateLimit' | 'loginRateLimit' | 'trustProxy'> &
    Partial<Pick<Config, 'twilioAuthToken' | 'chatMaxSocketsPerIp'>>;
  tokens: TokenAuthenticator;
  /** The first-run setup token while the desk has no agents (printed in the log), else null. */
  setupToken: () => string | null;
  /** The phone hotline: the provider's REST side (null when TWILIO_ACCOUNT_SID is unset) and the emergency hook. */
  phone?: { voice?: VoiceControl | null; onEmergencyCall?: EmergencyHook };
  /** REDIS_URL's connection for request limits, so that every instance counts against the same limit. */
  limitsRedis?: { client: Redis; prefix: string };
}
