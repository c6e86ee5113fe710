/**
 * Inbound e-mail throughput (issue 4 target: ≥ 300 messages/s from SMTP accept to committed ticket on SQLite).
 * A pooled nodemailer client, in a child process (a sending server is not our CPU), sends over loopback to the real
 * SMTP listener; a message counts when the listener answered 250, which it does only after the ticket, message
 * and acknowledgement job are committed. Every message opens a new ticket (the heaviest path). Besides wall-clock
 * throughput (which depends on what else the machine runs), it reports the desk process's CPU time per message,
 * which does not. Prints one JSON line per measurement.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { systemClock } from '../src/core/clock.js';
import type { Deps } from '../src/app/ports.js';
import { createBrand } from '../src/app/create-brand.js';
import { inProcessBus } from '../src/bus/live-bus.js';
import { argon2Hasher } from '../src/crypto/passwords.js';
import { aesSecretBox } from '../src/crypto/secret-box.js';
import { localFileStore } from '../src/store/file-store.js';
import { openSqlite } from '../src/store/dialect.js';
import { createStore, migrateToLatest } from '../src/store/kysely-store.js';
import { inboundProcessor } from '../src/channels/email/inbound.js';
import { startSmtpListener } from '../src/channels/email/smtp-listener.js';
import { emailTokens } from '../src/channels/email/tokens.js';

const MESSAGES = Number(process.env.BENCH_EMAIL_MESSAGES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_EMAIL_CONCURRENCY ?? 8);
const qq = readFileSync(new URL('../test/corpus/email/qq-gb18030-reply.eml', import.meta.url), 'latin1');

function plain(i: number): string {
  return [
    `From: Customer ${i} <c${i}@mail.example>`,
    'To: help@bench.example',
    `Subject: Withdrawal ${i} is stuck`,
    `Message-ID: <bench-${i}-${randomBytes(4).toString('hex')}@mail.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `My withdrawal number ${i} has been pending for two days. Device: Pixel 8, app 3.2.1.`,
    '',
  ].join('\r\n');
}

/** The QQ Mail fixture (GB18030 multipart with HTML and a quoted history), with a fresh Message-ID and sender. */
function chinese(i: number): string {
  return qq
    .replace(/Message-ID: <[^>]+>/, `Message-ID: <bench-qq-${i}-${randomBytes(4).toString('hex')}@qq.com>`)
    .replace('<1234567@qq.com>', `<${100000 + i}@qq.com>`)
    .replace('To: "help" <help@satoshi.example>', 'To: "help" <help@bench.example>');
}

/** The sending side: a pooled nodemailer client with CONCURRENCY connections, recording each 250's latency. */
const CLIENT = `
const nodemailer = require('nodemailer');
const { port, raws, concurrency } = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: concurrency, maxMessages: Infinity });
const latencies = [];
let next = 0;
let failed = 0;
Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < raws.length) {
    const raw = raws[next++];
    const t0 = performance.now();
    try {
      await client.sendMail({ envelope: { from: 'bench@mail.example', to: ['help@bench.example'] }, raw });
      latencies.push(performance.now() - t0);
    } catch {
      failed++;
    }
  }
})).then(() => { client.close(); process.stdout.write(JSON.stringify({ latencies, failed })); });
`;

async function run(label: string, synchronous: 'full' | 'normal', make: (i: number) => string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'walletdesk-bench-email-'));
  const db = openSqlite(join(dir, 'desk.sqlite'), { synchronous });
  await migrateToLatest(db);
  const store = createStore(db, 'sqlite');
  const deps: Deps = {
    store,
    bus: inProcessBus(),
    clock: systemClock,
    files: localFileStore(join(dir, 'files')),
    passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
    secrets: aesSecretBox(randomBytes(32).toString('hex')),
  };
  await createBrand(deps, null, { name: 'Bench Wallet', slug: 'bench', support_emails: ['help@bench.example'] });
  const processor = inboundProcessor(deps, { tokens: emailTokens('bench'), maxAttachmentBytes: 25 * 1_048_576, ratePerHour: 30 });
  const smtp = await startSmtpListener({ processor, host: '127.0.0.1', port: 0, maxMessageBytes: 35 * 1_048_576 });
  const raws = Array.from({ length: MESSAGES }, (_, i) => make(i));
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { latencies, failed } = await new Promise<{ latencies: number[]; failed: number }>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CLIENT], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { latencies: number[]; failed: number }) : reject(new Error(`client exited ${code}`))));
    child.stdin.end(JSON.stringify({ port: smtp.port, raws, concurrency: CONCURRENCY }));
  });
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - started) / 1000;
  const tickets = await store.tickets.count({});
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0) * 10) / 10;
  console.log(
    JSON.stringify({
      bench: 'email.inbound',
      mail: label,
      db: 'sqlite',
      synchronous,
      messages: MESSAGES,
      concurrency: CONCURRENCY,
      committed_tickets: tickets,
      failed,
      msgs_per_s: Math.round(latencies.length / seconds),
      server_cpu_ms_per_msg: Math.round(((cpu.user + cpu.system) / 1000 / latencies.length) * 100) / 100,
      p50_ms: pct(0.5),
      p99_ms: pct(0.99),
    }),
  );
  await smtp.close();
  await deps.bus.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

await run('plain', 'full', plain);
await run('plain', 'normal', plain);
await run('qq-gb18030-html', 'full', chinese);
