/** Serving the built console and help center: same server, CSP without inline script, cached hashed assets. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { startTestDesk, type TestDesk } from '../helpers/desk.js';

describe('web app serving', () => {
  let desk: TestDesk;
  before(async () => {
    desk = await startTestDesk('sqlite');
  });
  after(async () => desk.close());

  for (const path of ['/agent', '/agent/tickets/1001', '/help', '/help/status', '/help/contact']) {
    test(`${path} serves its app page under a CSP that allows no inline script`, async () => {
      const res = await fetch(`${desk.url}${path}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      assert.ok(scripts.length >= 1);
      for (const [, attrs, body] of scripts) {
        assert.match(attrs!, /src="\/static\/assets\//, 'every script is a file');
        assert.equal(body!.trim(), '', 'no inline script');
      }
    });
  }

  test('hashed assets are cached for a year and sent gzipped to browsers that accept it', async () => {
    const html = await (await fetch(`${desk.url}/help`)).text();
    const src = /src="(\/static\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const res = await fetch(`${desk.url}${src}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /immutable/);
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    const plain = await fetch(`${desk.url}${src}`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null);
    const raw = Buffer.from(await plain.arrayBuffer());
    assert.ok(raw.length > 1000);
    const http = await import('node:http');
    const gz = await new Promise<Buffer>((resolve, reject) => {
      http.get(`${desk.url}${src}`, { headers: { 'accept-encoding': 'gzip' } }, (r) => {
        assert.equal(r.headers['content-encoding'], 'gzip');
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
      });
    });
    assert.deepEqual(gunzipSync(gz), raw);
    assert.equal((await fetch(`${desk.url}/static/assets/nope.js`)).status, 404);
    assert.equal((await fetch(`${desk.url}/static/../package.json`)).status, 404);
  });
});
