/**
 * Composition root: reads nothing itself but the Config, picks SQLite or PostgreSQL, in-process or Redis, builds
 * the dependencies once and starts the roles (HTTP server, job worker).
 */
import { warmUp } from './app/warm-up.js';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { Kysely } from 'kysely';
import { systemClock, type Clock } from './core/clock.js';
import { randomToken } from './core/ids.js';
import { ConfigError, type Config } from './config/config.js';
import { validateModel, type TriageModel } from './triage/index.js';
import type { Deps } from './app/ports.js';
import { setupNeeded } from './app/complete-setup.js';
import { ensureDefaultBrand } from './app/ensure-default-brand.js';
import { officialChannelsCache } from './app/official-channels.js';
import { CHAIN_NOTE_JOB, writeChainNote } from './app/look-up-chain.js';
import { PROCESSOR_JOB } from './app/processors/processor.js';
import { AUTOMATIONS_JOB, AUTOMATION_INTERVAL_MS, runAutomations, scheduleAutomations } from './app/run-rules.js';
import { triggerView } from './app/trigger-view.js';
import { slaPolicyView } from './app/sla-policy-view.js';
import { PROCESSORS } from './app/processors/index.js';
import { runProcessorJob } from './app/processors/run-processor-job.js';
import { SLA_CHECK_JOB, SLA_RECOMPUTE_JOB, checkSlaDeadlines, queueSlaCheck, recomputeOpenTickets } from './app/sla-clocks.js';
import { VIEW_COUNTS_FOLD_JOB, VIEW_COUNTS_FOLD_PERIOD_MS, foldViewCounts, queueViewCountFold } from './app/view-count-jobs.js';
import { createBitcoinRpcBackend, createEsploraBackend, withCacheAndCoalescing, type ChainBackend } from './bitcoin/index.js';
import { DELIVER_JOB, deliverMessage } from './app/deliver-message.js';
import { tokenAuthenticator } from './app/authenticate.js';
import { openPostgres, openSqlite, type AvailabilityListener } from './store/dialect.js';
import { databaseFailureKind } from './app/store-errors.js';
import { isAppError } from './core/errors.js';
import { createStore, migrateToLatest } from './store/kysely-store.js';
import type { Database } from './store/schema.js';
import { localFileStore } from './store/file-store.js';
import { Redis } from 'ioredis';
import { inProcessBus, redisBus } from './bus/live-bus.js';
import { redisRateLimits } from './bus/redis-rate-limits.js';
import { startJobWorker } from './bus/job-worker.js';
import { argon2Hasher } from './crypto/passwords.js';
import { aesSecretBox } from './crypto/secret-box.js';
import { buildHttpApp, logSerializers } from './http/app.js';
import { NOTIFY_JOB, notifyCustomer } from './app/notify-customer.js';
import { AGENT_LINK_JOB, mailAgentLink } from './app/agent-links.js';
import { TWO_FACTOR_REMOVED_JOB, mailTwoFactorRemoved } from './app/remove-two-factor.js';
import { CHAT_EMAIL_JOB, emailIfUnread } from './channels/chat/chat-session.js';
import { CSAT_SEND_JOB, sendSurvey } from './app/csat.js';
import { TEST_TX_JOB } from './app/test-transaction.js';
import { checkTestTransaction } from './app/check-test-transaction.js';
import { enabledAccounts } from './app/channel-accounts.js';
import { CHANNEL_MODULES } from './channels/index.js';
import type { RunningChannel } from './channels/channel.js';
import type { HttpDeps } from './http/deps.js';
import { listenError } from './config/listen-error.js';

export { listenError };

/** JSON logs; the CLI passes stderr (2) so that stdout carries only a command's result; tests pass a stream. */
export function makeLogger(config: Pick<Config, 'logLevel'>, destination: 1 | 2 | pino.DestinationStream = 1): Logger {
  return pino(
    {
    level: config.logLevel,
    base: { service: 'walletdesk' },
    serializers: { ...logSerializers, err: pino.stdSerializers.err },
    // Belt and braces: these never belong in a log line even if some code passes them.
    redact: { paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'cookie', '*.cookie', 'body', '*.body'], censor: '[redacted]' },
    },
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: destination === 2 }) : destination,
  );
}

/** The install's 32-byte key: SECRET_KEY, or generated once into the data folder (never a built-in default). */
export function loadSecretKey(config: Pick<Config, 'secretKey' | 'dataDir'>): { key: string; generated: boolean } {
  if (config.secretKey) return { key: config.secretKey, generated: false };
  const file = join(config.dataDir, 'secret.key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), generated: false };
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key, generated: true };
}

/** The chain backend named by the config (Esplora or Bitcoin Core), cached and coalesced, or none. */
export function chainBackend(config: Config): ChainBackend | undefined {
  const common = { timeoutMs: config.chainTimeoutMs, network: config.bitcoinNetwork } as const;
  const backend = config.esploraUrl
    ? createEsploraBackend({ url: config.esploraUrl, ...common })
    : config.bitcoinRpcUrl
      ? createBitcoinRpcBackend({
          url: config.bitcoinRpcUrl,
          ...(config.bitcoinRpcCookie ? { cookieFile: config.bitcoinRpcCookie } : {}),
          ...(config.bitcoinRpcUser ? { user: config.bitcoinRpcUser, password: config.bitcoinRpcPassword ?? '' } : {}),
          ...common,
        })
      : null;
  return backend ? withCacheAndCoalescing(backend, { ttlMs: config.chainCacheMs }) : undefined;
}

/** Reads a model written by `walletdesk triage train`; a bad file stops startup with one line. */
function loadTriageModel(file: string): TriageModel {
  try {
    return validateModel(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new ConfigError('TRIAGE_MODEL', `cannot use ${file} as a triage model (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Logs an outage once when it starts and once when it ends (not once per failed query). */
function availabilityLog(logger: Logger | undefined): AvailabilityListener | undefined {
  if (!logger) return undefined;
  return (available, err) => {
    if (available) logger.info({ area: 'store' }, 'database is answering again');
    else logger.warn({ area: 'store', err: { code: (err as { code?: unknown } | undefined)?.code, message: err instanceof Error ? err.message : String(err) } }, 'database unavailable; answering 503 until it returns');
  };
}

/** Opens the database named by the config and brings its schema up to date. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'sqliteSynchronous'>,
  logger?: Logger,
): Promise<{ db: Kysely<Database>; dialect: 'sqlite' | 'postgres' }> {
  const onAvailability = availabilityLog(logger);
  const db = config.databaseUrl
    ? openPostgres(config.databaseUrl, { onAvailability })
    : openSqlite(join(config.dataDir, 'walletdesk.sqlite'), { synchronous: config.sqliteSynchronous, onAvailability });
  const dialect = config.databaseUrl ? 'postgres' : 'sqlite';
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
  return { db, dialect };
}

/** The first wait before retrying a database that is down at start, and the longest. */
export const START_RETRY = { firstMs: 500, maxMs: 10_000 };

/**
 * openDatabase for `serve`: a PostgreSQL that is down or still starting is waited for (0.5 s doubling to 10 s,
 * one log line per attempt), so a desk started before its database comes up by itself instead of exiting and
 * being restarted in a loop. A database that refuses us (bad password, no such database or host) is not retried:
 * the error goes out at once and the CLI exits 3.
 */
export async function openDatabaseWaiting(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'sqliteSynchronous'>, logger: Logger): Promise<{ db: Kysely<Database>; dialect: 'sqlite' | 'postgres' }> {
  let waitMs = START_RETRY.firstMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await openDatabase(config, logger);
    } catch (err) {
      const cause = isAppError(err) && err.cause !== undefined ? err.cause : err;
      if (!config.databaseUrl || databaseFailureKind(cause) !== 'transient') throw err;
      const c = cause as { code?: unknown; message?: unknown };
      logger.warn({ area: 'store', attempt, retryInMs: waitMs, err: { code: c.code, message: String(c.message) } }, 'database not reachable at start; retrying');
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      waitMs = Math.min(waitMs * 2, START_RETRY.maxMs);
    }
  }
}

export interface Desk {
  deps: Deps;
  /** REDIS_URL's connection for rate limits (request limits in HTTP use it too); null without Redis. */
  limitsRedis: { client: Redis; prefix: string } | null;
  close(): Promise<void>;
}

/**
 * Builds the dependencies every role shares. `waitForDatabase` (serve): wait for a database that is down at
 * start, and log outages while running.
 */
export async function openDesk(config: Config, logger: Logger, clock: Clock = systemClock, options: { waitForDatabase?: boolean } = {}): Promise<Desk> {
  // The data folder holds the database, attachments and the secret key: private to the desk's user.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // A one-shot command reports a failure in its one line; only serve logs outages as they start and end.
  const { db, dialect } = options.waitForDatabase ? await openDatabaseWaiting(config, logger) : await openDatabase(config);
  const store = createStore(db, dialect);
  const bus = config.redisUrl ? redisBus(config.redisUrl, (err) => logger.warn({ area: 'bus', err: { message: err.message } }, 'redis error')) : inProcessBus();
  const secret = loadSecretKey(config);
  if (secret.generated) {
    logger.info({ area: 'config', file: join(config.dataDir, 'secret.key') }, 'generated a new secret key');
    if (config.databaseUrl) {
      logger.warn({ area: 'config' }, 'several instances on one database need the same SECRET_KEY; set it in the environment');
    }
  }
  const deps: Deps = {
    store,
    bus,
    clock,
    files: localFileStore(join(config.dataDir, 'files')),
    passwords: argon2Hasher(),
    secrets: aesSecretBox(secret.key),
  };
  deps.officialChannels = officialChannelsCache(deps);
  deps.chain = chainBackend(config);
  // Rate limits are counted in Redis when there is one, so that instances share them; commands never queue
  // while it is away (the limiters answer from memory instead).
  const limitsRedis = config.redisUrl
    ? { client: new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false }), prefix: 'walletdesk:limit:' }
    : null;
  limitsRedis?.client.on('error', (err: Error) => logger.warn({ area: 'bus', err: { message: err.message } }, 'redis error (rate limits)'));
  if (limitsRedis) deps.limits = redisRateLimits(limitsRedis.client, limitsRedis.prefix);
  if (config.triageModel) deps.triageModel = loadTriageModel(config.triageModel);
  await ensureDefaultBrand(deps);
  return {
    deps,
    limitsRedis,
    async close() {
      limitsRedis?.client.disconnect();
      await bus.close();
      await store.close();
    },
  };
}

/** `walletdesk serve`: the HTTP server and the job worker, until SIGINT/SIGTERM. */
export async function serve(config: Config): Promise<{ url: string; /** The one-time setup address on a desk with no admin yet, else null. */ setupUrl: string | null; close(): Promise<void> }> {
  const logger = makeLogger(config);
  const desk = await openDesk(config, logger, systemClock, { waitForDatabase: true });
  // Whether any trigger is on, so events queue no trigger job while none is (app/trigger-view.ts).
  desk.deps.triggers = await triggerView(desk.deps.store);
  desk.deps.slaPolicies = await slaPolicyView(desk.deps.store);
  // Links that processors put in messages (the solve e-mail, the SMS freeze link) start here.
  desk.deps.publicUrl = config.publicUrl;
  // Every channel module's background part (SMTP listener, IMAP pollers, …) with its enabled accounts; each
  // one's sender answers on its message channel.
  const channels: RunningChannel[] = [];
  let channelHttp: Partial<HttpDeps> = {};
  const stopChannels = async () => {
    for (const running of channels.splice(0).reverse()) await running.stop();
  };
  try {
    for (const channel of CHANNEL_MODULES) {
      if (!channel.start) continue;
      const unreadable = (a: { id: string; name: string }) =>
        logger.warn({ area: channel.kind, account: a.id, name: a.name }, 'channel account skipped: its secrets were sealed with another SECRET_KEY; enter them again in Admin → Channels');
      const accounts = channel.settings ? await enabledAccounts(desk.deps, channel.kind, unreadable) : [];
      const running = await channel.start({ deps: desk.deps, config, secretKey: loadSecretKey(config).key, log: logger.child({ area: channel.kind }) }, accounts);
      channels.push(running);
      if (running.sender) desk.deps.senders = { ...desk.deps.senders, [channel.channel]: running.sender };
      if (running.http) channelHttp = { ...channelHttp, ...running.http };
      if (running.textMessages) desk.deps.textMessages = running.textMessages;
    }
  } catch (err) {
    await stopChannels();
    await desk.close();
    throw err;
  }
  const worker = config.runWorker
    ? startJobWorker({
        store: desk.deps.store,
        clock: desk.deps.clock,
        handlers: {
          [DELIVER_JOB]: (job) =>
            deliverMessage(desk.deps, String(job.payload.message_id), { number: job.attempts, max: job.maxAttempts }),
          [NOTIFY_JOB]: async (job) => void (await notifyCustomer(desk.deps, job.payload)),
          [AGENT_LINK_JOB]: async (job) => void (await mailAgentLink(desk.deps, job.payload)),
          [TWO_FACTOR_REMOVED_JOB]: async (job) => void (await mailTwoFactorRemoved(desk.deps, job.payload)),
          [CHAIN_NOTE_JOB]: (job) => writeChainNote(desk.deps, String(job.payload.ticket_id)),
          [CHAT_EMAIL_JOB]: async (job) => void (await emailIfUnread(desk.deps, String(job.payload.message_id))),
          [PROCESSOR_JOB]: (job) => runProcessorJob(desk.deps, job),
          [AUTOMATIONS_JOB]: async () => void (await runAutomations(desk.deps)),
          [SLA_CHECK_JOB]: async () => void (await checkSlaDeadlines({ ...desk.deps, processors: desk.deps.processors ?? PROCESSORS })),
          [VIEW_COUNTS_FOLD_JOB]: () => foldViewCounts(desk.deps),
          [SLA_RECOMPUTE_JOB]: async (job) => void (await recomputeOpenTickets({ ...desk.deps, processors: desk.deps.processors ?? PROCESSORS }, typeof job.payload.brand_id === 'string' ? job.payload.brand_id : null)),
          [CSAT_SEND_JOB]: async (job) => void (await sendSurvey({ ...desk.deps, publicUrl: config.publicUrl }, String(job.payload.survey_id))),
          [TEST_TX_JOB]: async (job) => void (await checkTestTransaction(desk.deps, String(job.payload.step_up_id))),
        },
        onError: (job, err) => logger.warn({ area: 'jobs', job: job.id, type: job.type, err: { message: err instanceof Error ? err.message : String(err) } }, 'job failed'),
        onPollFailure: (failing, err) =>
          failing
            ? logger.warn({ area: 'jobs', err: { message: err instanceof Error ? err.message : String(err) } }, 'job worker cannot poll; backing off until the database answers')
            : logger.info({ area: 'jobs' }, 'job worker polling again'),
      })
    : null;
  if (worker) desk.deps.jobsNudge = worker.nudge;
  // Time automations (issue 17): every worker asks for the current slot's check; the job's dedupe key makes it
  // one check per slot across instances, run by whichever worker claims it.
  const scheduleChecks = () =>
    void scheduleAutomations(desk.deps).catch((err: unknown) => logger.warn({ area: 'jobs', err: { message: err instanceof Error ? err.message : String(err) } }, 'automation check not queued'));
  const automationTimer = worker ? setInterval(scheduleChecks, AUTOMATION_INTERVAL_MS) : null;
  automationTimer?.unref();
  if (worker) scheduleChecks();
  // SLA deadlines pass without any event: every worker instance offers this minute's check, the dedupe key
  // lets one job through, and the check itself is idempotent (app/sla-clocks.ts).
  const slaTicker = worker
    ? setInterval(() => {
        queueSlaCheck(desk.deps)
          .then((queued) => queued && worker.nudge())
          .catch(() => undefined);
      }, 15_000)
    : null;
  slaTicker?.unref();
  // PostgreSQL's view-count deltas: one fold per period across instances, by its dedupe key (app/view-count-jobs.ts).
  const foldTicker =
    worker && desk.deps.store.dialect === 'postgres'
      ? setInterval(() => {
          queueViewCountFold(desk.deps)
            .then((queued) => queued && worker.nudge())
            .catch(() => undefined);
        }, VIEW_COUNTS_FOLD_PERIOD_MS)
      : null;
  foldTicker?.unref();

  let setupToken: string | null = null;
  if (await setupNeeded(desk.deps)) setupToken = randomToken(24);
  const app = await buildHttpApp(
    {
      ...desk.deps,
      config,
      tokens: tokenAuthenticator(desk.deps),
      setupToken: () => setupToken,
      channels: CHANNEL_MODULES,
      ...(desk.limitsRedis ? { limitsRedis: desk.limitsRedis } : {}),
      ...channelHttp,
    },
    { logger: logger.child({ area: 'http' }) },
  );
  // The first requests must not pay for loading the triage model and compiling the text passes (app/warm-up.ts).
  logger.debug({ area: 'http', ms: warmUp(desk.deps) }, 'warmed up before listening');
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close();
    await stopChannels();
    await worker?.stop();
    await desk.close();
    throw listenError(err, 'PORT', 'HTTP', config.port, config.host);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // With no PUBLIC_URL the default names the configured port; show the one actually bound (PORT=0 picks one).
  const url = config.publicUrl === `http://localhost:${config.port}` ? `http://localhost:${port}` : config.publicUrl;
  logger.info({ area: 'http', url, database: desk.deps.store.dialect, live: config.redisUrl ? 'redis' : 'in-process' }, 'walletdesk is serving');
  if (setupToken) {
    // The one secret that belongs in the log: the operator needs it to create the first admin.
    logger.info({ area: 'setup', url: `${url}/setup?token=${setupToken}` }, 'first run: create the first admin at this address');
  }

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      if (automationTimer) clearInterval(automationTimer);
      desk.deps.triggers?.stop();
      desk.deps.slaPolicies?.stop();
      await app.close();
      if (slaTicker) clearInterval(slaTicker);
      if (foldTicker) clearInterval(foldTicker);
      await stopChannels();
      await worker?.stop();
      await desk.close();
    })());
  return { url, setupUrl: setupToken ? `${url}/setup?token=${setupToken}` : null, close };
}
