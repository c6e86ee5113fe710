/** Uploads (multipart) and downloads of attachments. Downloads are always attachments with a safe type. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import type { Attachment } from '../../app/ports.js';
import { AppError, invalid, isAppError } from '../../core/errors.js';
import { readAttachment, uploadAttachment } from '../../app/upload-attachment.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { presentAttachment } from '../presenters.js';
import { AttachmentJson, Id, errors } from '../../contract/index.js';

/** RFC 6266 filename parameters: an ASCII fallback plus the UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

// @fastify/multipart's own errors that already say what is wrong (errors.ts answers them).
const KNOWN_UPLOAD_ERRORS = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_INVALID_MULTIPART_CONTENT_TYPE']);

/**
 * The one file of a multipart upload (field "file"), within the desk's size limit. A body that is not valid
 * multipart (no boundary, cut short, broken headers) is the client's mistake: 400, not 500.
 */
export async function readUploadedFile(request: FastifyRequest, maxBytes: number): Promise<{ filename: string; contentType: string | null; bytes: Buffer }> {
  if (!request.isMultipart()) throw new AppError('invalid_input', 'Upload the file as multipart/form-data with a field named "file".');
  try {
    const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!part) throw invalid('No file was sent. Use a form field named "file".', { field: 'file' });
    const bytes = await part.toBuffer();
    if (part.file.truncated) throw new AppError('payload_too_large', `The file is larger than ${Math.floor(maxBytes / 1_048_576)} MB.`);
    return { filename: part.filename, contentType: part.mimetype, bytes };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (isAppError(err) || (typeof code === 'string' && KNOWN_UPLOAD_ERRORS.has(code))) throw err;
    throw invalid('The upload is not valid multipart/form-data (missing boundary, or the body was cut short). Send the file again as a form field named "file".', { field: 'file' });
  }
}

/** Sends a stored file as a download that no browser will render or run. */
export function sendDownload(reply: FastifyReply, attachment: Pick<Attachment, 'contentType' | 'filename'>, bytes: Buffer): FastifyReply {
  return reply
    .type(attachment.contentType)
    .header('content-disposition', contentDisposition(attachment.filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

export const attachmentRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  app.post(
    '/attachments',
    {
      schema: {
        tags: ['attachments'],
        summary: 'Upload one file (multipart/form-data, field "file"); attach it by id when posting a message',
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentJson, ...errors(400, 401, 413, 415) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const file = await readUploadedFile(request, deps.config.maxAttachmentBytes);
      const attachment = await uploadAttachment(deps, { type: 'agent', id: principal.agentId }, file, deps.config.maxAttachmentBytes);
      return reply.code(201).send(presentAttachment(attachment));
    },
  );

  app.get(
    '/attachments/:id',
    { schema: { tags: ['attachments'], params: Type.Object({ id: Id }), response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(401, 404, 503) } } },
    async (request, reply) => {
      const { attachment, bytes } = await readAttachment(deps, principalOf(request), request.params.id);
      return sendDownload(reply, attachment, bytes);
    },
  );
};
