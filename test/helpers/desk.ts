/**
 * A whole desk for tests: a fresh store on the chosen dialect, real deps (cheap argon2 settings), the HTTP app
 * listening on a random loopback port, and a seeded cast: two brands, an admin, a supervisor and agents
 * of each brand, each with an API token.
 */
import { triggerView } from '../../src/app/trigger-view.js';
import { slaPolicyView } from '../../src/app/sla-policy-view.js';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../../src/core/clock.js';
import type { Agent, Brand } from '../../src/core/people.js';
import type { Deps, LiveBus } from '../../src/app/ports.js';
import { createBrand } from '../../src/app/create-brand.js';
import { createAgent } from '../../src/app/create-agent.js';
import { createApiToken } from '../../src/app/create-api-token.js';
import { tokenAuthenticator } from '../../src/app/authenticate.js';
import type { Redis } from 'ioredis';
import { inProcessBus } from '../../src/bus/live-bus.js';
import { redisRateLimits } from '../../src/bus/redis-rate-limits.js';
import { argon2Hasher } from '../../src/crypto/passwords.js';
import { aesSecretBox } from '../../src/crypto/secret-box.js';
import { localFileStore } from '../../src/store/file-store.js';
import { buildHttpApp } from '../../src/http/app.js';
import { CHANNEL_MODULES } from '../../src/channels/index.js';
import type { HttpDeps } from '../../src/http/deps.js';
import type { DialectName } from '../../src/store/dialect.js';
import { makeTestStore, openTestStore } from './stores.js';

export const PASSWORD = 'correct horse battery staple';

export interface TestDesk {
  url: string;
  app: FastifyInstance;
  deps: HttpDeps;
  dialect: DialectName;
  /** The SQLite file, or the PostgreSQL schema (also the application_name of the desk's connections). */
  location: string;
  setupToken: { value: string | null };
  close(): Promise<void>;
}

export interface Cast {
  brandA: Brand;
  brandB: Brand;
  admin: Agent;
  supervisorA: Agent;
  agentA: Agent;
  agentB: Agent;
  tokens: { admin: string; supervisorA: string; agentA: string; agentB: string };
}

export async function startTestDesk(
  dialect: DialectName,
  options: {
    clock?: Clock;
    apiRateLimit?: number;
    loginRateLimit?: number;
    chatMaxSocketsPerIp?: number;
    /** The live bus (default: in-process). */
    bus?: LiveBus;
    /** A second instance: the same PostgreSQL schema as this desk (and its secret key). */
    sameDatabaseAs?: TestDesk;
    /** Rate limits counted in Redis under this prefix (as with REDIS_URL); default: in memory. */
    redisLimits?: { client: Redis; prefix: string };
  } = {},
): Promise<TestDesk> {
  // A desk that fails to start still owns the bus it was handed (open Redis sockets keep the test process alive
  // until its 300 s timeout): close it, and whatever was built, before passing the failure on.
  const undo: Array<() => unknown> = [() => options.bus?.close()];
  try {
    return await buildTestDesk(dialect, options, undo);
  } catch (err) {
    for (const step of undo.reverse()) await Promise.resolve(step()).catch(() => undefined);
    throw err;
  }
}

async function buildTestDesk(dialect: DialectName, options: Parameters<typeof startTestDesk>[1] & object, undo: Array<() => unknown>): Promise<TestDesk> {
  const t = options.sameDatabaseAs ? await openTestStore(options.sameDatabaseAs.location) : await makeTestStore(dialect);
  undo.push(() => t.cleanup());
  const filesDir = mkdtempSync(join(tmpdir(), 'walletdesk-files-'));
  const base: Deps = {
    store: t.store,
    bus: options.bus ?? inProcessBus(),
    clock: options.clock ?? systemClock,
    files: localFileStore(filesDir),
    passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
    secrets: options.sameDatabaseAs?.deps.secrets ?? aesSecretBox(randomBytes(32).toString('hex')),
    ...(options.redisLimits ? { limits: redisRateLimits(options.redisLimits.client, options.redisLimits.prefix) } : {}),
    triggers: await triggerView(t.store),
    slaPolicies: await slaPolicyView(t.store),
  };
  const setupToken = { value: null as string | null };
  const deps: HttpDeps = {
    ...base,
    config: {
      publicUrl: 'http://localhost',
      bodyLimit: 1_048_576,
      maxAttachmentBytes: 1_048_576,
      apiRateLimit: options.apiRateLimit ?? 0,
      loginRateLimit: options.loginRateLimit ?? 1000,
      trustProxy: false,
      chatMaxSocketsPerIp: options.chatMaxSocketsPerIp ?? 1000,
    },
    tokens: tokenAuthenticator(base, 0),
    setupToken: () => setupToken.value,
    channels: CHANNEL_MODULES,
    ...(options.redisLimits ? { limitsRedis: options.redisLimits } : {}),
  };
  undo.push(() => {
    base.triggers?.stop();
    base.slaPolicies?.stop();
  });
  const app = await buildHttpApp(deps);
  undo.push(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    deps,
    dialect,
    location: t.location,
    setupToken,
    async close() {
      await app.close();
      base.triggers?.stop();
      base.slaPolicies?.stop();
      await base.bus.close();
      await t.cleanup();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** Two brands and one person of each role, with API tokens. */
export async function seedCast(deps: Deps): Promise<Cast> {
  const brandA = await createBrand(deps, null, { name: 'Satoshi Wallet', slug: 'satoshi', default_language: 'zh-CN', time_zone: 'Asia/Shanghai', support_emails: ['help@satoshi.example'] });
  const brandB = await createBrand(deps, null, { name: 'Lightning Pocket', slug: 'pocket', default_language: 'en', time_zone: 'Europe/Berlin' });
  const admin = await createAgent(deps, null, { email: 'admin@desk.example', name: 'Ada Admin', role: 'admin', password: PASSWORD });
  const supervisorA = await createAgent(deps, null, { email: 'sup@desk.example', name: 'Sun Supervisor', role: 'supervisor', password: PASSWORD, brand_ids: [brandA.id] });
  const agentA = await createAgent(deps, null, { email: 'li@desk.example', name: '李客服', role: 'agent', password: PASSWORD, brand_ids: [brandA.id], languages: ['zh-CN', 'en'] });
  const agentB = await createAgent(deps, null, { email: 'bob@desk.example', name: 'Bob Agent', role: 'agent', password: PASSWORD, brand_ids: [brandB.id], languages: ['en'] });
  const token = async (a: Agent) => (await createApiToken(deps, null, { agentId: a.id, name: 'test' })).token;
  return {
    brandA,
    brandB,
    admin,
    supervisorA,
    agentA,
    agentB,
    tokens: { admin: await token(admin), supervisorA: await token(supervisorA), agentA: await token(agentA), agentB: await token(agentB) },
  };
}

/** fetch against the test desk with a bearer token and JSON; returns status and parsed body. */
export async function api(
  desk: Pick<TestDesk, 'url'>,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${desk.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: leave the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
