/** Official channels in the desk: the registry API, the public verifier, the signed manifest, and pasted links. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestInbound } from '../../src/app/ingest-inbound.js';
import { answerChannelQuestions } from '../../src/app/answer-channel-questions.js';
import { PROCESSORS } from '../../src/app/processors/index.js';
import { drainJobs } from '../helpers/jobs.js';
import { verifyManifest } from '../../src/verify/index.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

describe('official channels', () => {
  let desk: TestDesk;
  let cast: Cast;
  const channels = {
    domains: ['satoshiwallet.com'],
    emails: ['support@satoshiwallet.com'],
    phones: ['+86 400 820 8820'],
    handles: [{ platform: 'x', handle: '@SatoshiWallet' }, { platform: 'telegram', handle: 'satoshiwallet' }],
  };
  before(async () => {
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
  });
  after(async () => desk.close());

  test('only admins set a brand\'s channels; agents of the brand can read them', async () => {
    assert.equal((await api(desk, cast.tokens.agentA, 'PUT', `/api/v1/brands/${cast.brandA.id}/channels`, channels)).status, 403);
    const put = await api(desk, cast.tokens.admin, 'PUT', `/api/v1/brands/${cast.brandA.id}/channels`, channels);
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body.phones, ['+864008208820']);
    assert.equal((await api(desk, cast.tokens.agentA, 'GET', `/api/v1/brands/${cast.brandA.id}/channels`)).body.domains[0], 'satoshiwallet.com');
    assert.equal((await api(desk, cast.tokens.agentB, 'GET', `/api/v1/brands/${cast.brandA.id}/channels`)).status, 404);
    const bad = await api(desk, cast.tokens.admin, 'PUT', `/api/v1/brands/${cast.brandA.id}/channels`, { ...channels, domains: ['not a domain'] });
    assert.equal(bad.status, 400);
    const clash = await api(desk, cast.tokens.admin, 'PUT', `/api/v1/brands/${cast.brandB.id}/channels`, { ...channels, handles: [] });
    assert.equal(clash.status, 409, 'one channel cannot belong to two brands');
  });

  test('the public verifier answers official, lookalike or unknown without signing in', async () => {
    const check = async (value: string) => (await api(desk, null, 'GET', `/api/v1/public/verify?value=${encodeURIComponent(value)}`)).body;
    const official = await check('https://help.satoshiwallet.com/contact');
    assert.equal(official.verdict, 'official');
    assert.equal(official.brand.slug, 'satoshi');
    assert.equal((await check('+86 400-820-8820')).verdict, 'official');
    assert.equal((await check('https://satoshiwa11et.com/login')).verdict, 'lookalike');
    assert.equal((await check('satoshiwallet.com.secure-support.app')).verdict, 'lookalike');
    assert.equal((await check('https://t.me/satoshiwallet_support')).verdict, 'lookalike');
    assert.equal((await check('https://github.com')).verdict, 'unknown');
    assert.equal((await check('+1 415 555 0100')).verdict, 'unknown');
  });

  test('/verify is a page that works without script, in Chinese and English', async () => {
    const res = await fetch(`${desk.url}/verify?q=${encodeURIComponent('satoshiwa11et.com')}&lang=zh-CN`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /这不是我们/);
    assert.match(html, /satoshiwallet\.com/, 'the real channels are listed beside the answer');
    assert.ok(!html.includes('<script'), 'no script on the page');
    const en = await (await fetch(`${desk.url}/verify?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}&lang=en`)).text();
    assert.ok(!en.includes('<img src=x'), 'what was pasted is escaped');
    assert.match(en, /Not an official channel/);
  });

  test('the manifest is signed with the brand\'s key and verifies', async () => {
    const res = await api(desk, null, 'GET', '/.well-known/walletdesk-channels.json?brand=satoshi');
    assert.equal(res.status, 200);
    const check = verifyManifest(res.body);
    assert.equal(check.valid, true, check.reason);
    assert.equal(res.body.brands[0].id, 'satoshi');
    const again = await api(desk, null, 'GET', '/.well-known/walletdesk-channels.json?brand=satoshi');
    assert.equal(again.body.public_key, res.body.public_key, 'one key per brand, made once');
    const tampered = { ...res.body, brands: [{ ...res.body.brands[0], domains: ['evil.example'] }] };
    assert.equal(verifyManifest(tampered).valid, false);
  });

  test("the help center's contact page lists the registry's channels", async () => {
    const contact = await api(desk, null, 'GET', '/api/v1/help/contact?brand=satoshi');
    assert.equal(contact.status, 200);
    assert.ok(contact.body.channels.some((c: { kind: string; value: string }) => c.kind === 'website' && c.value === 'satoshiwallet.com'));
    assert.ok(contact.body.channels.some((c: { kind: string; value: string }) => c.kind === 'x' && /SatoshiWallet/i.test(c.value)));
    assert.ok(contact.body.phones.includes('+864008208820'));
  });

  test('import and export use the registry format with brand short names', async () => {
    const exported = (await api(desk, cast.tokens.agentA, 'GET', '/api/v1/channels/export')).body;
    const satoshi = exported.brands.find((b: { id: string }) => b.id === 'satoshi');
    assert.ok(satoshi.domains.includes('satoshiwallet.com'));
    const imported = await api(desk, cast.tokens.admin, 'POST', '/api/v1/channels/import', {
      brands: [{ id: 'pocket', name: 'Lightning Pocket', domains: ['lightningpocket.app'], emails: [], phones: [], handles: [] }],
    });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.equal((await api(desk, null, 'GET', '/api/v1/public/verify?value=lightningpocket.app')).body.verdict, 'official');
    assert.equal((await api(desk, cast.tokens.admin, 'POST', '/api/v1/channels/import', { brands: [{ id: 'nobody', name: 'x', domains: ['x.com'], emails: [], phones: [], handles: [] }] })).status, 400);
  });

  test('a customer who pastes a lookalike is told at once it is not us, and agents see a warning on the message', async () => {
    const r = await ingestInbound(desk.deps, {
      brandId: cast.brandA.id,
      channel: 'web',
      from: { email: 'asker@example.com' },
      body: 'Someone on Telegram said I must sync my wallet at https://satoshiwallet-sync.web.app is this your support?',
    });
    // The answer is the channel-answer processor's, right after the commit (from the job queue).
    assert.deepEqual((await drainJobs(desk.deps)).failures, []);
    const thread = await desk.deps.store.messages.listForTicket(r.ticket.id);
    const answer = thread.find((m) => m.meta.kind === 'channel_check');
    assert.ok(answer, 'an automatic answer');
    assert.equal(answer.meta.reply_to, r.message.id, 'naming the message it answers');
    assert.match(answer.body, /NOT us/);
    assert.match(answer.body, /satoshiwallet\.com/, 'with the real channels');
    assert.ok((await desk.deps.store.tickets.get(r.ticket.id))!.tags.includes('lookalike-reported'));
    // At least once: a second run answers nothing more.
    await answerChannelQuestions({ ...desk.deps, processors: PROCESSORS }, r.message.id);
    assert.equal((await desk.deps.store.messages.listForTicket(r.ticket.id)).filter((m) => m.meta.kind === 'channel_check').length, 1);
    const view = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${r.ticket.id}`)).body;
    const customer = view.messages.find((m: { author: { type: string } }) => m.author.type === 'customer');
    const warning = customer.channel_checks.find((c: { verdict: string }) => c.verdict === 'lookalike');
    assert.ok(warning, JSON.stringify(customer.channel_checks));
    assert.equal(customer.body.slice(warning.start, warning.end), warning.value);
  });

  test('an ordinary link nobody asked about gets no automatic answer', async () => {
    const r = await ingestInbound(desk.deps, { brandId: cast.brandA.id, channel: 'web', from: { email: 'quiet@example.com' }, body: 'The app crashes when I open https://github.com/some/repo in the browser tab' });
    assert.deepEqual((await drainJobs(desk.deps)).failures, []);
    assert.equal((await desk.deps.store.messages.listForTicket(r.ticket.id)).filter((m) => m.meta.kind === 'channel_check').length, 0);
  });
});
