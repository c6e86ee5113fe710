/**
 * `serve` with e-mail settings: the SMTP listener takes mail for SUPPORT_EMAIL (the fresh install's default
 * brand), the job worker sends the acknowledgement through SMTP_URL, and closing the desk closes the listener.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { loadConfig } from '../../src/config/config.js';
import { serve } from '../../src/main.js';
import { mail } from './email-desk.js';
import { startSmtpSink } from './smtp-sink.js';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

test('a fresh install accepts mail for SUPPORT_EMAIL at once (the default brand) and acknowledges it through SMTP_URL', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'walletdesk-serve-email-'));
  const sink = await startSmtpSink();
  const smtpPort = await freePort();
  const server = await serve(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SMTP_PORT: String(smtpPort), SMTP_HOST: '127.0.0.1', SMTP_URL: sink.url, SUPPORT_EMAIL: 'help@fresh.example', LOG_LEVEL: 'silent', SQLITE_SYNCHRONOUS: 'normal' }),
  );
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
  const send = (raw: string) => client.sendMail({ envelope: { from: 'new@mail.example', to: ['help@fresh.example'] }, raw });
  try {
    const info = await send(mail({ to: 'help@fresh.example', messageId: '<serve-1@mail.example>', subject: 'First contact' }));
    assert.equal(info.response, '250 2.0.0 Stored');
    const deadline = Date.now() + 10_000;
    while (sink.mails.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(sink.mails.length, 1, 'the acknowledgement was sent');
    assert.equal(sink.mails[0]!.parsed.from?.value[0]?.address, 'help@fresh.example');
    assert.equal(sink.mails[0]!.parsed.inReplyTo, '<serve-1@mail.example>');
    assert.match(sink.mails[0]!.parsed.text ?? '', /ticket #1001/);
  } finally {
    client.close();
    await server.close();
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const after = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, connectionTimeout: 2000 });
  await assert.rejects(after.sendMail({ envelope: { from: 'a@b.example', to: ['help@fresh.example'] }, raw: mail({}) }), /ECONNREFUSED|connect/);
});
