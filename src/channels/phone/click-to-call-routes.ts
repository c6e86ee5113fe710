/**
 * POST /hooks/voice/twilio/c2c/{answer,confirm,status,customer-status,dial-done}: the provider's requests about a callback
 * the desk placed (click-to-call, place-callback.ts). The query names the placement (the outbound call) and its
 * key; each request is signed like the other voice webhooks (X-Twilio-Signature over PUBLIC_URL + path + query and
 * the form parameters), keyed with the auth token of the line the call was placed from (its account's, else
 * TWILIO_AUTH_TOKEN). A missing or wrong signature, or an unknown placement, gets 403 before anything is recorded.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import type { HttpDeps } from '../../http/deps.js';
import { validTwilioSignature, type FormParams } from './signature.js';
import { webhookToken } from './credentials.js';
import { VOICE_BASE_PATH } from './ivr.js';
import { twiml } from './twiml.js';
import { agentLegStatus, answerPlacement, confirmPlacement, customerLegStatus, finishPlacementDial, placementOf } from './place-callback.js';
import type { CallRecord } from './phone-ports.js';

function formParams(body: unknown): FormParams | null {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) return null;
  const out: FormParams = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') out[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[name] = value as string[];
    else return null;
  }
  return out;
}

const one = (params: FormParams, name: string, max = 20): string => {
  const v = params[name];
  const s = typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';
  return s.slice(0, max);
};

const seconds = (params: FormParams, name: string): number | null => {
  const v = one(params, name, 12);
  return /^\d{1,9}$/.test(v) ? Number(v) : null;
};

export const clickToCallRoutes: FastifyPluginAsync<{ deps: HttpDeps }> = async (app, { deps }) => {
  const base = `${VOICE_BASE_PATH}/c2c`;
  // The placement a request is about, once its signature is checked.
  const placements = new WeakMap<FastifyRequest, CallRecord>();
  const placement = (request: FastifyRequest): CallRecord => placements.get(request)!;
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const params = formParams(request.body);
    const call = params === null ? null : await placementOf(deps, request.query as Record<string, string | undefined>);
    const token = call ? await webhookToken(deps, deps.config.twilioAuthToken ?? null, call.fromRaw) : null;
    const header = request.headers['x-twilio-signature'];
    if (!call || params === null || !token || !validTwilioSignature(token, typeof header === 'string' ? header : undefined, `${deps.config.publicUrl}${request.url}`, params)) {
      request.log.warn({ area: 'phone', path: request.url.split('?')[0] }, 'click-to-call webhook with a bad or missing signature');
      throw new AppError('forbidden', 'This request is not signed by the phone provider (X-Twilio-Signature).');
    }
    placements.set(request, call);
  });
  const xml = (reply: FastifyReply, body: string) => reply.code(200).type('text/xml; charset=utf-8').send(body);
  const options = { config: { signedBody: true }, schema: { hide: true } };

  app.post(`${base}/answer`, options, async (request, reply) => xml(reply, await answerPlacement({ ...deps, publicUrl: deps.config.publicUrl }, placement(request))));
  // The agent's key press after hearing whom they call (Gather action; Digits empty when nothing was pressed).
  app.post(`${base}/confirm`, options, async (request, reply) => {
    const digits = one(formParams(request.body) ?? {}, 'Digits', 8);
    return xml(reply, await confirmPlacement({ ...deps, publicUrl: deps.config.publicUrl }, placement(request), digits));
  });
  app.post(`${base}/status`, options, async (request, reply) => {
    const params = formParams(request.body) ?? {};
    await agentLegStatus(deps, placement(request), one(params, 'CallStatus'), seconds(params, 'CallDuration'));
    return xml(reply, twiml([]));
  });
  app.post(`${base}/customer-status`, options, async (request, reply) => {
    await customerLegStatus(deps, placement(request), one(formParams(request.body) ?? {}, 'CallStatus'));
    return xml(reply, twiml([]));
  });
  app.post(`${base}/dial-done`, options, async (request, reply) => {
    const params = formParams(request.body) ?? {};
    return xml(reply, await finishPlacementDial(deps, placement(request), one(params, 'DialCallStatus') || 'failed', seconds(params, 'DialCallDuration')));
  });
};
