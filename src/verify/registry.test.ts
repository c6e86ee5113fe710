import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAppError } from '../core/errors.js';
import { parseRegistry, exportRegistry } from './registry.js';

const brand = (over: Record<string, unknown> = {}) => ({
  id: 'trezor',
  name: 'Trezor',
  domains: ['trezor.io'],
  emails: ['Support@Trezor.io'],
  phones: ['+420 222 111 333'],
  handles: [{ platform: 'x', handle: '@Trezor' }],
  ...over,
});

function invalid(doc: unknown, pattern: RegExp): void {
  assert.throws(
    () => parseRegistry(doc),
    (err: unknown) => isAppError(err) && err.code === 'invalid_input' && pattern.test(err.message),
  );
}

test('normalises domains, e-mails, phones and handles', () => {
  const doc = parseRegistry({
    brands: [
      brand({
        domains: ['https://Trezor.IO/', 'suite.trezor.io', 'bücher.de'],
        phones: ['00420 222-111-333', 'tel:+41 44 500 12 34'],
        handles: [
          { platform: 'x', handle: '@Trezor' },
          { platform: 'reddit', handle: '/r/TREZOR' },
          { platform: 'telegram', handle: 'joinchat/AbCdEfGhIj' },
        ],
        app_ids: [{ store: 'Apple', id: 'id1631884497' }],
      }),
    ],
  });
  const b = doc.brands[0]!;
  assert.deepEqual(b.domains, ['trezor.io', 'suite.trezor.io', 'xn--bcher-kva.de']);
  assert.deepEqual(b.emails, ['support@trezor.io']);
  assert.deepEqual(b.phones, ['+420222111333', '+41445001234']);
  assert.deepEqual(b.handles, [
    { platform: 'x', handle: 'Trezor' },
    { platform: 'reddit', handle: 'r/TREZOR' },
    { platform: 'telegram', handle: '+AbCdEfGhIj' },
  ]);
  assert.deepEqual(b.app_ids, [{ store: 'apple', id: '1631884497' }]);
});

test('round-trips through the export format unchanged', () => {
  const doc = parseRegistry({ brands: [brand()] });
  assert.deepEqual(parseRegistry(JSON.parse(exportRegistry(doc))), doc);
  assert.deepEqual(Object.keys(JSON.parse(exportRegistry(doc))), ['brands']);
});

test('rejects a bad entry and names it', () => {
  invalid({ brands: [brand({ domains: ['trezor..io'] })] }, /brands\[0\] \(trezor\)\.domains\[0\]/);
  invalid({ brands: [brand({ phones: ['222 111 333'] })] }, /phones\[0\].*international/);
  invalid({ brands: [brand({ emails: ['not-an-address'] })] }, /emails\[0\]/);
  invalid({ brands: [brand({ handles: [{ platform: 'myspace', handle: 'x' }] })] }, /handles\[0\].*platform/);
  invalid({ brands: [brand({ handles: [{ platform: 'x', handle: 'far_too_long_for_x' }] })] }, /not a valid x account/);
  invalid({ brands: [brand({ id: 'Bad Id' })] }, /brands\[0\].*"id"/);
  invalid({ brands: [brand({ domains: ['file.txt'] })] }, /not a registrable domain/);
  invalid({ brands: [brand({ domains: ['web.app'] })] }, /not a registrable domain/);
  invalid({ nope: [] }, /expected \{"brands"/);
});

test('refuses shared platforms as a brand domain', () => {
  invalid({ brands: [brand({ domains: ['github.com'] })] }, /shared platform/);
  invalid({ brands: [brand({ domains: ['sites.google.com'] })] }, /shared platform/);
});

test('refuses one channel listed for two brands, and duplicate brand ids', () => {
  invalid({ brands: [brand(), brand({ id: 'other', name: 'Other', emails: [], phones: [], handles: [] })] }, /domain trezor\.io is listed for both/);
  invalid({ brands: [brand(), brand()] }, /appears twice|listed for both/);
});

test('refuses a brand without any channel', () => {
  invalid({ brands: [{ id: 'empty', name: 'Empty' }] }, /lists no channel/);
});
