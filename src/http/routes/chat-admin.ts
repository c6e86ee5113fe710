/**
 * The desk's side of live chat in /api/v1: each brand's chat settings and secret (admins), and what an agent
 * sees about a chat's visitor (verified or not, online, read receipts). Conversations themselves are tickets.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readChatSettings, rotateChatSecret, updateChatSettings } from '../../app/chat-settings.js';
import { readChatFacts } from '../../app/chat-session.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { chatSnippet, presentChatFacts, presentChatSettings } from '../chat-presenters.js';
import { Id, errors } from '../schemas.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const BrandParams = Type.Object({ id: Id });

const ChatSettingsJson = Type.Object({
  enabled: Type.Boolean(),
  enforce_identity: Type.Boolean(),
  allowed_origins: Type.Array(Type.String()),
  reply_within_hours: Type.Integer(),
  secret_set: Type.Boolean(),
  snippet: Type.String(),
});

const ChatSettingsPatch = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    enforce_identity: Type.Optional(Type.Boolean()),
    allowed_origins: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })),
    reply_within_hours: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

const ChatFactsJson = Type.Object({
  verified: Type.Boolean(),
  user_id: Nullable(Type.String()),
  claimed_user_id: Nullable(Type.String()),
  email: Nullable(Type.String()),
  name: Nullable(Type.String()),
  kind: Nullable(Type.String()),
  language: Nullable(Type.String()),
  online: Type.Boolean(),
  visitor_read_up_to: Nullable(Type.String()),
  agent_read_up_to: Nullable(Type.String()),
});

export const chatAdminRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const tags = ['chat'];
  app.get(
    '/brands/:id/chat-settings',
    { schema: { tags, summary: "A brand's live-chat settings (admins)", params: BrandParams, response: { 200: ChatSettingsJson, ...errors(401, 403, 404) } } },
    async (request) =>
      presentChatSettings(await readChatSettings(deps, principalOf(request), request.params.id), chatSnippet(deps.config.publicUrl, request.params.id)),
  );

  app.patch(
    '/brands/:id/chat-settings',
    {
      schema: { tags, summary: "Change a brand's live-chat settings (admins)", params: BrandParams, body: ChatSettingsPatch, response: { 200: ChatSettingsJson, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      const b = request.body;
      const next = await updateChatSettings(deps, principalOf(request), request.params.id, {
        enabled: b.enabled,
        enforceIdentity: b.enforce_identity,
        allowedOrigins: b.allowed_origins,
        replyWithinHours: b.reply_within_hours,
      });
      return presentChatSettings(next, chatSnippet(deps.config.publicUrl, request.params.id));
    },
  );

  app.post(
    '/brands/:id/chat-secret',
    {
      schema: {
        tags,
        summary: "Rotate the brand's chat secret (admins); the new secret is shown only in this answer",
        params: BrandParams,
        response: { 200: Type.Object({ secret: Type.String() }), ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const secret = await rotateChatSecret(deps, principalOf(request), request.params.id);
      return reply.header('cache-control', 'no-store').send({ secret });
    },
  );

  app.get(
    '/tickets/:id/chat',
    { schema: { tags, summary: "A chat's visitor: verified or not, online, read receipts", params: BrandParams, response: { 200: ChatFactsJson, ...errors(401, 404) } } },
    async (request) => presentChatFacts(await readChatFacts(deps, principalOf(request), request.params.id)),
  );
};
