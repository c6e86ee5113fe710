import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingDetailsRequest, replyLanguage } from './missing.js';
import { triage } from './index.js';

test('asks a transaction request for the txid and time only when they are missing', () => {
  assert.deepEqual(triage({ body: '转账三天了还没到账' }).missing, ['txid']);
  assert.deepEqual(triage({ body: '转账一直没到账，怎么办' }).missing, ['txid', 'tx_time']);
  assert.deepEqual(triage({ body: 'not received yet, sent 2026-03-01 10:00, txid 9cd00914ec17c05172bdf64cd474adb4ad9ee8668cd896bd392b7df45036a0fd' }).missing, []);
});

test('asks a technical request for device, OS and app version, and a desktop OS stands for the device', () => {
  assert.deepEqual(triage({ body: 'app打不开，一打开就闪退' }).missing, ['device', 'os', 'app_version']);
  assert.deepEqual(triage({ body: 'app crashes on my iPhone 15' }).missing, ['os', 'app_version']);
  assert.deepEqual(triage({ body: 'desktop app crashes on windows 11, version 4.5.5' }).missing, []);
});

test('asks a login problem for the account e-mail or username instead of device details', () => {
  assert.deepEqual(triage({ body: '收不到登录验证码，账号登录不了' }).missing, ['account']);
  assert.deepEqual(triage({ body: "can't log in, the sms code never comes. my email is li.wei@example.com" }).missing, []);
  assert.deepEqual(triage({ body: 'locked out of my account, username is satoshi_fan88' }).missing, []);
});

test('asks nothing of a how-to question or a thank-you note', () => {
  assert.deepEqual(triage({ body: '请问怎么备份钱包？' }).missing, []);
  assert.deepEqual(triage({ body: 'thanks, my issue is solved' }).missing, []);
});

test('writes the request in Chinese or English, lists exactly the missing details and always warns about the recovery phrase', () => {
  const zh = missingDetailsRequest('zh-CN', ['txid', 'tx_time']);
  assert.match(zh, /交易ID/);
  assert.match(zh, /时间/);
  assert.doesNotMatch(zh, /设备|版本/);
  assert.match(zh, /我们绝不会向您索要助记词或私钥/);
  const en = missingDetailsRequest('en', ['device', 'os', 'app_version']);
  assert.match(en, /device model/);
  assert.match(en, /operating system/);
  assert.match(en, /version of the wallet app/);
  assert.doesNotMatch(en, /transaction ID/);
  assert.match(en, /we will never ask for your recovery phrase or private key/);
  assert.match(missingDetailsRequest('en', []), /we will never ask for your recovery phrase or private key/);
});

test('replies in zh-CN to either Chinese script and in English to everyone else', () => {
  assert.equal(replyLanguage('zh-Hans'), 'zh-CN');
  assert.equal(replyLanguage('zh-Hant'), 'zh-CN');
  assert.equal(replyLanguage('de'), 'en');
});
