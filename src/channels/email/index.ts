/**
 * The e-mail channel, assembled: the inbound pipeline behind the SMTP listener and the IMAP poller, and the
 * outbound sender. main.ts calls startEmailChannel once in `serve` and registers the sender as senders.email.
 */
import type { Config } from '../../config/config.js';
import type { Deps } from '../../app/ports.js';
import { imapTargetLabel } from './imap-label.js';
import { startImapPoller, type ImapPoller } from './imap-poller.js';
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

/** Starts the listener and the poller the settings ask for. `secret` is the install's key (signs reply tokens). */
export async function startEmailChannel(deps: Deps, settings: EmailSettings, secret: string, log?: EmailLog): Promise<EmailChannel> {
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
  let imap: ImapPoller | null = null;
  try {
    if (settings.smtpPort !== null) {
      smtp = await startSmtpListener({ processor, host: settings.smtpHost, port: settings.smtpPort, maxMessageBytes: settings.smtpMaxMessageBytes, log });
      log?.info({ area: 'email', port: smtp.port }, 'smtp listener is accepting mail');
    }
    if (settings.imapUrl) {
      imap = startImapPoller({ url: settings.imapUrl, store: deps.store, processor, clock: deps.clock, pollMs: settings.imapPollSeconds * 1000, maxMessageBytes: settings.smtpMaxMessageBytes, log });
      log?.info({ area: 'email', mailbox: imapTargetLabel(settings.imapUrl) }, 'imap poller started');
    }
  } catch (err) {
    await smtp?.close();
    sender?.close();
    throw err;
  }
  return {
    sender,
    smtpPort: smtp?.port ?? null,
    async close() {
      await imap?.stop();
      await smtp?.close();
      sender?.close();
    },
  };
}
