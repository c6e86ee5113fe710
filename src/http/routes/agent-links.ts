/**
 * One-time agent links (issue 19): admins e-mail a password reset or an invitation (POST /agents/:id/password-reset,
 * POST /agents/invite); the agent opens /agent/link#<token>, whose page reads the link (POST /auth/link) and sets
 * the password (POST /auth/link/password). The token travels in bodies only, never in a URL the server logs.
 * An agent who lost their two-factor device is helped the same way: an admin removes it (DELETE /agents/:id/two-factor).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { inviteAgent, readAgentLink, sendPasswordReset, useAgentLink } from '../../app/agent-links.js';
import { removeAgentTwoFactor } from '../../app/remove-two-factor.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { presentAgent } from '../presenters.js';
import { AgentInviteBody, AgentInvited, AgentLinkDone, AgentLinkInfo, AgentLinkPassword, AgentLinkSent, AgentLinkToken, AgentTwoFactorRemoved, IdParams, errors } from '../../contract/index.js';

export const agentLinkRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const publicUrl = deps.config.publicUrl;
  const limited = { rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' } };

  app.post(
    '/agents/:id/password-reset',
    {
      schema: {
        tags: ['agents'],
        summary: "E-mail the agent a one-time link to choose a new password (admins; 1 hour; ends the agent's sessions when used)",
        params: IdParams,
        response: { 202: AgentLinkSent, ...errors(401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const r = await sendPasswordReset(deps, principalOf(request), request.params.id, publicUrl);
      return reply.code(202).send({ to: r.to, expires_at: r.expiresAt });
    },
  );

  app.delete(
    '/agents/:id/two-factor',
    {
      schema: {
        tags: ['agents'],
        summary: "Remove another agent's two-factor sign-in when they lost their device (admins); ends every session of the agent and e-mails them a notice",
        params: IdParams,
        response: { 200: AgentTwoFactorRemoved, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const r = await removeAgentTwoFactor(deps, principalOf(request), request.params.id);
      return { agent: presentAgent(r.agent), sessions_ended: r.sessionsEnded, mailed: r.mailed };
    },
  );

  app.post(
    '/agents/invite',
    {
      schema: {
        tags: ['agents'],
        summary: 'Add an agent without a password and e-mail them a one-time link to choose it (admins; 7 days)',
        body: AgentInviteBody,
        response: { 201: AgentInvited, ...errors(400, 401, 403, 409, 503) },
      },
    },
    async (request, reply) => {
      const r = await inviteAgent(deps, principalOf(request), request.body, publicUrl);
      return reply.code(201).send({ agent: presentAgent(r.agent), expires_at: r.expiresAt });
    },
  );

  app.post(
    '/auth/link',
    { config: { public: true, ...limited }, schema: { tags: ['auth'], summary: 'What a one-time agent link is for, and whether it still works', body: AgentLinkToken, response: { 200: AgentLinkInfo, ...errors(400, 404, 429) } } },
    async (request) => {
      const v = await readAgentLink(deps, request.body.token);
      return { purpose: v.purpose, name: v.name, email: v.email, usable: v.usable, two_factor_required: v.twoFactorRequired };
    },
  );

  app.post(
    '/auth/link/password',
    {
      config: { public: true, ...limited },
      schema: { tags: ['auth'], summary: "Choose a password with a one-time link; ends every session of the agent", body: AgentLinkPassword, response: { 200: AgentLinkDone, ...errors(400, 404, 409, 429) } },
    },
    async (request) => {
      const r = await useAgentLink(deps, request.body.token, request.body.password);
      return { email: r.email, two_factor_required: r.twoFactorRequired };
    },
  );
};
