import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.js';

test('an empty environment gives the embedded defaults', () => {
  const c = loadConfig({});
  assert.equal(c.port, 8080);
  assert.equal(c.databaseUrl, null);
  assert.equal(c.publicUrl, 'http://localhost:8080');
  assert.ok(c.dataDir.endsWith('/data'));
  assert.ok(Object.isFrozen(c));
});

test('a bad value names the variable in one line', () => {
  for (const [env, variable] of [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SECRET_KEY: 'short' }, 'SECRET_KEY'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
  ] as const) {
    assert.throws(
      () => loadConfig(env),
      (err: unknown) => err instanceof ConfigError && err.variable === variable && !err.message.includes('\n'),
    );
  }
});

test('PUBLIC_URL loses its trailing slash', () => {
  assert.equal(loadConfig({ PUBLIC_URL: 'https://help.example.com/' }).publicUrl, 'https://help.example.com');
});
