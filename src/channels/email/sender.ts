/**
 * The e-mail channel's outbound side (ChannelSender): agents' replies and the desk's notices go out through the
 * SMTP relay in SMTP_URL with nodemailer. It is called from durable jobs, which retry with backoff; a retry sends
 * the same Message-ID, so a mail the relay took just before a crash is recognisably the same mail.
 */
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { ChannelSender, FileStore } from '../../app/ports.js';
import { composeNotice, composeReply, type OutgoingMail } from './compose.js';
import type { EmailTokens } from './tokens.js';

export interface EmailSenderOptions {
  /** smtp:// or smtps:// URL of the relay, or a ready nodemailer transport (tests). */
  relay: string | Transporter;
  tokens: EmailTokens;
  supportEmail: string | null;
  files: FileStore;
}

export interface EmailSender extends ChannelSender {
  close(): void;
}

function toNodemailer(mail: OutgoingMail) {
  return {
    from: mail.from,
    replyTo: mail.replyTo,
    to: mail.to,
    subject: mail.subject,
    messageId: mail.messageId,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references.length ? { references: mail.references } : {}),
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
  };
}

export function emailSender(options: EmailSenderOptions): EmailSender {
  const transport: Transporter =
    typeof options.relay === 'string' ? nodemailer.createTransport({ url: options.relay, pool: true, maxConnections: 3 } as Parameters<typeof nodemailer.createTransport>[0]) : options.relay;
  const ctx = { tokens: options.tokens, supportEmail: options.supportEmail };

  return {
    foldsAutoReplies: true,
    async send(delivery) {
      const mail = composeReply(delivery, ctx);
      const attachments = [];
      for (const a of delivery.attachments) {
        const content = await options.files.get(a.sha256);
        if (!content) throw new Error(`attachment ${a.filename} is missing from file storage`);
        attachments.push({ filename: a.filename, contentType: a.contentType, content });
      }
      await transport.sendMail({ ...toNodemailer(mail), attachments });
      return { externalId: mail.messageId };
    },
    async notify(notice) {
      const mail = composeNotice(notice, ctx);
      await transport.sendMail(toNodemailer(mail));
      return { externalId: mail.messageId };
    },
    async mailAgent(mail) {
      // A desk mail to its own agent: from SUPPORT_EMAIL; the Message-ID is fixed per key so a retry is the same mail.
      const from = options.supportEmail ?? mail.from;
      if (!from) throw new Error('SUPPORT_EMAIL is not set and no brand has a support address: agent mail has no sender address');
      const domain = from.split('@')[1] ?? 'localhost';
      const messageId = `<agent-${createHash('sha256').update(mail.key).digest('hex').slice(0, 24)}@${domain}>`;
      await transport.sendMail({
        from: { name: 'walletdesk', address: from },
        to: mail.to,
        subject: mail.subject,
        messageId,
        text: mail.text,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      });
      return { externalId: messageId };
    },
    close() {
      transport.close();
    },
  };
}
