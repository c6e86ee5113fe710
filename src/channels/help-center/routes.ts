/**
 * The help center's public API: brands and official contacts, the guided request form, and the private status
 * page (read, answer, upload, download). Status-page calls carry the link's token in the X-Portal-Token header,
 * never in a URL, so it stays out of logs, histories and Referer headers. Every portal failure to find a
 * request is the same 404.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { officialChannelsOf } from '../../app/official-channels.js';
import { PLATFORM_NAMES } from '../../verify/index.js';
import { localiseMarkers } from '../../shield/index.js';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError, notFound } from '../../core/errors.js';
import { setupNeeded } from '../../app/complete-setup.js';
import { HELP_FIELDS, HELP_KINDS, helpBrand, submitHelpRequest } from './submit-help-request.js';
import { answerOnPortal, readPortalAttachment, readPortalRequest, uploadOnPortal } from './portal-links.js';
import type { HttpDeps } from '../../http/deps.js';
import { readUploadedFile, sendDownload } from '../../http/routes/attachments.js';
import {
  HelpBrandList,
  HelpContactJson,
  HelpContactQuery,
  HelpFormJson,
  HelpRequestBody,
  HelpRequestCreated,
  Id,
  PortalAnswerBody,
  PortalAnswerCreated,
  PortalFile,
  PortalRequestJson,
  PortalRequestQuery,
  errors,
} from '../../contract/index.js';

export const PORTAL_TOKEN_HEADER = 'x-portal-token';
/** New requests one client address may send in ten minutes (a shared mobile-carrier address holds many people). */
export const HELP_REQUESTS_PER_10_MIN = 20;

function portalToken(request: FastifyRequest): string {
  const raw = request.headers[PORTAL_TOKEN_HEADER];
  if (typeof raw !== 'string' || raw === '') throw notFound('Request');
  return raw;
}

// Limits are per client address: the form and the status page are open to anyone.
const perIp = (max: number, timeWindow: string) => ({ public: true, rateLimit: { max, timeWindow, keyGenerator: (r: FastifyRequest) => `help:${r.ip}` } });

export const helpRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  // Until the first admin exists nobody can answer: the placeholder brand made at start takes no requests and is
  // not offered. Once set up, a desk stays set up, so the answer is kept.
  let open = false;
  const deskOpen = async (): Promise<boolean> => (open ||= !(await setupNeeded(deps)));

  app.get(
    '/help/brands',
    {
      config: perIp(120, '1 minute'),
      schema: {
        tags: ['help center'],
        security: [],
        summary: 'The wallet apps this help center serves (public)',
        response: { 200: HelpBrandList },
      },
    },
    async () => ({
      brands: (await deskOpen()) ? (await deps.store.brands.list()).map((b) => ({ slug: b.slug, name: b.name, default_language: b.defaultLanguage })) : [],
    }),
  );

  app.get(
    '/help/form',
    {
      config: perIp(120, '1 minute'),
      schema: {
        tags: ['help center'],
        security: [],
        summary: 'The kinds of problem the form offers and the details each asks for',
        response: { 200: HelpFormJson },
      },
    },
    async () => ({ kinds: HELP_KINDS.map((id) => ({ id, fields: [...HELP_FIELDS[id]] })) }),
  );

  app.get(
    '/help/contact',
    {
      config: perIp(120, '1 minute'),
      schema: {
        tags: ['help center'],
        security: [],
        summary: "How to reach this provider officially: the brand's support addresses, and the official-channel registry's entries",
        querystring: HelpContactQuery,
        response: { 200: HelpContactJson, ...errors(400, 404, 429) },
      },
    },
    async (request) => {
      const brand = await helpBrand(deps, request.query.brand);
      // The official-channel registry: websites, social accounts and apps, plus any further addresses.
      const [official] = deps.officialChannels ? await officialChannelsOf(deps.officialChannels, brand.id) : [];
      const entry = official?.entry;
      const channels = entry
        ? [
            ...entry.domains.map((d) => ({ kind: 'website', value: d, label: null })),
            ...entry.handles.map((h) => ({ kind: h.platform, value: h.handle, label: PLATFORM_NAMES[h.platform]?.en ?? h.platform })),
            ...(entry.app_ids ?? []).map((a) => ({ kind: 'app', value: a.id, label: a.store })),
          ]
        : [];
      return {
        brand: { name: brand.name, slug: brand.slug },
        emails: [...new Set([...brand.supportEmails, ...(entry?.emails ?? [])])],
        phones: [...new Set([...brand.phoneNumbers, ...(entry?.phones ?? [])])],
        channels,
      };
    },
  );

  app.post(
    '/help/requests',
    {
      config: perIp(HELP_REQUESTS_PER_10_MIN, '10 minutes'),
      schema: {
        tags: ['help center'],
        security: [],
        summary: 'Send a request from the help center; answers with the private status link (shown once)',
        body: HelpRequestBody,
        response: { 201: HelpRequestCreated, ...errors(400, 404, 413, 429, 503) },
      },
    },
    async (request, reply) => {
      if (!(await deskOpen())) throw new AppError('unavailable', 'This help center opens once the desk is set up: no one could answer yet. Please try again later.');
      const b = request.body;
      const { result, link } = await submitHelpRequest(deps, {
        brand: b.brand,
        kind: b.kind,
        email: b.email,
        name: b.name,
        description: b.description,
        language: b.language,
        details: b.details,
        clientKey: b.client_key,
        userAgent: request.headers['user-agent'] ?? null,
      });
      return reply.code(201).header('cache-control', 'no-store').send({ number: result.ticket.number, status_path: link.path, expires_at: link.expiresAt });
    },
  );

  app.get(
    '/portal/request',
    {
      config: perIp(120, '1 minute'),
      schema: {
        tags: ['help center'],
        security: [],
        summary:
          'The request a status link opens: its public conversation, the desk\'s own messages included (send the token as X-Portal-Token). ' +
          'Removed-secret markers are written in `lang` (zh-CN or en; default: the conversation\'s language).',
        querystring: PortalRequestQuery,
        response: { 200: PortalRequestJson, ...errors(400, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const view = await readPortalRequest(deps, portalToken(request));
      const files = new Map<string, Array<{ id: string; filename: string; content_type: string; size: number }>>();
      for (const a of view.attachments) {
        if (a.messageId) files.set(a.messageId, [...(files.get(a.messageId) ?? []), { id: a.id, filename: a.filename, content_type: a.contentType, size: a.size }]);
      }
      reply.header('cache-control', 'no-store');
      const lang = request.query.lang ?? view.ticket.language;
      return {
        number: view.ticket.number,
        subject: localiseMarkers(view.ticket.subject, lang),
        status: view.ticket.status,
        created_at: view.ticket.createdAt,
        updated_at: view.ticket.updatedAt,
        expires_at: view.expiresAt,
        brand: { name: view.brand?.name ?? '', slug: view.brand?.slug ?? '' },
        details: view.ticket.details,
        messages: view.messages.map((m) => ({
          id: m.id,
          body: localiseMarkers(m.body, lang),
          from: m.authorType === 'customer' ? ('you' as const) : m.authorType === 'system' ? ('system' as const) : ('support' as const),
          author_name: m.authorType === 'agent' && m.authorId ? (view.agentNames.get(m.authorId) ?? null) : null,
          attachments: files.get(m.id) ?? [],
          created_at: m.createdAt,
        })),
      };
    },
  );

  app.post(
    '/portal/request/messages',
    {
      config: perIp(30, '1 minute'),
      schema: {
        tags: ['help center'],
        security: [],
        summary: "The customer's answer on the status page",
        body: PortalAnswerBody,
        response: { 201: PortalAnswerCreated, ...errors(400, 404, 413, 429, 503) },
      },
    },
    async (request, reply) => {
      const { result, followUpLink } = await answerOnPortal(deps, portalToken(request), {
        body: request.body.body,
        attachmentIds: request.body.attachment_ids,
        clientKey: request.body.client_key,
      });
      return reply.code(201).send({ message_id: result.message.id, follow_up_path: followUpLink?.path ?? null });
    },
  );

  app.post(
    '/portal/attachments',
    {
      config: perIp(30, '1 minute'),
      schema: {
        tags: ['help center'],
        security: [],
        summary: 'Upload a file on the status page (multipart, field "file"); send its id with the next answer',
        consumes: ['multipart/form-data'],
        response: { 201: PortalFile, ...errors(400, 404, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const token = portalToken(request);
      const a = await uploadOnPortal(deps, token, () => readUploadedFile(request, deps.config.maxAttachmentBytes), deps.config.maxAttachmentBytes);
      return reply.code(201).send({ id: a.id, filename: a.filename, content_type: a.contentType, size: a.size });
    },
  );

  app.get(
    '/portal/attachments/:id',
    {
      config: perIp(120, '1 minute'),
      schema: {
        tags: ['help center'],
        security: [],
        summary: 'Download a file of the request (send the token as X-Portal-Token)',
        params: Type.Object({ id: Id }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(404, 429, 503) },
      },
    },
    async (request, reply) => {
      const { attachment, bytes } = await readPortalAttachment(deps, portalToken(request), request.params.id);
      return sendDownload(reply, attachment, bytes);
    },
  );
};
