/**
 * Idempotency-Key for the API's unsafe routes, after draft-ietf-httpapi-idempotency-key-header: a key belongs
 * to one principal (API token, or the console's agent) and one endpoint (method + route). The first request
 * with a key stores a fingerprint of itself (method, path, canonical JSON body) and, when it succeeds, its
 * response. The same key again with the same request replays that response; with a different request it is
 * refused with 422; while the first is still running, with 409. A failed request frees its key for a retry.
 * Routes opt in with `config: { idempotent: true }`.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.js';
import type { IdempotencyId } from '../app/ports.js';
import type { HttpDeps } from './deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request claimed; its response is stored when it is sent. */
    idempotency: IdempotencyId | null;
    /**
     * What the use case records as the request's source id: the client's key and the request's fingerprint,
     * so the store's own de-duplication agrees with this layer (a key reused for another request, after it
     * expired or under another token, is another request, never the first one's answer).
     */
    idempotencyKey: string | null;
  }
  interface FastifyContextConfig {
    idempotent?: boolean;
  }
}

/** A request still "in flight" after this long was lost with its instance; its key may be used again. */
const STALE_MS = 5 * 60_000;
/** Keys are remembered this long (the draft leaves it to the server; clients retry within minutes). */
const EXPIRY_MS = 24 * 3_600_000;

/** JSON with object keys sorted, so {"a":1,"b":2} and {"b":2,"a":1} are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fingerprint(request: FastifyRequest): string {
  const path = request.url.split('?')[0];
  return createHash('sha256').update(`${request.method} ${path}\n${canonical(request.body ?? null)}`).digest('hex');
}

/** Adds the Idempotency-Key hooks to an encapsulated context (after authentication). */
export function installIdempotency(app: FastifyInstance, deps: HttpDeps): void {
  if (!app.hasRequestDecorator('idempotency')) {
    app.decorateRequest('idempotency', null);
    app.decorateRequest('idempotencyKey', null);
  }

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers['idempotency-key'];
    if (!request.routeOptions.config.idempotent || typeof key !== 'string' || !request.principal) return;
    const principal = request.principal;
    const id: IdempotencyId = {
      scope: principal.tokenId ? `token:${principal.tokenId}` : `agent:${principal.agentId}`,
      endpoint: `${request.method} ${request.routeOptions.url}`,
      key,
    };
    const print = fingerprint(request);
    const now = deps.clock.now().getTime();
    const existing = await deps.store.idempotency.claim(
      id,
      print,
      new Date(now).toISOString(),
      new Date(now - STALE_MS).toISOString(),
      new Date(now - EXPIRY_MS).toISOString(),
    );
    if (!existing) {
      request.idempotency = id;
      request.idempotencyKey = `${key}#${print.slice(0, 16)}`;
      return;
    }
    if (existing.fingerprint !== print) {
      return reply.code(422).type('application/json; charset=utf-8').send({
        error: {
          code: 'invalid_input',
          message: 'This Idempotency-Key was already used for a different request (another body or another ticket). Use a new key for each new request.',
        },
      });
    }
    if (existing.statusCode === null) {
      throw new AppError('conflict', 'A request with this Idempotency-Key is still being processed. Wait for its answer, then retry.');
    }
    return reply.code(existing.statusCode).type('application/json; charset=utf-8').header('idempotent-replayed', 'true').send(existing.response);
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const id = request.idempotency;
    if (!id) return payload;
    request.idempotency = null;
    try {
      if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
        await deps.store.idempotency.complete(id, reply.statusCode, payload);
      } else {
        await deps.store.idempotency.release(id);
      }
    } catch (err) {
      // The request itself is done; a key left in flight frees itself after STALE_MS.
      request.log.warn({ area: 'http', err: { code: (err as { code?: string }).code } }, 'idempotency key not stored');
    }
    return payload;
  });
}
