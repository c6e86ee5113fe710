import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSecrets, redactSecrets } from './index.js';
import { allPositives, gluedInvalidChineseCases } from '../../test/corpus/shield/positives.js';
import { generatedNegatives, handWritten } from '../../test/corpus/shield/negatives.js';

test('finds every whole phrase and key of the positive corpus (recall 100 %)', () => {
  const cases = allPositives();
  assert.ok(cases.length > 4000, `only ${cases.length} cases`);
  const missed = cases.filter(
    (c) => !findSecrets(c.text).some((f) => f.start <= c.start && f.end >= c.end && c.kinds.includes(f.kind)),
  );
  assert.deepEqual(
    missed.map((c) => c.name),
    [],
  );
});

test('leaves nothing of a positive secret in the redacted text', () => {
  for (const c of allPositives().filter((_, i) => i % 7 === 0)) {
    const secret = c.text.slice(c.start, c.end);
    const { text } = redactSecrets(c.text);
    assert.equal(text.includes(secret), false, c.name);
  }
});

test('finds glued Chinese phrases with a failing checksum too (measured, not promised: ≥ 99.5 %)', () => {
  const cases = gluedInvalidChineseCases(7, 1000);
  const found = cases.filter((c) => findSecrets(c.text).some((f) => f.start <= c.start && f.end >= c.end)).length;
  assert.ok(found >= 995, `found ${found} of ${cases.length}`);
});

test('flags nothing in the hand-written support messages (false positives 0)', () => {
  const files = handWritten();
  assert.ok(Object.keys(files).length >= 4);
  for (const [file, messages] of Object.entries(files)) {
    assert.ok(messages.length >= 10, file);
    for (const m of messages) assert.deepEqual(findSecrets(m), [], `${file}: ${m.slice(0, 60)}`);
  }
});

test('flags nothing among txids, block hashes, addresses, xpubs, PSBTs and invoices (false positives 0)', () => {
  const messages = generatedNegatives();
  assert.ok(messages.length >= 200);
  for (const m of messages) assert.deepEqual(findSecrets(m), [], m.slice(0, 80));
});

test('returns every negative message as the very same string', () => {
  for (const messages of Object.values(handWritten())) {
    for (const m of messages) assert.equal(redactSecrets(m).text, m);
  }
});

test('redacting redacted text changes nothing more', () => {
  for (const c of allPositives().filter((_, i) => i % 5 === 0)) {
    const once = redactSecrets(c.text).text;
    assert.equal(redactSecrets(once).text, once, c.name);
  }
});
