/**
 * Authentication for /api/v1: a bearer API token, or the console's session cookie with a CSRF header on every
 * unsafe method. Routes opt out with `config: { public: true }`; routes an agent who must still enrol in
 * two-factor may use are marked `config: { enrolment: true }`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { AppError } from '../core/errors.js';
import type { Principal } from '../core/policy.js';
import { authenticateSession } from '../app/authenticate.js';
import type { HttpDeps } from './deps.js';

export const SESSION_COOKIE = 'wd_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Set when the request came with a console session (not a token). */
    csrfToken: string | null;
    /** The session may only enrol in two-factor sign-in. */
    mustEnrollTwoFactor: boolean;
  }
  interface FastifyContextConfig {
    public?: boolean;
    enrolment?: boolean;
    /** The body is signed by its sender (checked by the route): the edge must not change it (app.ts). */
    signedBody?: boolean;
  }
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The authenticated principal of a request; throws 401 when there is none (use inside non-public routes). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'Sign in, or send an API token as "Authorization: Bearer …".');
  return request.principal;
}

/** True when the TCP peer is this machine and no proxy forwarded the request. */
export function isLoopback(request: FastifyRequest): boolean {
  const addr = request.socket.remoteAddress ?? '';
  const local = addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1';
  return local && request.headers['x-forwarded-for'] === undefined;
}

/** Adds the authentication hook to an encapsulated context (the /api/v1 prefix). */
export function installAuth(app: FastifyInstance, deps: HttpDeps): void {
  if (!app.hasRequestDecorator('principal')) {
    app.decorateRequest('principal', null);
    app.decorateRequest('csrfToken', null);
    app.decorateRequest('mustEnrollTwoFactor', false);
  }

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const config = request.routeOptions.config;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <token>".');
      const principal = await deps.tokens.authenticate(match[1]!);
      if (!principal) throw new AppError('unauthenticated', 'This API token is not valid (revoked, mistyped, or its agent was deactivated).');
      request.principal = principal;
      return;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) {
      const auth = await authenticateSession(deps, cookie);
      if (auth) {
        if (UNSAFE.has(request.method) && !config.public) {
          const sent = request.headers['x-csrf-token'];
          if (typeof sent !== 'string' || !sameSecret(sent, auth.csrfToken)) {
            throw new AppError('forbidden', 'This request is missing its CSRF token. Reload the page and try again.');
          }
        }
        if (auth.mustEnrollTwoFactor && !config.public && !config.enrolment) {
          throw new AppError('forbidden', 'Two-factor sign-in is required on this desk. Set it up first.', { two_factor_required: true });
        }
        request.principal = auth.principal;
        request.csrfToken = auth.csrfToken;
        request.mustEnrollTwoFactor = auth.mustEnrollTwoFactor;
        return;
      }
    }
    if (!config.public) throw new AppError('unauthenticated', 'Sign in, or send an API token as "Authorization: Bearer …".');
  });
}
