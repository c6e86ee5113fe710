/** /api/v1 brands, agents, teams and customers. Reads follow brand visibility; writes follow roles. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../../core/errors.js';
import { assertAdmin, canSeeBrand, isAdmin, visibleBrands } from '../../core/policy.js';
import { checkFreezeInput, loadFreezeSettings, updateFreezeSettings } from '../../app/freeze-settings.js';
import { presentFreezeSettings } from '../freeze-presenters.js';
import { createBrand, updateBrand } from '../../app/create-brand.js';
import { createAgent, updateAgent } from '../../app/create-agent.js';
import { createTeam, updateTeam } from '../../app/create-team.js';
import { loadVisibleCustomer, updateCustomer } from '../../app/update-customer.js';
import { mergeCustomers } from '../../app/merge-customers.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { presentAgent, presentBrand, presentCustomer, presentEvent, presentTeam } from '../presenters.js';
import {
  AgentBody,
  AgentJson,
  AgentList,
  AgentListQuery,
  AgentPatch,
  BrandBody,
  BrandJson,
  BrandList,
  BrandDetailJson,
  BrandPatchBody,
  CustomerJson,
  CustomerListQuery,
  CustomerMergeBody,
  CustomerMergeResult,
  EventList,
  CustomerPage,
  CustomerPatch,
  IdParams,
  TeamBody,
  TeamJson,
  TeamList,
  TeamPatch,
  errors,
} from '../../contract/index.js';

export const peopleRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  // ----- brands -----
  app.get('/brands', { schema: { tags: ['brands'], response: { 200: BrandList, ...errors(401) } } }, async (request) => {
    const brands = await deps.store.brands.list(visibleBrands(principalOf(request)));
    return { brands: brands.map(presentBrand) };
  });
  app.get('/brands/:id', { schema: { tags: ['brands'], params: IdParams, response: { 200: BrandDetailJson, ...errors(401, 404) } } }, async (request) => {
    const brand = await deps.store.brands.get(request.params.id);
    if (!brand || !canSeeBrand(principalOf(request), brand.id)) throw notFound('Brand');
    return { ...presentBrand(brand), freeze: presentFreezeSettings(await loadFreezeSettings(deps.store, brand.id)) };
  });
  app.post('/brands', { schema: { tags: ['brands'], body: BrandBody, response: { 201: BrandJson, ...errors(400, 401, 403, 409) } } }, async (request, reply) => {
    return reply.code(201).send(presentBrand(await createBrand(deps, principalOf(request), request.body)));
  });
  app.patch(
    '/brands/:id',
    { schema: { tags: ['brands'], params: IdParams, body: BrandPatchBody, response: { 200: BrandDetailJson, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => {
      // The brand's own fields and its freeze settings (issue 18) in one request: both checked before either is written.
      const principal = principalOf(request);
      const { account_webhook_url, custodial, min_hold_minutes, cooling_off_hours, ...brandFields } = request.body;
      const freezeInput = { account_webhook_url, custodial, min_hold_minutes, cooling_off_hours };
      const freezeChange = Object.values(freezeInput).some((v) => v !== undefined);
      assertAdmin(principal);
      if (freezeChange) checkFreezeInput(freezeInput);
      const brand = Object.keys(brandFields).length > 0 ? await updateBrand(deps, principal, request.params.id, brandFields) : await deps.store.brands.get(request.params.id);
      if (!brand) throw notFound('Brand');
      const { settings, secret } = freezeChange
        ? await updateFreezeSettings(deps, principal, brand.id, freezeInput)
        : { settings: await loadFreezeSettings(deps.store, brand.id), secret: null };
      return { ...presentBrand(brand), freeze: presentFreezeSettings(settings), ...(secret ? { account_webhook_secret: secret } : {}) };
    },
  );

  // ----- agents -----
  app.get(
    '/agents',
    { schema: { tags: ['agents'], querystring: AgentListQuery, response: { 200: AgentList, ...errors(401) } } },
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
  app.get('/teams', { schema: { tags: ['teams'], response: { 200: TeamList, ...errors(401) } } }, async (request) => {
    const teams = await deps.store.teams.list({ brandIds: visibleBrands(principalOf(request)) });
    return { teams: teams.map(presentTeam) };
  });
  app.post('/teams', { schema: { tags: ['teams'], body: TeamBody, response: { 201: TeamJson, ...errors(400, 401, 403) } } }, async (request, reply) => {
    return reply.code(201).send(presentTeam(await createTeam(deps, principalOf(request), request.body)));
  });
  app.patch(
    '/teams/:id',
    { schema: { tags: ['teams'], params: IdParams, body: TeamPatch, response: { 200: TeamJson, ...errors(400, 401, 403, 404) } } },
    async (request) => presentTeam(await updateTeam(deps, principalOf(request), request.params.id, request.body)),
  );

  // ----- customers -----
  app.get(
    '/customers',
    {
      schema: {
        tags: ['customers'],
        querystring: CustomerListQuery,
        response: { 200: CustomerPage, ...errors(400, 401) },
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
        body: CustomerPatch,
        response: { 200: CustomerJson, ...errors(400, 401, 404) },
      },
    },
    async (request) => presentCustomer(await updateCustomer(deps, principalOf(request), request.params.id, request.body)),
  );
  app.post(
    '/customers/:id/merge',
    {
      schema: {
        tags: ['customers'],
        summary: 'Merge this customer into another (same person): identities and tickets move; needs the brands\' merge_customers level',
        params: IdParams,
        body: CustomerMergeBody,
        response: { 200: CustomerMergeResult, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const r = await mergeCustomers(deps, principalOf(request), request.params.id, request.body.target_id);
      return { customer: presentCustomer(r.target), moved_tickets: r.movedTickets };
    },
  );
  app.get('/customers/:id/events', { schema: { tags: ['customers'], params: IdParams, response: { 200: EventList, ...errors(401, 404) } } }, async (request) => {
    const customer = await loadVisibleCustomer(deps.store, principalOf(request), request.params.id);
    const events = await deps.store.events.listForSubject('customer', customer.id, 200);
    return { events: events.map(presentEvent), next_cursor: null };
  });
};
