/**
 * The signed channel manifest (served at /.well-known/walletdesk-channels.json): every official channel, signed
 * with Ed25519 over a canonical JSON serialisation so that anyone can check it with the published public key.
 * Format (docs/verify.md): {"version": 1, "issued_at", "brands", "public_key", "signature"}.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { AppError, isAppError } from '../core/errors.js';
import { parseRegistry, type RegistryBrand, type RegistryDoc } from './registry.js';

/** A manifest as published. `signature` covers canonicalJson of every other field. */
export interface SignedManifest {
  version: 1;
  issued_at: string;
  brands: RegistryBrand[];
  /** The signer's Ed25519 public key: base64 of the raw 32 bytes. */
  public_key: string;
  /** base64 of the 64-byte Ed25519 signature. */
  signature: string;
}

/** The outcome of verifyManifest. `problem` says why it is not valid. */
export interface ManifestCheck {
  valid: boolean;
  reason: string;
  problem?: 'malformed' | 'bad_signature' | 'key_mismatch';
  publicKey?: string;
  fingerprint?: string;
  issuedAt?: string;
  brands?: RegistryBrand[];
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings and numbers as JSON.stringify
 * writes them (RFC 8785 for the values manifests hold), undefined members left out.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AppError('invalid_input', 'canonical JSON has no representation for NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  throw new AppError('invalid_input', `canonical JSON cannot hold a ${typeof value}`);
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new AppError('invalid_input', 'the key is not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

function publicKeyObject(base64: string): KeyObject | null {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== base64) return null;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  } catch {
    return null;
  }
}

/** A short, comparable name for a public key: the first 16 hex digits of its SHA-256, in groups of four. */
export function keyFingerprint(publicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 16);
  return hex.match(/.{4}/g)!.join(':');
}

/** Makes a new signing key: the private key as PKCS#8 PEM (keep it secret) and the public key as base64. */
export function generateManifestKey(): { privateKeyPem: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKey: rawPublicKey(publicKey) };
}

function privateKeyObject(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new AppError('invalid_input', 'the signing key is not a readable PEM private key');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AppError('invalid_input', 'the signing key must be an Ed25519 key');
  return key;
}

/** The base64 public key of a PEM Ed25519 private key. */
export function publicKeyOf(privateKeyPem: string): string {
  return rawPublicKey(createPublicKey(privateKeyObject(privateKeyPem)));
}

/**
 * Signs the registry (all brands, or pass a document holding only the brands to publish). The same document,
 * key and time always give the same bytes. Throws AppError('invalid_input') for a bad key or document.
 */
export function signManifest(doc: RegistryDoc, privateKeyPem: string, issuedAt: Date): SignedManifest {
  const key = privateKeyObject(privateKeyPem);
  if (Number.isNaN(issuedAt.getTime())) throw new AppError('invalid_input', 'issued_at is not a valid time');
  const brands = parseRegistry({ brands: doc.brands }).brands;
  const body = { version: 1 as const, issued_at: issuedAt.toISOString(), brands, public_key: rawPublicKey(createPublicKey(key)) };
  const signature = sign(null, Buffer.from(canonicalJson(body), 'utf8'), key).toString('base64');
  return { ...body, signature };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks a manifest's shape and signature. With `publicKey` (base64 raw 32 bytes, e.g. the one shown on /verify)
 * the manifest must also be signed by that key; without it only the embedded key is used, which proves integrity
 * but not who signed: compare the returned fingerprint with the published one.
 */
export function verifyManifest(manifest: unknown, publicKey?: string): ManifestCheck {
  const malformed = (reason: string): ManifestCheck => ({ valid: false, problem: 'malformed', reason: `not a valid manifest: ${reason}` });
  if (!isRecord(manifest)) return malformed('expected a JSON object');
  if (manifest.version !== 1) return malformed('"version" must be 1');
  if (typeof manifest.issued_at !== 'string' || Number.isNaN(Date.parse(manifest.issued_at))) return malformed('"issued_at" must be an ISO-8601 time');
  if (typeof manifest.public_key !== 'string') return malformed('"public_key" is missing');
  if (typeof manifest.signature !== 'string') return malformed('"signature" is missing');
  let brands: RegistryBrand[];
  try {
    brands = parseRegistry({ brands: manifest.brands }).brands;
  } catch (err) {
    return malformed(isAppError(err) ? err.message : 'bad "brands"');
  }
  const embedded = publicKeyObject(manifest.public_key);
  if (!embedded) return malformed('"public_key" must be base64 of 32 bytes');
  const signature = Buffer.from(manifest.signature, 'base64');
  if (signature.length !== 64) return malformed('"signature" must be base64 of 64 bytes');
  const fingerprint = keyFingerprint(manifest.public_key);
  const facts = { publicKey: manifest.public_key, fingerprint, issuedAt: manifest.issued_at };
  if (publicKey !== undefined && publicKey.trim() !== manifest.public_key) {
    const expected = publicKeyObject(publicKey.trim()) ? keyFingerprint(publicKey.trim()) : 'an unreadable key';
    return { valid: false, problem: 'key_mismatch', reason: `signed by key ${fingerprint}, but ${expected} was expected`, ...facts };
  }
  const { signature: _omit, ...body } = manifest;
  let ok = false;
  try {
    ok = verify(null, Buffer.from(canonicalJson(body), 'utf8'), embedded, signature);
  } catch {
    ok = false;
  }
  if (!ok) return { valid: false, problem: 'bad_signature', reason: `the signature does not match the content (key ${fingerprint})`, ...facts };
  const brandCount = `${brands.length} brand${brands.length === 1 ? '' : 's'}`;
  const who = publicKey !== undefined ? 'the expected key' : 'its embedded key (compare the fingerprint with the published one)';
  return { valid: true, reason: `valid signature by ${who} ${fingerprint}, ${brandCount}, issued ${manifest.issued_at}`, ...facts, brands };
}
