import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { HttpDeps } from '../deps.js';
import { HealthDown, HealthOk } from '../../contract/index.js';

/** Liveness (the process answers) and readiness (the database answers). */
export const healthRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  app.get('/healthz', { config: { public: true }, schema: { tags: ['health'], response: { 200: HealthOk } } }, async () => ({ status: 'ok' }));
  app.get(
    '/readyz',
    { config: { public: true }, schema: { tags: ['health'], response: { 200: HealthOk, 503: HealthDown } } },
    async (_request, reply) => {
      try {
        await deps.store.ping();
        return { status: 'ready' };
      } catch {
        return reply.code(503).send({ status: 'unavailable', reason: 'database is not answering' });
      }
    },
  );
};
