/**
 * The emergency freeze on /api/v1: freeze and unfreeze from a ticket (exact contract: 202; 403 for the agent
 * who froze), the ticket's freezes, the non-custodial playbook, and a brand's webhook secret rotation. PATCH
 * /brands/:id with the freeze settings is in people.ts.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { freezeFromTicket, listTicketFreezes, unfreezeFromTicket } from '../../app/freeze-account.js';
import { previewPlaybook, sendPlaybook } from '../../app/freeze-playbook.js';
import { rotateWebhookSecret } from '../../app/freeze-settings.js';
import { readFreezeLink, sendFreezeLink, useFreezeLink } from '../../app/freeze-link.js';
import { notFound } from '../../core/errors.js';
import type { FastifyRequest } from 'fastify';
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
  FreezeLinkBody,
  FreezeLinkSent,
  FreezeLinkView,
  WebhookSecretJson,
  errors,
} from '../../contract/index.js';

export const freezeRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  app.get('/tickets/:id/freeze', { schema: { tags: ['freeze'], params: IdParams, response: { 200: TicketFreezes, ...errors(400, 401, 404) } } }, async (request) => {
    const { freezes, settings, deliveries } = await listTicketFreezes(deps, principalOf(request), request.params.id);
    return { settings: presentFreezeSettings(settings), freezes: freezes.map((f) => presentFreeze(f, deliveries.get(f.id))) };
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
    '/tickets/:id/freeze/link',
    {
      schema: {
        tags: ['freeze'],
        summary: 'E-mail (or, with {"via": "sms"}, text) the customer a one-time "freeze my account now" link',
        params: IdParams,
        body: FreezeLinkBody,
        response: { 202: FreezeLinkSent, ...errors(400, 401, 404, 409, 503) },
      },
      // No body at all is the e-mailed link, as before `via` existed.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const via = request.body?.via ?? 'email';
      const { to, expiresAt } = await sendFreezeLink(deps, principalOf(request), request.params.id, deps.config.publicUrl, via);
      return reply.code(202).send({ to, expires_at: expiresAt, via });
    },
  );
  const freezeToken = (request: FastifyRequest): string => {
    const raw = request.headers['x-freeze-token'];
    if (typeof raw !== 'string' || raw === '') throw notFound('Link');
    return raw;
  };
  const publicLimit = { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } };
  app.get(
    '/portal/freeze',
    { config: publicLimit, schema: { tags: ['freeze'], security: [], summary: 'What a freeze link opens (send the token as X-Freeze-Token)', response: { 200: FreezeLinkView, ...errors(404, 429) } } },
    async (request) => readFreezeLink(deps, freezeToken(request)),
  );
  app.post(
    '/portal/freeze',
    { config: publicLimit, schema: { tags: ['freeze'], security: [], summary: 'The customer freezes their account with a one-time link (X-Freeze-Token)', response: { 202: Type.Object({ frozen: Type.Boolean() }), ...errors(404, 409, 429) } } },
    async (request, reply) => {
      await useFreezeLink(deps, freezeToken(request));
      return reply.code(202).send({ frozen: true });
    },
  );
  app.post(
    '/brands/:id/account-webhook-secret',
    { schema: { tags: ['brands'], params: IdParams, response: { 200: WebhookSecretJson, ...errors(401, 403, 404) } } },
    async (request) => ({ account_webhook_secret: (await rotateWebhookSecret(deps, principalOf(request), request.params.id)).secret }),
  );
};
