/** /api/v1/shield: agents report outbound-guard false positives; admins review them. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listGuardReports, reportGuardFalsePositive } from '../../app/guard-outbound.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { presentEvent } from '../presenters.js';
import { ShieldReportBody, ShieldReports, errors } from '../../contract/index.js';

export const shieldRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  app.post(
    '/shield/reports',
    {
      schema: {
        tags: ['shield'],
        summary: 'Report that the outbound guard blocked a message it should have let through',
        body: ShieldReportBody,
        response: { 204: Type.Null(), ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      await reportGuardFalsePositive(deps, principalOf(request), { rule: request.body.rule, text: request.body.text, ticketId: request.body.ticket_id });
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/shield/reports',
    { schema: { tags: ['shield'], response: { 200: ShieldReports, ...errors(401, 403) } } },
    async (request) => ({ reports: (await listGuardReports(deps, principalOf(request))).map(presentEvent) }),
  );
};
