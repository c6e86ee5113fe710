/** The walletdesk command line, run as a real child process against a temporary data folder. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { TEST_DATABASE_URL } from '../helpers/stores.js';

const BIN = join(process.cwd(), 'bin', 'walletdesk.js');

function run(args: string[], env: Record<string, string>, input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `walletdesk serve` and resolves with its URL once it prints it. */
function serve(env: Record<string, string>): Promise<{ url: string; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!.replace('localhost', '127.0.0.1'),
          stop: () =>
            new Promise((done) => {
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

describe('walletdesk CLI on SQLite', () => {
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'walletdesk-cli-'));
    env = { DATA_DIR: dir };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('every command has --help', () => {
    const top = run(['--help'], env);
    assert.equal(top.code, 0);
    for (const cmd of ['serve', 'migrate', 'user', 'token', 'demo', 'tx', 'check-channel', 'channels']) assert.match(top.stdout, new RegExp(`\\b${cmd}\\b`));
    for (const args of [['serve'], ['migrate'], ['user', 'create'], ['token', 'create'], ['demo']]) {
      const r = run([...args, '--help'], env);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.stdout, /Usage: walletdesk/);
    }
  });

  test('an invalid setting stops the command with one line naming the variable', () => {
    const r = run(['migrate'], { ...env, DATABASE_URL: 'mysql://nope' });
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /DATABASE_URL/);
    const p = run(['serve'], { ...env, PORT: 'http' });
    assert.equal(p.code, 2);
    assert.match(p.stderr, /PORT/);
  });

  test('migrate creates the database; user create and token create print what an operator needs', () => {
    assert.equal(run(['migrate'], env).code, 0);
    assert.ok(statSync(join(dir, 'walletdesk.sqlite')).size > 0);
    const short = run(['user', 'create', '--email', 'ops@example.com', '--name', 'Ops', '--role', 'admin', '--password', 'short'], env);
    assert.equal(short.code, 2);
    assert.match(short.stderr, /at least 10 characters/);
    const user = run(['user', 'create', '--email', 'ops@example.com', '--name', 'Ops', '--role', 'admin', '--password', 'a long ops password'], env);
    assert.equal(user.code, 0, user.stderr);
    assert.match(user.stdout, /created admin ops@example.com/);
    const noTty = run(['user', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'agent'], env, '');
    assert.notEqual(noTty.code, 0);
    assert.match(noTty.stderr, /--password/);
    const token = run(['token', 'create', '--email', 'ops@example.com', '--name', 'ci'], env);
    assert.equal(token.code, 0, token.stderr);
    assert.match(token.stdout, /^wdt_[A-Za-z0-9_-]{43}\n$/, 'the token alone on stdout');
    assert.equal(run(['token', 'create', '--email', 'nobody@example.com'], env).code, 2);
    env.TOKEN = token.stdout.trim();
  });

  test('serve answers health checks and the API with the token, and stops cleanly on SIGTERM', async () => {
    const server = await serve(env);
    try {
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
      const res = await fetch(`${server.url}/api/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ subject: '钱包打不开', body: '更新后闪退', requester: { email: 'user@example.com' } }),
      });
      assert.equal(res.status, 201);
      const docs = await fetch(`${server.url}/api/docs/json`);
      assert.equal(docs.status, 200);
      const openapi = (await docs.json()) as { paths: Record<string, unknown> };
      for (const path of ['/api/v1/tickets', '/api/v1/tickets/{id}', '/api/v1/tickets/{id}/messages', '/api/v1/tickets/{id}/events']) assert.ok(path in openapi.paths, path);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  test('demo fills the desk with tickets in both languages', async () => {
    // The desk already holds the ticket an earlier test created through the API: the demo is added on purpose.
    const r = run(['demo', '--tickets', '24', '--force'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 brands, 6 agents, 24 tickets/);
    const password = /password for every demo account: (\S+)/.exec(r.stdout)?.[1];
    assert.ok(password && password.length >= 12, 'a random password, never a built-in one');
    assert.equal(run(['demo'], env).code, 2, 'a second demo is refused');
    const server = await serve(env);
    try {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'li@demo.walletdesk.example', password }),
      });
      assert.equal(login.status, 200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const list = (await (await fetch(`${server.url}/api/v1/tickets?limit=100`, { headers: { cookie } })).json()) as { tickets: Array<{ subject: string }> };
      assert.ok(list.tickets.length > 0);
    } finally {
      await server.stop();
    }
  });
});

describe('walletdesk CLI on PostgreSQL', () => {
  const schema = `wd_cli_${process.pid}`;
  const url = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const dir = mkdtempSync(join(tmpdir(), 'walletdesk-cli-pg-'));
  const sqlOn = async (text: string) => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  before(() => sqlOn(`create schema ${schema}`));
  after(async () => {
    await sqlOn(`drop schema if exists ${schema} cascade`);
    rmSync(dir, { recursive: true, force: true });
  });

  test('migrate, demo and serve run on DATABASE_URL', async () => {
    const env = { DATABASE_URL: url, DATA_DIR: dir };
    assert.equal(run(['migrate'], env).code, 0);
    assert.match(run(['migrate'], env).stdout, /PostgreSQL/);
    const demo = run(['demo', '--tickets', '8'], env);
    assert.equal(demo.code, 0, demo.stderr);
    const server = await serve(env);
    try {
      const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { status: string };
      assert.equal(ready.status, 'ready');
    } finally {
      await server.stop();
    }
  });

  test('an unreachable database is reported in one line', () => {
    for (const args of [['migrate'], ['user', 'create', '--email', 'a@example.com', '--name', 'A', '--role', 'agent', '--password', 'a long enough password']]) {
      const r = run(args, { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DATA_DIR: dir });
      assert.equal(r.code, 3, `${args[0]}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, `${args[0]} says it in one line (no log lines): ${r.stderr}`);
      assert.match(r.stderr, /DATABASE_URL/);
    }
  });
});
