import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { sanitiseEmailHtml } from './sanitize.js';

const PAYLOADS = readFileSync(new URL('../../../test/corpus/email/xss-payloads.txt', import.meta.url), 'utf8').split('\n').filter((l) => l.trim() !== '');
const ALLOWED = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt',
  'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'small',
  'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'wbr',
]);
const ATTACHMENT_URL = /^\/api\/v1\/attachments\/[0-9a-f-]{36}$/;

function elements(nodes: ChildNode[], out: Element[] = []): Element[] {
  for (const n of nodes) {
    if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      out.push(n as Element);
      elements((n as Element).children, out);
    }
  }
  return out;
}

/** Everything the console could act on in sanitised HTML, checked the way a browser parses it. */
function problems(html: string): string[] {
  const found: string[] = [];
  for (const el of elements(parseDocument(html, { decodeEntities: true }).children)) {
    if (!ALLOWED.has(el.name)) found.push(`element <${el.name}>`);
    for (const [name, raw] of Object.entries(el.attribs)) {
      // eslint-disable-next-line no-control-regex
      const value = raw.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`handler ${name}`);
      if (['id', 'class', 'srcset', 'background', 'dynsrc', 'lowsrc', 'action', 'formaction', 'data'].includes(name)) found.push(`attribute ${name}`);
      if (name === 'href' && !/^(https?:|mailto:|tel:)/.test(value)) found.push(`href ${raw}`);
      if (name === 'src' && !ATTACHMENT_URL.test(raw)) found.push(`src ${raw}`);
      if (name === 'style' && /url\(|expression|javascript|@import|behavior|binding|position|z-index|\\/.test(value)) found.push(`style ${raw}`);
    }
  }
  return found;
}

test('every payload of the XSS corpus comes out with nothing a browser would run, load or submit', () => {
  assert.ok(PAYLOADS.length >= 80);
  const failures: string[] = [];
  for (const payload of PAYLOADS) {
    const out = sanitiseEmailHtml(payload);
    const p = problems(out);
    if (p.length > 0) failures.push(`${payload}\n  → ${out}\n  ${p.join('; ')}`);
  }
  assert.deepEqual(failures, []);
});

test('the checker itself catches what it must (it is not vacuous)', () => {
  assert.ok(problems('<img src=x onerror=alert(1)>').length > 0);
  assert.ok(problems('<a href="javascript:alert(1)">x</a>').length > 0);
  assert.ok(problems('<div style="background:url(https://t.example/x)">x</div>').length > 0);
  assert.ok(problems('<form><input></form>').length > 0);
});

test('ordinary formatting, safe links and mailto survive', () => {
  const out = sanitiseEmailHtml('<p style="color:#c00;text-align:center">Hi <b>there</b> <a href="https://satoshi.example/help">help</a> <a href="mailto:a@b.example">mail</a></p><table><tr><td colspan="2">x</td></tr></table>');
  assert.match(out, /<p style="color:#c00;text-align:center">Hi <b>there<\/b>/);
  assert.match(out, /<a href="https:\/\/satoshi.example\/help" target="_blank" rel="noopener noreferrer nofollow">help<\/a>/);
  assert.match(out, /href="mailto:a@b.example"/);
  assert.match(out, /<td colspan="2">x<\/td>/);
});

test('remote images are held back unless asked for; cid images point at the stored attachment', () => {
  const html = '<img src="https://t.example/p.gif" alt="pixel"><img src="cid:part1@x" alt="shot"><img src="cid:unknown@x">';
  const cid = new Map([['part1@x', '/api/v1/attachments/01960000-0000-7000-8000-000000000001']]);
  const blocked = sanitiseEmailHtml(html, { cidUrls: cid });
  assert.ok(!/ src="https:/.test(blocked));
  assert.match(blocked, /data-remote-src="https:\/\/t.example\/p.gif"/);
  assert.match(blocked, /src="\/api\/v1\/attachments\/01960000-0000-7000-8000-000000000001"/);
  assert.equal((blocked.match(/<img/g) ?? []).length, 2);
  assert.match(sanitiseEmailHtml(html, { remoteImages: true }), / src="https:\/\/t.example\/p.gif"/);
});
