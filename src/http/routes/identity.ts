/**
 * Identity verification (issue 18). Agents: a ticket's levels and step-ups, starting one, pasting a signature the
 * customer sent; admins: a brand's required levels. Customers (public, per-address limits): the help center's
 * identity page, whose token travels in the X-Identity-Token header (never in a URL, so never in a log).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { notFound } from '../../core/errors.js';
import { actorOf, canSeeBrand } from '../../core/policy.js';
import { memoryRateLimits } from '../../app/rate-limits.js';
import { startStepUp } from '../../app/start-step-up.js';
import { stepUpByToken, submitStepUpAppProof, submitStepUpCode, submitStepUpSignature } from '../../app/complete-step-up.js';
import { readTicketVerification } from '../../app/read-verification.js';
import { setVerificationRequirements, verificationRequirements } from '../../app/verification-requirements.js';
import { loadVisibleTicket } from '../../app/ticket-access.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { presentOutcome, presentStepUp, presentTestTxCheck } from '../identity-presenters.js';
import { checkTestTransaction } from '../../app/check-test-transaction.js';
import {
  AppProofBody,
  CodeBody,
  IdParams,
  IdentityPageJson,
  SignatureBody,
  StartedStepUpJson,
  StepUpBody,
  StepUpOutcomeJson,
  TestTxCheckJson,
  TicketVerificationJson,
  VerificationRequirementsJson,
  VerificationRequirementsPatch,
  errors,
} from '../../contract/index.js';

export const IDENTITY_TOKEN_HEADER = 'x-identity-token';
/** Step-ups one customer may be sent per hour: codes cost the customer attention and the desk e-mail. */
export const STEP_UPS_PER_HOUR = 5;

const perIp = (max: number, timeWindow: string) => ({ public: true, rateLimit: { max, timeWindow, keyGenerator: (r: FastifyRequest) => `identity:${r.ip}` } });
const tokenOf = (request: FastifyRequest): string => {
  const v = request.headers[IDENTITY_TOKEN_HEADER];
  return typeof v === 'string' ? v : '';
};

export const identityRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const startLimit = (deps.limits ?? memoryRateLimits()).define('step-up-start', { points: STEP_UPS_PER_HOUR, durationSec: 3600 });
  const ctx = { publicUrl: deps.config.publicUrl, startLimit };

  app.get(
    '/tickets/:id/verification',
    { schema: { tags: ['identity'], params: IdParams, response: { 200: TicketVerificationJson, ...errors(400, 401, 404) } } },
    async (request) => {
      const v = await readTicketVerification(deps, principalOf(request), request.params.id);
      return {
        customer_level: v.customerLevel,
        conversation_level: v.conversationLevel,
        weak: v.weak,
        sources: v.sources,
        step_ups: v.stepUps.map(presentStepUp),
        requirements: v.requirements,
        allowed: v.allowed,
      };
    },
  );

  app.post(
    '/tickets/:id/step-ups',
    { schema: { tags: ['identity'], params: IdParams, body: StepUpBody, response: { 201: StartedStepUpJson, ...errors(400, 401, 404, 429, 503) } } },
    async (request, reply) => {
      const { receive_address: receiveAddress, ...rest } = request.body;
      const started = await startStepUp(deps, ctx, principalOf(request), request.params.id, { ...rest, ...(receiveAddress ? { receiveAddress } : {}) });
      return reply.code(201).send({ step_up: presentStepUp(started.stepUp), link: started.link });
    },
  );

  app.post(
    '/tickets/:id/step-ups/:step_up_id/signature',
    {
      schema: {
        tags: ['identity'],
        summary: 'A signature the customer sent in the conversation (signatures are public; the challenge is the secret-free part)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), step_up_id: Type.String({ maxLength: 64 }) }),
        body: SignatureBody,
        response: { 200: StepUpOutcomeJson, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const ticket = await loadVisibleTicket(deps.store, principal, request.params.id);
      const stepUp = await deps.store.stepUps.get(request.params.step_up_id).catch(() => null);
      if (!stepUp || stepUp.ticketId !== ticket.id) throw notFound('Verification');
      return presentOutcome(await submitStepUpSignature(deps, stepUp, request.body.signature, actorOf(principal)));
    },
  );

  app.post(
    '/tickets/:id/step-ups/:step_up_id/check',
    {
      schema: {
        tags: ['identity'],
        summary: 'Look at the chain now for the test transaction of this step-up (the desk also looks by itself)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), step_up_id: Type.String({ maxLength: 64 }) }),
        response: { 200: TestTxCheckJson, ...errors(400, 401, 404, 409, 503) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const ticket = await loadVisibleTicket(deps.store, principal, request.params.id);
      const stepUp = await deps.store.stepUps.get(request.params.step_up_id).catch(() => null);
      if (!stepUp || stepUp.ticketId !== ticket.id || stepUp.method !== 'test_transaction') throw notFound('Verification');
      return presentTestTxCheck(await checkTestTransaction(deps, stepUp.id, actorOf(principal)));
    },
  );

  app.get(
    '/brands/:id/verification-requirements',
    { schema: { tags: ['identity'], params: IdParams, response: { 200: VerificationRequirementsJson, ...errors(401, 404) } } },
    async (request) => {
      if (!canSeeBrand(principalOf(request), request.params.id) || !(await deps.store.brands.get(request.params.id))) throw notFound('Brand');
      return verificationRequirements(deps.store, request.params.id);
    },
  );

  app.patch(
    '/brands/:id/verification-requirements',
    { schema: { tags: ['identity'], params: IdParams, body: VerificationRequirementsPatch, response: { 200: VerificationRequirementsJson, ...errors(400, 401, 403, 404) } } },
    async (request) => setVerificationRequirements(deps, principalOf(request), request.params.id, request.body),
  );

  // ----- the customer's page (help center) -----
  const pageSchema = (summary: string) => ({ tags: ['help center'], security: [], summary: `${summary} (send the link's token as X-Identity-Token)` });

  app.get(
    '/help/identity',
    { config: perIp(60, '1 minute'), schema: { ...pageSchema('What a verification link asks the customer to do'), response: { 200: IdentityPageJson, ...errors(404, 429) } } },
    async (request, reply) => {
      const stepUp = await stepUpByToken(deps, tokenOf(request));
      const ticket = await deps.store.tickets.get(stepUp.ticketId);
      const brand = await deps.store.brands.get(stepUp.brandId);
      reply.header('cache-control', 'no-store');
      const expired = stepUp.status === 'pending' && deps.clock.now().toISOString() > stepUp.expiresAt;
      return {
        method: stepUp.method,
        status: expired ? ('expired' as const) : stepUp.status,
        brand: { name: brand?.name ?? '' },
        ticket_number: ticket?.number ?? 0,
        target: stepUp.method === 'address' || stepUp.method === 'test_transaction' ? stepUp.target : null,
        challenge: stepUp.challenge,
        expires_at: stepUp.expiresAt,
      };
    },
  );

  app.post(
    '/help/identity/check',
    {
      config: perIp(20, '10 minutes'),
      schema: { ...pageSchema('The customer says the test transaction is sent: the desk looks at the chain now'), response: { 200: TestTxCheckJson, ...errors(400, 404, 409, 429, 503) } },
    },
    async (request) => {
      const stepUp = await stepUpByToken(deps, tokenOf(request));
      if (stepUp.method !== 'test_transaction') throw notFound('Verification');
      return presentTestTxCheck(await checkTestTransaction(deps, stepUp.id, { type: 'customer', id: stepUp.customerId, via: 'help_center' }));
    },
  );

  app.post(
    '/help/identity/code',
    { config: perIp(20, '10 minutes'), schema: { ...pageSchema('The customer enters a one-time code'), body: CodeBody, response: { 200: StepUpOutcomeJson, ...errors(400, 404, 409, 429) } } },
    async (request) => presentOutcome(await submitStepUpCode(deps, await stepUpByToken(deps, tokenOf(request)), request.body.code, 'help_center')),
  );

  app.post(
    '/help/identity/signature',
    { config: perIp(20, '10 minutes'), schema: { ...pageSchema('The customer pastes the signed challenge'), body: SignatureBody, response: { 200: StepUpOutcomeJson, ...errors(400, 404, 409, 429) } } },
    async (request) => {
      const stepUp = await stepUpByToken(deps, tokenOf(request));
      return presentOutcome(await submitStepUpSignature(deps, stepUp, request.body.signature, { type: 'customer', id: stepUp.customerId, via: 'help_center' }));
    },
  );

  app.post(
    '/help/identity/app',
    { config: perIp(20, '10 minutes'), schema: { ...pageSchema('The provider’s app vouches for its signed-in user'), body: AppProofBody, response: { 200: StepUpOutcomeJson, ...errors(400, 404, 409, 429) } } },
    async (request) => presentOutcome(await submitStepUpAppProof(deps, await stepUpByToken(deps, tokenOf(request)), request.body)),
  );
};
