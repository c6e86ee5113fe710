/**
 * The inbound e-mail pipeline shared by the SMTP listener and the IMAP poller: parse, drop loops and noise,
 * record bounces, check sizes, thread, sanitise, store through app/ingest-inbound, and queue the acknowledgement.
 * It returns a tagged outcome for everything that is an answer (stored, ignored, rejected, deferred) and throws
 * only when the desk itself failed (database down): the caller must then make the sender retry.
 */
import { createHash } from 'node:crypto';
import { isAppError } from '../../core/errors.js';
import { MAX_MESSAGE_CHARS } from '../../core/message.js';
import { brandScopedSourceId, findEmailMessageInBrand, findEmailThread, type ThreadMatch } from '../../app/find-email-thread.js';
import { ingestInbound } from '../../app/ingest-inbound.js';
import { markEmailBouncing } from '../../app/mark-email-bouncing.js';
import type { Deps } from '../../app/ports.js';
import { uploadAttachment, type FileShieldVerdict } from '../../app/upload-attachment.js';
import { memoryRateLimits } from '../../app/rate-limits.js';
import { redactSecrets } from '../../shield/index.js';
import { language, t, type Language } from '../../i18n/index.js';
import { baseAddress, domainOf, normaliseAddress } from './addresses.js';
import { impersonatesOwnDomain, pickVerdict, type AuthVerdict } from './auth-results.js';
import { classifyEmail } from './classify.js';
import { parseEmail, type EmailPart, type ParsedEmail } from './parse.js';
import { cutQuotedHtml, isForward, splitQuotedText } from './quote.js';
import { sanitiseEmailHtml } from './sanitize.js';
import { subjectTicketNumbers, type EmailTokens } from './tokens.js';

/** What the channel logs through (pino fits). Never given bodies or addresses' secrets. */
export interface EmailLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export type InboundDeps = Pick<Deps, 'store' | 'clock' | 'bus' | 'files' | 'jobsNudge' | 'limits'>;

export interface InboundOptions {
  tokens: EmailTokens;
  /** SUPPORT_EMAIL: mail to it goes to the default (oldest) brand unless a brand lists it. */
  supportEmail?: string | null;
  maxAttachmentBytes: number;
  /** The whole-message limit (SMTP_MAX_MESSAGE_BYTES), named in the note for a message too large to import. */
  maxMessageBytes?: number;
  maxAttachments?: number;
  /** Messages per sender per hour; 0 is no limit. */
  ratePerHour?: number;
  /** authserv-ids whose Authentication-Results are believed; empty: the topmost header. */
  trustedAuthservIds?: readonly string[];
  /** URL of a stored attachment, for inline cid: images in HTML. */
  attachmentUrl?: (attachmentId: string) => string;
  log?: EmailLog;
}

export interface Envelope {
  /** SMTP MAIL FROM ('' for the null sender), or null (IMAP). */
  mailFrom: string | null;
  /** Recipients the desk accepted (SMTP RCPT TO); for IMAP the header recipients are used. */
  recipients: readonly string[];
  via: 'smtp' | 'imap';
  /** IMAP: the brand of the mailbox, for mail that names no brand address (Bcc). */
  fallbackBrandId?: string | null;
  /**
   * IMAP: the message was over the size limit and `raw` holds only its header block; the desk stores a note
   * (sender, subject, size) in its place so the customer is still answered.
   */
  oversizeBytes?: number;
}

export type InboundOutcome =
  | { kind: 'stored'; ticketId: string; ticketNumber: number; messageId: string; created: boolean; duplicate: boolean; via: ThreadMatch['via'] | 'new' }
  | { kind: 'ignored'; reason: string }
  | { kind: 'bounce'; marked: string[] }
  /** Permanent: SMTP answers `code` with `reply`; IMAP skips the message. */
  | { kind: 'rejected'; code: 550 | 552 | 554; reply: string }
  /** Temporary: SMTP answers 451 and the sender's server tries again later. */
  | { kind: 'deferred'; reply: string };

export type RecipientCheck = { kind: 'brand'; brandId: string } | { kind: 'unknown' } | { kind: 'not_ready' };

export interface InboundProcessor {
  /** Which brand a recipient address belongs to (a brand's support address, its +tag forms, or SUPPORT_EMAIL). */
  checkRecipient(address: string): Promise<RecipientCheck>;
  /** The default brand (the oldest one), which SUPPORT_EMAIL and mailboxes without a brand address belong to. */
  defaultBrandId(): Promise<string | null>;
  process(raw: Buffer, envelope: Envelope): Promise<InboundOutcome>;
}

const MAX_QUOTED_CHARS = 50_000;
/** The tag on a security ticket whose mail brought a file the shield could not read (set by the email-inbound processor). */
export { NOT_SCANNED_TAG } from '../../app/processors/email-inbound.js';

type NoteLanguage = Language;
/** What the desk writes into a stored message when it could not keep the mail's text as sent. */
type StoredNote = 'no_text' | 'shortened' | 'shortened_secret';
const noteText = (note: StoredNote, lang: NoteLanguage): string => t(lang, `email.note.${note}`);

function oversizeNote(lang: NoteLanguage, email: ParsedEmail, bytes: number, limit: number): string {
  const from = email.from?.address ?? '?';
  return t(lang, 'email.note.oversize', { size: mb(bytes), limit: mb(limit), from, subject: email.subject || t(lang, 'email.note.no_subject') });
}

/** A message mailparser could not read at all: only the envelope is known, and the raw bytes are kept. */
function unreadableEmail(raw: Buffer, envelope: Envelope): ParsedEmail {
  const from = envelope.mailFrom && envelope.mailFrom.includes('@') ? { address: normaliseAddress(envelope.mailFrom), name: null } : null;
  return {
    messageId: null,
    inReplyTo: [],
    references: [],
    from,
    replyTo: [],
    to: [],
    cc: [],
    subject: '',
    date: null,
    text: '',
    html: null,
    attachments: [],
    header: () => [],
    contentType: 'application/octet-stream',
    size: raw.length,
  };
}

const isForwardedMail = (part: EmailPart) => /^message\/(rfc822|global)\b/.test(part.contentType);

/** The forwarded mail's headers and text, as they go into the conversation (and so through the shield). */
function forwardedText(inner: ParsedEmail): string {
  return [
    '---------- Forwarded message / 转发的邮件 ----------',
    ...(inner.from ? [`From: ${inner.from.name ? `${inner.from.name} <${inner.from.address}>` : inner.from.address}`] : []),
    ...(inner.date ? [`Date: ${inner.date}`] : []),
    ...(inner.subject ? [`Subject: ${inner.subject}`] : []),
    '',
    inner.text.trim(),
  ].join('\n');
}
const mb = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;
/** SMTP replies are ASCII; names from mail may not be. */
const ascii = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);

export function inboundProcessor(deps: InboundDeps, options: InboundOptions): InboundProcessor {
  const { store } = deps;
  // Per sender and hour, shared by every instance (Redis) when configured: a runaway auto-responder or a flood
  // from one address cannot bury the desk or start a mail loop.
  const perHour = options.ratePerHour ?? 0;
  const senderLimit = perHour > 0 ? (deps.limits ?? memoryRateLimits()).define('email-sender', { points: perHour, durationSec: 3600 }) : null;
  const attachmentUrl = options.attachmentUrl ?? ((id: string) => `/api/v1/attachments/${id}`);
  const supportEmail = options.supportEmail ? normaliseAddress(options.supportEmail) : null;
  let brandCache: { at: number; defaultId: string | null; domains: string[] } | null = null;

  async function brands() {
    const now = Date.now();
    if (brandCache && now - brandCache.at < 30_000) return brandCache;
    const list = await store.brands.list();
    const oldest = [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))[0];
    const domains = new Set(list.flatMap((b) => b.supportEmails.map(domainOf)));
    if (supportEmail) domains.add(domainOf(supportEmail));
    brandCache = { at: now, defaultId: oldest?.id ?? null, domains: [...domains].filter(Boolean) };
    return brandCache;
  }

  async function checkRecipient(address: string): Promise<RecipientCheck> {
    const addr = normaliseAddress(address);
    const base = baseAddress(addr);
    const brandId = (await store.brands.findByAddress('email', base)) ?? (base !== addr ? await store.brands.findByAddress('email', addr) : null);
    if (brandId) return { kind: 'brand', brandId };
    if (supportEmail && (base === supportEmail || addr === supportEmail)) {
      // A fresh install gets its first brand while running: look again rather than trust a cached "none".
      if (brandCache && !brandCache.defaultId) brandCache = null;
      const { defaultId } = await brands();
      return defaultId ? { kind: 'brand', brandId: defaultId } : { kind: 'not_ready' };
    }
    return { kind: 'unknown' };
  }

  async function handleBounce(report: ReturnType<typeof classifyEmail> & { kind: 'bounce' }): Promise<InboundOutcome> {
    // Only reports about mail the desk really sent (a signed Message-ID) may mark an address: anyone can forge a DSN.
    const ticketId = report.originalMessageIds.map((id) => options.tokens.ticketOfMessageId(id)).find((id) => id !== null) ?? null;
    if (!ticketId) {
      options.log?.info({ area: 'email', reason: 'unverified_bounce' }, 'bounce ignored');
      return { kind: 'bounce', marked: [] };
    }
    const addresses = report.failedRecipients.length > 0 ? report.failedRecipients : report.originalRecipients.length === 1 ? report.originalRecipients : [];
    const marked = addresses.length > 0 ? await markEmailBouncing(deps, { addresses, status: report.status, ticketId }) : [];
    options.log?.info({ area: 'email', marked: marked.length, status: report.status }, 'bounce recorded');
    return { kind: 'bounce', marked };
  }

  async function brandFor(email: ParsedEmail, envelope: Envelope): Promise<string | null> {
    const candidates =
      envelope.via === 'smtp'
        ? envelope.recipients
        : [...email.header('delivered-to'), ...email.header('x-original-to'), ...email.to.map((a) => a.address), ...email.cc.map((a) => a.address)];
    for (const candidate of candidates) {
      const check = await checkRecipient(candidate);
      if (check.kind === 'brand') return check.brandId;
    }
    return envelope.fallbackBrandId ?? null;
  }

  return {
    checkRecipient,
    defaultBrandId: async () => (await brands()).defaultId,
    async process(raw, envelope) {
      let email: ParsedEmail;
      let unreadable = false;
      try {
        email = await parseEmail(raw);
      } catch {
        // Never refuse for good what could be stored: the envelope names the sender, and the raw bytes are kept.
        email = unreadableEmail(raw, envelope);
        unreadable = true;
      }
      if (unreadable && !email.from) {
        return { kind: 'rejected', code: 554, reply: '5.6.0 The message could not be read as e-mail and names no sender; send it again as plain text' };
      }
      // Our own mail coming back (a forward loop, a Bcc to the desk): never a customer message.
      if (email.messageId && options.tokens.ticketOfMessageId(email.messageId)) return { kind: 'ignored', reason: 'own_mail' };

      const kind = classifyEmail(email, envelope.mailFrom);
      if (kind.kind === 'bounce') return handleBounce(kind);
      if (kind.kind === 'ignored') {
        options.log?.info({ area: 'email', reason: kind.reason, via: envelope.via }, 'mail ignored');
        return { kind: 'ignored', reason: kind.reason };
      }
      if (!email.from) return { kind: 'rejected', code: 550, reply: '5.1.7 The message has no From address; the desk cannot answer it' };

      const brandId = await brandFor(email, envelope);
      if (!brandId) return { kind: 'rejected', code: 550, reply: '5.1.1 None of the recipients is a support address of this desk' };

      const messageKey = email.messageId ?? `<${createHash('sha256').update(raw).digest('hex')}@walletdesk.invalid>`;
      // De-duplication is per brand: the same mail sent to two brands is two customers' requests.
      const { message: existing, sourceId } = await findEmailMessageInBrand(deps, brandId, messageKey);
      if (existing) {
        const ticket = await store.tickets.get(existing.ticketId);
        const created = ticket !== null && ticket.createdAt === existing.createdAt;
        return { kind: 'stored', ticketId: existing.ticketId, ticketNumber: ticket?.number ?? 0, messageId: existing.id, created, duplicate: true, via: 'message_id' };
      }

      let rateLimited = false;
      if (senderLimit && !(await senderLimit.take(email.from.address)).allowed) {
        if (envelope.via === 'smtp') return { kind: 'deferred', reply: '4.7.1 Too many messages from this sender; try again later' };
        rateLimited = true;
      }

      // Forwarded mails (message/rfc822 parts) are read into the conversation, so their text goes through the
      // shield, triage and search like the rest; only their own attachments are stored as files.
      const forwardedTexts: string[] = [];
      const allParts: EmailPart[] = [];
      const pending = [...email.attachments];
      for (let depth = 0; pending.length > 0; ) {
        const part = pending.shift()!;
        if (isForwardedMail(part) && depth < 20) {
          depth++;
          const inner = await parseEmail(part.content).catch(() => null);
          if (inner && (inner.text.trim() || inner.subject || inner.from)) {
            forwardedTexts.push(forwardedText(inner));
            pending.push(...inner.attachments);
            continue;
          }
        }
        allParts.push(part);
      }

      // Sizes first, before anything is written.
      const parts = allParts.filter((a) => !a.contentType.startsWith('message/delivery-status') && a.size > 0);
      const tooBig = parts.filter((a) => a.size > options.maxAttachmentBytes);
      if (envelope.via === 'smtp' && tooBig.length > 0) {
        const first = tooBig[0]!;
        return {
          kind: 'rejected',
          code: 552,
          reply: `5.3.4 The attachment "${ascii(first.filename ?? 'unnamed')}" is ${mb(first.size)}; the desk accepts at most ${mb(options.maxAttachmentBytes)} per file. Send a smaller file or a link`,
        };
      }
      const maxCount = options.maxAttachments ?? 50;
      if (envelope.via === 'smtp' && parts.length > maxCount) {
        return { kind: 'rejected', code: 552, reply: `5.3.4 The message has ${parts.length} attachments; the desk accepts at most ${maxCount}` };
      }
      const kept = parts.filter((a) => a.size <= options.maxAttachmentBytes).slice(0, maxCount);
      const dropped = parts.filter((a) => !kept.includes(a)).map((a) => ({ filename: a.filename ?? 'unnamed', size: a.size }));

      const attachmentIds: string[] = [];
      const cidUrls = new Map<string, string>();
      const fileShield: Array<{ filename: string; shield: FileShieldVerdict }> = [];
      for (const part of kept) {
        const stored = await uploadAttachment(
          deps,
          { type: 'customer', id: null },
          { filename: part.filename ?? (part.inline ? 'image' : 'attachment'), contentType: part.contentType, bytes: part.content },
          options.maxAttachmentBytes,
        );
        attachmentIds.push(stored.id);
        fileShield.push({ filename: stored.filename, shield: stored.shield });
        if (part.contentId) cidUrls.set(part.contentId, attachmentUrl(stored.id));
      }

      const lang: NoteLanguage = language((await store.brands.get(brandId))?.defaultLanguage, 'zh-CN');
      // The whole original, kept as a file when the stored message cannot hold it as sent.
      const keepOriginal = async (filename: string, bytes: Buffer) => {
        const stored = await uploadAttachment(deps, { type: 'customer', id: null }, { filename, contentType: 'message/rfc822', bytes }, Math.max(options.maxAttachmentBytes, bytes.length));
        attachmentIds.push(stored.id);
        fileShield.push({ filename: stored.filename, shield: stored.shield });
      };

      const forward = isForward(email.subject) || forwardedTexts.length > 0;
      const fullText = [email.text.trim(), ...forwardedTexts].filter(Boolean).join('\n\n');
      const split = forward ? { fresh: fullText, quoted: '' } : splitQuotedText(fullText);
      let body = split.fresh || email.subject;
      let note: StoredNote | 'oversize' | 'quote_shortened' | null = null;
      if (envelope.oversizeBytes !== undefined) {
        note = 'oversize';
        body = oversizeNote(lang, email, envelope.oversizeBytes, options.maxMessageBytes ?? envelope.oversizeBytes);
      } else if (body.length > MAX_MESSAGE_CHARS - 300 || split.quoted.length > MAX_QUOTED_CHARS) {
        // Whatever is cut (the body, or quoted history past what meta keeps) is kept whole in a file. A byte scan
        // of the raw mail cannot see a phrase inside a base64 part; when the text held one, the redacted text is
        // kept instead of the original.
        const secret = redactSecrets(fullText).findings.length > 0;
        if (body.length > MAX_MESSAGE_CHARS - 300) {
          note = secret ? 'shortened_secret' : 'shortened';
          body = `${body.slice(0, MAX_MESSAGE_CHARS - 500)}\n\n[…]\n\n${noteText(note, lang)}`;
        } else note = 'quote_shortened';
        if (secret) await keepOriginal('message.txt', Buffer.from(fullText, 'utf8'));
        else await keepOriginal('original.eml', raw);
      } else if (fullText.trim() === '' && (kept.length === 0 || unreadable)) {
        // Nothing readable: never refused for good, the desk stores what it has and keeps the raw message.
        note = 'no_text';
        body = [email.subject, noteText('no_text', lang)].filter(Boolean).join('\n\n');
        await keepOriginal('original.eml', raw);
      }
      let bodyHtml: string | null = null;
      let htmlCut = false;
      if (email.html) {
        const cut = forward ? { fresh: email.html, cut: false } : cutQuotedHtml(email.html);
        htmlCut = cut.cut;
        bodyHtml = sanitiseEmailHtml(cut.fresh, { cidUrls }) || null;
      }

      const refs = [...email.inReplyTo, ...[...email.references].reverse()];
      const recipients = [...envelope.recipients, ...email.to.map((a) => a.address), ...email.cc.map((a) => a.address)];
      const match = await findEmailThread(deps, {
        brandId,
        ownTicketIds: refs.map((r) => options.tokens.ticketOfMessageId(r)).filter((t): t is string => t !== null),
        messageIds: refs.filter((r) => options.tokens.ticketOfMessageId(r) === null),
        replyTokenNumber: recipients.map((r) => options.tokens.ticketNumberOfAddress(r)).find((n) => n !== null) ?? null,
        subjectNumbers: subjectTicketNumbers(email.subject),
        senderEmail: email.from.address,
      });

      const { domains } = await brands();
      const verdict: AuthVerdict | null = pickVerdict(email.header('authentication-results'), options.trustedAuthservIds);
      const spoofed = impersonatesOwnDomain(email.from.address, domains, verdict);
      if (spoofed) options.log?.warn({ area: 'email', reason: 'own_domain_auth_failed', domain: domainOf(email.from.address) }, 'possible impersonation of the desk');

      const meta: Record<string, unknown> = {
        email: {
          from: email.from.address,
          to: email.to.map((a) => a.address),
          cc: email.cc.map((a) => a.address),
          subject: email.subject,
          date: email.date,
          message_id: email.messageId,
          in_reply_to: email.inReplyTo,
          references: email.references.slice(-20),
          via: envelope.via,
          thread: match?.via ?? 'new',
          auth: verdict ? { authserv_id: verdict.authservId, spf: verdict.spf, dkim: verdict.dkim, dmarc: verdict.dmarc } : null,
          spoofing_suspected: spoofed,
          bulk: kind.bulk,
          quoted_text: split.quoted ? split.quoted.slice(0, MAX_QUOTED_CHARS) : null,
          html_quote_removed: htmlCut,
          dropped_attachments: dropped,
          // What the shield did with each file: redacted, clean, not_scanned (an image, an encrypted PDF) or
          // replaced (a PDF holding a secret, stored as a note instead).
          attachments_shield: fileShield,
          ...(note ? { note } : {}),
          // What the email-inbound processor does after the commit: acknowledge (with the automatic replies
          // folded in) or stay silent (bulk, no-reply, rate-limited senders), and the limit a refused file broke.
          acknowledge: !kind.suppressNotices && !rateLimited,
          attachment_limit_bytes: options.maxAttachmentBytes,
        },
        ...(rateLimited ? { rate_limited: true } : {}),
      };
      const tags = [...(spoofed ? ['spoofing-suspected'] : []), ...(kind.bulk ? ['auto-submitted'] : [])];

      let result;
      const sender = email.from;
      const ingest = (sourceId: string) =>
        ingestInbound(deps, {
          brandId,
          channel: 'email',
          from: { email: sender.address, name: sender.name },
          subject: email.subject || null,
          body,
          bodyHtml,
          sourceId,
          meta,
          ticketId: match?.ticketId ?? null,
          attachmentIds,
          overrides: tags.length ? { tags } : undefined,
          // The acknowledgement, refused-file notice and files-not-scanned tag are the email-inbound processor's:
          // its job commits with the message, so there is never one without the other.
        });
      try {
        result = await ingest(sourceId);
        // Another brand stored the same Message-ID at the same moment and won the plain id: store under this brand's.
        if (result.kind === 'duplicate' && result.ticket.brandId !== brandId) result = await ingest(brandScopedSourceId(brandId, messageKey));
      } catch (err) {
        if (isAppError(err) && err.code === 'invalid_input') return { kind: 'rejected', code: 550, reply: `5.6.0 ${ascii(err.message)}` };
        throw err;
      }

      const created = result.kind === 'created' || result.kind === 'followed_up';
      return {
        kind: 'stored',
        ticketId: result.ticket.id,
        ticketNumber: result.ticket.number,
        messageId: result.message.id,
        created,
        duplicate: result.kind === 'duplicate',
        via: match?.via ?? 'new',
      };
    },
  };
}
