/**
 * The one place where failures become HTTP responses. Every error body is {"error": {"code", "message"}};
 * a 500 never carries internals (the log has them, under the request id the client sees).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, type ErrorCode } from '../core/errors.js';
import { databaseFailureKind } from '../app/store-errors.js';

export const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown>; request_id?: string };
}

/** Database or network failures that a retry may cure, or that only an operator can: answered 503, not 500. */
export function isTransientFailure(err: unknown): boolean {
  return databaseFailureKind(err) !== null;
}

function send(reply: FastifyReply, code: ErrorCode, message: string, details?: Record<string, unknown>, status = STATUS[code]): FastifyReply {
  const body: ErrorBody = { error: { code, message, ...(details ? { details } : {}) } };
  if (status >= 500) body.error.request_id = String(reply.request.id);
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

function validationMessage(err: FastifyError): string {
  const first = err.validation?.[0];
  if (!first) return 'The request is not valid.';
  const where = `${err.validationContext ?? 'request'}${first.instancePath ? first.instancePath.replace(/\//g, '.') : ''}`;
  const allowed = (first.params as { allowedValues?: unknown[] } | undefined)?.allowedValues;
  if (allowed) return `${where} must be one of: ${allowed.join(', ')}.`;
  const missing = (first.params as { missingProperty?: string } | undefined)?.missingProperty;
  if (missing) return `${where}.${missing} is required.`;
  const extra = (first.params as { additionalProperty?: string } | undefined)?.additionalProperty;
  if (extra) return `${where}.${extra} is not a known field.`;
  return `${where} ${first.message ?? 'is not valid'}.`;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (isAppError(err)) return send(reply, err.code, err.message, err.details);
    if (err.validation) return send(reply, 'invalid_input', validationMessage(err));
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, 'invalid_input', 'The request body is not valid JSON.');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, 'payload_too_large', 'The request body is too large.');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, 'invalid_input', 'Send the body as application/json.', undefined, 415);
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, 'invalid_input', 'The Content-Length does not match the body.');
      case 'FST_REQ_FILE_TOO_LARGE':
        return send(reply, 'payload_too_large', 'The file is too large.');
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(reply, 'invalid_input', 'Upload the file as multipart/form-data.', undefined, 415);
    }
    if (err instanceof SyntaxError) return send(reply, 'invalid_input', 'The request body is not valid JSON.');
    if (err.statusCode === 429) return send(reply, 'rate_limited', 'Too many requests. Wait a minute and try again.');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(reply, 'invalid_input', 'The request is not valid.', undefined, err.statusCode);
    }
    if (isTransientFailure(err)) {
      request.log.warn({ area: 'http', err: { code: (err as { code?: string }).code } }, 'dependency unavailable');
      return send(reply, 'unavailable', 'The desk cannot reach its database right now. Nothing was saved; try again in a moment.');
    }
    request.log.error({ area: 'http', err }, 'unhandled error');
    return send(reply, 'internal', 'Something went wrong on our side. Try again; if it keeps failing, give the admins the request id.');
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, 'not_found', `There is no ${request.method} ${request.url.split('?')[0]}. See /api/docs for the API.`),
  );
}
