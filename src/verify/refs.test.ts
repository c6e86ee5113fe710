import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findChannelRefs } from './refs.js';

const values = (text: string) => findChannelRefs(text).map((r) => `${r.kind}:${r.value}`);

test('finds links, bare domains, e-mails, phone numbers and @accounts with their offsets', () => {
  const text = 'Support? Visit https://trezor.io/start, mail help@trezor-io.com, call +420 222 111 333 or DM @trezor_support.';
  const refs = findChannelRefs(text);
  assert.deepEqual(
    refs.map((r) => `${r.kind}:${r.value}`),
    ['url:https://trezor.io/start', 'email:help@trezor-io.com', 'phone:+420 222 111 333', 'handle:@trezor_support'],
  );
  for (const r of refs) assert.equal(text.slice(r.start, r.end), r.value);
});

test('uses UTF-16 offsets in Chinese text without spaces around a link', () => {
  const text = '客服说去trezor.io.secure-login.app下载，或者加微信😀@imtoken_kefu';
  const refs = findChannelRefs(text);
  assert.deepEqual(refs.map((r) => r.value), ['trezor.io.secure-login.app', '@imtoken_kefu']);
  for (const r of refs) assert.equal(text.slice(r.start, r.end), r.value);
});

test('does not take ordinary words for domains', () => {
  assert.deepEqual(values('see file.txt, v1.2.3 and 3.5 sat/vB, readme.md, setup.py, node.js, e.g. this. It works.Then'), []);
  assert.deepEqual(values('fee was 0.00012345 BTC at block 840000 on 2024-05-01, amount 100 000 000 sats'), []);
});

test('finds international domains and punycode', () => {
  assert.deepEqual(values('go to trеzor.io now'), ['domain:trеzor.io']);
  assert.deepEqual(values('or xn--trzor-0we.io'), ['domain:xn--trzor-0we.io']);
});

test('finds t.me links, tel: URIs and national numbers', () => {
  assert.deepEqual(values('join t.me/trezor_support'), ['domain:t.me/trezor_support']);
  assert.deepEqual(values('call tel:+41-44-500-12-34 or 400-820-8888 or 13812345678'), [
    'phone:tel:+41-44-500-12-34',
    'phone:400-820-8888',
    'phone:13812345678',
  ]);
});

test('trims sentence punctuation but keeps parentheses that belong to a link', () => {
  assert.deepEqual(values('(see https://en.wikipedia.org/wiki/Trezor_(company)).'), ['url:https://en.wikipedia.org/wiki/Trezor_(company)']);
  assert.deepEqual(values('is it https://ledger-live.app?'), ['url:https://ledger-live.app']);
});
