/**
 * The desk's side of live chat in /api/v1: each brand's chat settings and secret (admins), and what an agent
 * sees about a chat's visitor (verified or not, online, read receipts). Conversations themselves are tickets.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readChatSettings, rotateChatSecret, updateChatSettings } from './chat-settings.js';
import { readChatFacts } from './chat-session.js';
import { principalOf } from '../../http/auth.js';
import type { HttpDeps } from '../../http/deps.js';
import { chatSnippet, presentChatFacts, presentChatSettings } from './presenters.js';
import { ChatFactsJson, ChatSecret, ChatSettingsJson, ChatSettingsPatch, IdParams, errors } from '../../contract/index.js';

export const chatAdminRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const tags = ['chat'];
  app.get(
    '/brands/:id/chat-settings',
    { schema: { tags, summary: "A brand's live-chat settings (admins)", params: IdParams, response: { 200: ChatSettingsJson, ...errors(401, 403, 404) } } },
    async (request) =>
      presentChatSettings(await readChatSettings(deps, principalOf(request), request.params.id), chatSnippet(deps.config.publicUrl, request.params.id)),
  );

  app.patch(
    '/brands/:id/chat-settings',
    {
      schema: { tags, summary: "Change a brand's live-chat settings (admins)", params: IdParams, body: ChatSettingsPatch, response: { 200: ChatSettingsJson, ...errors(400, 401, 403, 404) } },
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
        params: IdParams,
        response: { 200: ChatSecret, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const secret = await rotateChatSecret(deps, principalOf(request), request.params.id);
      return reply.header('cache-control', 'no-store').send({ secret });
    },
  );

  app.get(
    '/tickets/:id/chat',
    { schema: { tags, summary: "A chat's visitor: verified or not, online, read receipts", params: IdParams, response: { 200: ChatFactsJson, ...errors(401, 404) } } },
    async (request) => presentChatFacts(await readChatFacts(deps, principalOf(request), request.params.id)),
  );
};
