/**
 * Attachments are uploaded first (bytes to the content-addressed file store), then attached to a message.
 * Content types are taken from the bytes' claimed type only when it is on a short list; everything else is
 * served as application/octet-stream, and always as a download.
 */
import { AppError, invalid, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { canSeeBrand, type Principal } from '../core/policy.js';
import type { Attachment, Deps } from './ports.js';
import { redactSecrets } from '../shield/index.js';

const SAFE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/json',
  'application/zip',
  'audio/mpeg',
  'audio/wav',
  'video/mp4',
]);

/** A content type safe to declare when serving (never text/html, image/svg+xml or anything scriptable). */
export function safeContentType(claimed: string | null | undefined): string {
  const type = (claimed ?? '').split(';')[0]!.trim().toLowerCase();
  return SAFE_TYPES.has(type) ? type : 'application/octet-stream';
}

/** A file name without path parts or control characters. */
export function safeFilename(name: string | null | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_').trim().slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean;
}

const TEXT_FILE = /\.(txt|text|csv|tsv|json|md|log|eml|html?|xml|ya?ml)$/i;

/**
 * Text files go through the shield like message text: a recovery phrase or key in a pasted .txt, an exported
 * log or a forwarded e-mail is replaced by its marker before the bytes are stored anywhere.
 */
export function shieldTextFile(filename: string, contentType: string | null, bytes: Buffer): Buffer {
  const textual = (contentType ?? '').startsWith('text/') || contentType === 'application/json' || TEXT_FILE.test(filename);
  if (!textual || bytes.length > 8 * 1_048_576) return bytes;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const r = redactSecrets(text);
  return r.findings.length > 0 ? Buffer.from(r.text, 'utf8') : bytes;
}

export async function uploadAttachment(
  deps: Pick<Deps, 'store' | 'clock' | 'files'>,
  uploader: { type: 'agent' | 'customer' | 'system'; id: string | null },
  file: { filename: string; contentType: string | null; bytes: Buffer },
  maxBytes: number,
): Promise<Attachment> {
  if (file.bytes.length === 0) throw invalid('The file is empty.', { field: 'file' });
  if (file.bytes.length > maxBytes) {
    throw new AppError('payload_too_large', `The file is larger than ${Math.floor(maxBytes / 1_048_576)} MB. Send a smaller one.`);
  }
  const bytes = shieldTextFile(file.filename, file.contentType, file.bytes);
  const sha256 = await deps.files.put(bytes);
  const attachment: Attachment = {
    id: newId(),
    ticketId: null,
    messageId: null,
    uploaderType: uploader.type,
    uploaderId: uploader.id,
    filename: safeFilename(file.filename),
    contentType: safeContentType(file.contentType),
    size: bytes.length,
    sha256,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.store.attachments.insert(attachment);
  return attachment;
}

/** Reads an attachment the principal may see: their own unsent upload, or one on a ticket of their brands. */
export async function readAttachment(deps: Pick<Deps, 'store' | 'files'>, principal: Principal, id: string): Promise<{ attachment: Attachment; bytes: Buffer }> {
  const attachment = await deps.store.attachments.get(id);
  if (!attachment) throw notFound('Attachment');
  if (attachment.ticketId) {
    const ticket = await deps.store.tickets.get(attachment.ticketId);
    if (!ticket || !canSeeBrand(principal, ticket.brandId)) throw notFound('Attachment');
  } else if (attachment.uploaderId !== principal.agentId) {
    throw notFound('Attachment');
  }
  const bytes = await deps.files.get(attachment.sha256);
  if (!bytes) throw new AppError('unavailable', 'The file is missing from storage. Ask an admin to check the data folder.');
  return { attachment, bytes };
}
