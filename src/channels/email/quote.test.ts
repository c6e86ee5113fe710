import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutQuotedHtml, isForward, splitQuotedText } from './quote.js';

test('splits the reply shapes of common clients, English and Chinese', () => {
  const cases: Array<[string, string]> = [
    ['Done.\n\nOn Mon, 2 Mar 2026 at 10:00, Desk <help@x.example> wrote:\n> earlier', 'Done.'],
    ['好的\n\n在 2026年3月2日周一 10:00，客服 <help@x.example> 写道：\n> 之前', '好的'],
    ['收到\n\n------------------ 原始邮件 ------------------\n发件人: x', '收到'],
    ['OK\n\n-----Original Message-----\nFrom: x', 'OK'],
    ['Fine\n\n________________________________\nFrom: Desk\nSent: Monday\nTo: me\nSubject: s', 'Fine'],
    ['行\n\n发件人： 客服\n发送时间： 2026-03-02\n收件人： 我\n主题： s', '行'],
    ['Yes\n\n> quoted 1\n> quoted 2', 'Yes'],
  ];
  for (const [text, fresh] of cases) {
    const split = splitQuotedText(text);
    assert.equal(split.fresh, fresh, text);
    assert.ok(split.quoted.length > 0, text);
  }
});

test('keeps everything when there is no history, or when cutting would leave nothing', () => {
  assert.deepEqual(splitQuotedText('Just a question.\nFrom: my phone'), { fresh: 'Just a question.\nFrom: my phone', quoted: '' });
  assert.deepEqual(splitQuotedText('> only quoted'), { fresh: '> only quoted', quoted: '' });
  assert.equal(cutQuotedHtml('<blockquote type="cite">only quote</blockquote>').cut, false);
});

test('HTML is cut at Gmail, Apple, Outlook and QQ markers', () => {
  for (const html of [
    '<div>new</div><div class="gmail_quote">old</div>',
    '<div>new</div><blockquote type="cite">old</blockquote>',
    '<p>new</p><div id="divRplyFwdMsg">old</div>',
    '<div>new</div><div>------------------&nbsp;原始邮件&nbsp;------------------</div><div>old</div>',
  ]) {
    const cut = cutQuotedHtml(html);
    assert.ok(cut.cut && cut.fresh.includes('new') && !cut.fresh.includes('old'), html);
  }
});

test('forwards are recognised in English and Chinese', () => {
  assert.ok(isForward('Fwd: scam'));
  assert.ok(isForward('转发：诈骗邮件'));
  assert.ok(!isForward('Re: forward my funds'));
});
