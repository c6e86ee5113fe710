/**
 * Builds the Fastify application from its dependencies. No listening, no globals: main.ts listens, tests use
 * inject() or listen on port 0.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../core/errors.js';
import { withoutNul } from '../core/text.js';
import { installIdempotency } from './idempotency.js';
import { installAuth } from './auth.js';
import type { HttpDeps } from './deps.js';
import { installErrorHandling } from './errors.js';
import { validatorCompiler } from './validation.js';
import { attachmentRoutes } from './routes/attachments.js';
import { accountRoutes } from './routes/account.js';
import { healthRoutes } from './routes/health.js';
import { peopleRoutes } from './routes/people.js';
import { agentLinkRoutes } from './routes/agent-links.js';
import { setupRoutes } from './routes/setup.js';
import { ticketRoutes } from './routes/tickets.js';
import { shieldRoutes } from './routes/shield.js';
import { chainRoutes } from './routes/chain.js';
import { officialChannelApiRoutes, verifyPageRoutes } from './routes/official-channels.js';
import { officialChannelsCache } from '../app/official-channels.js';
import { liveRoutes } from './routes/live.js';
import { viewRoutes } from './routes/views.js';
import { webRoutes } from './routes/web.js';
import { channelAccountRoutes } from './routes/channel-accounts.js';
import { identityRoutes } from './routes/identity.js';
import { ruleRoutes } from './routes/rules.js';
import { notificationRoutes } from './routes/notifications.js';
import { freezeRoutes } from './routes/freeze.js';
import { recordRoutes } from './routes/records.js';
import { slaRoutes } from './routes/sla.js';
import { csatApiRoutes, csatPageRoutes } from './routes/csat.js';
import { reportRoutes } from './routes/reports.js';
import { kbRoutes } from './routes/kb.js';

export interface BuildOptions {
  logger?: FastifyServerOptions['loggerInstance'] | false;
}

/**
 * pino serializers for the request log (main.ts gives them to its logger): never the query string (the setup
 * token lives there), never headers (tokens, cookies).
 */
export const logSerializers = {
  req: (req: { method: string; url: string; id: string; ip?: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0], ip: req.ip }),
  res: (res: { statusCode: number }) => ({ status: res.statusCode }),
};

export async function buildHttpApp(deps: HttpDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: deps.config.bodyLimit,
    trustProxy: deps.config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler());
  // The API speaks JSON (and multipart for uploads); a text/plain body is refused with 415, not half-understood.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // NUL is dropped from every field at the edge, so what a route answers is what the store keeps (core/text.ts).
  // A signed body (the phone provider's webhooks) is left as sent, or its signature would no longer match; the
  // store still drops NUL when it writes (store/bound-values.ts).
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.config.signedBody) return;
    withoutNul(request.body);
    withoutNul(request.query);
    withoutNul(request.params);
  });

  installErrorHandling(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        // On a plain-http install (a LAN address) upgrading would point the pages' own scripts at https and break them.
        upgradeInsecureRequests: deps.config.publicUrl.startsWith('https://') ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(multipart, { limits: { fileSize: deps.config.maxAttachmentBytes, files: 1, fields: 10 } });
  await app.register(rateLimit, {
    global: deps.config.apiRateLimit > 0,
    max: deps.config.apiRateLimit || 1,
    timeWindow: '1 minute',
    hook: 'preHandler',
    keyGenerator: (request) => (request.principal ? `p:${request.principal.tokenId ?? request.principal.agentId}` : `ip:${request.ip}`),
    // Counted in Redis when it is configured, so that two instances behind a balancer never double a limit; a
    // Redis outage lets requests through rather than refusing everyone.
    ...(deps.limitsRedis ? { redis: deps.limitsRedis.client, nameSpace: `${deps.limitsRedis.prefix}http:`, skipOnError: true } : {}),
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many requests. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'walletdesk API',
        version: '1',
        description: 'The support desk for Bitcoin-wallet providers. Authenticate with `Authorization: Bearer <API token>`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI sets inline styles from its script (blocked, and logged as a CSP error, under its own hash list);
    // the page shows only our schema, so inline styles are allowed there. Its default also upgrades requests to
    // https, which breaks the page on a plain-http LAN install, as the desk's own CSP avoids.
    transformStaticCSP: (header: string) =>
      header.replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'").replace(/\s*upgrade-insecure-requests;?/, deps.config.publicUrl.startsWith('https://') ? ' upgrade-insecure-requests;' : ''),
    uiConfig: { deepLinking: false },
  });

  // One registry cache for the routes and for ingestion through these deps.
  deps.officialChannels ??= officialChannelsCache(deps);
  const officialChannels = deps.officialChannels;
  // Chat frames carry messages of up to 4,000 characters (32 KiB); each route checks its own frames' size.
  await app.register(websocket, {
    options: { maxPayload: 64 * 1024 },
    // A stopping instance tells every client (console, chat) to reconnect, to another instance behind the balancer.
    preClose(done) {
      for (const client of app.websocketServer.clients) client.close(1012, 'restarting: reconnect');
      app.websocketServer.close(() => done());
    },
  });
  await app.register(healthRoutes, { deps });
  await app.register(webRoutes);
  await app.register(setupRoutes, { deps });
  await app.register(verifyPageRoutes, { deps, cache: officialChannels });
  await app.register(csatPageRoutes, { deps });
  // Each channel's own routes (webhooks, the chat socket and widget), in the order of the list of channels.
  for (const channel of deps.channels) if (channel.routes) await app.register(channel.routes, { deps });
  await app.register(
    async (api) => {
      // Authentication guards /api/v1 only: pages, docs and health checks are public by nature.
      installAuth(api, deps);
      installIdempotency(api, deps);
      await api.register(ticketRoutes, { deps });
      await api.register(peopleRoutes, { deps });
      await api.register(agentLinkRoutes, { deps });
      await api.register(accountRoutes, { deps });
      await api.register(attachmentRoutes, { deps });
      await api.register(shieldRoutes, { deps });
      await api.register(chainRoutes, { deps });
      await api.register(officialChannelApiRoutes, { deps, cache: officialChannels });
      await api.register(viewRoutes, { deps });
      await api.register(liveRoutes, { deps });
      await api.register(freezeRoutes, { deps });
      await api.register(recordRoutes, { deps });
      await api.register(channelAccountRoutes, { deps });
      await api.register(identityRoutes, { deps });
      await api.register(ruleRoutes, { deps });
      await api.register(notificationRoutes, { deps });
      await api.register(slaRoutes, { deps });
      await api.register(reportRoutes, { deps });
      await api.register(csatApiRoutes, { deps });
      await api.register(kbRoutes, { deps });
      for (const channel of deps.channels) if (channel.apiRoutes) await api.register(channel.apiRoutes, { deps });
    },
    { prefix: '/api/v1' },
  );
  return app;
}
