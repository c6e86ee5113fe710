/**
 * /api/v1/calls: the console's side of the hotline. The queue (emergencies first), taking a waiting call,
 * a call's record, the callbacks to make, and each brand's hotline settings (admins change them).
 */
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { notFound } from '../../core/errors.js';
import { canSeeBrand } from '../../core/policy.js';
import { loadPhoneSettings, updatePhoneSettings, type PhoneSettings } from './phone-settings.js';
import { completeCallback, getCall, listCallbacks, listCallLog, listCallQueue } from './read-calls.js';
import { requestCallback } from './request-callback.js';
import { invalid } from '../../core/errors.js';
import { takeCall, takeUnavailable } from './take-call.js';
import { getAgentPhone, placeCallback, setAgentPhone } from './place-callback.js';
import { principalOf } from '../../http/auth.js';
import type { HttpDeps } from '../../http/deps.js';
import {
  presentCall,
  presentCallback,
  presentLoggedCall,
  presentCallStep,
  presentPhoneSettings,
  presentQueuedCall,
} from './presenters.js';
import {
  AgentPhoneJson,
  AgentPhonePut,
  BrandIdParams,
  CallbackCreate,
  CallbackJson,
  CallbackList,
  CallLog,
  CallLogQuery,
  CallbacksQuery,
  CallDetail,
  CallJson,
  CallQueue,
  CallQueueQuery,
  IdParams,
  PhoneSettingsJson,
  PhoneSettingsPatch,
  errors,
} from '../../contract/index.js';

function settingsPatch(body: Static<typeof PhoneSettingsPatch>): Partial<PhoneSettings> {
  return {
    ivrLanguage: body.ivr_language,
    hours: body.hours as PhoneSettings['hours'] | undefined,
    holidays: body.holidays,
    maxQueue: body.max_queue,
    emergencyAfterHours: body.emergency_after_hours,
    prompts: body.prompts as PhoneSettings['prompts'] | undefined,
    transcribe: body.transcribe,
  };
}

function readCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return { at: v[0], id: v[1] };
  } catch {
    // fall through: a cursor this server did not write
  }
  throw invalid('The cursor is not valid. Start again without it.', { field: 'cursor' });
}

/** Placements one agent may start in a minute (each rings two phones at the provider's price). */
const PLACEMENTS_PER_MINUTE = 10;

export const callRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const takeDeps = { ...deps, voice: deps.phone?.voice ?? null };

  app.get(
    '/calls/queue',
    {
      schema: {
        tags: ['calls'],
        querystring: CallQueueQuery,
        response: { 200: CallQueue, ...errors(400, 401) },
      },
    },
    async (request) => {
      const calls = (await listCallQueue(deps, principalOf(request), request.query.brand_id)).map(presentQueuedCall);
      const available = takeDeps.voice !== null && ((await takeDeps.voice.ready?.()) ?? true);
      const missing = available ? [] : (takeDeps.voice?.missingSettings?.() ?? ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN']);
      return { calls, take_available: available, take_unavailable_reason: available ? null : takeUnavailable(missing), take_unavailable_missing: missing };
    },
  );

  app.get(
    '/calls/callbacks',
    {
      schema: {
        tags: ['calls'],
        querystring: CallbacksQuery,
        response: { 200: CallbackList, ...errors(400, 401) },
      },
    },
    async (request) => ({ callbacks: (await listCallbacks(deps, principalOf(request), request.query.status, request.query.ticket_id)).map(presentCallback) }),
  );

  app.post(
    '/calls/callbacks',
    {
      schema: {
        tags: ['calls'],
        summary: "Add a callback task for a phone ticket's caller (201; 200 when a done one is opened again). An agent places it (POST /calls/callbacks/:id/place) or dials it by hand and marks it done",
        body: CallbackCreate,
        response: { 200: CallbackJson, 201: CallbackJson, ...errors(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const r = await requestCallback(deps, principalOf(request), request.body.ticket_id);
      return reply.code(r.created ? 201 : 200).send(presentCallback(r.callback));
    },
  );

  app.get(
    '/calls/log',
    { schema: { tags: ['calls'], summary: 'The call log: calls of your brands, newest first', querystring: CallLogQuery, response: { 200: CallLog, ...errors(400, 401) } } },
    async (request) => {
      const r = await listCallLog(deps, principalOf(request), { brandId: request.query.brand_id, limit: request.query.limit, before: readCursor(request.query.cursor) });
      return { calls: r.calls.map(presentLoggedCall), next_cursor: r.next ? Buffer.from(JSON.stringify([r.next.at, r.next.id])).toString('base64url') : null };
    },
  );

  app.post(
    '/calls/callbacks/:id/done',
    { schema: { tags: ['calls'], params: IdParams, response: { 200: CallbackJson, ...errors(401, 404, 409) } } },
    async (request) => presentCallback(await completeCallback(deps, principalOf(request), request.params.id)),
  );

  app.post(
    '/calls/callbacks/:id/place',
    {
      // Each placement rings two phones at the provider's price: ten a minute per agent is more than anyone dials.
      config: { rateLimit: { max: PLACEMENTS_PER_MINUTE, timeWindow: '1 minute', keyGenerator: (r: FastifyRequest) => `c2c:${r.principal?.agentId ?? r.ip}` } },
      schema: {
        tags: ['calls'],
        summary: "Place a callback through the phone provider: it rings your own number (your profile's), then, when you answer, the customer from the brand's line. Status changes arrive as call.callback_status notices",
        params: IdParams,
        response: { 200: CallbackJson, ...errors(401, 404, 409, 429, 503) },
      },
    },
    async (request) => presentCallback(await placeCallback({ ...deps, voice: deps.phone?.voice ?? null, publicUrl: deps.config.publicUrl }, principalOf(request), request.params.id)),
  );

  app.get(
    '/calls/agents/:id/phone',
    { schema: { tags: ['calls'], summary: "An agent's own number for click-to-call (the agent themself and admins)", params: IdParams, response: { 200: AgentPhoneJson, ...errors(401, 403, 404) } } },
    async (request) => ({ agent_id: request.params.id, phone: await getAgentPhone(deps, principalOf(request), request.params.id) }),
  );

  app.put(
    '/calls/agents/:id/phone',
    {
      schema: {
        tags: ['calls'],
        summary: "Set (or, with null, clear) an agent's own number, in international form; the agent themself and admins",
        params: IdParams,
        body: AgentPhonePut,
        response: { 200: AgentPhoneJson, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({ agent_id: request.params.id, phone: await setAgentPhone(deps, principalOf(request), request.params.id, request.body.phone) }),
  );

  app.get(
    '/calls/settings/:brand_id',
    { schema: { tags: ['calls'], params: BrandIdParams, response: { 200: PhoneSettingsJson, ...errors(401, 404) } } },
    async (request) => {
      if (!canSeeBrand(principalOf(request), request.params.brand_id) || !(await deps.store.brands.get(request.params.brand_id))) throw notFound('Brand');
      return presentPhoneSettings(await loadPhoneSettings(deps.store, request.params.brand_id));
    },
  );

  app.patch(
    '/calls/settings/:brand_id',
    { schema: { tags: ['calls'], params: BrandIdParams, body: PhoneSettingsPatch, response: { 200: PhoneSettingsJson, ...errors(400, 401, 403, 404) } } },
    async (request) => presentPhoneSettings(await updatePhoneSettings(deps, principalOf(request), request.params.brand_id, settingsPatch(request.body))),
  );

  app.get(
    '/calls/:id',
    { schema: { tags: ['calls'], params: IdParams, response: { 200: CallDetail, ...errors(401, 404) } } },
    async (request) => {
      const { call, steps } = await getCall(deps, principalOf(request), request.params.id);
      return { call: presentCall(call), steps: steps.map(presentCallStep) };
    },
  );

  app.post(
    '/calls/:id/take',
    { schema: { tags: ['calls'], params: IdParams, response: { 200: CallJson, ...errors(401, 404, 409, 503) } } },
    async (request) => presentCall(await takeCall(takeDeps, principalOf(request), request.params.id)),
  );
};
