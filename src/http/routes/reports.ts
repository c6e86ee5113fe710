/**
 * Reports (issue 16): the quality report of the contract, the Reports page's fuller report and its CSV tables,
 * and the supervisor's live view. Supervisors and admins only; a supervisor sees the brands they work for.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readQualityReport, reportRange, type ReportQuery } from '../../app/quality-report.js';
import { readLiveOverview } from '../../app/live-overview.js';
import { visibleBrands } from '../../core/policy.js';
import type { QualityReport } from '../../core/quality.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { FullReportJson, FullReportQuery, LiveOverviewJson, QualityQuery, QualityReportJson, errors, type REPORT_TABLES } from '../../contract/index.js';
import type { Principal } from '../../core/policy.js';
import { Type, type Static } from '@sinclair/typebox';

type FullReport = Static<typeof FullReportJson>;

function query(q: Static<typeof FullReportQuery>): ReportQuery {
  return {
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.brand_id ? { brandId: q.brand_id } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
    ...(q.team_id ? { teamId: q.team_id } : {}),
    ...(q.agent_id ? { agentId: q.agent_id } : {}),
  };
}

async function fullReport(deps: HttpDeps, principal: Principal, q: Static<typeof FullReportQuery>): Promise<FullReport> {
  const report: QualityReport = await readQualityReport(deps, principal, query(q));
  const range = reportRange(query(q), deps.clock.now());
  const brands = await deps.store.brands.list(visibleBrands(principal));
  const rated = await deps.store.csat.listRated({ brandIds: visibleBrands(principal), ...(q.brand_id ? { brandId: q.brand_id } : {}), from: range.from, to: range.to }, 100);
  const numbers = new Map<string, number>();
  for (const s of rated) {
    if (numbers.has(s.ticketId)) continue;
    const t = await deps.store.tickets.get(s.ticketId);
    if (t) numbers.set(t.id, t.number);
  }
  return {
    ...report,
    brands: Object.fromEntries(brands.map((b) => [b.id, b.name])),
    comments: rated.map((s) => ({ ticket_id: s.ticketId, ticket_number: numbers.get(s.ticketId) ?? null, rating: s.rating!, reason: s.reason, comment: s.comment, rated_at: s.ratedAt! })),
  };
}

/** One CSV field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csv = (rows: unknown[][]): string => rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';

/** The rows of one table of the report, header first. */
export function reportTable(r: FullReport, table: (typeof REPORT_TABLES)[number]): unknown[][] {
  const counts = (rows: Array<{ key: string; count: number }>, name = (k: string) => k) => [['key', 'count'], ...rows.map((x) => [name(x.key), x.count])];
  switch (table) {
    case 'summary':
      return [
        ['metric', 'value'],
        ['from', r.range.from],
        ['to', r.range.to],
        ['tickets_created', r.tickets.created],
        ['tickets_solved', r.tickets.solved],
        ['first_reply_count', r.first_reply.count],
        ['first_reply_median_s', r.first_reply.median_s],
        ['first_reply_p90_s', r.first_reply.p90_s],
        ['resolution_count', r.resolution.count],
        ['resolution_median_s', r.resolution.median_s],
        ['resolution_p90_s', r.resolution.p90_s],
        ['first_reply_business_count', r.first_reply_business.count],
        ['first_reply_business_median_s', r.first_reply_business.median_s],
        ['first_reply_business_p90_s', r.first_reply_business.p90_s],
        ['resolution_business_count', r.resolution_business.count],
        ['resolution_business_median_s', r.resolution_business.median_s],
        ['resolution_business_p90_s', r.resolution_business.p90_s],
        ['one_touch_rate', r.one_touch_rate],
        ['reopen_rate', r.reopen_rate],
        ['resolution_rate', r.resolution_rate],
        ['first_contact_resolution_rate', r.first_contact_resolution_rate],
        ['csat_good', r.csat.good],
        ['csat_bad', r.csat.bad],
        ['csat_score', r.csat.score],
        ['csat_response_rate', r.csat.response_rate],
      ];
    case 'sla':
      return [['metric', 'fulfilled', 'breached', 'achievement'], ...r.sla.map((s) => [s.metric, s.fulfilled, s.breached, s.achievement])];
    case 'csat_reasons':
      return counts(r.csat.reasons);
    case 'channel':
    case 'category':
    case 'priority':
    case 'hour':
      return counts(r.volume[table]);
    case 'brand':
      return [['brand_id', 'brand', 'count'], ...r.volume.brand.map((x) => [x.key, r.brands[x.key] ?? '', x.count])];
    case 'backlog':
      return [['date', 'unsolved'], ...r.backlog.map((b) => [b.date, b.count])];
    case 'comments':
      return [['ticket_number', 'rating', 'reason', 'comment', 'rated_at'], ...r.comments.map((c) => [c.ticket_number, c.rating, c.reason, c.comment, c.rated_at])];
  }
}

export const reportRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  app.get(
    '/reports/quality',
    {
      schema: {
        tags: ['reports'],
        summary: 'Quality in a time range: volume, first reply and resolution times, one-touch and reopen rates, CSAT (supervisors and admins)',
        querystring: QualityQuery,
        response: { 200: QualityReportJson, ...errors(400, 401, 403, 429, 503) },
      },
    },
    async (request) => {
      const q = request.query;
      return readQualityReport(deps, principalOf(request), { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.brand_id ? { brandId: q.brand_id } : {}) });
    },
  );

  app.get(
    '/reports/full',
    {
      schema: { tags: ['reports'], summary: 'The Reports page: every metric, volumes, backlog, SLA achievement, comments', querystring: FullReportQuery, response: { 200: FullReportJson, ...errors(400, 401, 403, 429, 503) } },
    },
    async (request) => fullReport(deps, principalOf(request), request.query),
  );

  app.get(
    '/reports/full.csv',
    { schema: { tags: ['reports'], summary: 'One table of the Reports page as CSV (UTF-8 with BOM)', querystring: FullReportQuery, produces: ['text/csv'], response: { 200: Type.String({ description: 'CSV text' }), ...errors(400, 401, 403, 429, 503) } } },
    async (request, reply) => {
      const table = request.query.table ?? 'summary';
      const report = await fullReport(deps, principalOf(request), request.query);
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="walletdesk-${table}-${report.range.from.slice(0, 10)}-${report.range.to.slice(0, 10)}.csv"`)
        .header('cache-control', 'no-store');
      // The BOM lets spreadsheet programs read Chinese text as UTF-8.
      return reply.send(`\uFEFF${csv(reportTable(report, table))}`);
    },
  );

  app.get(
    '/reports/live',
    { schema: { tags: ['reports'], summary: "The supervisor's live view: queues, agents online, oldest waiting, about to breach", response: { 200: LiveOverviewJson, ...errors(401, 403, 429, 503) } } },
    async (request) => readLiveOverview(deps, principalOf(request)),
  );
};
