import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRegistry } from './registry.js';
import { canonicalJson, generateManifestKey, publicKeyOf, signManifest, verifyManifest, keyFingerprint } from './manifest.js';

const doc = parseRegistry({
  brands: [{ id: 'trezor', name: 'Trezor', domains: ['trezor.io'], emails: [], phones: ['+420222111333'], handles: [{ platform: 'x', handle: 'Trezor' }] }],
});
const key = generateManifestKey();
const at = new Date('2025-01-01T00:00:00Z');

test('canonical JSON sorts keys at every level and drops whitespace', () => {
  assert.equal(canonicalJson({ b: 1, a: [{ d: 'x', c: null }], e: undefined }), '{"a":[{"c":null,"d":"x"}],"b":1}');
  assert.equal(canonicalJson({ z: '中', a: 'é' }), '{"a":"é","z":"中"}');
});

test('signs reproducibly and verifies with the embedded or the given key', () => {
  const m1 = signManifest(doc, key.privateKeyPem, at);
  const m2 = signManifest(doc, key.privateKeyPem, at);
  assert.deepEqual(m1, m2);
  assert.equal(m1.public_key, key.publicKey);
  assert.equal(publicKeyOf(key.privateKeyPem), key.publicKey);
  assert.equal(Buffer.from(m1.public_key, 'base64').length, 32);
  assert.equal(verifyManifest(m1).valid, true);
  assert.equal(verifyManifest(JSON.parse(JSON.stringify(m1)), key.publicKey).valid, true);
  assert.equal(verifyManifest(m1).fingerprint, keyFingerprint(key.publicKey));
});

test('the signature does not depend on key order in the served JSON', () => {
  const m = signManifest(doc, key.privateKeyPem, at);
  const reordered = { signature: m.signature, public_key: m.public_key, brands: m.brands, issued_at: m.issued_at, version: m.version };
  assert.equal(verifyManifest(reordered).valid, true);
});

test('rejects a manifest whose content changed after signing', () => {
  const m = signManifest(doc, key.privateKeyPem, at);
  const tampered = JSON.parse(JSON.stringify(m));
  tampered.brands[0].phones = ['+420222111334'];
  const r = verifyManifest(tampered);
  assert.equal(r.valid, false);
  assert.equal(r.problem, 'bad_signature');
});

test('rejects a manifest signed by another key than the expected one', () => {
  const other = generateManifestKey();
  const forged = signManifest(doc, other.privateKeyPem, at);
  const r = verifyManifest(forged, key.publicKey);
  assert.equal(r.valid, false);
  assert.equal(r.problem, 'key_mismatch');
});

test('reports malformed manifests as such', () => {
  for (const bad of [null, [], { version: 2 }, { version: 1, issued_at: 'x' }, { ...signManifest(doc, key.privateKeyPem, at), brands: 'no' }]) {
    const r = verifyManifest(bad);
    assert.equal(r.valid, false);
    assert.equal(r.problem, 'malformed');
  }
});

test('refuses a non-Ed25519 signing key', () => {
  assert.throws(() => signManifest(doc, 'not a key', at), /not a readable PEM/);
});
