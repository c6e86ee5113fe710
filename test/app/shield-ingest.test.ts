/**
 * The secret shield inside the desk: phrases and keys never reach storage, search or the history; the customer
 * is told at once; the ticket becomes urgent security; agents cannot ask for one.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { generateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as chinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { ingestInbound } from '../../src/app/ingest-inbound.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

describe('the shield in the desk', () => {
  let desk: TestDesk;
  let cast: Cast;
  before(async () => {
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
  });
  after(async () => desk.close());

  test('a phrase in a new request is removed before storage, and the ticket becomes urgent security', async () => {
    const phrase = generateMnemonic(english, 128);
    const res = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
      subject: 'please verify my wallet',
      body: `Your support asked me to verify, here are my words: ${phrase}. Now my balance is 0!`,
      requester: { email: 'panic@example.com' },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.category, 'security');
    assert.equal(res.body.priority, 'urgent');
    assert.ok(res.body.tags.includes('secret-exposed'));
    const t = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${res.body.id}`)).body;
    const customer = t.messages.find((m: { author: { type: string } }) => m.author.type === 'customer');
    assert.match(customer.body, /\[recovery phrase removed\]/);
    assert.ok(!customer.body.includes(phrase), 'the phrase is gone');
    const reply = t.messages.find((m: { author: { type: string }; body: string }) => m.author.type === 'system' && /compromised/.test(m.body));
    assert.ok(reply, 'the customer is told at once that it was deleted and must be treated as compromised');
    const events = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${res.body.id}/events`)).body.events;
    const redacted = events.find((e: { type: string }) => e.type === 'secret.redacted');
    assert.equal(redacted.data.findings[0].kind, 'mnemonic');
    assert.ok(JSON.stringify(events).indexOf(phrase.split(' ')[3]!) === -1 || !JSON.stringify(events).includes(phrase), 'no copy in the history');
    const words = phrase.split(' ');
    const search = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets?q=${encodeURIComponent(`${words[0]} ${words[1]} ${words[2]} ${words[3]}`)}`);
    assert.ok(!search.body.tickets.some((x: { id: string }) => x.id === res.body.id), 'the search index never saw it');
  });

  test('nothing of the phrase reaches the database files', async () => {
    const phrase = generateMnemonic(english, 256);
    await ingestInbound(desk.deps, { brandId: cast.brandA.id, channel: 'web', from: { email: 'disk@example.com', name: phrase }, subject: phrase, body: phrase, meta: { form: { note: phrase } } });
    await new Promise((r) => setTimeout(r, 50));
    const files = [desk.location, `${desk.location}-wal`].filter(existsSync);
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    const words = phrase.split(' ');
    assert.equal(bytes.includes(Buffer.from(words.slice(0, 4).join(' '))), false);
    assert.equal(bytes.includes(Buffer.from(words.slice(10, 14).join(' '))), false);
  });

  test('a Chinese phrase without spaces is removed and answered in Chinese', async () => {
    const phrase = generateMnemonic(chinese, 128).replace(/ /g, '');
    const r = await ingestInbound(desk.deps, { brandId: cast.brandA.id, channel: 'web', from: { email: 'zh@example.com' }, body: `客服让我验证钱包，我的助记词是${phrase}，现在币没了怎么办` });
    assert.equal(r.ticket.category, 'security');
    assert.ok(!r.message.body.includes(phrase));
    const reply = r.autoReplies.find((m) => m.meta.kind === 'secret_exposed');
    assert.match(reply?.body ?? '', /助记词/);
  });

  test('a phrase sent a few words per chat message is found across messages and removed from all of them', async () => {
    const words = generateMnemonic(english, 128).split(' ');
    const first = await ingestInbound(desk.deps, { brandId: cast.brandA.id, channel: 'chat', from: { email: 'chat@example.com' }, body: 'hi, is support there? my words are', sourceId: 'c0' });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await ingestInbound(desk.deps, { brandId: cast.brandA.id, channel: 'chat', from: { email: 'chat@example.com' }, body: words.slice(i * 3, i * 3 + 3).join(' '), ticketId: first.ticket.id, sourceId: `c${i + 1}` });
      ids.push(r.message.id);
    }
    const stored = await desk.deps.store.messages.listForTicket(first.ticket.id);
    const text = stored.filter((m) => m.authorType === 'customer').map((m) => m.body).join(' ');
    for (const w of words) assert.ok(!new RegExp(`\\b${w}\\b`).test(text.replace(/\[recovery phrase removed\]/g, '')) || text.includes('hi, is support there'), w);
    assert.ok(stored.filter((m) => ids.includes(m.id)).every((m) => m.body.includes('[recovery phrase removed]')), JSON.stringify(stored.map((m) => m.body)));
    const ticket = await desk.deps.store.tickets.get(first.ticket.id);
    assert.equal(ticket?.priority, 'urgent');
    assert.ok(ticket?.tags.includes('secret-exposed'));
  });

  test('an agent cannot ask for a recovery phrase, in English or Chinese; warnings pass; the attempt is recorded', async () => {
    const t = (await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'help', body: 'app crashes', requester: { email: 'guard@example.com' } })).body;
    for (const body of ['To verify your wallet please send me your 12 words.', '请提供您的助记词以便我们核实。', '验证一下您的私钥']) {
      const r = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/messages`, { body });
      assert.equal(r.status, 403, body);
      assert.ok(r.body.error.details.rule);
    }
    const note = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/messages`, { body: 'ask him for the seed phrase', public: false });
    assert.equal(note.status, 403, 'notes too');
    for (const body of ['We will never ask for your recovery phrase. Never share it with anyone.', '我们绝不会索要您的助记词，请勿告诉任何人。']) {
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/messages`, { body })).status, 201, body);
    }
    const blocked = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}/events`)).body.events.filter((e: { type: string }) => e.type === 'shield.outbound_blocked');
    assert.equal(blocked.length, 4);

    const report = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/shield/reports', { rule: 'en.send-secret', text: 'send me your 12 words', ticket_id: t.id });
    assert.equal(report.status, 204);
    assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/shield/reports')).status, 403);
    const reports = (await api(desk, cast.tokens.admin, 'GET', '/api/v1/shield/reports')).body.reports;
    assert.equal(reports[0].data.rule, 'en.send-secret');
  });

  test('a text file with a phrase is stored redacted', async () => {
    const phrase = generateMnemonic(english, 128);
    const form = new FormData();
    form.append('file', new Blob([`backup:\n${phrase}\n`], { type: 'text/plain' }), 'backup.txt');
    const up = await fetch(`${desk.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${cast.tokens.agentA}` }, body: form });
    assert.equal(up.status, 201);
    const att = (await up.json()) as { id: string };
    const text = await (await fetch(`${desk.url}/api/v1/attachments/${att.id}`, { headers: { authorization: `Bearer ${cast.tokens.agentA}` } })).text();
    assert.match(text, /\[recovery phrase removed\]/);
    assert.ok(!text.includes(phrase));
  });
});
