/**
 * The e-mail channel, assembled: the inbound pipeline behind the SMTP listener and the IMAP pollers, and the
 * outbound sender. The module (`emailChannel`) starts it from main.ts with the brands' mailbox accounts; the
 * sender becomes senders.email.
 */
import { Type } from '@sinclair/typebox';
import type { Config } from '../../config/config.js';
import { listenError } from '../../config/listen-error.js';
import type { Deps } from '../../app/ports.js';
import type { ChannelModule, OpenChannelAccount } from '../channel.js';
import { imapTargetLabel } from './imap-label.js';
import { startImapPoller, type ImapPoller, type ImapTarget } from './imap-poller.js';
import { inboundProcessor, type EmailLog } from './inbound.js';
import { emailSender, type EmailSender } from './sender.js';
import { startSmtpListener, type SmtpListener } from './smtp-listener.js';
import { emailTokens } from './tokens.js';

export type EmailSettings = Pick<
  Config,
  | 'smtpPort'
  | 'smtpHost'
  | 'smtpUrl'
  | 'supportEmail'
  | 'imapUrl'
  | 'imapPollSeconds'
  | 'smtpMaxMessageBytes'
  | 'maxAttachmentBytes'
  | 'emailRateLimit'
  | 'emailTrustedAuthservIds'
>;

export interface EmailChannel {
  /** Register as deps.senders.email; null when SMTP_URL is not set (replies to e-mail tickets are then not sent). */
  sender: EmailSender | null;
  /** The port the SMTP listener is bound to, or null when it is off. */
  smtpPort: number | null;
  close(): Promise<void>;
}

/** A mailbox of a brand, from a channel account: polled for that brand. */
export interface BrandMailbox {
  brandId: string;
  /** The account's name, for logs. */
  name: string;
  target: ImapTarget;
}

/**
 * Starts the listener and the pollers the settings ask for: one per brand mailbox, and IMAP_URL's (the
 * install-wide mailbox of before channel accounts, kept so existing installs go on working). `secret` is the
 * install's key (signs reply tokens).
 */
export async function startEmailChannel(deps: Deps, settings: EmailSettings, secret: string, log?: EmailLog, mailboxes: readonly BrandMailbox[] = []): Promise<EmailChannel> {
  const tokens = emailTokens(secret);
  const processor = inboundProcessor(deps, {
    tokens,
    supportEmail: settings.supportEmail,
    maxAttachmentBytes: settings.maxAttachmentBytes,
    maxMessageBytes: settings.smtpMaxMessageBytes,
    ratePerHour: settings.emailRateLimit,
    trustedAuthservIds: settings.emailTrustedAuthservIds,
    log,
  });
  const sender = settings.smtpUrl ? emailSender({ relay: settings.smtpUrl, tokens, supportEmail: settings.supportEmail, files: deps.files }) : null;
  if (!sender) log?.warn({ area: 'email' }, 'SMTP_URL is not set: agents’ replies on e-mail tickets and notices will not be sent');

  let smtp: SmtpListener | null = null;
  const imap: ImapPoller[] = [];
  try {
    if (settings.smtpPort !== null) {
      smtp = await startSmtpListener({ processor, host: settings.smtpHost, port: settings.smtpPort, maxMessageBytes: settings.smtpMaxMessageBytes, log });
      log?.info({ area: 'email', port: smtp.port }, 'smtp listener is accepting mail');
    }
    const common = { store: deps.store, processor, clock: deps.clock, pollMs: settings.imapPollSeconds * 1000, maxMessageBytes: settings.smtpMaxMessageBytes, log };
    if (settings.imapUrl) {
      imap.push(startImapPoller({ url: settings.imapUrl, ...common }));
      log?.info({ area: 'email', mailbox: imapTargetLabel(settings.imapUrl) }, 'imap poller started');
    }
    for (const box of mailboxes) {
      imap.push(startImapPoller({ target: box.target, brandId: box.brandId, ...common }));
      log?.info({ area: 'email', account: box.name, brand: box.brandId, mailbox: `${box.target.user}@${box.target.host}/${box.target.mailbox}` }, 'imap poller started');
    }
  } catch (err) {
    await Promise.all(imap.map((p) => p.stop()));
    await smtp?.close();
    sender?.close();
    throw err;
  }
  return {
    sender,
    smtpPort: smtp?.port ?? null,
    async close() {
      await Promise.all(imap.map((p) => p.stop()));
      await smtp?.close();
      sender?.close();
    },
  };
}

/** A brand's mailbox account: IMAP server, user and folder; the password is its one secret. */
export const EmailAccountSettings = Type.Object(
  {
    /** The support address mail to this mailbox is written to, shown in Admin. */
    address: Type.Optional(Type.String({ maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' })),
    imap_host: Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.-]+$' }),
    imap_port: Type.Integer({ minimum: 1, maximum: 65535, default: 993 }),
    /** TLS from the start (imaps); false uses STARTTLS when the server offers it. */
    imap_secure: Type.Boolean({ default: true }),
    imap_user: Type.String({ minLength: 1, maxLength: 254 }),
    imap_mailbox: Type.String({ minLength: 1, maxLength: 200, default: 'INBOX' }),
  },
  { additionalProperties: false },
);

/** An account's mailbox as the poller reads it. */
export function accountMailbox(account: OpenChannelAccount): BrandMailbox {
  const s = account.settings as { imap_host: string; imap_port: number; imap_secure: boolean; imap_user: string; imap_mailbox: string };
  return {
    brandId: account.brandId,
    name: account.name,
    target: { host: s.imap_host, port: s.imap_port, secure: s.imap_secure, user: s.imap_user, pass: account.secrets.imap_password ?? '', mailbox: s.imap_mailbox },
  };
}

export const emailChannel: ChannelModule = {
  kind: 'email',
  channel: 'email',
  settings: {
    kind: 'email',
    schema: EmailAccountSettings,
    secretFields: ['imap_password'],
    requiredSecrets: ['imap_password'],
    uniqueKey: (s) => `${String(s.imap_user).toLowerCase()}@${String(s.imap_host).toLowerCase()}:${String(s.imap_port)}/${String(s.imap_mailbox)}`,
  },
  async start({ deps, config, secretKey, log }, accounts) {
    const channel = await startEmailChannel(deps, config, secretKey, log, accounts.map(accountMailbox)).catch((err: unknown) => {
      throw listenError(err, 'SMTP_PORT', 'SMTP', config.smtpPort ?? 0, config.smtpHost);
    });
    return { sender: channel.sender, stop: () => channel.close() };
  },
};
