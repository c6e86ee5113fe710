import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { HttpDeps } from '../deps.js';

/** Liveness (the process answers) and readiness (the database answers). */
export const healthRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const Ok = Type.Object({ status: Type.String() });
  app.get('/healthz', { config: { public: true }, schema: { tags: ['health'], response: { 200: Ok } } }, async () => ({ status: 'ok' }));
  app.get(
    '/readyz',
    { config: { public: true }, schema: { tags: ['health'], response: { 200: Ok, 503: Type.Object({ status: Type.String(), reason: Type.String() }) } } },
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
