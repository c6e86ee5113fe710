/**
 * /api/v1/channel-accounts: a brand's mailboxes, phone numbers and bots (admins). Settings are checked by the
 * channel module's own schema (from HttpDeps.channels); secrets are write-only: a response names the secret
 * fields that are set, never their values.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createChannelAccount, listChannelAccounts, updateChannelAccount, type ChannelAccountView, type ChannelSettingsSpec } from '../../app/channel-accounts.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { ChannelAccountCreate, ChannelAccountJson, ChannelAccountKindJson, ChannelAccountPatch, ChannelKind, Id, errors } from '../../contract/index.js';

function present(a: ChannelAccountView) {
  return {
    id: a.id,
    brand_id: a.brandId,
    kind: a.kind,
    name: a.name,
    settings: a.settings,
    secrets_set: a.secretsSet,
    enabled: a.enabled,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

export const channelAccountRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const tags = ['channels'];
  const specs: ChannelSettingsSpec[] = deps.channels.flatMap((c) => (c.settings ? [c.settings] : []));

  app.get(
    '/channel-accounts/kinds',
    { schema: { tags, summary: 'The channel kinds that take accounts, with their settings schema and secret fields', response: { 200: Type.Object({ kinds: Type.Array(ChannelAccountKindJson) }), ...errors(401) } } },
    async () => ({
      kinds: specs.map((s) => ({ kind: s.kind, settings_schema: s.schema, secret_fields: [...s.secretFields], required_secrets: [...(s.requiredSecrets ?? [])] })),
    }),
  );

  app.get(
    '/channel-accounts',
    {
      schema: {
        tags,
        summary: 'Channel accounts of every brand, or of one brand or kind (admins)',
        querystring: Type.Object({ brand_id: Type.Optional(Id), kind: Type.Optional(ChannelKind) }, { additionalProperties: false }),
        response: { 200: Type.Object({ accounts: Type.Array(ChannelAccountJson) }), ...errors(401, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      const accounts = await listChannelAccounts(deps, principalOf(request), { ...(q.brand_id ? { brandId: q.brand_id } : {}), ...(q.kind ? { kind: q.kind } : {}) });
      return { accounts: accounts.map(present) };
    },
  );

  app.post(
    '/channel-accounts',
    { schema: { tags, summary: 'Add a channel account to a brand (admins); secrets are write-only', body: ChannelAccountCreate, response: { 201: ChannelAccountJson, ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      const account = await createChannelAccount(deps, principalOf(request), specs, request.body);
      return reply.code(201).send(present(account));
    },
  );

  app.patch(
    '/channel-accounts/:id',
    {
      schema: {
        tags,
        summary: 'Change or disable (enabled: false) a channel account (admins); a secret set to null is cleared',
        params: Type.Object({ id: Id }),
        body: ChannelAccountPatch,
        response: { 200: ChannelAccountJson, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => present(await updateChannelAccount(deps, principalOf(request), specs, request.params.id, request.body)),
  );
};
