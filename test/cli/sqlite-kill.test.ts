/**
 * Durability of SQLite group commit (store/group-commit.ts): `walletdesk serve` on SQLite, 20 clients creating
 * tickets as fast as it answers, killed with SIGKILL mid-load. Every ticket it answered 201 for is in the file
 * when it is opened again: a batch's callers are answered only after its COMMIT returned. (A killed process
 * loses nothing the kernel already holds, so this proves the order "commit, then answer", not the fsync that
 * synchronous=FULL adds against power loss.)
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { until } from '../helpers/until.js';

const BIN = join(process.cwd(), 'bin', 'walletdesk.js');

describe('serve on SQLite killed with SIGKILL under load', () => {
  test('every ticket answered 201 before the kill is stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'walletdesk-kill-'));
    const env = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', SMTP_PORT: 'off', API_RATE_LIMIT: '0' };
    try {
      const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
      assert.equal(cli(['user', 'create', '--email', 'k@example.com', '--name', 'K', '--role', 'admin', '--password', 'kill test password 1']).status, 0);
      const token = cli(['token', 'create', '--email', 'k@example.com']).stdout.trim();
      const child = spawn(process.execPath, [BIN, 'serve'], { env });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      const url = await until('serve prints its address', () => /serving at (http:\/\/\S+)/.exec(stdout)?.[1], 60_000);

      const acked: string[] = [];
      let stop = false;
      let n = 0;
      const client = async () => {
        while (!stop) {
          const i = n++;
          try {
            const res = await fetch(`${url}/api/v1/tickets`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ subject: `断电测试 #${i}`, body: 'My withdrawal has not arrived. 提币还没到账。', requester: { email: `kill${i % 50}@example.com` } }),
            });
            const body = (await res.json()) as { id?: string };
            if (res.status === 201 && body.id) acked.push(body.id);
          } catch {
            return; // the server is gone: answers not received are not acknowledged
          }
        }
      };
      const clients = Array.from({ length: 20 }, client);
      await until('some tickets acknowledged', () => acked.length >= 100, 60_000);
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');
      stop = true;
      await Promise.all(clients);

      const db = new BetterSqlite3(join(dir, 'walletdesk.sqlite'), { readonly: true });
      try {
        const stored = new Set((db.prepare('select id from ticket').all() as Array<{ id: string }>).map((r) => r.id));
        const lost = acked.filter((id) => !stored.has(id));
        assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged tickets lost`);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
