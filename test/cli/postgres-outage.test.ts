/**
 * `walletdesk serve` on a PostgreSQL that goes away under load: a private cluster (never the shared server) is
 * restarted fast, restarted immediate, and stopped for a few seconds while clients create tickets over HTTP and a
 * mail arrives over SMTP. The process must stay up, answer 503 `unavailable` (SMTP 451) while the database is
 * away, serve again by itself soon after it returns, and have stored every ticket it acknowledged.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { loadConfig } from '../../src/config/config.js';
import { makeLogger, openDesk } from '../../src/main.js';
import { createAgent } from '../../src/app/create-agent.js';
import { createApiToken } from '../../src/app/create-api-token.js';
import { DEFAULT_BRAND_SLUG } from '../../src/app/ensure-default-brand.js';
import { startChat } from '../helpers/chat-client.js';
import { createPrivateCluster, havePostgresBinaries, type PrivateCluster } from '../helpers/private-postgres.js';

const BIN = join(process.cwd(), 'bin', 'walletdesk.js');
const SECRET_KEY = randomBytes(32).toString('hex');
const haveBinaries = await havePostgresBinaries();

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

async function until(what: string, deadlineMs: number, check: () => boolean | Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > deadlineMs) throw new Error(`timed out after ${deadlineMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

interface Served {
  child: ChildProcessWithoutNullStreams;
  /** Everything the process wrote (JSON log lines and the serving line). */
  output: () => string;
  url: () => string | null;
  exited: () => number | string | null;
  stop(): Promise<void>;
}

function startServe(env: Record<string, string>): Served {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', SECRET_KEY, ...env },
  });
  let out = '';
  let exit: number | string | null = null;
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  child.once('exit', (code, signal) => (exit = code ?? signal ?? 'exited'));
  return {
    child,
    output: () => out,
    url: () => /serving at (http:\/\/\S+)/.exec(out)?.[1]?.replace('localhost', '127.0.0.1') ?? null,
    exited: () => exit,
    async stop() {
      if (exit !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
      if (exit === null) child.kill('SIGKILL');
    },
  };
}

/** Admin token and support address on a fresh database, made in-process (faster than three CLI runs). */
async function prepareDatabase(url: string, dataDir: string): Promise<string> {
  const config = loadConfig({ DATABASE_URL: url, DATA_DIR: dataDir, SECRET_KEY, LOG_LEVEL: 'silent', SUPPORT_EMAIL: 'help@outage.example' });
  const desk = await openDesk(config, makeLogger({ logLevel: 'silent' }));
  try {
    const agent = await createAgent(desk.deps, null, { email: 'ops@outage.example', name: 'Ops', role: 'admin', password: 'a long ops password' });
    return (await createApiToken(desk.deps, null, { agentId: agent.id, name: 'load' })).token;
  } finally {
    await desk.close();
  }
}

describe('serve on PostgreSQL while the database restarts', { skip: haveBinaries ? false : 'initdb/pg_ctl are not on PATH' }, () => {
  let cluster: PrivateCluster;
  let dataDir: string;
  let token: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'walletdesk-outage-'));
    cluster = await createPrivateCluster();
    await cluster.start();
    token = await prepareDatabase(cluster.url, dataDir);
  });
  after(async () => {
    await cluster?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('restarts (fast, immediate) and a stop of seconds: no crash, 503 or 451 meanwhile, back by itself, nothing acknowledged lost', async (t) => {
    const smtpPort = await freePort();
    const server = startServe({ DATABASE_URL: cluster.url, DATA_DIR: dataDir, SMTP_PORT: String(smtpPort), SMTP_HOST: '127.0.0.1', SUPPORT_EMAIL: 'help@outage.example' });
    const acked: string[] = [];
    const bad: string[] = [];
    let unavailable = 0;
    let stopLoad = false;
    const load: Array<Promise<void>> = [];
    try {
      await until('serve prints its address', 30_000, () => server.url() !== null || server.exited() !== null);
      assert.equal(server.exited(), null, server.output());
      const url = server.url()!;
      let n = 0;
      const createTicket = async (): Promise<number> => {
        const i = n++;
        try {
          const res = await fetch(`${url}/api/v1/tickets`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ subject: `outage ${i}`, body: 'created under load', requester: { email: `c${i % 7}@outage.example` } }),
          });
          const body = (await res.json()) as { id?: string; error?: { code: string } };
          if (res.status === 201 && body.id) acked.push(body.id);
          else if (res.status === 503 && body.error?.code === 'unavailable') unavailable++;
          else bad.push(`${res.status} ${JSON.stringify(body)}`);
          return res.status;
        } catch (err) {
          bad.push(`request failed: ${(err as Error).message} ${String((err as { cause?: unknown }).cause ?? '')}`);
          return 0;
        }
      };
      // A few concurrent clients; they slow down while the desk answers 503, as a client should.
      for (let c = 0; c < 4; c++) {
        load.push(
          (async () => {
            while (!stopLoad && acked.length + unavailable + bad.length < 5000) {
              if ((await createTicket()) !== 201) await new Promise((r) => setTimeout(r, 100));
            }
          })(),
        );
      }
      const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, connectionTimeout: 10_000 });
      const sendMail = (id: string) =>
        mailer.sendMail({
          envelope: { from: 'someone@mail.example', to: ['help@outage.example'] },
          raw: `From: someone@mail.example\r\nTo: help@outage.example\r\nSubject: outage mail\r\nMessage-ID: <${id}@mail.example>\r\nDate: ${new Date().toUTCString()}\r\n\r\nMy withdrawal is stuck.\r\n`,
        });
      /** After the database is back: a new request succeeds within a few seconds, without any help. */
      const backWithin = async (label: string) => {
        const ms = await until(`${label}: a 201 after the database returned`, 15_000, async () => {
          if (server.exited() !== null) throw new Error('the process exited');
          return (await createTicket()) === 201;
        }).catch((err: Error) => {
          throw new Error(`${err.message}; exit ${server.exited()}; answers ${bad.slice(-3).join(' | ')}\n${server.output().slice(-3000)}`);
        });
        assert.equal(server.exited(), null, `${label}: the process exited\n${server.output()}`);
        return ms;
      };

      await until('some tickets acknowledged before the first restart', 15_000, () => acked.length >= 20);
      await cluster.restart('fast');
      const afterFast = await backWithin('restart -m fast');
      await until('load resumes', 10_000, () => acked.length >= 40);
      await cluster.restart('immediate');
      const afterImmediate = await backWithin('restart -m immediate');

      // A chat visitor, in session before the outage.
      const { client: chat, welcome } = await startChat(url, { brand: DEFAULT_BRAND_SLUG, language: 'en' });
      assert.equal(welcome.type, 'welcome', JSON.stringify(welcome));
      chat.send({ type: 'prechat', kind: 'transaction', language: 'en', email: 'visitor@outage.example' });
      await chat.next((f) => f.type === 'prechat_ok', 10_000);

      await cluster.stop('fast');
      const stoppedAt = Date.now();
      const during = unavailable;
      await until('requests are answered 503 while the database is stopped', 10_000, () => unavailable >= during + 8);
      await assert.rejects(sendMail('during'), (err: { responseCode?: number }) => err.responseCode === 451, 'SMTP defers mail (451) while the database is away');
      chat.send({ type: 'message', client_id: 'outage-1', body: 'is anyone there?' });
      const refused = await chat.next((f) => f.client_id === 'outage-1', 15_000);
      assert.deepEqual([refused.type, refused.code], ['error', 'unavailable'], 'the chat message is not acknowledged; the client keeps it to resend');
      // The stop lasts a few seconds (it is the scenario: an outage longer than a restart).
      await until('the database has been away for 4 s', 15_000, () => Date.now() - stoppedAt >= 4000);
      assert.equal(server.exited(), null, server.output());
      await cluster.start();
      const afterStop = await backWithin('stop, then start');
      assert.match((await sendMail('after')).response, /^250 /, 'SMTP takes mail again');
      chat.send({ type: 'message', client_id: 'outage-1', body: 'is anyone there?' });
      const ack = await chat.next((f) => f.client_id === 'outage-1', 15_000);
      assert.equal(ack.type, 'ack', `the resent chat message is acknowledged on the same socket: ${JSON.stringify(ack)}`);
      chat.ws.close();

      stopLoad = true;
      await Promise.all(load);
      assert.deepEqual(bad, [], 'every answer was a 201 or a 503 unavailable (no 500, no reset)');
      assert.ok(unavailable > 0, 'the outage was seen by the clients');
      assert.equal(server.exited(), null, 'the process never exited');
      // Recovery is measured from the moment pg_ctl says the server is up.
      for (const ms of [afterFast, afterImmediate, afterStop]) assert.ok(ms < 10_000, `served again after ${ms} ms`);

      // The log tells each outage once (not once per failed query) and tells when it is over.
      const logged = (msg: string) => server.output().split('\n').filter((l) => l.includes(`"msg":"${msg}"`)).length;
      const DOWN = 'database unavailable; answering 503 until it returns';
      const UP = 'database is answering again';
      await until('the log says the database is back', 10_000, () => logged(UP) >= 1 && logged(UP) === logged(DOWN));
      t.diagnostic(`acknowledged ${acked.length}, answered 503 ${unavailable}; served again after ${afterFast}, ${afterImmediate}, ${afterStop} ms; outage logged ${logged(DOWN)} times, its end ${logged(UP)}`);
      assert.ok(logged(DOWN) >= 1 && logged(DOWN) <= 3, `three outages are logged at most three times, not per query (${logged(DOWN)})`);
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: string }>('select count(*) as n from ticket where id = any($1)', [acked]);
        assert.equal(Number(rows[0]!.n), acked.length, 'every acknowledged ticket is stored');
        const chatRows = await client.query('select id from message where id = $1', [ack.message.id]);
        assert.equal(chatRows.rowCount, 1, 'the acknowledged chat message is stored');
      } finally {
        await client.end();
      }
      mailer.close();
    } finally {
      stopLoad = true;
      await Promise.allSettled(load);
      await server.stop();
    }
  });

  test('serve started while the database is stopped waits for it, logging each attempt, and serves once it starts', async () => {
    await cluster.stop('fast');
    const server = startServe({ DATABASE_URL: cluster.url, DATA_DIR: dataDir, SMTP_PORT: 'off' });
    try {
      const attempts = () => server.output().split('\n').filter((l) => l.includes('"msg":"database not reachable at start; retrying"'));
      await until('two logged attempts', 20_000, () => attempts().length >= 2 || server.exited() !== null);
      assert.equal(server.exited(), null, `serve gave up instead of waiting:\n${server.output()}`);
      assert.equal(server.url(), null);
      const waits = attempts().map((l) => (JSON.parse(l) as { retryInMs: number }).retryInMs);
      assert.deepEqual(waits.slice(0, 2), [500, 1000], 'the wait doubles');
      await cluster.start();
      await until('serve prints its address', 20_000, () => server.url() !== null || server.exited() !== null);
      assert.equal(server.exited(), null, server.output());
      assert.equal((await fetch(`${server.url()}/readyz`)).status, 200);
      const res = await fetch(`${server.url()}/api/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ subject: 'late start', body: 'the database came up after the desk', requester: { email: 'late@outage.example' } }),
      });
      assert.equal(res.status, 201);
    } finally {
      await server.stop();
    }
  });

  test('serve does not retry a database that refuses it: exit 3 at once with one line naming DATABASE_URL', async () => {
    const server = startServe({ DATABASE_URL: cluster.url.replace(/\/postgres$/, '/no_such_database'), DATA_DIR: dataDir, SMTP_PORT: 'off' });
    try {
      await until('serve exits', 30_000, () => server.exited() !== null);
      assert.equal(server.exited(), 3, server.output());
      const stderr = server.output().split('\n').filter((l) => l.startsWith('walletdesk:'));
      assert.equal(stderr.length, 1, server.output());
      assert.match(stderr[0]!, /no_such_database.*DATABASE_URL/);
      assert.ok(!server.output().includes('retrying'), 'no retry');
    } finally {
      await server.stop();
    }
  });
});
