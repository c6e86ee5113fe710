import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';

const REGISTRY = 'test/corpus/verify/registry.json';
const dir = mkdtempSync(join(tmpdir(), 'wd-channels-'));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/walletdesk.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; base: string }> {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

const key = join(dir, 'key.pem');
const manifest = join(dir, 'manifest.json');
let publicKey = '';

test('keygen makes a key and sign writes a reproducible manifest', async () => {
  const k = await run(['channels', 'keygen', '--out', key]);
  assert.equal(k.code, 0, k.stderr);
  publicKey = /public_key: (\S+)/.exec(k.stdout)![1]!;
  const a = await run(['channels', 'sign', '--registry', REGISTRY, '--key', key, '--issued-at', '2025-01-01T00:00:00Z', '--out', manifest]);
  assert.equal(a.code, 0, a.stderr);
  const b = await run(['channels', 'sign', '--registry', REGISTRY, '--key', key, '--issued-at', '2025-01-01T00:00:00Z']);
  assert.equal(b.stdout, readFileSync(manifest, 'utf8'));
  assert.equal(JSON.parse(b.stdout).public_key, publicKey);
});

test('channels verify exits 0 for a valid manifest file, also with the expected key', async () => {
  const r = await run(['channels', 'verify', manifest]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^valid: /);
  const pinned = await run(['channels', 'verify', manifest, '--key', publicKey]);
  assert.equal(pinned.code, 0, pinned.stderr);
});

test('channels verify exits 1 for a changed manifest or another key', async () => {
  const tampered = join(dir, 'tampered.json');
  writeFileSync(tampered, readFileSync(manifest, 'utf8').replace('"trezor.io"', '"trezor.co"'));
  const r = await run(['channels', 'verify', tampered]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^INVALID: the signature does not match/);
  const other = await run(['channels', 'verify', manifest, '--key', Buffer.alloc(32, 7).toString('base64')]);
  assert.equal(other.code, 1);
});

test('channels verify exits 2 for unreadable input', async () => {
  const notJson = join(dir, 'x.txt');
  writeFileSync(notJson, 'hello');
  for (const target of [join(dir, 'missing.json'), notJson]) {
    const r = await run(['channels', 'verify', target]);
    assert.equal(r.code, 2, target);
    assert.match(r.stderr, /^walletdesk: /);
  }
  const wrongShape = join(dir, 'shape.json');
  writeFileSync(wrongShape, '{"version": 1}');
  assert.equal((await run(['channels', 'verify', wrongShape])).code, 2);
});

test('channels verify fetches a manifest over http and checks it', async () => {
  const body = readFileSync(manifest);
  const { server, base } = await listen((req, res) => {
    if (req.url === '/.well-known/walletdesk-channels.json') res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    else res.writeHead(404).end();
  });
  try {
    const ok = await run(['channels', 'verify', `${base}/.well-known/walletdesk-channels.json`]);
    assert.equal(ok.code, 0, ok.stderr);
    const missing = await run(['channels', 'verify', `${base}/nothing.json`]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /HTTP 404/);
  } finally {
    server.close();
  }
});

test('channels verify exits 3 when the URL is unreachable or too slow', async () => {
  const { server, base } = await listen(() => {
    // never answers
  });
  try {
    const slow = await run(['channels', 'verify', `${base}/m.json`, '--timeout', '300']);
    assert.equal(slow.code, 3);
    assert.match(slow.stderr, /no answer within 300 ms/);
  } finally {
    server.closeAllConnections();
    server.close();
  }
  const closed = await run(['channels', 'verify', `${base}/m.json`]);
  assert.equal(closed.code, 3);
  assert.match(closed.stderr, /cannot reach/);
});
