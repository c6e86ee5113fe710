/**
 * Raw RFC 5322 bytes → the fields the desk uses, via mailparser (charsets, quoted-printable, base64, RFC 2047
 * headers). Never throws for odd mail: what it cannot read it leaves empty, and the caller decides.
 */
import { convert } from 'html-to-text';
import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from 'mailparser';
import { normaliseAddress } from './addresses.js';
import { declaresHz, decodeHz } from './hz.js';

export interface EmailAddress {
  address: string;
  name: string | null;
}

export interface EmailPart {
  filename: string | null;
  contentType: string;
  size: number;
  content: Buffer;
  /** Content-ID without angle brackets, for cid: links in the HTML. */
  contentId: string | null;
  /** An inline part the HTML shows (cid image), rather than a file the sender attached. */
  inline: boolean;
}

export interface ParsedEmail {
  /** With angle brackets, as sent; null when the message has none. */
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: EmailAddress | null;
  replyTo: EmailAddress[];
  to: EmailAddress[];
  cc: EmailAddress[];
  subject: string;
  date: string | null;
  /** The text part, or text made from the HTML. */
  text: string;
  /** The raw (unsanitised) HTML part, if any. */
  html: string | null;
  attachments: EmailPart[];
  /** Lower-cased header name → raw values (for the headers loop protection and spoofing checks read). */
  header(name: string): string[];
  /** The top-level Content-Type, e.g. multipart/report; report-type=delivery-status. */
  contentType: string;
  size: number;
}

const MSG_ID = /<[^<>\s]+>/g;

/** Message-IDs in a header value, each with its angle brackets; bare ids get them added. */
export function messageIdsIn(value: string | string[] | undefined | null): string[] {
  const all = Array.isArray(value) ? value : value ? [value] : [];
  const out: string[] = [];
  for (const v of all) {
    const found = v.match(MSG_ID);
    if (found) out.push(...found);
    else if (v.trim() && !/\s/.test(v.trim())) out.push(`<${v.trim()}>`);
  }
  return [...new Set(out)];
}

function addresses(value: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  const out: EmailAddress[] = [];
  const walk = (list: AddressObject['value']) => {
    for (const a of list) {
      if (a.group) walk(a.group);
      else if (a.address && a.address.includes('@')) out.push({ address: normaliseAddress(a.address), name: a.name?.trim() || null });
    }
  };
  for (const o of objects) walk(o.value);
  return out;
}

function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(', ');
  if (typeof value === 'object' && value !== null) {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('value' in value && typeof value.value === 'string') {
      const params = 'params' in value && value.params ? Object.entries(value.params).map(([k, v]) => `; ${k}=${v}`).join('') : '';
      return `${value.value}${params}`;
    }
  }
  return '';
}

/**
 * Plain text from HTML: block elements and <br> become line breaks, links and images keep only their words.
 * mailparser derives text from HTML only when the HTML is the top-level part; an HTML-only body inside a
 * multipart/alternative, mixed or related arrives with no text at all, and then the shield, triage and search
 * would see nothing while the HTML kept every word.
 */
export function textFromHtml(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'h4', options: { uppercase: false } },
      { selector: 'h5', options: { uppercase: false } },
      { selector: 'h6', options: { uppercase: false } },
    ],
  })
    .replace(/\r\n/g, '\n')
    .trim();
}

/** Parses one message. `raw` is the whole message as received (headers and body). */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const mail: ParsedMail = await simpleParser(raw, {
    // cid: links stay links: the adapter points them at the stored attachments instead of inlining data: URIs.
    keepCidLinks: true,
    // DSN parts stay attachments so that bounces can be read field by field.
    keepDeliveryStatus: true,
    skipImageLinks: true,
    skipTextLinks: true,
    maxHtmlLengthToParse: 2_000_000,
  } as Parameters<typeof simpleParser>[1]);

  // Raw header lines keep repeated headers (Authentication-Results, Received) that the parsed map folds.
  const lines = new Map<string, string[]>();
  for (const { key, line } of mail.headerLines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    const list = lines.get(key) ?? [];
    list.push(value);
    lines.set(key, list);
  }
  const contentType = mail.headers.get('content-type');
  const from = addresses(mail.from)[0] ?? null;
  // iconv-lite has no HZ: mailparser leaves its 7-bit escapes in place, and they are undone here.
  const hz = declaresHz(raw) ? decodeHz : (s: string) => s;
  const html = typeof mail.html === 'string' && mail.html.trim() !== '' ? hz(mail.html) : null;
  let text = hz((mail.text ?? '').replace(/\r\n/g, '\n'));
  if (text.trim() === '' && html) text = textFromHtml(html);

  return {
    messageId: messageIdsIn(mail.messageId)[0] ?? null,
    inReplyTo: messageIdsIn(mail.inReplyTo),
    references: messageIdsIn(mail.references),
    from,
    replyTo: addresses(mail.replyTo),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: hz(mail.subject ?? '').replace(/\s+/g, ' ').trim(),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
    text,
    html,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: (a.contentType || 'application/octet-stream').toLowerCase(),
      size: a.size ?? a.content.length,
      content: a.content,
      contentId: a.contentId ? a.contentId.replace(/^<|>$/g, '') : a.cid ?? null,
      inline: Boolean(a.related) || (a.contentDisposition === 'inline' && Boolean(a.contentId) && /^image\//i.test(a.contentType)),
    })),
    header: (name) => lines.get(name.toLowerCase()) ?? [],
    contentType: contentType ? headerText(contentType).toLowerCase() : 'text/plain',
    size: raw.length,
  };
}
