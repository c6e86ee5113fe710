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
import { Id, Time, errors } from '../schemas.js';

const Settings = Type.Record(Type.String(), Type.Unknown());
const Secrets = Type.Record(Type.String({ maxLength: 64 }), Type.Union([Type.String({ maxLength: 4000 }), Type.Null()]));
const Kind = Type.String({ minLength: 1, maxLength: 40 });
const Name = Type.String({ minLength: 1, maxLength: 100 });

const AccountJson = Type.Object({
  id: Id,
  brand_id: Id,
  kind: Type.String(),
  name: Type.String(),
  settings: Settings,
  secrets_set: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  created_at: Time,
  updated_at: Time,
});

const KindJson = Type.Object({ kind: Type.String(), settings_schema: Type.Unknown(), secret_fields: Type.Array(Type.String()), required_secrets: Type.Array(Type.String()) });

const CreateBody = Type.Object(
  { brand_id: Id, kind: Kind, name: Name, settings: Settings, secrets: Type.Optional(Secrets), enabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const PatchBody = Type.Object(
  { name: Type.Optional(Name), settings: Type.Optional(Settings), secrets: Type.Optional(Secrets), enabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

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
    { schema: { tags, summary: 'The channel kinds that take accounts, with their settings schema and secret fields', response: { 200: Type.Object({ kinds: Type.Array(KindJson) }), ...errors(401) } } },
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
        querystring: Type.Object({ brand_id: Type.Optional(Id), kind: Type.Optional(Kind) }, { additionalProperties: false }),
        response: { 200: Type.Object({ accounts: Type.Array(AccountJson) }), ...errors(401, 403) },
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
    { schema: { tags, summary: 'Add a channel account to a brand (admins); secrets are write-only', body: CreateBody, response: { 201: AccountJson, ...errors(400, 401, 403, 404, 409) } } },
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
        body: PatchBody,
        response: { 200: AccountJson, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => present(await updateChannelAccount(deps, principalOf(request), specs, request.params.id, request.body)),
  );
};
