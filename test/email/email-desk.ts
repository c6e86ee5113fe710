/**
 * A desk wired for e-mail tests: a fresh store on the chosen dialect, real deps, a brand with a support address,
 * the inbound pipeline behind a real SMTP listener on loopback, and a nodemailer client that talks to it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { ManualClock, type Clock } from '../../src/core/clock.js';
import type { Brand } from '../../src/core/people.js';
import type { Deps, RateLimits, Store } from '../../src/app/ports.js';
import { createBrand } from '../../src/app/create-brand.js';
import { inProcessBus } from '../../src/bus/live-bus.js';
import { argon2Hasher } from '../../src/crypto/passwords.js';
import { aesSecretBox } from '../../src/crypto/secret-box.js';
import { localFileStore } from '../../src/store/file-store.js';
import type { DialectName } from '../../src/store/dialect.js';
import { inboundProcessor, type InboundOptions, type InboundProcessor } from '../../src/channels/email/inbound.js';
import { startSmtpListener, type SmtpListener } from '../../src/channels/email/smtp-listener.js';
import { emailTokens, type EmailTokens } from '../../src/channels/email/tokens.js';
import { makeTestStore } from '../helpers/stores.js';

export const SECRET = 'test-secret-for-email-tokens';

export interface EmailDesk {
  deps: Deps;
  store: Store;
  clock: ManualClock;
  brand: Brand;
  other: Brand;
  tokens: EmailTokens;
  processor: InboundProcessor;
  smtp: SmtpListener;
  /** Sends raw RFC 5322 bytes over SMTP; resolves with the server's reply line, rejects with its error (responseCode). */
  sendRaw(raw: string | Buffer, envelope?: { from?: string; to?: string[] }): Promise<string>;
  close(): Promise<void>;
}

export async function startEmailDesk(
  dialect: DialectName,
  options: { wrapStore?: (store: Store) => Store; inbound?: Partial<InboundOptions>; clock?: Clock; limits?: RateLimits } = {},
): Promise<EmailDesk> {
  const t = await makeTestStore(dialect);
  const filesDir = mkdtempSync(join(tmpdir(), 'walletdesk-email-'));
  const clock = new ManualClock('2026-03-01T08:00:00.000Z');
  const baseDeps: Deps = {
    store: t.store,
    bus: inProcessBus(),
    clock,
    files: localFileStore(filesDir),
    passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
    secrets: aesSecretBox(randomBytes(32).toString('hex')),
    ...(options.limits ? { limits: options.limits } : {}),
  };
  const brand = await createBrand(baseDeps, null, { name: 'Satoshi Wallet', slug: 'satoshi', default_language: 'zh-CN', time_zone: 'Asia/Shanghai', support_emails: ['help@satoshi.example'] });
  clock.advance(1000);
  const other = await createBrand(baseDeps, null, { name: 'Lightning Pocket', slug: 'pocket', default_language: 'en', support_emails: ['support@pocket.example'] });
  const store = options.wrapStore ? options.wrapStore(t.store) : t.store;
  const deps: Deps = { ...baseDeps, store };
  const tokens = emailTokens(SECRET);
  const processor = inboundProcessor(deps, { tokens, supportEmail: 'desk@default.example', maxAttachmentBytes: 256 * 1024, ratePerHour: 0, ...options.inbound });
  const smtp = await startSmtpListener({ processor, host: '127.0.0.1', port: 0, maxMessageBytes: 2 * 1_048_576 });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, pool: false });
  return {
    deps,
    store,
    clock,
    brand,
    other,
    tokens,
    processor,
    smtp,
    async sendRaw(raw, envelope = {}) {
      const info = await transport.sendMail({
        envelope: { from: envelope.from ?? 'customer@mail.example', to: envelope.to ?? ['help@satoshi.example'] },
        raw,
      });
      return info.response;
    },
    async close() {
      transport.close();
      await smtp.close();
      await baseDeps.bus.close();
      await t.cleanup();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** A minimal RFC 5322 message. */
export function mail(fields: {
  from?: string;
  to?: string;
  cc?: string;
  subject?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
  body?: string;
}): string {
  const lines = [
    `From: ${fields.from ?? 'Zhang San <customer@mail.example>'}`,
    `To: ${fields.to ?? 'help@satoshi.example'}`,
    ...(fields.cc ? [`Cc: ${fields.cc}`] : []),
    `Subject: ${fields.subject ?? 'Withdrawal stuck'}`,
    'Date: Sun, 1 Mar 2026 08:00:00 +0000',
    ...(fields.messageId === null ? [] : [`Message-ID: ${fields.messageId ?? `<${randomBytes(8).toString('hex')}@mail.example>`}`]),
    ...(fields.inReplyTo ? [`In-Reply-To: ${fields.inReplyTo}`] : []),
    ...(fields.references ? [`References: ${fields.references}`] : []),
    ...Object.entries(fields.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    fields.body ?? 'My withdrawal has been pending for two days.',
  ];
  return `${lines.join('\r\n')}\r\n`;
}
