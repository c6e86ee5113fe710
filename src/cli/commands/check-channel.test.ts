import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

const REGISTRY = 'test/corpus/verify/registry.json';

function run(args: string[], stdin = '', env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/walletdesk.js', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

test('check-channel --jsonl writes one verdict per input line, with id, verdict, brand and reason', async () => {
  const input = [
    { id: 'a', value: 'trezor.io' },
    { id: 2, value: 'xn--trzor-0we.io' },
    { id: 'c', value: 'github.com' },
    { id: 'd', value: '+420 222 111 333' },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n');
  const r = await run(['check-channel', '--registry', REGISTRY, '--jsonl'], `${input}\n`);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(out, [
    { id: 'a', verdict: 'official', brand: 'trezor', reason: 'official website of Trezor (trezor.io)' },
    { id: 2, verdict: 'lookalike', brand: 'trezor', reason: 'punycode lookalike of trezor.io' },
    { id: 'c', verdict: 'unknown', brand: null, reason: 'not an official website of any registered brand' },
    { id: 'd', verdict: 'official', brand: 'trezor', reason: 'official phone number of Trezor (+420222111333)' },
  ]);
});

test('check-channel --lang zh-CN writes the Chinese reason', async () => {
  const r = await run(['check-channel', '--registry', REGISTRY, '--jsonl', '--lang', 'zh-CN'], '{"id":1,"value":"trezor.io.secure-login.app"}\n');
  assert.equal(JSON.parse(r.stdout).reason, '把 trezor.io 放在另一个网站（secure-login.app）的子域名中');
});

test('check-channel names malformed lines on stderr, keeps going, and exits 2 without a stack', async () => {
  const r = await run(['check-channel', '--registry', REGISTRY, '--jsonl'], '{"id":1,"value":"trezor.io"}\nnot json\n{"id":3}\n{"id":4,"value":"ledger-live.app"}\n');
  assert.equal(r.code, 2);
  assert.equal(r.stdout.trim().split('\n').length, 2);
  assert.match(r.stderr, /line 2: not valid JSON/);
  assert.match(r.stderr, /line 3: "value" must be a string/);
  assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
});

test('check-channel without --registry checks against the desk database', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { openSqlite } = await import('../../store/dialect.js');
  const { createStore, migrateToLatest } = await import('../../store/kysely-store.js');
  const { createBrand } = await import('../../app/create-brand.js');
  const { systemClock } = await import('../../core/clock.js');
  const dir = mkdtempSync(join(tmpdir(), 'wd-verify-db-'));
  try {
    const db = openSqlite(join(dir, 'walletdesk.sqlite'));
    await migrateToLatest(db);
    const store = createStore(db, 'sqlite');
    const brand = await createBrand({ store, clock: systemClock }, null, { name: 'Trezor', slug: 'trezor' });
    await store.officialChannels.set(brand.id, { domains: ['trezor.io'], emails: [], phones: [], handles: [] }, new Date().toISOString());
    await store.close();
    const r = await run(['check-channel', '--jsonl'], '{"id":1,"value":"trezor.io"}\n{"id":2,"value":"trezor-suite.app"}\n', { DATA_DIR: dir, LOG_LEVEL: 'silent' });
    assert.equal(r.code, 0, r.stderr);
    const [a, b] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { verdict: string; brand: string | null });
    assert.deepEqual([a?.verdict, a?.brand], ['official', 'trezor']);
    assert.deepEqual([b?.verdict, b?.brand], ['lookalike', 'trezor']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('check-channel rejects an invalid registry file naming the bad entry', async () => {
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'wd-verify-')), 'bad.json');
  writeFileSync(file, JSON.stringify({ brands: [{ id: 'x', name: 'X', domains: ['not a domain'] }] }));
  const r = await run(['check-channel', '--registry', file, 'trezor.io']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /brands\[0\] \(x\)\.domains\[0\]/);
  const missing = await run(['check-channel', '--registry', `${file}.missing`, 'trezor.io']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read the registry file/);
});
