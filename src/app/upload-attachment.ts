/**
 * Attachments are uploaded first (bytes to the content-addressed file store), then attached to a message.
 * Content types are taken from the bytes' claimed type only when it is on a short list; everything else is
 * served as application/octet-stream, and always as a download.
 */
import { AppError, invalid, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { canSeeBrand, type Principal } from '../core/policy.js';
import { t } from '../i18n/index.js';
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
const MAX_SCANNED_BYTES = 8 * 1_048_576;

/** What the shield did with a file: read it and removed something, read it and found nothing, or could not read it. */
export type FileShieldVerdict = 'redacted' | 'clean' | 'not_scanned' | 'replaced';

/** Bytes that decode as UTF-8 text (no NULs, almost no control characters): whatever their claimed type. */
export function looksLikeText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  const sample = bytes.subarray(0, 64 * 1024);
  let text: string;
  try {
    // A cut in the middle of a multi-byte character at the sample's end is not a reason to say "binary".
    text = new TextDecoder('utf-8', { fatal: true }).decode(sample.length < bytes.length ? sample.subarray(0, sample.length - 4) : sample);
  } catch {
    return false;
  }
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return false;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control <= text.length / 100;
}

function isTextual(filename: string, contentType: string | null, bytes: Buffer): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  // A bare "text" (no subtype) and forwarded mail are text too; anything unnamed or untyped is judged by its bytes.
  if (type === 'text' || type.startsWith('text/') || type === 'application/json' || type.startsWith('message/') || TEXT_FILE.test(filename)) return true;
  return looksLikeText(bytes);
}

/**
 * Text files go through the shield like message text: a recovery phrase or key in a pasted .txt, an exported
 * log, a forwarded e-mail or an unnamed octet-stream that is really text is replaced by its marker before the
 * bytes are stored anywhere.
 */
export function shieldTextFile(filename: string, contentType: string | null, bytes: Buffer): Buffer {
  return shieldFile(filename, contentType, bytes).bytes;
}

function shieldFile(filename: string, contentType: string | null, bytes: Buffer): { bytes: Buffer; verdict: FileShieldVerdict } {
  if (bytes.length > MAX_SCANNED_BYTES || !isTextual(filename, contentType, bytes)) return { bytes, verdict: 'not_scanned' };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const r = redactSecrets(text);
  return r.findings.length > 0 ? { bytes: Buffer.from(r.text, 'utf8'), verdict: 'redacted' } : { bytes, verdict: 'clean' };
}

const isPdf = (contentType: string | null, filename: string, bytes: Buffer) =>
  bytes.subarray(0, 5).toString('latin1') === '%PDF-' || /^application\/pdf/i.test(contentType ?? '') || /\.pdf$/i.test(filename);

/** Past this a PDF counts as not scanned: reading a huge one must not hold up the desk. */
const PDF_SCAN_MS = 10_000;

/**
 * The text layer of a PDF, or null when it cannot be read (encrypted, broken, or too slow to read). PDF.js runs
 * on this thread here, so the pages are read one at a time with a turn of the event loop between them: a
 * 1,000-page PDF read in one go held the server for 3.5 s.
 */
async function pdfText(bytes: Buffer): Promise<string | null> {
  const deadline = Date.now() + PDF_SCAN_MS;
  try {
    const { getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
      await new Promise((resolve) => setImmediate(resolve));
      if (Date.now() > deadline) return null;
    }
    return pages.join('\n');
  } catch {
    return null;
  }
}

/** The note stored in place of a PDF that held a secret: a PDF cannot be safely rewritten. */
export function removedPdfNote(filename: string): string {
  return [
    t('zh-CN', 'shield.pdf_removed', { filename }),
    t('en', 'shield.pdf_removed', { filename }),
    '',
  ].join('\n');
}

/** A stored attachment and what the shield did with it (redacted, clean, not scanned, or replaced by a note). */
export type ShieldedAttachment = Attachment & { shield: FileShieldVerdict };

export async function uploadAttachment(
  deps: Pick<Deps, 'store' | 'clock' | 'files'>,
  uploader: { type: 'agent' | 'customer' | 'system'; id: string | null },
  file: { filename: string; contentType: string | null; bytes: Buffer },
  maxBytes: number,
): Promise<ShieldedAttachment> {
  if (file.bytes.length === 0) throw invalid('The file is empty.', { field: 'file' });
  if (file.bytes.length > maxBytes) {
    throw new AppError('payload_too_large', `The file is larger than ${Math.floor(maxBytes / 1_048_576)} MB. Send a smaller one.`);
  }
  // A file name can carry a phrase as well as the file's text.
  let filename = redactSecrets(file.filename).text;
  let contentType = file.contentType;
  let shielded: { bytes: Buffer; verdict: FileShieldVerdict };
  if (isPdf(file.contentType, file.filename, file.bytes)) {
    const text = await pdfText(file.bytes);
    if (text === null) shielded = { bytes: file.bytes, verdict: 'not_scanned' };
    else if (redactSecrets(text).findings.length > 0) {
      shielded = { bytes: Buffer.from(removedPdfNote(filename), 'utf8'), verdict: 'replaced' };
      filename = `${filename}.removed.txt`;
      contentType = 'text/plain';
    } else shielded = { bytes: file.bytes, verdict: 'clean' };
  } else {
    shielded = shieldFile(file.filename, file.contentType, file.bytes);
  }
  const { bytes } = shielded;
  const sha256 = await deps.files.put(bytes);
  const attachment: Attachment = {
    id: newId(),
    ticketId: null,
    messageId: null,
    uploaderType: uploader.type,
    uploaderId: uploader.id,
    filename: safeFilename(filename),
    contentType: safeContentType(contentType),
    size: bytes.length,
    sha256,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.store.attachments.insert(attachment);
  return { ...attachment, shield: shielded.verdict };
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
