/** Odd and broken input on the HTTP edges, on both stores: always a clear answer, never a 500. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { DIALECTS } from '../helpers/stores.js';

/** Queries without a single letter or digit, FTS operators, and odd Unicode: generated, not hand-picked. */
function oddQueries(): string[] {
  const out = new Set<string>();
  for (let c = 0x21; c < 0x7f; c++) {
    const ch = String.fromCharCode(c);
    if (/[\p{L}\p{N}]/u.test(ch)) continue;
    out.add(ch);
    out.add(ch.repeat(3));
    out.add(`withdrawal${ch}`);
    out.add(`${ch}withdrawal${ch}`);
  }
  for (const s of [
    '"', '""', '" OR "', '*', '**', '^', 'NEAR(', 'NOT', 'AND OR', '-withdrawal', 'withdrawal*', "'", "''", ':*', '&', '!', '|', '(', ')',
    '🙂', '💸💸', '👩‍💻', '🇨🇳', '\u0301', 'e\u0301', '\u02c6', '\u02b0', '½', '²', 'Ⅻ', '。', '？', '！', '〜', '\u200b', '\u200d', '\ufeff',
    '\u3000', '　？　', 'مرحبا', 'ــ', '\u0e4f', '\u{1d7d8}', '\u{1f600}withdrawal', '提币？', '%', '_', '\\', '\\%', '\t', ' \n ', '\u00a0',
  ]) out.add(s);
  return [...out];
}

for (const dialect of DIALECTS) {
  describe(`ticket search with odd queries (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      const r = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', {
        brand: cast.brandB.slug,
        subject: 'Withdrawal stuck',
        body: 'My withdrawal has not arrived.',
        requester: { email: 'odd@example.com' },
      });
      assert.equal(r.status, 201);
    });
    after(async () => desk.close());

    test('every query without letters or digits answers 200, and odd punctuation around a word still finds it', async () => {
      const queries = oddQueries();
      assert.ok(queries.length > 150);
      const failures: string[] = [];
      for (const q of queries) {
        for (const path of ['/api/v1/tickets', '/api/v1/customers']) {
          const r = await api(desk, cast.tokens.admin, 'GET', `${path}?q=${encodeURIComponent(q)}`);
          if (r.status !== 200) failures.push(`${path} ${JSON.stringify(q)} → ${r.status}`);
        }
      }
      assert.deepEqual(failures, []);
      const found = await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets?q=${encodeURIComponent('"withdrawal?*')}`);
      assert.equal(found.body.tickets.length, 1);
      const nothing = await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets?q=${encodeURIComponent('?')}`);
      assert.deepEqual(nothing.body.tickets, []);
    });
  });
}
