/**
 * The built-in inbound SMTP server (smtp-server). Recipients that are not a support address get 550 at RCPT
 * time; a message is answered 250 only after it is committed, and 451 when the desk could not store it, so the
 * sending server keeps it and tries again. No AUTH: this is the desk's MX, not a relay.
 */
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { EmailLog, InboundProcessor } from './inbound.js';

export interface SmtpListenerOptions {
  processor: InboundProcessor;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  maxMessageBytes: number;
  /** The name in the greeting (defaults to the host name). */
  name?: string;
  /** A certificate to offer STARTTLS with; without one the listener speaks plain SMTP. */
  tls?: { key: string | Buffer; cert: string | Buffer } | null;
  log?: EmailLog;
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    // Past the limit the rest is drained, not kept: the message is refused anyway.
    if (!stream.sizeExceeded) {
      chunks.push(chunk);
      kept += chunk.length;
    }
  }
  return Buffer.concat(chunks, kept);
}

export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const { processor, log } = options;
  const server = new SMTPServer({
    name: options.name,
    banner: 'walletdesk',
    size: options.maxMessageBytes,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    logger: false,
    maxClients: 200,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onRcptTo(address, _session, callback) {
      processor.checkRecipient(address.address).then(
        (check) => {
          if (check.kind === 'brand') callback();
          else if (check.kind === 'not_ready') callback(smtpError(451, '4.3.2 The desk is not set up yet; try again later'));
          else callback(smtpError(550, '5.1.1 No such support address here'));
        },
        (err: unknown) => {
          log?.warn({ area: 'email', stage: 'rcpt', err: { message: err instanceof Error ? err.message : String(err) } }, 'recipient check failed');
          callback(smtpError(451, '4.3.0 Temporary failure; try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      (async () => {
        const raw = await readAll(stream);
        if (stream.sizeExceeded) {
          throw smtpError(552, `5.3.4 The message is larger than the ${Math.floor(options.maxMessageBytes / 1_048_576)} MB the desk accepts; send smaller files or a link`);
        }
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const outcome = await processor.process(raw, { mailFrom, recipients: session.envelope.rcptTo.map((r) => r.address), via: 'smtp' });
        switch (outcome.kind) {
          case 'stored':
            // Never a ticket number: a Message-ID can be replayed by anyone, and the reply would name another's ticket.
            return outcome.duplicate ? '2.0.0 Already stored' : '2.0.0 Stored';
          case 'ignored':
          case 'bounce':
            return '2.0.0 Accepted';
          case 'rejected':
            throw smtpError(outcome.code, outcome.reply);
          case 'deferred':
            throw smtpError(451, outcome.reply);
        }
      })().then(
        (message) => callback(null, message),
        (err: unknown) => {
          if (err instanceof Error && 'responseCode' in err) return callback(err);
          log?.warn({ area: 'email', stage: 'data', err: { message: err instanceof Error ? err.message : String(err) } }, 'inbound mail not stored; sender will retry');
          callback(smtpError(451, '4.3.0 Temporary failure storing the message; try again later'));
        },
      );
    },
  });
  server.on('error', (err) => log?.warn({ area: 'email', err: { message: err.message } }, 'smtp listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
