import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOutbound, findSecrets, secretExposedReply } from './index.js';

test('the English reply says we deleted it, nobody will ask for it, and how to move the funds', () => {
  const { subject, body } = secretExposedReply('en', ['mnemonic']);
  assert.match(subject, /recovery phrase/);
  assert.match(body, /deleted it/);
  assert.match(body, /Nobody from our team will ever ask/);
  assert.match(body, /compromised/);
  assert.match(body, /1\. .*new wallet/);
  assert.match(body, /2\. Send your whole balance/);
});

test('the Chinese reply carries the same three messages', () => {
  const { subject, body } = secretExposedReply('zh-CN', ['mnemonic']);
  assert.match(subject, /助记词/);
  assert.match(body, /已将其删除/);
  assert.match(body, /都不会以任何方式/);
  assert.match(body, /视为已经泄露/);
  assert.match(body, /1\. .*新钱包/);
});

test('names every kind found once, in either language, and the brand when given', () => {
  const en = secretExposedReply('en', ['wif', 'mnemonic', 'hex_key', 'mnemonic'], { brand: 'Acme Wallet' });
  assert.equal(en.subject, 'We removed your private key and recovery phrase from your message');
  assert.match(en.body, /Nobody from Acme Wallet will ever ask/);
  const zh = secretExposedReply('zh-CN', ['xprv', 'slip39']);
  assert.match(zh.subject, /扩展私钥（xprv）和助记词分片/);
  assert.match(zh.body, /SLIP-39/);
});

test('the reply itself passes the outbound guard and carries no secret', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    const { subject, body } = secretExposedReply(lang, ['mnemonic', 'wif', 'xprv', 'slip39']);
    const verdict = checkOutbound(`${subject}\n${body}`);
    assert.equal(verdict.allowed, true, verdict.allowed ? '' : verdict.rule);
    assert.deepEqual(findSecrets(body), []);
  }
});
