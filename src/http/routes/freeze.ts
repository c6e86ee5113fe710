/**
 * The emergency freeze on /api/v1: freeze and unfreeze from a ticket (exact contract: 202; 403 for the agent
 * who froze), the ticket's freezes, the non-custodial playbook, and a brand's webhook secret rotation. PATCH
 * /brands/:id with the freeze settings is in people.ts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { freezeFromTicket, listTicketFreezes, unfreezeFromTicket } from '../../app/freeze-account.js';
import { previewPlaybook, sendPlaybook } from '../../app/freeze-playbook.js';
import { rotateWebhookSecret } from '../../app/freeze-settings.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { presentFreeze, presentFreezeSettings } from '../freeze-presenters.js';
import {
  FreezeAccepted,
  FreezeBody,
  IdParams,
  PlaybookJson,
  PlaybookQuery,
  PlaybookSendBody,
  PlaybookSent,
  TicketFreezes,
  WebhookSecretJson,
  errors,
} from '../../contract/index.js';

export const freezeRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  app.get('/tickets/:id/freeze', { schema: { tags: ['freeze'], params: IdParams, response: { 200: TicketFreezes, ...errors(400, 401, 404) } } }, async (request) => {
    const { freezes, settings } = await listTicketFreezes(deps, principalOf(request), request.params.id);
    return { settings: presentFreezeSettings(settings), freezes: freezes.map(presentFreeze) };
  });
  app.post(
    '/tickets/:id/freeze',
    { schema: { tags: ['freeze'], params: IdParams, body: FreezeBody, response: { 202: FreezeAccepted, ...errors(400, 401, 404, 409) } } },
    async (request, reply) => {
      const { freeze } = await freezeFromTicket(deps, principalOf(request), request.params.id, request.body.reason);
      return reply.code(202).send({ freeze: presentFreeze(freeze), step: 'freeze' as const });
    },
  );
  app.post(
    '/tickets/:id/unfreeze',
    { schema: { tags: ['freeze'], params: IdParams, response: { 202: FreezeAccepted, ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      const { freeze, step } = await unfreezeFromTicket(deps, principalOf(request), request.params.id);
      return reply.code(202).send({ freeze: presentFreeze(freeze), step });
    },
  );
  app.get(
    '/tickets/:id/freeze/playbook',
    { schema: { tags: ['freeze'], params: IdParams, querystring: PlaybookQuery, response: { 200: PlaybookJson, ...errors(400, 401, 404) } } },
    async (request) => previewPlaybook(deps, principalOf(request), request.params.id, request.query.language),
  );
  app.post(
    '/tickets/:id/freeze/playbook',
    { schema: { tags: ['freeze'], params: IdParams, body: PlaybookSendBody, response: { 201: PlaybookSent, ...errors(400, 401, 404, 409, 422) } } },
    async (request, reply) => {
      const message = await sendPlaybook(deps, principalOf(request), request.params.id, request.body?.language);
      return reply.code(201).send({ message_id: message.id });
    },
  );
  app.post(
    '/brands/:id/account-webhook-secret',
    { schema: { tags: ['brands'], params: IdParams, response: { 200: WebhookSecretJson, ...errors(401, 403, 404) } } },
    async (request) => ({ account_webhook_secret: (await rotateWebhookSecret(deps, principalOf(request), request.params.id)).secret }),
  );
};
