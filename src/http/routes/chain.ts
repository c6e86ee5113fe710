/**
 * The transaction desk over HTTP: the status of a ticket's txids and addresses for agents, a public txid check
 * for customers on the help center (no ticket needed), and the self-service counts for reports.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { roleAtLeast } from '../../core/people.js';
import { forbidden } from '../../core/errors.js';
import { explainTxForCustomer, ticketChainStatus } from '../../app/look-up-chain.js';
import { selfServiceReport } from '../../app/deflection.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { ChainLangQuery, PublicTx, SelfServiceQuery, SelfServiceReport, TicketChain, errors } from '../../contract/index.js';

export const chainRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  app.get(
    '/tickets/:id/chain',
    {
      schema: {
        tags: ['transactions'],
        summary: "Live status of the ticket's txids and addresses on the configured backend",
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        querystring: ChainLangQuery,
        response: { 200: TicketChain, ...errors(401, 404) },
      },
    },
    async (request) => {
      const r = await ticketChainStatus(deps, principalOf(request), request.params.id, request.query.lang ?? 'en');
      return {
        configured: r.configured,
        transactions: r.transactions,
        addresses: r.addresses.map((a) => ({ ...a, lookup: a.lookup as unknown as Record<string, unknown> | null })),
      };
    },
  );

  app.get(
    '/public/tx/:txid',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['transactions'],
        summary: 'Explain a transaction to its sender in plain words (help center self-service; no sign-in)',
        params: Type.Object({ txid: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: ChainLangQuery,
        response: { 200: PublicTx, ...errors(400, 429, 503) },
      },
    },
    async (request) => explainTxForCustomer(deps, request.params.txid, request.query.lang ?? 'en'),
  );

  app.get(
    '/reports/self-service',
    {
      schema: {
        tags: ['reports'],
        summary: 'Help-center self-service: txid checks answered without a ticket (per day), and the deflection rate of suggested articles between from and to',
        querystring: SelfServiceQuery,
        response: { 200: SelfServiceReport, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      if (!roleAtLeast(principalOf(request).role, 'supervisor')) throw forbidden('Reports are for supervisors and admins.');
      const q = request.query;
      const articles = await selfServiceReport(deps, principalOf(request), { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.brand_id ? { brandId: q.brand_id } : {}) });
      const counters = await deps.store.settings.counters('self_service:tx_check:');
      const { bySurface, ...totals } = articles;
      return { ...totals, by_surface: bySurface, tx_checks: Object.fromEntries(Object.entries(counters).map(([k, v]) => [k.slice('self_service:tx_check:'.length), v])) };
    },
  );
};
