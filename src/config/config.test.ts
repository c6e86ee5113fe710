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

test('e-mail settings have working defaults and validate like the rest', () => {
  const c = loadConfig({});
  assert.equal(c.smtpPort, 2525);
  assert.equal(c.smtpHost, '0.0.0.0');
  assert.equal(c.smtpUrl, null);
  assert.equal(c.supportEmail, null);
  assert.equal(c.imapUrl, null);
  assert.equal(loadConfig({ SMTP_PORT: 'off' }).smtpPort, null);
  assert.equal(loadConfig({ SUPPORT_EMAIL: ' Help@Example.com ' }).supportEmail, 'help@example.com');
  assert.equal(loadConfig({ SMTP_URL: 'smtps://u:p@relay.example:465' }).smtpUrl, 'smtps://u:p@relay.example:465');
  assert.deepEqual(loadConfig({ EMAIL_TRUSTED_AUTHSERV_IDS: 'MX.Example.com, mx.google.com' }).emailTrustedAuthservIds, ['mx.example.com', 'mx.google.com']);
  for (const [env, variable] of [
    [{ SMTP_PORT: 'twenty-five' }, 'SMTP_PORT'],
    [{ SMTP_URL: 'http://relay' }, 'SMTP_URL'],
    [{ SUPPORT_EMAIL: 'help at example' }, 'SUPPORT_EMAIL'],
    [{ IMAP_URL: 'pop3://mail' }, 'IMAP_URL'],
    [{ IMAP_POLL_SECONDS: '1' }, 'IMAP_POLL_SECONDS'],
    [{ EMAIL_RATE_LIMIT: '-3' }, 'EMAIL_RATE_LIMIT'],
    [{ EMAIL_TRUSTED_AUTHSERV_IDS: 'mx.example.com; rm -rf' }, 'EMAIL_TRUSTED_AUTHSERV_IDS'],
  ] as const) {
    assert.throws(
      () => loadConfig(env),
      (err: unknown) => err instanceof ConfigError && err.variable === variable,
    );
  }
});

test('the phone line is off until TWILIO_AUTH_TOKEN is set, and the REST API defaults to Twilio', () => {
  const off = loadConfig({});
  assert.equal(off.twilioAuthToken, null);
  assert.equal(off.twilioAccountSid, null);
  assert.equal(off.twilioApiUrl, 'https://api.twilio.com');
  const on = loadConfig({
    TWILIO_AUTH_TOKEN: ' 0123456789abcdef0123456789abcdef ',
    TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
    TWILIO_API_URL: 'https://example.signalwire.com/api/laml/',
  });
  assert.equal(on.twilioAuthToken, '0123456789abcdef0123456789abcdef');
  assert.equal(on.twilioAccountSid, 'AC0123456789abcdef0123456789abcdef');
  assert.equal(on.twilioApiUrl, 'https://example.signalwire.com/api/laml');
});

test('bad phone provider settings name their variable', () => {
  for (const [env, variable] of [
    [{ TWILIO_AUTH_TOKEN: 'short' }, 'TWILIO_AUTH_TOKEN'],
    [{ TWILIO_AUTH_TOKEN: 'has spaces inside of it ok' }, 'TWILIO_AUTH_TOKEN'],
    [{ TWILIO_AUTH_TOKEN: '0123456789abcdef0123', TWILIO_ACCOUNT_SID: 'AC/../x' }, 'TWILIO_ACCOUNT_SID'],
    [{ TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef' }, 'TWILIO_AUTH_TOKEN'],
    [{ TWILIO_API_URL: 'ftp://api.example' }, 'TWILIO_API_URL'],
  ] as const) {
    assert.throws(
      () => loadConfig(env),
      (err: unknown) => err instanceof ConfigError && err.variable === variable,
    );
  }
});
