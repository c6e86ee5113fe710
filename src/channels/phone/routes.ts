/**
 * POST /hooks/voice/twilio and its action URLs: the phone hotline's webhooks, answered with TwiML (text/xml).
 * Outside /api/v1: the provider authenticates each request with X-Twilio-Signature over PUBLIC_URL + path +
 * query and the form parameters, keyed with the auth token of the dialled number's account, or TWILIO_AUTH_TOKEN
 * for numbers without one (credentials.ts). A missing or wrong signature gets 403 before anything is read or recorded.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import { VOICE_BASE_PATH, voiceUrls } from './ivr.js';
import { validTwilioSignature, type FormParams } from './signature.js';
import { handleVoiceWebhook, VOICE_STEPS } from './voice-webhook.js';
import { webhookNumber, webhookToken } from './credentials.js';
import type { HttpDeps } from '../../http/deps.js';
import { canOfferFreeze } from '../../app/freeze-account.js';
import { canTextFreezeLink, sendFreezeLinkFromCall } from '../../app/freeze-link.js';
import type { EmergencyHook } from './phone-ports.js';
import { smsRoutes } from './sms-routes.js';
import { clickToCallRoutes } from './click-to-call-routes.js';

function formParams(body: unknown): FormParams | null {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) return null;
  const out: FormParams = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') out[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[name] = value as string[];
    else return null; // not a form post (JSON, nested objects): Twilio never sends these
  }
  return out;
}

export const voiceRoutes: FastifyPluginAsync<{ deps: HttpDeps }> = async (app, { deps }) => {
  const urls = voiceUrls(deps.config.publicUrl);
  // The emergency menu offers "press 1 to freeze now" when the brand can freeze (custodial, webhook set).
  const textFreezeLink = async (ticketId: string) => (await sendFreezeLinkFromCall(deps, ticketId, deps.config.publicUrl)) !== null;
  // "Press 3" too when the brand can text the link to the number on the account (issue 18).
  const offerFreeze: EmergencyHook = async (e) => {
    const freezeOffered = await canOfferFreeze(deps.store, e.brandId, e.customerId);
    return { freezeOffered, smsOffered: freezeOffered && (await canTextFreezeLink(deps, e.brandId, e.customerId)) };
  };

  app.addHook('preHandler', async (request: FastifyRequest) => {
    const params = formParams(request.body);
    const header = request.headers['x-twilio-signature'];
    const signature = typeof header === 'string' ? header : undefined;
    // The number's own auth token (its phone account in Admin → Channels) wins over TWILIO_AUTH_TOKEN.
    const token = params === null ? null : await webhookToken(deps, deps.config.twilioAuthToken ?? null, await webhookNumber(deps, params));
    if (params !== null && !token) {
      throw new AppError('unavailable', "The phone line is not configured for this number: add its auth token in Admin → Channels, or set TWILIO_AUTH_TOKEN.");
    }
    if (params === null || !token || !validTwilioSignature(token, signature, `${deps.config.publicUrl}${request.url}`, params)) {
      request.log.warn({ area: 'phone', path: request.url.split('?')[0] }, 'voice webhook with a bad or missing signature');
      throw new AppError('forbidden', 'This request is not signed by the phone provider (X-Twilio-Signature).');
    }
  });

  for (const step of VOICE_STEPS) {
    const path = step === 'incoming' ? VOICE_BASE_PATH : `${VOICE_BASE_PATH}/${step}`;
    app.post(path, { config: { signedBody: true }, schema: { hide: true } }, async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const xml = await handleVoiceWebhook(
        { ...deps, onEmergencyCall: deps.phone?.onEmergencyCall ?? offerFreeze, textFreezeLink },
        step,
        formParams(request.body) ?? {},
        query,
        urls,
      );
      return reply.code(200).type('text/xml; charset=utf-8').send(xml);
    });
  }
};

/**
 * The voice webhooks, the click-to-call webhooks and the SMS status callback, each in its own context (each checks
 * its own signature).
 */
export const phoneRoutes: FastifyPluginAsync<{ deps: HttpDeps }> = async (app, options) => {
  await app.register(voiceRoutes, options);
  await app.register(clickToCallRoutes, options);
  await app.register(smsRoutes, options);
};
