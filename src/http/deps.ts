import type { Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';
import type { ChannelSettingsSpec } from '../app/channel-accounts.js';
import type { Deps } from '../app/ports.js';
import type { TokenAuthenticator } from '../app/authenticate.js';
import type { Config } from '../config/config.js';
import type { Principal } from '../core/policy.js';
import type { EmergencyHook, VoiceControl } from '../channels/phone/phone-ports.js';

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
  /**
   * The channel modules (channels/index.ts, passed in by main.ts and the tests): the app registers each one's
   * routes and offers its account settings in /api/v1/channel-accounts. http/ never imports channels/.
   */
  channels: readonly HttpChannel[];
}

/** A Fastify plugin of a channel, registered with the HTTP deps (any type provider: TypeBox routes fit). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ChannelRoutes = (app: FastifyInstance<any, any, any, any, any>, options: { deps: HttpDeps }) => Promise<void>;

/** What the HTTP app needs of a channel module (the whole contract is channels/channel.ts). */
export interface HttpChannel {
  kind: string;
  /** Outside /api/v1 (webhooks, widget, visitor sockets): the channel authenticates its own callers. */
  routes?: ChannelRoutes;
  /** Inside /api/v1, behind the desk's authentication and Idempotency-Key (public routes opt out per route). */
  apiRoutes?: ChannelRoutes;
  /** Its channel_account settings; absent when the channel has no accounts. */
  settings?: ChannelSettingsSpec;
  /** Frames it adds to the console's live socket (/api/v1/live), by frame type (chat: 'chat_read'). */
  consoleFrames?: Readonly<Record<string, ConsoleFrameHandler>>;
}

/**
 * Handles one console frame naming a ticket; returns a problem to tell the console, or nothing. A thrown error
 * is answered as "ticket not found", as for the socket's own frames.
 */
export type ConsoleFrameHandler = (deps: HttpDeps, principal: Principal, ticketId: string, frame: Readonly<Record<string, unknown>>) => Promise<string | void>;
