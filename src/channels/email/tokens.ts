/**
 * The desk's own e-mail identifiers, signed so that nobody can forge them to thread mail into someone else's
 * ticket: Message-IDs of the mail the desk sends (<wd.TICKET.PART.SIG@domain>) and reply addresses
 * (help+t1234.SIG@domain). Subject tokens ([#1234]) are not secret; threading checks the sender for those.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface EmailTokens {
  /** A Message-ID, with angle brackets, for a mail the desk sends about `ticketId`; `part` makes it unique. */
  messageId(ticketId: string, part: string, domain: string): string;
  /** The ticket id inside one of our Message-IDs, or null when it is not ours (or its signature is wrong). */
  ticketOfMessageId(messageId: string): string | null;
  /** `base` with a signed +t<number> tag: replies to it reach the ticket whatever the subject says. */
  replyAddress(base: string, ticketNumber: number): string;
  /** The ticket number in a signed reply address, or null. */
  ticketNumberOfAddress(address: string): number | null;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const OUR_ID = new RegExp(`^<?wd\\.(${UUID})\\.([A-Za-z0-9-]{1,64})\\.([0-9a-f]{16})@[^>\\s]+>?$`);
const REPLY_TAG = /^[^@+]+\+t(\d{1,12})\.([0-9a-f]{12})@/i;

/** Signs with a key derived from the install's secret; `secret` is never used directly. */
export function emailTokens(secret: string | Buffer): EmailTokens {
  const key = createHmac('sha256', secret).update('walletdesk email tokens v1').digest();
  const sign = (text: string, length: number) => createHmac('sha256', key).update(text).digest('hex').slice(0, length);
  const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

  return {
    messageId(ticketId, part, domain) {
      const safePart = part.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 64) || 'x';
      return `<wd.${ticketId}.${safePart}.${sign(`mid:${ticketId}.${safePart}`, 16)}@${domain}>`;
    },
    ticketOfMessageId(messageId) {
      const m = OUR_ID.exec(messageId.trim());
      if (!m) return null;
      const [, ticketId, part, sig] = m as unknown as [string, string, string, string];
      return same(sig, sign(`mid:${ticketId}.${part}`, 16)) ? ticketId : null;
    },
    replyAddress(base, ticketNumber) {
      const at = base.lastIndexOf('@');
      return `${base.slice(0, at)}+t${ticketNumber}.${sign(`reply:${ticketNumber}`, 12)}${base.slice(at)}`;
    },
    ticketNumberOfAddress(address) {
      const m = REPLY_TAG.exec(address.trim());
      if (!m) return null;
      const number = Number(m[1]);
      return same(m[2]!.toLowerCase(), sign(`reply:${number}`, 12)) ? number : null;
    },
  };
}

const SUBJECT_TOKEN = /\[#(\d{1,12})\]/g;

/** Ticket numbers written as [#1234] in a subject (other desks' tokens such as [Zendesk #12] or [#AB-12] do not match). */
export function subjectTicketNumbers(subject: string): number[] {
  return [...subject.matchAll(SUBJECT_TOKEN)].map((m) => Number(m[1]));
}

/** The subject of a reply: "Re: " once, our [#number] once at the end, every other token left as it was. */
export function replySubject(subject: string, ticketNumber: number): string {
  const clean = subject.replace(/\s+/g, ' ').trim() || '…';
  const withToken = subjectTicketNumbers(clean).includes(ticketNumber) ? clean : `${clean} [#${ticketNumber}]`;
  return /^(re|回复|答复)\s*[:：]/i.test(withToken) ? withToken : `Re: ${withToken}`;
}
