import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openSqlite } from './dialect.js';

test('a worker thread checkpoints the WAL while commits go on, and no commit is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'walletdesk-wal-'));
  const file = join(dir, 'wal.sqlite');
  const db = openSqlite(file, { synchronous: 'normal' });
  try {
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
    assert.equal(rows[0]?.wal_autocheckpoint, 0, 'the main connection never checkpoints itself');
    await sql`create table t (id integer primary key, body text not null)`.execute(db);
    const row = 'x'.repeat(4000);
    // Two seconds of commits while the checkpointer runs beside them: none may fail with SQLITE_BUSY.
    const until = Date.now() + 2000;
    let written = 0;
    while (Date.now() < until) {
      await db.transaction().execute(async (tx) => {
        for (let i = 0; i < 20; i++) await sql`insert into t (body) values (${row})`.execute(tx);
      });
      written += 20;
      await new Promise((r) => setImmediate(r));
    }
    // The rows reached the database file itself: only a checkpoint copies them there from the WAL.
    let size = statSync(file).size;
    for (let i = 0; i < 50 && size < written * 4000; i++) {
      await new Promise((r) => setTimeout(r, 100));
      size = statSync(file).size;
    }
    assert.ok(size >= written * 4000, `the database file holds the ${written} rows (${size} bytes)`);
    const { rows: count } = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
    assert.equal(count[0]?.n, written);
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});
