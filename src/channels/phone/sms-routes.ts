/**
 * POST /hooks/sms/twilio/status: the provider's status callback of a text message the desk sent (issue 18: the
 * SMS freeze link). Signed like the voice webhooks (X-Twilio-Signature over PUBLIC_URL + path + query and the
 * form parameters), keyed with the auth token of the number that sent it (`From`), else TWILIO_AUTH_TOKEN. The
 * query names the ticket, and the message must be one the desk texted on it; each final state is recorded.
 */
import type { FastifyPluginAsync } from 'fastify';
import { AppError, notFound } from '../../core/errors.js';
import type { HttpDeps } from '../../http/deps.js';
import { recordTextStatus } from '../../app/freeze-link.js';
import { validTwilioSignature, type FormParams } from './signature.js';
import { webhookToken } from './credentials.js';
import { SMS_STATUS_PATH } from './sms.js';

const one = (params: FormParams, name: string, max = 64): string | null => {
  const v = params[name];
  const s = typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? null) : null;
  return s === null ? null : s.slice(0, max);
};

export const smsRoutes: FastifyPluginAsync<{ deps: HttpDeps }> = async (app, { deps }) => {
  app.post(SMS_STATUS_PATH, { config: { signedBody: true }, schema: { hide: true } }, async (request, reply) => {
    const body = request.body;
    const params: FormParams = {};
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (typeof v === 'string') params[k] = v;
    }
    const header = request.headers['x-twilio-signature'];
    const token = await webhookToken(deps, deps.config.twilioAuthToken ?? null, one(params, 'From', 40));
    if (!token || !validTwilioSignature(token, typeof header === 'string' ? header : undefined, `${deps.config.publicUrl}${request.url}`, params)) {
      request.log.warn({ area: 'phone', path: SMS_STATUS_PATH }, 'SMS status callback with a bad or missing signature');
      throw new AppError('forbidden', 'This request is not signed by the phone provider (X-Twilio-Signature).');
    }
    const ticketId = (request.query as Record<string, string | undefined>).ticket ?? '';
    const sid = one(params, 'MessageSid') ?? one(params, 'SmsSid');
    const status = one(params, 'MessageStatus', 20) ?? one(params, 'SmsStatus', 20);
    if (!/^[0-9a-f-]{36}$/i.test(ticketId) || !sid || !status) throw notFound('Message');
    await recordTextStatus(deps, ticketId, sid, status, one(params, 'ErrorCode', 10));
    return reply.code(204).send();
  });
};
