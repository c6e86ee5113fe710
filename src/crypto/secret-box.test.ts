import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { aesSecretBox } from './secret-box.js';
import { hashToken } from '../core/ids.js';

test('a sealed secret opens with the same key and not with another', () => {
  const box = aesSecretBox(randomBytes(32).toString('hex'));
  const sealed = box.seal('JBSWY3DPEHPK3PXP');
  assert.notEqual(sealed, 'JBSWY3DPEHPK3PXP');
  assert.equal(box.open(sealed), 'JBSWY3DPEHPK3PXP');
  assert.throws(() => aesSecretBox(randomBytes(32).toString('hex')).open(sealed));
});

test('a tampered sealed secret is refused', () => {
  const box = aesSecretBox(randomBytes(32).toString('hex'));
  const sealed = box.seal('secret');
  const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
  assert.throws(() => box.open(flipped));
});

test('token hashes are stable hex', () => {
  assert.equal(hashToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
