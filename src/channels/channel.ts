/**
 * The contract of a channel module (issue 15). Every channel — e-mail, chat, phone, help center, and the next
 * one — is a folder `channels/<name>/` whose index.ts exports one `ChannelModule`, listed in channels/index.ts.
 * main.ts starts the background parts and registers the senders of every module in the list; the HTTP app
 * registers every module's routes (through HttpDeps.channels, so http/ never imports channels/); the
 * channel-accounts API offers every module's settings schema. Nothing else names a channel.
 */
import type { Logger } from 'pino';
import type { Channel } from '../core/ticket.js';
import type { ChannelSender, Deps, TextMessages } from '../app/ports.js';
import type { ChannelAccount } from '../app/channel-account-ports.js';
import type { InboundMessage } from '../app/ingest-inbound.js';
import type { Config } from '../config/config.js';
import type { HttpChannel, HttpDeps } from '../http/deps.js';

/** An enabled account of the module's kind, with its secret fields opened (for the module only; never logged). */
export type OpenChannelAccount = ChannelAccount & { secrets: Record<string, string> };

/** What `start` gets: the shared deps, the parsed config (for env-configured fallbacks), the install's key. */
export interface ChannelContext {
  deps: Deps;
  config: Config;
  /** The install's 32-byte key in hex (signs e-mail reply tokens). */
  secretKey: string;
  /** A child logger with `area` set to the channel. */
  log: Logger;
}

/** The running background part of a channel. */
export interface RunningChannel {
  /** Sends agents' public replies (and notices, where the channel can) on this module's message channel. */
  sender?: ChannelSender | null;
  /** What the module adds to the HTTP deps its routes read (the phone provider's REST side for taking calls). */
  http?: Partial<Pick<HttpDeps, 'phone'>>;
  /** Text messages (SMS) through the module's provider accounts (the phone channel's Twilio account). */
  textMessages?: TextMessages;
  /** Stops listeners and pollers; main.ts calls it once when the server stops. */
  stop(): Promise<void>;
}

/**
 * A vendor payload turned into what the desk stores, or the reason nothing is stored. Adapters return this
 * rather than throw when "nothing to do" is a normal answer (DESIGN.md convention 3).
 */
export type Received = { kind: 'message'; message: InboundMessage } | { kind: 'ignored'; reason: string };

export interface ChannelModule extends HttpChannel {
  /** The account kind in channel_account and the API ('email', 'chat', 'phone', 'help_center', 'telegram', …). */
  kind: string;
  /** The `channel` of the tickets and messages it creates, under which its sender is registered (deps.senders). */
  channel: Channel;
  /**
   * Starts the background parts (SMTP listener, IMAP pollers, webhooks registered with a vendor) for the enabled
   * accounts of this kind. Accounts are read once at start: a changed account takes effect on the next start.
   * A failure the operator must fix (a port in use) is thrown as a ConfigError naming the variable.
   */
  start?(context: ChannelContext, accounts: readonly OpenChannelAccount[]): Promise<RunningChannel>;
  /**
   * Turns one vendor payload (a webhook body, an update) into a message or `ignored`, for channels whose traffic
   * is one payload per message. E-mail (a MIME pipeline behind SMTP and IMAP) and phone (a call as a sequence of
   * webhooks answered with TwiML) run their own richer flows from their routes and `start`.
   */
  receive?(payload: unknown, account: OpenChannelAccount): Received | Promise<Received>;
}
