/**
 * Builds the outgoing e-mails: agents' replies and the desk's notices. Every mail carries a signed Message-ID
 * (so a retried send is recognisably the same mail and replies thread back), In-Reply-To and References from
 * the conversation, a signed reply address, and both a text and an HTML part.
 */
import { createHash } from 'node:crypto';
import type { Message } from '../../core/message.js';
import type { Brand } from '../../core/people.js';
import type { CustomerNotice, OutboundDelivery } from '../../app/ports.js';
import { domainOf } from './addresses.js';
import { mailLanguage, strings, type MailLanguage } from './notice-text.js';
import { replySubject, type EmailTokens } from './tokens.js';

export interface OutgoingMail {
  from: { name: string; address: string };
  replyTo: string;
  to: string;
  subject: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface ComposeContext {
  tokens: EmailTokens;
  /** SUPPORT_EMAIL, the sender for brands without a support address of their own. */
  supportEmail: string | null;
}

/** The address a brand writes from. */
export function brandAddress(brand: Brand, supportEmail: string | null): string {
  const address = brand.supportEmails[0] ?? supportEmail;
  if (!address) throw new Error(`brand ${brand.slug} has no support e-mail address and SUPPORT_EMAIL is not set`);
  return address;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Plain text as HTML paragraphs; links become anchors. */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((para) => {
      const html = escapeHtml(para).replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`);
      return `<p>${html.replace(/\n/g, '<br>')}</p>`;
    })
    .join('\n');
}

function document(lang: MailLanguage, bodyHtml: string, footer: string): string {
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"></head>`,
    '<body style="font-family:-apple-system,Segoe UI,PingFang SC,Microsoft YaHei,sans-serif;font-size:14px;line-height:1.5;color:#222">',
    bodyHtml,
    `<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 8px">`,
    `<div style="font-size:12px;color:#777">${textToHtml(footer)}</div>`,
    '</body></html>',
  ].join('\n');
}

/** The e-mail Message-ID a stored message is known by: an inbound mail's own, or the one we sent it with. */
export function emailIdOf(message: Message): string | null {
  if (message.channel !== 'email') return null;
  if (message.authorType === 'customer') return message.sourceId && !message.sourceId.endsWith('@walletdesk.invalid>') ? message.sourceId : null;
  return message.delivery?.externalId ?? null;
}

/** In-Reply-To and References for a mail that follows `earlier` (oldest first): RFC 5322 §3.6.4, kept short. */
export function threadHeaders(earlier: readonly Message[]): { inReplyTo: string | null; references: string[] } {
  const ids = earlier.map(emailIdOf).filter((id): id is string => id !== null);
  const unique = [...new Set(ids)];
  const references = unique.length > 20 ? [unique[0]!, ...unique.slice(-19)] : unique;
  return { inReplyTo: unique[unique.length - 1] ?? null, references };
}

function latestCustomerAddress(thread: readonly Message[], emails: readonly string[]): string | null {
  for (let i = thread.length - 1; i >= 0; i--) {
    const from = (thread[i]!.meta.email as { from?: unknown } | undefined)?.from;
    if (thread[i]!.authorType === 'customer' && typeof from === 'string' && emails.includes(from)) return from;
  }
  return null;
}

/** An agent's public reply as an e-mail to the requester. */
export function composeReply(delivery: OutboundDelivery, ctx: ComposeContext): OutgoingMail {
  const { brand, ticket, message, requester, thread } = delivery;
  const address = brandAddress(brand, ctx.supportEmail);
  const to = latestCustomerAddress(thread, requester.emails) ?? requester.emails[0];
  if (!to) throw new Error('the customer has no e-mail address');
  const index = thread.findIndex((m) => m.id === message.id);
  const { inReplyTo, references } = threadHeaders((index >= 0 ? thread.slice(0, index) : thread).filter((m) => m.public));
  const lang = mailLanguage(ticket.language, brand.defaultLanguage);
  const footer = strings(lang).replyFooter(ticket.number, brand.name);
  return {
    from: { name: brand.name, address },
    replyTo: ctx.tokens.replyAddress(address, ticket.number),
    to,
    subject: replySubject(ticket.subject, ticket.number),
    messageId: ctx.tokens.messageId(ticket.id, message.id, domainOf(address)),
    inReplyTo,
    references,
    text: `${message.body.trim()}\n\n-- \n${footer}\n`,
    html: document(lang, textToHtml(message.body), footer),
    // A rule's automatic reply says so (RFC 3834), so the customer's auto-responder does not answer it.
    headers: { 'X-Walletdesk-Ticket': String(ticket.number), ...(message.meta.auto_submitted === true ? { 'Auto-Submitted': 'auto-replied' } : {}) },
  };
}

/** One of the desk's automatic notices. */
export function composeNotice(notice: CustomerNotice, ctx: ComposeContext): OutgoingMail {
  const { brand, ticket, message } = notice;
  const address = brandAddress(brand, ctx.supportEmail);
  const lang = mailLanguage(ticket.language, brand.defaultLanguage);
  const s = strings(lang);
  const files = Array.isArray(notice.detail.files) ? (notice.detail.files as Array<{ filename: string; size: number }>) : undefined;
  const body = s.body(notice.kind, {
    number: ticket.number,
    brand: brand.name,
    replyText: notice.kind === 'reply' ? message?.body : undefined,
    url: notice.url,
    files,
    limitBytes: typeof notice.detail.limit_bytes === 'number' ? notice.detail.limit_bytes : undefined,
    autoReplies: notice.autoReplies,
    ...(notice.kind === 'verification_code' ? { code: String(notice.detail.code ?? ''), minutes: Number(notice.detail.minutes ?? 0) } : {}),
  });
  const text = [s.greeting(notice.requester.name), body, s.neverAsk, s.signOff(brand.name)].join('\n\n');
  const replyTo = message && message.channel === 'email' && message.authorType === 'customer' ? emailIdOf(message) : null;
  const part = `n-${notice.kind.replace(/_/g, '-')}-${createHash('sha256').update(notice.key).digest('hex').slice(0, 16)}`;
  return {
    from: { name: brand.name, address },
    replyTo: ctx.tokens.replyAddress(address, ticket.number),
    to: notice.to,
    // A solve notice in the customer's own e-mail thread keeps the thread's subject, so every mail client threads it.
    subject: (notice.kind === 'solved' && replyTo ? null : s.subject(notice.kind, ticket.number)) ?? replySubject(ticket.subject, ticket.number),
    messageId: ctx.tokens.messageId(ticket.id, part, domainOf(address)),
    inReplyTo: replyTo,
    references: replyTo ? [replyTo] : [],
    text: `${text}\n\n-- \n${s.replyFooter(ticket.number, brand.name)}\n`,
    html: document(lang, textToHtml(text), s.replyFooter(ticket.number, brand.name)),
    headers: {
      // RFC 3834: machine-written mail; well-behaved auto-responders will not answer it, so no loop starts here.
      'Auto-Submitted': notice.kind === 'acknowledgement' || notice.kind === 'attachment_rejected' ? 'auto-replied' : 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'X-Walletdesk-Ticket': String(ticket.number),
    },
  };
}
