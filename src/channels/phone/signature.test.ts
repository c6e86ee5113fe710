import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twilioSignature, validTwilioSignature } from './signature.js';

// The worked example from Twilio's security documentation.
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
const TOKEN = '12345';

test('computes the signature of Twilio\'s documented example', () => {
  assert.equal(twilioSignature(TOKEN, URL_, PARAMS), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
});

test('accepts the right signature and refuses a wrong token, a changed parameter, a changed URL or none', () => {
  const sig = twilioSignature(TOKEN, URL_, PARAMS);
  assert.equal(validTwilioSignature(TOKEN, sig, URL_, PARAMS), true);
  assert.equal(validTwilioSignature('54321', sig, URL_, PARAMS), false);
  assert.equal(validTwilioSignature(TOKEN, sig, URL_, { ...PARAMS, Digits: '1235' }), false);
  assert.equal(validTwilioSignature(TOKEN, sig, 'https://mycompany.com/myapp.php?foo=1&bar=3', PARAMS), false);
  assert.equal(validTwilioSignature(TOKEN, undefined, URL_, PARAMS), false);
  assert.equal(validTwilioSignature(TOKEN, '', URL_, PARAMS), false);
});

test('sorts parameter names, not the order they arrived in', () => {
  const reversed = Object.fromEntries(Object.entries(PARAMS).reverse());
  assert.equal(twilioSignature(TOKEN, URL_, reversed), twilioSignature(TOKEN, URL_, PARAMS));
});

test('accepts a signature made over the URL with or without the default port, as Twilio\'s libraries do', () => {
  const withPort = twilioSignature(TOKEN, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', PARAMS);
  assert.equal(validTwilioSignature(TOKEN, withPort, URL_, PARAMS), true);
  const without = twilioSignature(TOKEN, URL_, PARAMS);
  assert.equal(validTwilioSignature(TOKEN, without, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', PARAMS), true);
  assert.equal(validTwilioSignature(TOKEN, withPort, 'https://mycompany.com:8443/myapp.php?foo=1&bar=2', PARAMS), false);
});

test('a repeated parameter contributes each value, sorted', () => {
  const a = twilioSignature(TOKEN, URL_, { X: ['b', 'a'] });
  const b = twilioSignature(TOKEN, URL_, { X: ['a', 'b'] });
  assert.equal(a, b);
  assert.notEqual(a, twilioSignature(TOKEN, URL_, { X: 'a' }));
});
