/**
 * The customer's record (issue 18): agents export it from a ticket, customers from their status link, and
 * anyone can check one: POST /api/v1/records/verify takes the downloaded HTML, PDF or JSON as the body.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { invalid, notFound } from '../../core/errors.js';
import { exportRecordForAgent, exportRecordForCustomer, parseRecord, recordPublicKey, verifyRecord, type SignedRecord } from '../../app/customer-record.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { recordFromHtml, renderRecordHtml, sendRecord } from '../record-render.js';
import { IdParams, LanguageT, errors } from '../../contract/index.js';

const Format = Type.Unsafe<'pdf' | 'html' | 'json'>({ type: 'string', enum: ['pdf', 'html', 'json'] });
const AgentQuery = Type.Object({ format: Type.Optional(Format), internal: Type.Optional(Type.Boolean()), language: Type.Optional(LanguageT) }, { additionalProperties: false });
const PortalQuery = Type.Object({ format: Type.Optional(Format) }, { additionalProperties: false });
const Verdict = Type.Object({
  valid: Type.Boolean(),
  first_bad_entry: Type.Union([Type.Integer(), Type.Null()]),
  signature_valid: Type.Boolean(),
  desk_key: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
  /** For an HTML file: its visible text is exactly what the signed record renders to. */
  html_matches: Type.Optional(Type.Boolean()),
  ticket_number: Type.Optional(Type.Integer()),
  entries: Type.Optional(Type.Integer()),
});
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const MAX_RECORD_BYTES = 20 * 1024 * 1024;

async function pdfRecord(bytes: Buffer): Promise<unknown> {
  try {
    // Loaded on first use: pdf.js is large and most requests never read a PDF.
    const { getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const files = (await pdf.getAttachments()) as Record<string, { filename: string; content: Uint8Array }> | null;
    const file = files ? Object.values(files).find((f) => f.filename === 'walletdesk-record.json') : undefined;
    return file ? JSON.parse(Buffer.from(file.content).toString('utf8')) : null;
  } catch {
    return null;
  }
}

export const recordRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const verifyUrl = `${deps.config.publicUrl.replace(/\/+$/, '')}/api/v1/records/verify`;
  const send = (reply: FastifyReply, record: SignedRecord, format: 'pdf' | 'html' | 'json') => sendRecord(reply, record, format, deps.config.publicUrl);

  app.get(
    '/tickets/:id/record',
    { schema: { tags: ['records'], summary: "Export the ticket's signed record (PDF, HTML or JSON); internal notes only with internal=true", params: IdParams, querystring: AgentQuery, response: { 200: Binary, ...errors(400, 401, 404, 503) } } },
    async (request, reply) => {
      const format = request.query.format ?? 'pdf';
      const record = await exportRecordForAgent(deps, principalOf(request), request.params.id, { internalNotes: request.query.internal ?? false, format, ...(request.query.language ? { language: request.query.language } : {}) });
      return send(reply, record, format);
    },
  );

  app.get(
    '/portal/record',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags: ['records'], security: [], summary: 'The customer downloads the record of their request (send the status link token as X-Portal-Token)', querystring: PortalQuery, response: { 200: Binary, ...errors(404, 429, 503) } },
    },
    async (request, reply) => {
      const raw = request.headers['x-portal-token'];
      if (typeof raw !== 'string' || raw === '') throw notFound('Request');
      const format = request.query.format ?? 'pdf';
      return send(reply, await exportRecordForCustomer(deps, raw, format), format);
    },
  );

  app.get(
    '/records/key',
    { config: { public: true }, schema: { tags: ['records'], security: [], response: { 200: Type.Object({ public_key: Type.Union([Type.String(), Type.Null()]), algorithm: Type.Literal('ed25519') }) } } },
    async () => ({ public_key: await recordPublicKey(deps), algorithm: 'ed25519' as const }),
  );

  await app.register(async (scope) => {
    scope.addContentTypeParser(['text/html', 'application/pdf', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_RECORD_BYTES }, (_req, body, done) => done(null, body));
    scope.post(
      '/records/verify',
      {
        bodyLimit: MAX_RECORD_BYTES,
        config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: { tags: ['records'], security: [], summary: 'Check a downloaded record (send the HTML, PDF or JSON file as the body)', response: { 200: Verdict, ...errors(400, 413, 429) } },
      },
      async (request) => {
        const body = request.body as unknown;
        const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim();
        let value: unknown = null;
        let html: string | null = null;
        if (Buffer.isBuffer(body) && type === 'text/html') {
          html = body.toString('utf8');
          value = recordFromHtml(html);
        } else if (Buffer.isBuffer(body)) value = await pdfRecord(body);
        else value = body;
        const record = parseRecord(value);
        if (!record) throw invalid('This is not a walletdesk record: send the downloaded HTML, PDF or JSON file unchanged.');
        const verdict = await verifyRecord(deps, record);
        const htmlMatches = html === null ? undefined : html === renderRecordHtml(record, verifyUrl);
        const valid = verdict.valid && htmlMatches !== false;
        return {
          ...verdict,
          valid,
          reason: valid ? null : (verdict.reason ?? 'The visible text of this page was changed.'),
          ...(htmlMatches === undefined ? {} : { html_matches: htmlMatches }),
          ticket_number: Number(record.header.number),
          entries: record.entries.length,
        };
      },
    );
  });
};
