/**
 * Issue 14, e-mail: what used to slip past the shield or get lost, delivered over real SMTP on loopback (and IMAP
 * where it says) on both databases — HTML-only bodies, forwarded mails and text files, PDFs, per-brand
 * de-duplication, unreadable, HZ-encoded, huge and oversized messages.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import hoodiecrow from 'hoodiecrow-imap';
import type { Message } from '../../src/core/message.js';
import { startImapPoller } from '../../src/channels/email/imap-poller.js';
import { DIALECTS } from '../helpers/stores.js';
import { drainJobs } from '../helpers/jobs.js';
import { mail, startEmailDesk, type EmailDesk } from './email-desk.js';
import { makePdf } from './make-pdf.js';

const head = (id: string, contentType: string, extra: string[] = []) =>
  [
    'From: Zhang San <customer@mail.example>',
    'To: help@satoshi.example',
    'Subject: my wallet',
    'Date: Sun, 1 Mar 2026 08:00:00 +0000',
    `Message-ID: <${id}@mail.example>`,
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}`,
    ...extra,
    '',
  ].join('\r\n');
const multipart = (id: string, type: string, parts: string[][]) =>
  `${head(id, `${type}; boundary="B"`)}\r\n${parts.map((p) => `--B\r\n${p.join('\r\n')}\r\n`).join('')}--B--\r\n`;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** No three words of the phrase in a row survive anywhere in the text. */
function assertNoPhrase(text: string | null | undefined, phrase: string, where: string) {
  const words = phrase.split(' ');
  const flat = (text ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  for (let i = 0; i + 3 <= words.length; i++) assert.ok(!flat.includes(words.slice(i, i + 3).join(' ')), `${where} keeps part of the phrase`);
}

for (const dialect of DIALECTS) {
  describe(`e-mail hardening over SMTP on ${dialect}`, () => {
    let desk: EmailDesk;
    before(async () => {
      desk = await startEmailDesk(dialect);
    });
    after(async () => desk.close());

    const stored = async (id: string): Promise<Message> => {
      const m = await desk.store.messages.findBySource('email', `<${id}@mail.example>`);
      assert.ok(m, `${id} was stored`);
      return m;
    };
    const files = async (m: Message) =>
      Promise.all(
        (await desk.store.attachments.listForMessages([m.id])).map(async (a) => ({ ...a, text: (await desk.deps.files.get(a.sha256))!.toString('utf8') })),
      );
    const shieldOf = (m: Message) => (m.meta.email as { attachments_shield: Array<{ filename: string; shield: string }> }).attachments_shield;

    test('an HTML-only body inside multipart/alternative, mixed or related goes through the shield: the phrase is removed and the HTML dropped', async () => {
      const phrase = generateMnemonic(english, 128);
      const divs = `<html><body><p>Is my wallet safe? My words:</p>${phrase.split(' ').map((w) => `<div>${w}</div>`).join('')}</body></html>`;
      const brs = `<div>Please check, my words are:<br>${phrase.split(' ').join('<br>')}<br>thanks</div>`;
      const html = (body: string) => ['Content-Type: text/html; charset=utf-8', '', body];
      const image = ['Content-Type: image/png; name="shot.png"', 'Content-Disposition: attachment; filename="shot.png"', 'Content-Transfer-Encoding: base64', '', PNG.toString('base64')];
      const inline = ['Content-Type: image/png', 'Content-ID: <logo@x>', 'Content-Disposition: inline', 'Content-Transfer-Encoding: base64', '', PNG.toString('base64')];
      await desk.sendRaw(multipart('html-alt', 'multipart/alternative', [html(divs)]));
      await desk.sendRaw(multipart('html-mixed', 'multipart/mixed', [html(brs), image]));
      await desk.sendRaw(multipart('html-related', 'multipart/related', [html(`${divs}<img src="cid:logo@x">`), inline]));
      await drainJobs(desk.deps); // the files-not-scanned tag is the email-inbound processor's
      for (const id of ['html-alt', 'html-mixed', 'html-related']) {
        const m = await stored(id);
        assert.match(m.body, /\[recovery phrase removed\]/, `${id}: the text made from the HTML was shielded`);
        assertNoPhrase(m.body, phrase, `${id} body`);
        assert.equal(m.bodyHtml, null, `${id}: the HTML is dropped`);
        assertNoPhrase(JSON.stringify(m.meta), phrase, `${id} meta`);
        const ticket = await desk.store.tickets.get(m.ticketId);
        assert.equal(ticket?.category, 'security');
        // Only html-mixed brought a file (a PNG) that the shield cannot read; the related one's is an inline image.
        assert.equal(ticket?.tags.includes('files-not-scanned'), id !== 'html-alt', `${id}: unreadable files on a security ticket are flagged`);
      }
    });

    test('a forwarded mail without a file name is read into the conversation and shielded; a bare "text" part and an unnamed text octet-stream are stored redacted', async () => {
      const phrase = generateMnemonic(english, 128);
      const inner = ['From: friend@mail.example', 'To: customer@mail.example', 'Subject: backup', 'Content-Type: text/plain', '', `keep these safe: ${phrase}`];
      await desk.sendRaw(multipart('fwd-nodisp', 'multipart/mixed', [['Content-Type: text/plain', '', 'see below'], ['Content-Type: message/rfc822', '', ...inner]]));
      await desk.sendRaw(multipart('fwd-disp', 'multipart/mixed', [['Content-Type: text/plain', '', 'see below'], ['Content-Type: message/rfc822', 'Content-Disposition: attachment', '', ...inner]]));
      for (const id of ['fwd-nodisp', 'fwd-disp']) {
        const m = await stored(id);
        assert.match(m.body, /Forwarded message[\s\S]*Subject: backup[\s\S]*\[recovery phrase removed\]/, id);
        assertNoPhrase(m.body, phrase, id);
        for (const f of await files(m)) assertNoPhrase(f.text, phrase, `${id} file ${f.filename}`);
      }
      await desk.sendRaw(multipart('bare-text', 'multipart/mixed', [['Content-Type: text/plain', '', 'log attached'], ['Content-Type: text', 'Content-Disposition: attachment', '', `words ${phrase}`]]));
      await desk.sendRaw(
        multipart('octet-text', 'multipart/mixed', [
          ['Content-Type: text/plain', '', 'export attached'],
          ['Content-Type: application/octet-stream', 'Content-Disposition: attachment; filename="wallet-export"', 'Content-Transfer-Encoding: base64', '', Buffer.from(`seed: ${phrase}\n`).toString('base64')],
        ]),
      );
      for (const id of ['bare-text', 'octet-text']) {
        const m = await stored(id);
        const list = await files(m);
        assert.equal(list.length, 1, id);
        assert.match(list[0]!.text, /\[recovery phrase removed\]/, `${id}: the stored bytes are the redacted text`);
        assertNoPhrase(list[0]!.text, phrase, id);
        assert.equal(shieldOf(m)[0]!.shield, 'redacted');
      }
    });

    test('attachments: a phrase in a file name is removed, a PDF holding one is replaced by a note, a clean PDF is kept and an image is marked not scanned', async () => {
      const phrase = generateMnemonic(english, 128);
      const pdfWith = makePdf(['Wallet backup', ...phrase.split(' ').reduce<string[]>((rows, w, i) => (i % 4 ? rows.with(-1, `${rows.at(-1)} ${w}`) : [...rows, w]), [])]);
      const pdfClean = makePdf(['Invoice 2026-03', 'Total 0.01 BTC']);
      const file = (name: string, type: string, bytes: Buffer) => [`Content-Type: ${type}; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, 'Content-Transfer-Encoding: base64', '', bytes.toString('base64')];
      await desk.sendRaw(
        multipart('files', 'multipart/mixed', [
          ['Content-Type: text/plain', '', 'files attached'],
          file(`${phrase}.txt`, 'text/plain', Buffer.from('hello')),
          file('backup.pdf', 'application/pdf', pdfWith),
          file('invoice.pdf', 'application/pdf', pdfClean),
          file('screen.png', 'image/png', PNG),
        ]),
      );
      const m = await stored('files');
      const list = await files(m);
      for (const f of list) assertNoPhrase(f.filename, phrase, 'file name');
      const backup = list.find((f) => f.filename.startsWith('backup.pdf'))!;
      assert.equal(backup.filename, 'backup.pdf.removed.txt');
      assert.match(backup.text, /did not keep it/);
      assert.match(backup.text, /没有保存该文件/);
      const invoice = list.find((f) => f.filename === 'invoice.pdf')!;
      assert.equal(invoice.contentType, 'application/pdf');
      assert.equal(invoice.size, pdfClean.length);
      assert.deepEqual(
        shieldOf(m).map((s) => s.shield),
        ['clean', 'replaced', 'clean', 'not_scanned'],
      );

      await desk.sendRaw(
        multipart('invoice-image', 'multipart/mixed', [['Content-Type: text/plain', '', 'Please send the invoice for March again, the screenshot shows the order.'], file('order.png', 'image/png', PNG)]).replace('Subject: my wallet', 'Subject: Invoice for March'),
      );
      const ordinary = await desk.store.tickets.get((await stored('invoice-image')).ticketId);
      assert.notEqual(ordinary?.category, 'security');
      assert.ok(!ordinary?.tags.includes('files-not-scanned'), 'an unread image on an ordinary request is not flagged');
    });

    test('the same Message-ID sent to two brands is stored once in each, and no SMTP reply names a ticket', async () => {
      const raw = (to: string) => mail({ messageId: '<two-brands@mail.example>', to });
      assert.equal(await desk.sendRaw(raw('help@satoshi.example')), '250 2.0.0 Stored');
      assert.equal(await desk.sendRaw(raw('support@pocket.example'), { to: ['support@pocket.example'] }), '250 2.0.0 Stored');
      assert.equal(await desk.sendRaw(raw('support@pocket.example'), { to: ['support@pocket.example'] }), '250 2.0.0 Already stored');
      const a = await stored('two-brands');
      const b = await desk.store.messages.findBySource('email', `brand:${desk.other.id}:<two-brands@mail.example>`);
      assert.ok(b);
      assert.equal((await desk.store.tickets.get(a.ticketId))?.brandId, desk.brand.id);
      assert.equal((await desk.store.tickets.get(b.ticketId))?.brandId, desk.other.id);
      // A reply in brand B's thread finds brand B's copy.
      await desk.sendRaw(mail({ messageId: '<two-brands-re@mail.example>', to: 'support@pocket.example', inReplyTo: '<two-brands@mail.example>' }), { to: ['support@pocket.example'] });
      assert.equal((await stored('two-brands-re')).ticketId, b.ticketId);
    });

    test('a message mailparser reads nothing from (CPython msg_47) is stored with a note and the original, not refused', async () => {
      const raw = readFileSync(new URL('../corpus/email/cpython-msg_47.txt', import.meta.url));
      assert.equal(await desk.sendRaw(raw, { to: ['help@satoshi.example'] }), '250 2.0.0 Stored');
      const customerId = await desk.store.customers.findByIdentity('email', '123@example.com');
      assert.ok(customerId);
      const { tickets } = await desk.store.tickets.list({ requesterId: customerId }, { limit: 5 });
      assert.equal(tickets.length, 1);
      const m = (await desk.store.messages.listForTicket(tickets[0]!.id)).find((x) => x.authorType === 'customer')!;
      assert.ok(m.body.trim() !== '');
      const list = await files(m);
      if ((m.meta.email as { note?: string }).note === 'no_text') {
        assert.match(m.body, /没有可读的文字/);
        assert.deepEqual(list.map((f) => f.filename), ['original.eml']);
      } else {
        assert.match(m.body, /PHARRMACY ON1INE/);
      }
    });

    test('a message mailparser cannot parse at all (3,000 nested parts) is stored from its envelope with a note and the original, not refused with 554', async () => {
      const nested = Array.from({ length: 3000 }, (_, i) => `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n`).join('');
      const raw = `From: deep@mail.example\r\nTo: help@satoshi.example\r\nSubject: nested\r\nMIME-Version: 1.0\r\n${nested}x\r\n`;
      assert.equal(await desk.sendRaw(raw, { from: 'deep@mail.example' }), '250 2.0.0 Stored');
      const customerId = await desk.store.customers.findByIdentity('email', 'deep@mail.example');
      assert.ok(customerId);
      const { tickets } = await desk.store.tickets.list({ requesterId: customerId }, { limit: 5 });
      const m = (await desk.store.messages.listForTicket(tickets[0]!.id)).find((x) => x.authorType === 'customer')!;
      assert.equal(m.body, '（这封邮件没有可读的文字；原始邮件已作为附件保存。）');
      const list = await files(m);
      assert.deepEqual(list.map((f) => f.filename), ['original.eml']);
      assert.equal(list[0]!.size, Buffer.byteLength(raw));
    });

    test('HZ-GB-2312 bodies and subjects are decoded', async () => {
      const subject = `=?HZ-GB-2312?B?${Buffer.from('~{La1R~} pending').toString('base64')}?=`;
      const raw = `${head('hz-1', 'text/plain; charset="HZ-GB-2312"', ['Content-Transfer-Encoding: 7bit']).replace('Subject: my wallet', `Subject: ${subject}`)}\r\n~{La1R~} pending ~~ 2 days.\r\nThe next sentence is in GB.~{<:Ky2;S{#,NpJ)l6HK!#~}Bye.\r\n`;
      await desk.sendRaw(raw);
      const m = await stored('hz-1');
      assert.match(m.body, /^提币 pending ~ 2 days\.\nThe next sentence is in GB\.己所不欲，勿施於人。Bye\.$/);
      assert.equal((await desk.store.tickets.get(m.ticketId))?.subject, '提币 pending');
      // As PHP's mb_send_mail writes it: an HZ subject split over two encoded words, and an HZ body.
      const php = readFileSync(new URL('../corpus/email/php-mb_send_mail-hz.txt', import.meta.url), 'latin1').replace(/\r?\n/g, '\r\n');
      await desk.sendRaw(`From: web@shop.example\r\nMessage-ID: <hz-php@mail.example>\r\n${php.replace('To: example@example.com', 'To: help@satoshi.example')}`);
      const p = await stored('hz-php');
      assert.equal(p.body, '测验');
      assert.equal((await desk.store.tickets.get(p.ticketId))?.subject, '测验 Simplified Chinese');
      assert.ok(!m.body.includes('~{'));
    });

    test('a 1.16 MB text body is shortened with a note, and the whole original is kept as an .eml', async () => {
      const line = 'The withdrawal shows pending, here is the full debug log of the app. 0123456789abcdef\r\n';
      const raw = mail({ messageId: '<huge@mail.example>', body: line.repeat(Math.ceil(1_160_000 / line.length)) });
      assert.equal(await desk.sendRaw(raw), '250 2.0.0 Stored');
      const m = await stored('huge');
      assert.ok(m.body.length <= 100_000);
      assert.match(m.body, /完整的原始邮件已作为附件保存/);
      const list = await files(m);
      assert.deepEqual(list.map((f) => f.filename), ['original.eml']);
      assert.equal(list[0]!.size, Buffer.byteLength(raw));
    });

    test('quoted history longer than the desk keeps is kept whole in the original .eml; with a phrase in it, as redacted text', async () => {
      const history = `On Sun, 1 Mar 2026 at 08:00, Satoshi Wallet <help@satoshi.example> wrote:\r\n${'> Earlier we asked for the transaction id and the app version, please.\r\n'.repeat(1000)}`;
      await desk.sendRaw(mail({ messageId: '<long-quote@mail.example>', body: `Here it is: version 3.2.1.\r\n\r\n${history}` }));
      const m = await stored('long-quote');
      assert.equal(m.body, 'Here it is: version 3.2.1.');
      assert.equal((m.meta.email as { note: string }).note, 'quote_shortened');
      assert.deepEqual((await files(m)).map((f) => f.filename), ['original.eml']);

      const phrase = generateMnemonic(english, 128);
      await desk.sendRaw(mail({ messageId: '<long-quote-secret@mail.example>', body: `Thanks.\r\n\r\n${history}> my words: ${phrase}\r\n` }));
      const s = await stored('long-quote-secret');
      const kept = await files(s);
      assert.deepEqual(kept.map((f) => f.filename), ['message.txt']);
      assert.match(kept[0]!.text, /\[recovery phrase removed\]/);
      assertNoPhrase(kept[0]!.text, phrase, 'kept text');
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`IMAP size limit on ${dialect}`, () => {
    let desk: EmailDesk;
    before(async () => {
      desk = await startEmailDesk(dialect, { inbound: { maxMessageBytes: 64 * 1024 } });
    });
    after(async () => desk.close());

    test('a message over the whole-message limit is not downloaded; a note with sender, subject and size is stored, and it is not fetched again', async () => {
      const big = mail({ from: 'Big Sender <big@mail.example>', messageId: '<imap-big@mail.example>', subject: 'video of the problem', body: 'x'.repeat(200 * 1024) });
      const small = mail({ messageId: '<imap-small@mail.example>', subject: 'small one' });
      const server = hoodiecrow({ plugins: ['ID', 'UIDPLUS', 'ENABLE', 'LITERALPLUS'], users: { testuser: { password: 'testpass' } }, storage: { INBOX: { uidvalidity: 1, messages: [{ raw: big }, { raw: small }] } } });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const poller = startImapPoller({
        url: `imap://testuser:testpass@127.0.0.1:${port}/INBOX`,
        store: desk.store,
        processor: desk.processor,
        clock: desk.clock,
        pollMs: 60_000,
        maxMessageBytes: 64 * 1024,
        autoStart: false,
      });
      try {
        const first = await poller.pollOnce();
        assert.deepEqual(first.kind === 'polled' && [first.imported, first.skipped, first.lastUid], [2, 0, 2]);
        const m = await desk.store.messages.findBySource('email', '<imap-big@mail.example>');
        assert.ok(m);
        assert.match(m.body, /超过服务台接受的 0\.1 MB/);
        assert.match(m.body, /big@mail\.example/);
        assert.match(m.body, /video of the problem/);
        assert.ok(!m.body.includes('xxxx'), 'the body was never downloaded');
        assert.equal((m.meta.email as { note: string }).note, 'oversize');
        assert.ok(await desk.store.messages.findBySource('email', '<imap-small@mail.example>'));
        const again = await poller.pollOnce();
        assert.deepEqual(again.kind === 'polled' && [again.imported, again.lastUid], [0, 2]);
      } finally {
        await poller.stop();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });
}
