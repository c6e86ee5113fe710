/** /api/v1/auth (sign-in, sessions, password, two-factor), /tokens and /settings. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { AppError, notFound } from '../../core/errors.js';
import { assertAdmin } from '../../core/policy.js';
import { logIn, logOut, startSession, type NewSession } from '../../app/log-in.js';
import { changePassword } from '../../app/change-password.js';
import { confirmTwoFactor, disableTwoFactor, startTwoFactor } from '../../app/two-factor.js';
import { createApiToken, revokeApiToken } from '../../app/create-api-token.js';
import { getSecuritySettings, updateSecuritySettings } from '../../app/security-settings.js';
import { getRoutingSettings, updateRoutingSettings } from '../../app/route-ticket.js';
import { SESSION_COOKIE, principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { presentAgent, presentToken } from '../presenters.js';
import {
  IdParams,
  LoginBody,
  Me,
  PasswordBody,
  PasswordChanged,
  RoutingPatch,
  RoutingSettings,
  SecurityPatch,
  SecuritySettings,
  TokenCreate,
  TokenCreated,
  TokenJson,
  TokenList,
  TotpCode,
  TotpSetup,
  errors,
} from '../../contract/index.js';

export const accountRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const secure = deps.config.publicUrl.startsWith('https://');
  const setCookie = (reply: FastifyReply, session: NewSession) =>
    reply.setCookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: new Date(session.expiresAt) });

  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in to the console; sets an HttpOnly session cookie and returns the CSRF token for unsafe requests',
        body: LoginBody,
        response: { 200: Me, ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const result = await logIn(deps, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setCookie(reply, result.session);
      return { agent: presentAgent(result.agent), csrf_token: result.session.csrfToken, must_enroll_two_factor: result.mustEnrollTwoFactor };
    },
  );

  app.post('/auth/logout', { config: { enrolment: true }, schema: { tags: ['auth'], response: { 204: Type.Null(), ...errors(401) } } }, async (request, reply) => {
    principalOf(request);
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) await logOut(deps, cookie);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/auth/me', { config: { enrolment: true }, schema: { tags: ['auth'], response: { 200: Me, ...errors(401) } } }, async (request) => {
    const principal = principalOf(request);
    const agent = await deps.store.agents.get(principal.agentId);
    if (!agent) throw new AppError('unauthenticated', 'You are not signed in.');
    return { agent: presentAgent(agent), csrf_token: request.csrfToken, must_enroll_two_factor: request.mustEnrollTwoFactor };
  });

  app.post(
    '/auth/password',
    {
      config: { rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Change your password; every session ends and this browser gets a fresh one',
        body: PasswordBody,
        response: { 200: PasswordChanged, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await changePassword(deps, principal, { current: request.body.current_password, next: request.body.new_password });
      if (principal.tokenId) return { csrf_token: null };
      const session = await startSession(deps, principal.agentId, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      setCookie(reply, session);
      return { csrf_token: session.csrfToken };
    },
  );

  app.post(
    '/auth/totp/setup',
    { config: { enrolment: true }, schema: { tags: ['auth'], response: { 200: TotpSetup, ...errors(401, 409) } } },
    async (request) => {
      const r = await startTwoFactor(deps, principalOf(request));
      return { secret: r.secret, otpauth_uri: r.otpauthUri };
    },
  );
  app.post(
    '/auth/totp/confirm',
    {
      config: { enrolment: true, rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], body: TotpCode, response: { 204: Type.Null(), ...errors(400, 401, 409) } },
    },
    async (request, reply) => {
      await confirmTwoFactor(deps, principalOf(request), request.body.code);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/auth/totp/disable',
    {
      config: { rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], body: TotpCode, response: { 204: Type.Null(), ...errors(400, 401, 403) } },
    },
    async (request, reply) => {
      await disableTwoFactor(deps, principalOf(request), request.body.code);
      return reply.code(204).send(null);
    },
  );

  // ----- API tokens (admins) -----
  app.get('/tokens', { schema: { tags: ['tokens'], response: { 200: TokenList, ...errors(401, 403) } } }, async (request) => {
    assertAdmin(principalOf(request));
    return { tokens: (await deps.store.tokens.list()).map(presentToken) };
  });
  app.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token acting as an agent; the secret is in the response only',
        body: TokenCreate,
        response: { 201: TokenCreated, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(deps, principalOf(request), { agentId: request.body.agent_id, name: request.body.name, role: request.body.role });
      return reply.code(201).send({ ...presentToken(created.record), token: created.token });
    },
  );
  app.delete(
    '/tokens/:id',
    { schema: { tags: ['tokens'], params: IdParams, response: { 200: TokenJson, ...errors(401, 403, 404) } } },
    async (request) => {
      const record = await revokeApiToken(deps, principalOf(request), request.params.id);
      deps.tokens.forget();
      if (!record) throw notFound('Token');
      return presentToken(record);
    },
  );

  // ----- routing (admins) -----
  app.get('/settings/routing', { schema: { tags: ['settings'], response: { 200: RoutingSettings, ...errors(401, 403) } } }, async (request) => {
    assertAdmin(principalOf(request));
    return getRoutingSettings(deps.store);
  });
  app.patch(
    '/settings/routing',
    { schema: { tags: ['settings'], body: RoutingPatch, response: { 200: RoutingSettings, ...errors(400, 401, 403, 409) } } },
    async (request) => updateRoutingSettings(deps, principalOf(request), request.body),
  );

  // ----- security settings (admins) -----
  app.get('/settings/security', { schema: { tags: ['settings'], response: { 200: SecuritySettings, ...errors(401, 403) } } }, async (request) => {
    assertAdmin(principalOf(request));
    return getSecuritySettings(deps.store);
  });
  app.patch(
    '/settings/security',
    { schema: { tags: ['settings'], body: SecurityPatch, response: { 200: SecuritySettings, ...errors(400, 401, 403) } } },
    async (request) => updateSecuritySettings(deps, principalOf(request), request.body),
  );
};
