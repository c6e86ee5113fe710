/**
 * The fixture corpus (test/corpus/email/*.eml, real-world shapes) delivered over real SMTP on loopback: each
 * message is stored with the right text, or ignored, recorded as a bounce, or refused with a clear reason.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { parseEmail } from '../../src/channels/email/parse.js';
import type { Message } from '../../src/core/message.js';
import type { Ticket } from '../../src/core/ticket.js';
import { NOTIFY_JOB } from '../../src/app/notify-customer.js';
import { drainJobs } from '../helpers/jobs.js';
import { mail, startEmailDesk, type EmailDesk } from './email-desk.js';

const fixture = (name: string) => readFileSync(new URL(`../corpus/email/${name}`, import.meta.url));

describe('the e-mail fixture corpus over SMTP', () => {
  let desk: EmailDesk;
  before(async () => {
    desk = await startEmailDesk('sqlite');
  });
  after(async () => desk.close());

  async function deliver(name: string, messageId: string): Promise<{ reply: string; message: Message; ticket: Ticket }> {
    const reply = await desk.sendRaw(fixture(name));
    const message = await desk.store.messages.findBySource('email', messageId);
    assert.ok(message, `${name} was stored`);
    const ticket = await desk.store.tickets.get(message.ticketId);
    assert.ok(ticket);
    return { reply, message, ticket };
  }
  const emailMeta = (m: Message) => m.meta.email as Record<string, unknown>;
  /** The acknowledgement is the email-inbound processor's: its job runs first. */
  const ackQueued = async (ticketId: string) => {
    await drainJobs(desk.deps);
    return (await desk.store.jobs.list({ type: NOTIFY_JOB }, 500)).some((j) => j.payload.ticket_id === ticketId && j.payload.kind === 'acknowledgement');
  };

  test('QQ Mail (GB18030, base64): Chinese text and name decode, the quoted 原始邮件 history is kept aside', async () => {
    const { message, ticket } = await deliver('qq-gb18030-reply.eml', '<tencent_4F5A1B2C3D4E5F60718293A4B5C6D7E8F909@qq.com>');
    assert.equal(message.body, '您好，我的提币还没到账，交易ID如下：\n4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b\n谢谢！');
    assert.equal(ticket.subject, '回复：提币未到账 [#1001]');
    assert.match(String(emailMeta(message).quoted_text), /原始邮件[\s\S]*请提供交易ID/);
    assert.ok(message.bodyHtml && !message.bodyHtml.includes('原始邮件') && message.bodyHtml.includes('谢谢'));
    assert.deepEqual(ticket.details.txids, ['4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b']);
    const customer = await desk.store.customers.get(ticket.requesterId);
    assert.equal(customer?.name, '张三');
    assert.equal(await ackQueued(ticket.id), true);
  });

  test('163 (GBK, base64) with a character outside GB2312 decodes exactly', async () => {
    const { message, ticket } = await deliver('163-gbk.eml', '<3c8b1a2f.5e6d.18e1a2b3c4d.Coremail.wangzhe_2026@163.com>');
    assert.match(message.body, /华为 Mate 60，App 版本 3\.2\.1。\n王喆$/);
    assert.equal(ticket.subject, '转账一直未确认');
    assert.equal((await desk.store.customers.get(ticket.requesterId))?.name, '王喆');
  });

  test('Foxmail (GB2312, quoted-printable) loses the Chinese header-block quote from the body', async () => {
    const { message } = await deliver('foxmail-gb2312-qp.eml', '<202603011201020123456@foxmail.com>');
    assert.match(message.body, /^好的，我已经升级到最新版，问题解决了。/);
    assert.ok(!message.body.includes('请升级到 3.2.2'));
    assert.match(String(emailMeta(message).quoted_text), /^发件人： Satoshi Wallet/);
  });

  test('Outlook zh-TW (Big5) decodes and its 寄件者 block is cut', async () => {
    const { message, ticket } = await deliver('outlook-big5.eml', '<TYZPR01MB1234567890ABCDEF@TYZPR01MB1234.apcprd01.prod.exchangelabs.com>');
    assert.equal(message.body, '您好，我的錢包餘額顯示為零，但區塊鏈上看得到資產。\n請協助。\n\n陳小姐');
    assert.equal(ticket.subject, '錢包餘額顯示為零');
  });

  test('a GB2312-labelled mail with GBK-only characters (喆, 镕) decodes them', async () => {
    const { message, ticket } = await deliver('gb2312-label-gbk-bytes.eml', '<gbk-in-gb2312@sina.example>');
    assert.equal(message.body, '我是王喆，账户登录不上。');
    assert.equal(ticket.subject, '喆 的账户');
    assert.equal((await desk.store.customers.get(ticket.requesterId))?.name, '朱镕');
  });

  test('RFC 2047 headers mixing UTF-8 Q and GB2312 B words decode and join', async () => {
    const { message, ticket } = await deliver('rfc2047-mixed.eml', '<rfc2047-1@mail.example>');
    assert.equal(ticket.subject, 'Fee too high —手续费太高😡');
    assert.equal(message.body, 'The fee was 0.0005 BTC — why?');
    assert.equal((await desk.store.customers.get(ticket.requesterId))?.name, 'José García');
  });

  test('Gmail: the wrapped "On … wrote:" quote and the gmail_quote block are cut; the DMARC pass is recorded', async () => {
    const { message } = await deliver('gmail-reply.eml', '<CAHx3P0qJ5s+Yb9mZ=Qm0rj2Gx7PaQ@mail.gmail.com>');
    assert.equal(message.body, 'Thanks, the transaction confirmed now.');
    assert.ok(message.bodyHtml && !message.bodyHtml.includes('Could you send'));
    const auth = emailMeta(message).auth as { dmarc: { result: string }; authserv_id: string };
    assert.equal(auth.dmarc.result, 'pass');
    assert.equal(auth.authserv_id, 'mx.satoshi.example');
    assert.equal(emailMeta(message).spoofing_suspected, false);
  });

  test('Outlook HTML-only mail gets a text body without its quoted header block, and no auto-acknowledgement (X-Auto-Response-Suppress)', async () => {
    const { message, ticket } = await deliver('outlook-html-only.eml', '<DM6PR11MB4321ABCDEF0123456789@DM6PR11MB4321.namprd11.prod.outlook.com>');
    assert.match(message.body, /^Hi team – my hardware wallet won’t pair with the app\.\n+Regards, Bob$/);
    assert.ok(message.bodyHtml && !message.bodyHtml.includes('Which device') && !message.bodyHtml.includes('<hr'));
    assert.equal(await ackQueued(ticket.id), false);
  });

  test('an inline cid image is stored and shown from the desk; a remote tracking pixel is not loaded', async () => {
    const { message } = await deliver('apple-inline-image.eml', '<A1B2C3D4-E5F6-7890-ABCD-EF0123456789@icloud.example>');
    const attachments = await desk.store.attachments.listForMessages([message.id]);
    assert.equal(attachments.length, 1);
    assert.equal(attachments[0]!.contentType, 'image/png');
    assert.ok(message.bodyHtml?.includes(`src="/api/v1/attachments/${attachments[0]!.id}"`));
    assert.doesNotMatch(message.bodyHtml ?? '', / src="https:\/\/tracker/);
    assert.ok(message.bodyHtml?.includes('data-remote-src="https://tracker.example/open.gif?u=carol"'));
  });

  test('an attachment with an RFC 2231 Chinese file name is stored with its bytes', async () => {
    const { message } = await deliver('attachment-pdf.eml', '<attach-1@mail.example>');
    const [attachment] = await desk.store.attachments.listForMessages([message.id]);
    assert.equal(attachment?.filename, '对账单.pdf');
    assert.equal(attachment?.contentType, 'application/pdf');
    assert.match((await desk.deps.files.get(attachment!.sha256))?.toString() ?? '', /^%PDF-1\.4/);
  });

  test('a forwarded phishing mail keeps the forwarded text in the body', async () => {
    const { message } = await deliver('forwarded-phish.eml', '<fwd-1@mail.example>');
    assert.match(message.body, /Is this really from you\?[\s\S]*Forwarded message[\s\S]*12 recovery words/);
    assert.equal(emailMeta(message).quoted_text, null);
  });

  test('auto-replies (RFC 3834 and QQ Mail 自动回复) and read receipts are accepted but open nothing', async () => {
    const before = await desk.store.tickets.count({});
    for (const [name, id] of [
      ['auto-reply-ooo.eml', '<ooo-1@corp.example>'],
      ['auto-reply-qq.eml', '<tencent_AUTO0000000000000000000000000000@qq.com>'],
      ['read-receipt.eml', '<mdn-1@mail.example>'],
    ] as const) {
      assert.match(await desk.sendRaw(fixture(name)), /^250 /);
      assert.equal(await desk.store.messages.findBySource('email', id), null, name);
    }
    assert.equal(await desk.store.tickets.count({}), before);
  });

  test('a newsletter is stored, tagged and never answered automatically', async () => {
    const { ticket } = await deliver('bulk-newsletter.eml', '<news-2026-09@cryptoweekly.example>');
    assert.ok(ticket.tags.includes('auto-submitted'));
    assert.equal(await ackQueued(ticket.id), false);
  });

  test('a DSN about our own mail marks the address bouncing; a forged one does not', async () => {
    for (const who of ['gone@mail.example', 'victim@mail.example', '7654321@qq.com']) {
      await desk.sendRaw(mail({ from: who, subject: `hello from ${who}` }));
    }
    const tickets = await desk.store.tickets.count({});
    assert.match(await desk.sendRaw(fixture('dsn-postfix.eml'), { from: '' }), /^250 /);
    assert.match(await desk.sendRaw(fixture('dsn-forged.eml'), { from: '' }), /^250 /);
    assert.match(await desk.sendRaw(fixture('dsn-qq-tuixin.eml')), /^250 /);
    assert.ok(await desk.store.customers.bouncingSince('email', 'gone@mail.example'));
    assert.ok(await desk.store.customers.bouncingSince('email', '7654321@qq.com'), 'QQ 系统退信 names the recipient in the returned mail');
    assert.equal(await desk.store.customers.bouncingSince('email', 'victim@mail.example'), null);
    assert.equal(await desk.store.tickets.count({}), tickets, 'no ticket for bounces');
  });

  test('mail from the desk’s own domain that fails DMARC is stored but flagged as possible impersonation', async () => {
    const { message, ticket } = await deliver('spoofed-own-domain.eml', '<spoof-1@attacker.example>');
    assert.equal(emailMeta(message).spoofing_suspected, true);
    assert.ok(ticket.tags.includes('spoofing-suspected'));
  });

  test('HTML with scripts, handlers, forms, frames, javascript: and same-origin links is stored sanitised', async () => {
    const { message } = await deliver('xss-html.eml', '<xss-1@mail.example>');
    const html = message.bodyHtml ?? '';
    for (const bad of ['<script', 'onclick', 'onerror', 'onload', 'javascript:', '<form', '<input', '<iframe', 'url(', '/api/v1/auth/logout', '<svg']) {
      assert.ok(!html.toLowerCase().includes(bad), `${bad} was removed`);
    }
    assert.ok(html.includes('Hello'));
  });

  test('broken mail: an unclosed multipart and an unknown charset still yield the text; no sender is refused with a reason, no content is stored with a note and the original', async () => {
    const truncated = await deliver('broken-unclosed-multipart.eml', '<truncated-1@mail.example>');
    assert.equal(truncated.message.body, 'The app crashes when I open the send screen.');
    const charset = await deliver('broken-unknown-charset.eml', '<charset-1@mail.example>');
    assert.equal(charset.message.body, 'Balance shows 0 BTC after update.');
    await assert.rejects(desk.sendRaw(fixture('broken-no-from.eml')), (err: { responseCode?: number; response?: string }) => {
      assert.equal(err.responseCode, 550);
      assert.match(err.response ?? '', /no From address/);
      return true;
    });
    // Nothing to read is still a customer writing in: stored, with a note in the brand's language and the raw mail.
    const empty = await deliver('broken-empty.eml', '<empty-1@mail.example>');
    assert.equal(empty.reply, '250 2.0.0 Stored');
    assert.equal(empty.message.body, '（这封邮件没有可读的文字；原始邮件已作为附件保存。）');
    const files = await desk.store.attachments.listForMessages([empty.message.id]);
    assert.deepEqual(files.map((f) => f.filename), ['original.eml']);
  });

  test('every corpus mail with HTML gets non-empty text, wherever the HTML sits in the MIME tree', async () => {
    const names = readdirSync(new URL('../corpus/email/', import.meta.url)).filter((n) => n.endsWith('.eml'));
    let withHtml = 0;
    for (const name of names) {
      const email = await parseEmail(fixture(name));
      if (!email.html || email.html.replace(/<[^>]*>|&nbsp;|\s/g, '') === '') continue;
      withHtml++;
      assert.ok(email.text.trim() !== '', `${name} has HTML but no text`);
    }
    assert.ok(withHtml >= 5, `the corpus has HTML mail (${withHtml})`);
  });
});
