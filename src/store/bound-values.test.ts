import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openSqlite } from './dialect.js';
import { BoundValuesPlugin } from './bound-values.js';

test('booleans bound in a query reach SQLite as 1 and 0 instead of failing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'walletdesk-bool-'));
  const plain = openSqlite(join(dir, 'b.sqlite'), { synchronous: 'normal' });
  try {
    await assert.rejects(sql`select ${true} as v`.execute(plain), /can only bind/);
    const db = plain.withPlugin(new BoundValuesPlugin('sqlite'));
    const { rows } = await sql<{ v: number; w: number }>`select ${true} as v, ${false} as w`.execute(db);
    assert.deepEqual(rows, [{ v: 1, w: 0 }]);
    const listed = await db.selectNoFrom((eb) => eb(eb.val<unknown>(1), 'in', [true, false]).as('hit')).executeTakeFirstOrThrow();
    assert.equal(listed.hit, 1);
  } finally {
    await plain.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});
