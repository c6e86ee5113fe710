/** /api/v1 brands, agents, teams and customers. Reads follow brand visibility; writes follow roles. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../../core/errors.js';
import { canSeeBrand, isAdmin, visibleBrands } from '../../core/policy.js';
import { createBrand, updateBrand } from '../../app/create-brand.js';
import { createAgent, updateAgent } from '../../app/create-agent.js';
import { createTeam, updateTeam } from '../../app/create-team.js';
import { loadVisibleCustomer, updateCustomer } from '../../app/update-customer.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { presentAgent, presentBrand, presentCustomer, presentTeam } from '../presenters.js';
import { AgentJson, BrandJson, CustomerJson, Id, LanguageT, Page, RoleT, TeamJson, VerificationT, errors } from '../schemas.js';

const IdParams = Type.Object({ id: Id });
const Strings = (max: number, itemMax = 200) => Type.Array(Type.String({ maxLength: itemMax }), { maxItems: max });

const BrandBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    slug: Type.Optional(Type.String({ maxLength: 40 })),
    default_language: Type.Optional(LanguageT),
    time_zone: Type.Optional(Type.String({ maxLength: 64 })),
    support_emails: Type.Optional(Strings(50, 254)),
    phone_numbers: Type.Optional(Strings(50, 40)),
  },
  { additionalProperties: false },
);

const AgentBody = Type.Object(
  {
    email: Type.String({ maxLength: 254 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: RoleT,
    password: Type.Optional(Type.String({ maxLength: 256 })),
    languages: Type.Optional(Strings(20, 20)),
    brand_ids: Type.Optional(Strings(100, 64)),
    team_ids: Type.Optional(Strings(100, 64)),
  },
  { additionalProperties: false },
);

const AgentPatch = Type.Object(
  {
    email: Type.Optional(Type.String({ maxLength: 254 })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    role: Type.Optional(RoleT),
    password: Type.Optional(Type.String({ maxLength: 256 })),
    active: Type.Optional(Type.Boolean()),
    languages: Type.Optional(Strings(20, 20)),
    brand_ids: Type.Optional(Strings(100, 64)),
    team_ids: Type.Optional(Strings(100, 64)),
  },
  { additionalProperties: false, minProperties: 1 },
);

const TeamBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    brand_id: Type.Optional(Type.Union([Id, Type.Null()])),
    member_ids: Type.Optional(Strings(500, 64)),
    categories: Type.Optional(Strings(6, 20)),
  },
  { additionalProperties: false },
);

export const peopleRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  // ----- brands -----
  app.get('/brands', { schema: { tags: ['brands'], response: { 200: Type.Object({ brands: Type.Array(BrandJson) }), ...errors(401) } } }, async (request) => {
    const brands = await deps.store.brands.list(visibleBrands(principalOf(request)));
    return { brands: brands.map(presentBrand) };
  });
  app.get('/brands/:id', { schema: { tags: ['brands'], params: IdParams, response: { 200: BrandJson, ...errors(401, 404) } } }, async (request) => {
    const brand = await deps.store.brands.get(request.params.id);
    if (!brand || !canSeeBrand(principalOf(request), brand.id)) throw notFound('Brand');
    return presentBrand(brand);
  });
  app.post('/brands', { schema: { tags: ['brands'], body: BrandBody, response: { 201: BrandJson, ...errors(400, 401, 403, 409) } } }, async (request, reply) => {
    return reply.code(201).send(presentBrand(await createBrand(deps, principalOf(request), request.body)));
  });
  app.patch(
    '/brands/:id',
    { schema: { tags: ['brands'], params: IdParams, body: Type.Partial(BrandBody, { additionalProperties: false, minProperties: 1 }), response: { 200: BrandJson, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => presentBrand(await updateBrand(deps, principalOf(request), request.params.id, request.body)),
  );

  // ----- agents -----
  app.get(
    '/agents',
    { schema: { tags: ['agents'], querystring: Type.Object({ include_inactive: Type.Optional(Type.Boolean()) }), response: { 200: Type.Object({ agents: Type.Array(AgentJson) }), ...errors(401) } } },
    async (request) => {
      const principal = principalOf(request);
      const agents = await deps.store.agents.list({
        brandIds: visibleBrands(principal),
        includeInactive: isAdmin(principal) && request.query.include_inactive === true,
      });
      return { agents: agents.map(presentAgent) };
    },
  );
  app.get('/agents/:id', { schema: { tags: ['agents'], params: IdParams, response: { 200: AgentJson, ...errors(401, 404) } } }, async (request) => {
    const principal = principalOf(request);
    const agent = await deps.store.agents.get(request.params.id);
    const visible = agent && (isAdmin(principal) || agent.id === principal.agentId || agent.role === 'admin' || agent.brandIds.some((b) => principal.brandIds.includes(b)));
    if (!agent || !visible) throw notFound('Agent');
    return presentAgent(agent);
  });
  app.post('/agents', { schema: { tags: ['agents'], body: AgentBody, response: { 201: AgentJson, ...errors(400, 401, 403, 409) } } }, async (request, reply) => {
    return reply.code(201).send(presentAgent(await createAgent(deps, principalOf(request), request.body)));
  });
  app.patch(
    '/agents/:id',
    { schema: { tags: ['agents'], params: IdParams, body: AgentPatch, response: { 200: AgentJson, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => {
      const agent = await updateAgent(deps, principalOf(request), request.params.id, request.body);
      deps.tokens.forget();
      return presentAgent(agent);
    },
  );

  // ----- teams -----
  app.get('/teams', { schema: { tags: ['teams'], response: { 200: Type.Object({ teams: Type.Array(TeamJson) }), ...errors(401) } } }, async (request) => {
    const teams = await deps.store.teams.list({ brandIds: visibleBrands(principalOf(request)) });
    return { teams: teams.map(presentTeam) };
  });
  app.post('/teams', { schema: { tags: ['teams'], body: TeamBody, response: { 201: TeamJson, ...errors(400, 401, 403) } } }, async (request, reply) => {
    return reply.code(201).send(presentTeam(await createTeam(deps, principalOf(request), request.body)));
  });
  app.patch(
    '/teams/:id',
    { schema: { tags: ['teams'], params: IdParams, body: Type.Partial(TeamBody, { additionalProperties: false, minProperties: 1 }), response: { 200: TeamJson, ...errors(400, 401, 403, 404) } } },
    async (request) => presentTeam(await updateTeam(deps, principalOf(request), request.params.id, request.body)),
  );

  // ----- customers -----
  app.get(
    '/customers',
    {
      schema: {
        tags: ['customers'],
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200 })),
            cursor: Type.Optional(Type.String({ maxLength: 500 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page('customers', CustomerJson), ...errors(400, 401) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const page = await deps.store.customers.list(
        { brandIds: visibleBrands(principal), q: request.query.q },
        { cursor: request.query.cursor, limit: request.query.limit ?? 25 },
      );
      return { customers: page.customers.map(presentCustomer), next_cursor: page.nextCursor };
    },
  );
  app.get('/customers/:id', { schema: { tags: ['customers'], params: IdParams, response: { 200: CustomerJson, ...errors(401, 404) } } }, async (request) => {
    return presentCustomer(await loadVisibleCustomer(deps.store, principalOf(request), request.params.id));
  });
  app.patch(
    '/customers/:id',
    {
      schema: {
        tags: ['customers'],
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
            language: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
            verification_level: Type.Optional(VerificationT),
            add_emails: Type.Optional(Strings(20, 254)),
            add_phones: Type.Optional(Strings(20, 40)),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: CustomerJson, ...errors(400, 401, 404) },
      },
    },
    async (request) => presentCustomer(await updateCustomer(deps, principalOf(request), request.params.id, request.body)),
  );
};
