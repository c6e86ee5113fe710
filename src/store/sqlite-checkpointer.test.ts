import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openSqlite } from './dialect.js';

test('a worker thread checkpoints the WAL, so commits on the event loop never do', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'walletdesk-wal-'));
  const file = join(dir, 'wal.sqlite');
  const db = openSqlite(file, { synchronous: 'normal' });
  try {
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
    assert.equal(rows[0]?.wal_autocheckpoint, 0, 'the main connection never checkpoints itself');
    await sql`create table t (id integer primary key, body text not null)`.execute(db);
    const row = 'x'.repeat(4000);
    for (let i = 0; i < 1500; i++) await sql`insert into t (body) values (${row})`.execute(db);
    const wal = `${file}-wal`;
    assert.ok(statSync(wal).size > 4 * 1024 * 1024, 'the WAL grew past the truncation threshold');
    let size = statSync(wal).size;
    for (let i = 0; i < 100 && size > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      size = existsSync(wal) ? statSync(wal).size : 0;
    }
    assert.equal(size, 0, 'the checkpointer copied the WAL back and truncated it');
    const { rows: count } = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
    assert.equal(count[0]?.n, 1500);
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});
