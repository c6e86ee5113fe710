/**
 * `walletdesk serve` as a real child process, at start: what it creates in a fresh data folder is private to
 * its user, and a port it cannot bind is named by the variable that sets it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { setupNotice } from '../../src/cli/commands/serve.js';

const BIN = join(process.cwd(), 'bin', 'walletdesk.js');

async function occupiedPort(): Promise<Server & { port: number }> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  return Object.assign(s, { port: typeof address === 'object' && address ? address.port : 0 });
}

async function freePort(): Promise<number> {
  const s = await occupiedPort();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return s.port;
}

/** Runs serve until it prints its address (then stops it with SIGTERM) or exits on its own. */
function serve(env: Record<string, string>, whileUp?: (url: string) => Promise<void>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', SMTP_PORT: 'off', ...env } });
  let stdout = '';
  let stderr = '';
  let failure: unknown = null;
  let started = false;
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
    const m = /serving at (http:\/\/\S+)/.exec(stdout);
    // Once: later output (the first-run setup line) arrives in another chunk while whileUp is still running,
    // and a second SIGTERM after the first has been handled would kill the desk mid-stop.
    if (m && !started) {
      started = true;
      void (whileUp ? whileUp(m[1]!) : Promise.resolve())
        .catch((err: unknown) => (failure = err))
        .finally(() => child.kill('SIGTERM'));
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (failure) reject(failure as Error);
      else resolve({ code, stderr });
    }),
  );
}

const mode = (path: string) => statSync(path).mode & 0o777;
const octal = (m: number) => `0${m.toString(8)}`;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? [join(dir, d.name), ...walk(join(dir, d.name))] : [join(dir, d.name)]));
}

describe('walletdesk serve at start', () => {
  test('a first run prints the setup address as a plain line of its own, and the address opens the setup form', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'walletdesk-setup-line-'));
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', SMTP_PORT: 'off', DATA_DIR: join(parent, 'data') },
    });
    try {
      let stdout = '';
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no setup line in 60 s:\n${stdout}`)), 60_000);
        child.stdout.on('data', (c: Buffer) => {
          stdout += c.toString();
          const m = /^First run: create the first admin at (http:\/\/\S+\/setup\?token=[\w-]+)$/m.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.once('exit', (code) => reject(new Error(`serve exited (${code}) before printing the setup line:\n${stdout}`)));
      });
      // Not a terminal here, so no box: one plain line a script or a person can copy.
      assert.doesNotMatch(stdout, /┌/);
      const form = await (await fetch(line)).text();
      const token = new URL(line).searchParams.get('token')!;
      assert.ok(form.includes(`name="token" value="${token}"`), 'the printed address opens the form with its token');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      rmSync(parent, { recursive: true, force: true });
    }
  });

  test('on a terminal the setup address stands in a box', () => {
    const boxed = setupNotice('http://localhost:8080/setup?token=abc', true).trim().split('\n');
    assert.equal(boxed.length, 3);
    assert.match(boxed[1]!, /^│ First run: create the first admin at http:\/\/localhost:8080\/setup\?token=abc │$/);
    assert.equal(boxed[0]!.length, boxed[1]!.length);
    assert.equal(setupNotice('http://x/setup?token=abc', false), 'First run: create the first admin at http://x/setup?token=abc\n');
  });

  test('a fresh data folder, its database, WAL, key and stored attachments are private to the desk’s user', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'walletdesk-perms-'));
    const dataDir = join(parent, 'data');
    const smtpPort = await freePort();
    try {
      const r = await serve({ DATA_DIR: dataDir, SMTP_PORT: String(smtpPort), SMTP_HOST: '127.0.0.1', SUPPORT_EMAIL: 'help@perms.example' }, async () => {
        // An e-mail with an attachment makes the desk store a file under files/.
        const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
        try {
          const info = await mailer.sendMail({
            from: 'someone@mail.example',
            to: 'help@perms.example',
            subject: 'screenshot of the stuck withdrawal',
            text: 'see the attached screenshot',
            attachments: [{ filename: 'screenshot.png', content: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), contentType: 'image/png' }],
          });
          assert.match(info.response, /^250 /);
        } finally {
          mailer.close();
        }
        // The file is stored after the SMTP answer (written to a temporary name, then renamed): wait until it is
        // in place and no temporary file is left.
        const filesDir = join(dataDir, 'files');
        const settled = () => {
          try {
            const all = existsSync(filesDir) ? walk(filesDir).filter((p) => statSync(p).isFile()) : [];
            return all.length > 0 && all.every((p) => !p.endsWith('.tmp'));
          } catch {
            return false; // a temporary file renamed while we looked
          }
        };
        for (const deadline = Date.now() + 15_000; !settled(); ) {
          assert.ok(Date.now() < deadline, 'the attachment is stored within 15 s');
          await new Promise((r) => setTimeout(r, 50));
        }
        // While it runs: the WAL and shared-memory files exist then (a clean stop folds them back).
        const entries = [dataDir, ...walk(dataDir)];
        assert.ok(entries.some((p) => p.endsWith('walletdesk.sqlite-wal')), 'the WAL exists (checked too)');
        assert.ok(entries.some((p) => p.endsWith('walletdesk.sqlite-shm')), 'the shm file exists (checked too)');
        assert.ok(entries.some((p) => p.endsWith('secret.key')));
        const stored = walk(join(dataDir, 'files')).filter((p) => statSync(p).isFile());
        assert.equal(stored.length, 1, `the attachment was stored: ${stored.join(', ')}`);
        const loose = entries
          .filter((p) => (statSync(p).isDirectory() ? mode(p) !== 0o700 : mode(p) !== 0o600))
          .map((p) => `${p.slice(parent.length)} ${octal(mode(p))}`);
        assert.deepEqual(loose, [], 'folders 0700, files 0600');
      });
      assert.equal(r.code, 0, r.stderr);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  test('a taken SMTP port is named as SMTP_PORT with its number, not as the HTTP port', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'walletdesk-ports-'));
    const taken = await occupiedPort();
    try {
      const r = await serve({ DATA_DIR: dataDir, SMTP_PORT: String(taken.port), SMTP_HOST: '127.0.0.1' });
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`^walletdesk: SMTP_PORT: the SMTP port ${taken.port} on 127\\.0\\.0\\.1 is in use.*set SMTP_PORT`));
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a taken HTTP port is named as PORT with its number', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'walletdesk-ports-'));
    const taken = await occupiedPort();
    try {
      const r = await serve({ DATA_DIR: dataDir, PORT: String(taken.port) });
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`^walletdesk: PORT: the HTTP port ${taken.port} on 127\\.0\\.0\\.1 is in use.*set PORT`));
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
