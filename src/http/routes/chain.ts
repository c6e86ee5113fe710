/**
 * The transaction desk over HTTP: the status of a ticket's txids and addresses for agents, a public txid check
 * for customers on the help center (no ticket needed), and the self-service counts for reports.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { roleAtLeast } from '../../core/people.js';
import { forbidden } from '../../core/errors.js';
import { explainTxForCustomer, ticketChainStatus } from '../../app/look-up-chain.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { errors } from '../schemas.js';

const Lang = Type.Optional(Type.Unsafe<'en' | 'zh-CN'>({ type: 'string', enum: ['en', 'zh-CN'] }));
const Failure = Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]);
const Advice = Type.Array(Type.Object({ code: Type.String(), text: Type.String() }));

export const chainRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  app.get(
    '/tickets/:id/chain',
    {
      schema: {
        tags: ['transactions'],
        summary: "Live status of the ticket's txids and addresses on the configured backend",
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        querystring: Type.Object({ lang: Lang }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            configured: Type.Boolean(),
            transactions: Type.Array(
              Type.Object({ txid: Type.String(), status: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]), summary: Type.Array(Type.String()), advice: Advice, error: Failure }),
            ),
            addresses: Type.Array(Type.Object({ address: Type.String(), lookup: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]), error: Failure })),
          }),
          ...errors(401, 404),
        },
      },
    },
    async (request) => {
      const r = await ticketChainStatus(deps, principalOf(request), request.params.id, request.query.lang ?? 'en');
      return {
        configured: r.configured,
        transactions: r.transactions.map((t) => ({ ...t, status: t.status as unknown as Record<string, unknown> | null })),
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
        querystring: Type.Object({ lang: Lang }, { additionalProperties: false }),
        response: {
          200: Type.Object({ txid: Type.String(), found: Type.Boolean(), confirmed: Type.Boolean(), stuck: Type.Boolean(), explanation: Type.String(), advice: Advice }),
          ...errors(400, 429, 503),
        },
      },
    },
    async (request) => explainTxForCustomer(deps, request.params.txid, request.query.lang ?? 'en'),
  );

  app.get(
    '/reports/self-service',
    { schema: { tags: ['reports'], summary: 'Help-center self-service counts per day (txid checks answered without a ticket)', response: { 200: Type.Object({ tx_checks: Type.Record(Type.String(), Type.Integer()) }), ...errors(401, 403) } } },
    async (request) => {
      if (!roleAtLeast(principalOf(request).role, 'supervisor')) throw forbidden('Reports are for supervisors and admins.');
      const counters = await deps.store.settings.counters('self_service:tx_check:');
      return { tx_checks: Object.fromEntries(Object.entries(counters).map(([k, v]) => [k.slice('self_service:tx_check:'.length), v])) };
    },
  );
};
