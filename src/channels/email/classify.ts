/**
 * Loop and noise protection: tells customer mail from bounces (DSN), auto-replies, read receipts and bulk mail,
 * from the headers RFC 3834 and RFC 3464 define plus the conventions real mail servers follow.
 */
import { isNoReplyAddress, normaliseAddress } from './addresses.js';
import { messageIdsIn, type ParsedEmail } from './parse.js';

export type EmailClass =
  | {
      kind: 'message';
      /** Why this is machine-sent or list mail (stored, never answered automatically), or null. */
      bulk: string | null;
      /** The sender asked not to be auto-answered, or cannot read answers (noreply@). */
      suppressNotices: boolean;
    }
  | { kind: 'ignored'; reason: 'auto_reply' | 'junk' | 'read_receipt' | 'feedback_report' }
  | {
      kind: 'bounce';
      /** Recipients the report says failed permanently. */
      failedRecipients: string[];
      /** Message-IDs of the mail that bounced (from the returned headers). */
      originalMessageIds: string[];
      /** To: of the mail that bounced, when the report returned its headers. */
      originalRecipients: string[];
      /** The DSN status code (5.1.1), when there is one. */
      status: string | null;
    };

const BOUNCE_SUBJECT =
  /undeliver|delivery (status notification|failure|has failed|incomplete)|returned mail|failure notice|mail delivery (failed|subsystem)|could not be delivered|系统退信|退信|未能送达|无法投递|投递失败|發送失敗|無法傳遞/i;
const AUTO_REPLY_SUBJECT = /^\s*(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|abwesenheitsnotiz|自动回复|自動回覆|自动答复|休假)\s*[:：]/i;

/** Parses the per-recipient blocks of a message/delivery-status part. */
export function parseDeliveryStatus(text: string): Array<{ recipient: string; action: string; status: string | null }> {
  const unfolded = text.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ');
  const out: Array<{ recipient: string; action: string; status: string | null }> = [];
  for (const block of unfolded.split(/\n\s*\n/)) {
    const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'im').exec(block)?.[1]?.trim() ?? null;
    const recipient = field('Final-Recipient') ?? field('Original-Recipient');
    if (!recipient) continue;
    const address = recipient.includes(';') ? recipient.slice(recipient.indexOf(';') + 1) : recipient;
    out.push({ recipient: normaliseAddress(address), action: (field('Action') ?? '').toLowerCase(), status: field('Status')?.split(/\s/)[0] ?? null });
  }
  return out;
}

function returnedHeaders(email: ParsedEmail): string | null {
  const part = email.attachments.find((a) => a.contentType === 'text/rfc822-headers' || a.contentType === 'message/rfc822');
  if (!part) return null;
  const text = part.content.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return (end < 0 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
}

function bounce(email: ParsedEmail): Extract<EmailClass, { kind: 'bounce' }> {
  const dsn = email.attachments.find((a) => a.contentType === 'message/delivery-status' || a.contentType === 'message/global-delivery-status');
  const blocks = dsn ? parseDeliveryStatus(dsn.content.toString('utf8')) : [];
  const failed = blocks.filter((b) => b.action === 'failed' || b.status?.startsWith('5')).map((b) => b.recipient);
  for (const v of email.header('x-failed-recipients')) {
    for (const a of v.split(',')) if (a.includes('@')) failed.push(normaliseAddress(a));
  }
  const headers = returnedHeaders(email);
  const originalMessageIds = headers ? messageIdsIn(/^message-id\s*:\s*(.+)$/im.exec(headers)?.[1] ?? null) : [];
  const toLine = headers ? /^to\s*:\s*(.+)$/im.exec(headers)?.[1] ?? '' : '';
  const originalRecipients = [...toLine.matchAll(/[^\s<>",;:]+@[^\s<>",;:]+/g)].map((m) => normaliseAddress(m[0]));
  return {
    kind: 'bounce',
    failedRecipients: [...new Set(failed)],
    originalMessageIds,
    originalRecipients: [...new Set(originalRecipients)],
    status: blocks.find((b) => b.status)?.status ?? null,
  };
}

/**
 * Classifies one parsed message. `envelopeFrom` is the SMTP MAIL FROM ('' for the null sender bounces use), or
 * null when unknown (IMAP).
 */
export function classifyEmail(email: ParsedEmail, envelopeFrom: string | null = null): EmailClass {
  const reportType = /report-type\s*=\s*"?([\w-]+)/.exec(email.contentType)?.[1]?.toLowerCase() ?? null;
  const isReport = email.contentType.startsWith('multipart/report');
  if (isReport && reportType === 'disposition-notification') return { kind: 'ignored', reason: 'read_receipt' };
  if (isReport && reportType === 'feedback-report') return { kind: 'ignored', reason: 'feedback_report' };

  const fromDaemon = email.from ? /^(mailer-daemon|postmaster|mail-daemon)@/i.test(email.from.address) : false;
  const hasDsn = email.attachments.some((a) => a.contentType === 'message/delivery-status' || a.contentType === 'message/global-delivery-status');
  if (
    (isReport && reportType === 'delivery-status') ||
    hasDsn ||
    email.header('x-failed-recipients').length > 0 ||
    ((fromDaemon || envelopeFrom === '') && BOUNCE_SUBJECT.test(email.subject))
  ) {
    return bounce(email);
  }

  const autoSubmitted = (email.header('auto-submitted')[0] ?? 'no').split(';')[0]!.trim().toLowerCase();
  const precedence = (email.header('precedence')[0] ?? '').trim().toLowerCase();
  if (
    autoSubmitted === 'auto-replied' ||
    precedence === 'auto_reply' ||
    email.header('x-autoreply').length > 0 ||
    email.header('x-autorespond').length > 0 ||
    email.header('x-autoreply-from').length > 0 ||
    email.header('x-mail-autoreply').length > 0 ||
    AUTO_REPLY_SUBJECT.test(email.subject)
  ) {
    return { kind: 'ignored', reason: 'auto_reply' };
  }
  if (precedence === 'junk') return { kind: 'ignored', reason: 'junk' };

  let bulk: string | null = null;
  if (autoSubmitted !== 'no' && autoSubmitted !== '') bulk = `auto-submitted: ${autoSubmitted}`;
  else if (precedence === 'bulk' || precedence === 'list') bulk = `precedence: ${precedence}`;
  else if (email.header('list-id').length > 0 || email.header('list-unsubscribe').length > 0) bulk = 'mailing list';

  const suppress = email.header('x-auto-response-suppress').some((v) => /\b(all|autoreply|oof)\b/i.test(v));
  const noReply = email.from ? isNoReplyAddress(email.from.address) : true;
  return { kind: 'message', bulk, suppressNotices: bulk !== null || suppress || noReply };
}
