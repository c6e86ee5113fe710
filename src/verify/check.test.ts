import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainToASCII } from 'node:url';
import { parseRegistry } from './registry.js';
import { compileRegistry } from './compile.js';
import { checkChannel } from './check.js';

const reg = compileRegistry(
  parseRegistry({
    brands: [
      {
        id: 'trezor',
        name: 'Trezor',
        domains: ['trezor.io'],
        emails: ['support@trezor.io'],
        phones: ['+420 222 111 333'],
        handles: [
          { platform: 'x', handle: 'Trezor' },
          { platform: 'telegram', handle: 'trezor_official' },
          { platform: 'discord', handle: 'AbCd1234' },
        ],
        app_ids: [{ store: 'google', id: 'io.trezor.suite' }],
      },
      { id: 'ledger', name: 'Ledger', domains: ['ledger.com'], emails: [], phones: [], handles: [{ platform: 'x', handle: 'LedgerSupport' }] },
      { id: 'electrum', name: 'Electrum', domains: ['electrum.org'], emails: [], phones: [], handles: [] },
      { id: 'imtoken', name: 'imToken', domains: ['token.im'], emails: [], phones: ['+86 400 820 8888'], handles: [] },
      { id: 'muun', name: 'Muun', domains: ['muun.com'], emails: [], phones: [], handles: [] },
      { id: 'zeus', name: 'Zeus', domains: ['zeusln.com'], emails: [], phones: [], handles: [] },
    ],
  }),
);
const check = (v: string) => checkChannel(reg, v);

test('calls a registered domain and its subdomains official, with the brand', () => {
  assert.deepEqual([check('trezor.io').verdict, check('trezor.io').brand], ['official', 'trezor']);
  assert.equal(check('https://suite.trezor.io/web/?x=1').verdict, 'official');
  assert.equal(check('TREZOR.IO.').verdict, 'official');
  assert.equal(check('https://trezor.io').reason['zh-CN'], 'Trezor 的官方网站（trezor.io）');
});

test('catches a punycode lookalike and says so in both languages', () => {
  const v = check(domainToASCII('trеzor.io'));
  assert.equal(v.verdict, 'lookalike');
  assert.equal(v.brand, 'trezor');
  assert.equal(v.reason.en, 'punycode lookalike of trezor.io');
  assert.equal(v.reason['zh-CN'], '仿冒 trezor.io 的国际化域名');
  assert.equal(check('trеzor.io').reason.en, 'look-alike characters imitating trezor.io');
});

test('catches typos, ending swaps, brand-in-subdomain and free hosting', () => {
  assert.equal(check('trezzor.io').reason.en, 'misspelling of trezor.io');
  assert.match(check('trezor.co').reason.en, /another ending/);
  assert.match(check('trezor.io.secure-login.app').reason.en, /puts trezor\.io in front of another site \(secure-login\.app\)/);
  assert.match(check('electrum.org.download-update.com').reason.en, /electrum\.org/);
  assert.match(check('ledger-live.app').reason.en, /Ledger name on a domain/);
  assert.match(check('trezor-suite.web.app').reason.en, /free hosting \(web\.app\)/);
});

test('never calls a domain outside the registry official, even when it contains an official one', () => {
  for (const v of ['trezor.io.evil.com', 'eviltrezor.io', 'trezor.iox', 'xtrezor.io', 'trezor.io-login.com', 'https://trezor.io@evil.com/']) {
    assert.notEqual(check(v).verdict, 'official', v);
  }
});

test('leaves unrelated well-known domains unknown', () => {
  for (const v of ['github.com', 'google.com', 'baidu.com', 'qq.com', 'bitcoin.org', 'mempool.space', 'blockstream.info', 'apple.com', 'electronjs.org', 'hyperledger.org', 'tokenpocket.pro', 'zeus.com']) {
    assert.equal(check(v).verdict, 'unknown', v);
  }
});

test('treats a short brand name carefully: homoglyphs yes, one-letter edits no', () => {
  assert.equal(check('rnuun.com').verdict, 'lookalike');
  assert.equal(check('muun.io').verdict, 'lookalike');
  assert.equal(check('mun.com').verdict, 'unknown');
  assert.equal(check('zeus-wallet.app').brand, 'zeus', 'a short common name counts beside a filler word');
  assert.equal(check('zeus.com').verdict, 'unknown', 'but not on its own');
});

test('matches phone numbers in any format to the registered E.164 number', () => {
  for (const v of ['+420 222 111 333', '00420222111333', 'tel:+420-222-111-333', '(+420) 222 111 333', '222 111 333']) {
    assert.equal(check(v).verdict, 'official', v);
    assert.equal(check(v).kind, 'phone');
  }
  assert.equal(check('400-820-8888').brand, 'imtoken');
  assert.equal(check('+420 222 111 334').verdict, 'unknown');
  assert.equal(check('+1 202 555 0143').matched, undefined);
});

test('judges e-mails by domain and by a brand name in the local part', () => {
  assert.equal(check('support@trezor.io').verdict, 'official');
  assert.equal(check('billing@shop.trezor.io').verdict, 'official');
  assert.equal(check('trezor.support@gmail.com').verdict, 'lookalike');
  assert.match(check('trezor.support@gmail.com').reason.en, /gmail\.com/);
  assert.equal(check('help@trezzor.io').verdict, 'lookalike');
  assert.equal(check('john@gmail.com').verdict, 'unknown');
});

test('compares accounts without case and catches homoglyph and filler-word imitations', () => {
  assert.equal(check('https://x.com/TREZOR').verdict, 'official');
  assert.equal(check('https://t.me/Trezor_Official').verdict, 'official');
  assert.equal(check('@IedgerSupport').verdict, 'lookalike');
  assert.equal(check('https://x.com/trezor_support').verdict, 'lookalike');
  assert.equal(check('https://t.me/trezorhelp').brand, 'trezor');
  assert.equal(check('t.me/trezor').verdict, 'lookalike', 'the X name on another platform is not the brand there');
  assert.equal(check('@bitcoin').verdict, 'unknown');
});

test('keeps case for invite codes', () => {
  assert.equal(check('https://discord.gg/AbCd1234').verdict, 'official');
  assert.notEqual(check('https://discord.gg/abcd1234').verdict, 'official');
});

test('names the platforms when a bare @name is official', () => {
  const v = check('@trezor');
  assert.equal(v.verdict, 'official');
  assert.match(v.reason.en, /only; check that you are on that platform/);
});

test('checks store links against registered app ids', () => {
  assert.equal(check('https://play.google.com/store/apps/details?id=io.trezor.suite').verdict, 'official');
  assert.equal(check('https://play.google.com/store/apps/details?id=com.trezor.fake').verdict, 'lookalike');
});

test('answers unknown for text it cannot read, without throwing', () => {
  for (const v of ['', 'hello world', 'trezor', '3.5', 'javascript:alert(1)', 'x'.repeat(5000)]) {
    assert.equal(check(v).verdict, 'unknown', v.slice(0, 20));
  }
});

test('never throws and never answers official for random junk', async () => {
  const { findChannelRefs } = await import('./refs.js');
  let seed = 42;
  const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  const alphabet = ['a', 'z', '0', '1', '.', '-', '@', '/', ':', '+', ' ', '%', 'е', 'ο', '中', '😀', 'xn--', 'trezor', '.io', 'http://', '[', ']', '\u200d', '\u0301'];
  for (let i = 0; i < 3000; i++) {
    let s = '';
    const len = rand(30);
    for (let k = 0; k < len; k++) s += alphabet[rand(alphabet.length)];
    const v = checkChannel(reg, s);
    if (v.verdict === 'official') {
      const n = v.normalized ?? '';
      const fine =
        (v.kind === 'domain' && (n === 'trezor.io' || n.endsWith('.trezor.io'))) ||
        (v.kind === 'email' && /[@.]trezor\.io$/.test(n)) ||
        (v.kind === 'handle' && n.toLowerCase() === 'trezor') ||
        (v.kind === 'phone' && reg.phones.has(n));
      assert.ok(fine, `official for ${JSON.stringify(s)}: ${JSON.stringify(v)}`);
    }
    for (const r of findChannelRefs(s)) assert.equal(s.slice(r.start, r.end), r.value);
  }
});
