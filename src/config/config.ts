/**
 * Parses the environment once into a frozen Config. Nothing else reads process.env.
 * A bad value stops startup with one line naming the variable (ConfigError).
 */
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** The address users reach the desk at; used in links, cookies and webhook signatures. No trailing slash. */
  publicUrl: string;
  dataDir: string;
  /** postgres://… when set; otherwise SQLite under dataDir. */
  databaseUrl: string | null;
  /** SQLite only: 'full' fsyncs each commit. */
  sqliteSynchronous: 'full' | 'normal';
  redisUrl: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** 64 hex chars; when null, generated into dataDir/secret.key on first start. */
  secretKey: string | null;
  /** Trust X-Forwarded-* from a reverse proxy (needed behind one for client IPs and https). */
  trustProxy: boolean;
  /** Largest JSON body, bytes. */
  bodyLimit: number;
  /** Largest attachment, bytes. */
  maxAttachmentBytes: number;
  /** Requests per minute per API token or session; 0 turns the limit off. */
  apiRateLimit: number;
  /** Sign-in (and other credential) attempts per minute per client address. */
  loginRateLimit: number;
  /** Open chat sockets one client address may hold (a carrier's shared address holds many people). */
  chatMaxSocketsPerIp: number;
  /** Run the background job worker in this process. */
  runWorker: boolean;
  // ---- e-mail ----
  /** Inbound SMTP listener port (0 picks a free one); null when SMTP_PORT=off. */
  smtpPort: number | null;
  smtpHost: string;
  /** Outbound relay, smtp:// or smtps:// (credentials in the URL); null: e-mail replies are not sent. */
  smtpUrl: string | null;
  /** The default brand's support address (lower-cased), for a fresh install. */
  supportEmail: string | null;
  /** A mailbox to poll, imap:// or imaps://user:pass@host[:port][/Mailbox]; null: no IMAP. */
  imapUrl: string | null;
  imapPollSeconds: number;
  /** Largest inbound e-mail, bytes (announced in SMTP SIZE). */
  smtpMaxMessageBytes: number;
  /** Inbound e-mails per sender per hour before the desk defers them; 0 turns the limit off. */
  emailRateLimit: number;
  /**
   * Servers (authserv-ids) whose Authentication-Results headers the desk believes, e.g. the MX in front of it or
   * the IMAP provider (mx.google.com). Empty: the topmost header, which a sender can forge on a directly exposed
   * listener.
   */
  emailTrustedAuthservIds: string[];
  /** The voice provider's auth token: signs its webhooks (X-Twilio-Signature). Null leaves the phone line off. */
  twilioAuthToken: string | null;
  /** The voice provider's account id, for its REST API (taking a waiting call from the console). */
  twilioAccountSid: string | null;
  /** The provider's REST base URL: https://api.twilio.com, or a Twilio-compatible provider's. */
  twilioApiUrl: string;
  // ---- Bitcoin transaction desk ----
  /** An Esplora REST API (Blockstream, mempool.space or self-hosted), e.g. https://mempool.space/api. */
  esploraUrl: string | null;
  /** A Bitcoin Core node's JSON-RPC URL; use instead of Esplora. */
  bitcoinRpcUrl: string | null;
  /** The node's .cookie file, or user and password. */
  bitcoinRpcCookie: string | null;
  bitcoinRpcUser: string | null;
  bitcoinRpcPassword: string | null;
  /** The network the desk serves; lookups on a backend of another network are refused. */
  bitcoinNetwork: 'mainnet' | 'testnet' | 'signet' | 'regtest';
  /** Per-request timeout for the chain backend. */
  chainTimeoutMs: number;
  /** How long a chain answer is reused. */
  chainCacheMs: number;
  /** A triage model from `walletdesk triage train` to use instead of the shipped one. */
  triageModel: string | null;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw.trim());
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${env[name]}"`);
  return raw as T;
}

function url(env: Env, name: string, protocols: readonly string[]): string | null {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]{1,253}\.[^\s@<>()[\]\\,;:".]{2,63}$/u;

function email(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return null;
  if (!EMAIL.test(raw) || raw.length > 254) throw new ConfigError(name, `is not an e-mail address, got "${raw}"`);
  return raw.toLowerCase();
}

function hostList(env: Env, name: string): string[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  const list = raw.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  const bad = list.find((h) => !/^[a-z0-9.-]{1,253}$/.test(h));
  if (bad) throw new ConfigError(name, `must be a comma-separated list of host names, got "${bad}"`);
  return list;
}

function portOrOff(env: Env, name: string, fallback: number): number | null {
  if (env[name]?.trim().toLowerCase() === 'off') return null;
  return integer(env, name, fallback, 0, 65535);
}

/** Reads the configuration from an environment (process.env in main, a literal in tests). */
export function loadConfig(env: Env): Readonly<Config> {
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const host = env.HOST?.trim() || '0.0.0.0';
  const publicUrlRaw = url(env, 'PUBLIC_URL', ['http:', 'https:']);
  const publicUrl = (publicUrlRaw ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const secretKey = env.SECRET_KEY?.trim() || null;
  if (secretKey !== null && !/^[0-9a-fA-F]{64}$/.test(secretKey)) {
    throw new ConfigError('SECRET_KEY', 'must be 64 hex characters (32 random bytes), e.g. from `openssl rand -hex 32`');
  }
  const twilioAuthToken = env.TWILIO_AUTH_TOKEN?.trim() || null;
  if (twilioAuthToken !== null && !/^[\x21-\x7e]{16,128}$/.test(twilioAuthToken)) {
    throw new ConfigError('TWILIO_AUTH_TOKEN', 'must be the provider\'s auth token: 16 to 128 printable characters, no spaces');
  }
  const twilioAccountSid = env.TWILIO_ACCOUNT_SID?.trim() || null;
  if (twilioAccountSid !== null && !/^[A-Za-z0-9-]{8,64}$/.test(twilioAccountSid)) {
    throw new ConfigError('TWILIO_ACCOUNT_SID', 'must be the provider\'s account id, e.g. AC followed by 32 hex characters');
  }
  if (twilioAccountSid !== null && twilioAuthToken === null) {
    throw new ConfigError('TWILIO_AUTH_TOKEN', 'must be set when TWILIO_ACCOUNT_SID is');
  }
  const esploraUrl = url(env, 'ESPLORA_URL', ['http:', 'https:']);
  const bitcoinRpcUrl = url(env, 'BITCOIN_RPC_URL', ['http:', 'https:']);
  if (esploraUrl && bitcoinRpcUrl) throw new ConfigError('BITCOIN_RPC_URL', 'set either ESPLORA_URL or BITCOIN_RPC_URL, not both');
  return Object.freeze({
    port,
    host,
    publicUrl,
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', ['full', 'normal'] as const, 'full'),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    secretKey: secretKey?.toLowerCase() ?? null,
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    bodyLimit: integer(env, 'BODY_LIMIT', 1_048_576, 1024, 100 * 1_048_576),
    maxAttachmentBytes: integer(env, 'MAX_ATTACHMENT_BYTES', 25 * 1_048_576, 1024, 1024 * 1_048_576),
    apiRateLimit: integer(env, 'API_RATE_LIMIT', 3000, 0, 10_000_000),
    loginRateLimit: integer(env, 'LOGIN_RATE_LIMIT', 20, 1, 100_000),
    chatMaxSocketsPerIp: integer(env, 'CHAT_MAX_SOCKETS_PER_IP', 50, 1, 1_000_000),
    runWorker: boolean(env, 'RUN_WORKER', true),
    smtpPort: portOrOff(env, 'SMTP_PORT', 2525),
    smtpHost: env.SMTP_HOST?.trim() || '0.0.0.0',
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    supportEmail: email(env, 'SUPPORT_EMAIL'),
    imapUrl: url(env, 'IMAP_URL', ['imap:', 'imaps:']),
    imapPollSeconds: integer(env, 'IMAP_POLL_SECONDS', 60, 5, 86_400),
    smtpMaxMessageBytes: integer(env, 'SMTP_MAX_MESSAGE_BYTES', 35 * 1_048_576, 64 * 1024, 1024 * 1_048_576),
    emailRateLimit: integer(env, 'EMAIL_RATE_LIMIT', 30, 0, 1_000_000),
    emailTrustedAuthservIds: hostList(env, 'EMAIL_TRUSTED_AUTHSERV_IDS'),
    twilioAuthToken,
    twilioAccountSid,
    twilioApiUrl: (url(env, 'TWILIO_API_URL', ['https:', 'http:']) ?? 'https://api.twilio.com').replace(/\/+$/, ''),
    esploraUrl,
    bitcoinRpcUrl,
    bitcoinRpcCookie: env.BITCOIN_RPC_COOKIE?.trim() || null,
    bitcoinRpcUser: env.BITCOIN_RPC_USER?.trim() || null,
    bitcoinRpcPassword: env.BITCOIN_RPC_PASSWORD ?? null,
    bitcoinNetwork: oneOf(env, 'BITCOIN_NETWORK', ['mainnet', 'testnet', 'signet', 'regtest'] as const, 'mainnet'),
    chainTimeoutMs: integer(env, 'CHAIN_TIMEOUT_MS', 5000, 100, 120_000),
    chainCacheMs: integer(env, 'CHAIN_CACHE_MS', 15_000, 0, 3_600_000),
    triageModel: env.TRIAGE_MODEL?.trim() || null,
  });
}
