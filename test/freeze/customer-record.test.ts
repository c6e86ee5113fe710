/**
 * The customer's record over real HTTP, once per database: the customer downloads it from the status link and
 * an agent from the ticket (internal notes only when asked); the PDF opens and its Chinese text reads back; the
 * hash chain and the Ed25519 signature are checked by POST /api/v1/records/verify, and tampering is caught.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getDocumentProxy } from 'unpdf';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startChat } from '../helpers/chat-client.js';

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(bytes);
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  return pages.join('\n');
}

const download = async (desk: TestDesk, path: string, headers: Record<string, string>) => {
  const res = await fetch(`${desk.url}${path}`, { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', bytes: new Uint8Array(await res.arrayBuffer()) };
};
const verify = async (desk: TestDesk, body: Uint8Array | string, type: string) => {
  const res = await fetch(`${desk.url}/api/v1/records/verify`, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

for (const dialect of DIALECTS) {
  describe(`the customer's record on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let token: string;
    let number: number;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      const res = await api(desk, null, 'POST', '/api/v1/help/requests', { brand: 'satoshi', language: 'zh-CN', email: 'wang@example.com', kind: 'stolen', description: '我的比特币被转走了，请帮我冻结账户' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      token = res.body.status_path.split('#')[1];
      number = res.body.number;
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${number}/messages`, { body: '内部备注：核对提现记录', public: false })).status, 201);
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${number}/messages`, { body: '我们已收到，正在核查您的交易。' })).status, 201);
    });
    after(async () => desk.close());

    test('the customer downloads a PDF in Chinese from the status link: public messages with times, no internal notes', async () => {
      const pdf = await download(desk, '/api/v1/portal/record?format=pdf', { 'x-portal-token': token });
      assert.equal(pdf.status, 200);
      assert.equal(pdf.type, 'application/pdf');
      assert.match(pdf.disposition, new RegExp(`walletdesk-request-${number}\\.pdf`));
      const text = await pdfText(pdf.bytes.slice());
      assert.match(text, new RegExp(`工单 #${number} 的记录`));
      assert.match(text, /我的比特币被转走了/);
      assert.match(text, /我们已收到，正在核查您的交易。/);
      assert.match(text, /客服（李客服）/);
      assert.ok(!text.includes('内部备注'), 'internal notes stay internal');
      assert.match(text, /2026|20\d\d/);

      const checked = await verify(desk, pdf.bytes, 'application/pdf');
      assert.equal(checked.status, 200, JSON.stringify(checked.body));
      assert.equal(checked.body.valid, true, JSON.stringify(checked.body));
      assert.equal(checked.body.ticket_number, number);

      assert.equal((await download(desk, '/api/v1/portal/record?format=pdf', { 'x-portal-token': 'x'.repeat(43) })).status, 404);
      assert.equal((await download(desk, '/api/v1/portal/record?format=pdf', {})).status, 404);
    });

    test('an agent exports HTML with internal notes only when asked; the page verifies, and any change is caught', async () => {
      const plain = await download(desk, `/api/v1/tickets/${number}/record?format=html`, { authorization: `Bearer ${cast.tokens.agentA}` });
      assert.equal(plain.status, 200);
      const html = Buffer.from(plain.bytes).toString('utf8');
      assert.ok(!html.includes('核对提现记录'));
      const withNotes = await download(desk, `/api/v1/tickets/${number}/record?format=html&internal=true`, { authorization: `Bearer ${cast.tokens.agentA}` });
      const notesHtml = Buffer.from(withNotes.bytes).toString('utf8');
      assert.ok(notesHtml.includes('核对提现记录'));
      assert.ok(notesHtml.includes('内部备注（李客服）'));
      assert.equal((await download(desk, `/api/v1/tickets/${number}/record?format=html`, { authorization: `Bearer ${cast.tokens.agentB}` })).status, 404, 'other brands cannot export');

      const ok = await verify(desk, html, 'text/html');
      assert.equal(ok.body.valid, true, JSON.stringify(ok.body));
      assert.equal(ok.body.html_matches, true);

      // The visible text changed, the embedded record untouched.
      const visible = await verify(desk, html.replace('<div class="text">我们已收到', '<div class="text">我们从未收到'), 'text/html');
      assert.equal(visible.body.valid, false);
      assert.equal(visible.body.html_matches, false);

      // The embedded record changed: the chain breaks at that entry.
      const json = JSON.parse(/<script type="application\/json" id="walletdesk-record">([\s\S]*?)<\/script>/.exec(html)![1]!);
      const idx = json.entries.findIndex((e: { text: string }) => e.text.includes('我们已收到'));
      json.entries[idx].text = '我们从未收到';
      const forged = await verify(desk, new TextEncoder().encode(JSON.stringify(json)), 'application/json');
      assert.equal(forged.body.valid, false);
      assert.equal(forged.body.first_bad_entry, idx);

      // Recomputing the hashes does not help: the signature covers the last one.
      const { chainHashes } = await import('../../src/app/customer-record.js');
      json.hashes = chainHashes(json.header, json.entries);
      const rehashed = await verify(desk, JSON.stringify(json), 'application/json');
      assert.equal(rehashed.body.valid, false);
      assert.equal(rehashed.body.signature_valid, false);

      // A removed entry is caught too.
      const cut = JSON.parse(/<script type="application\/json" id="walletdesk-record">([\s\S]*?)<\/script>/.exec(html)![1]!);
      cut.entries.splice(0, 1);
      assert.equal((await verify(desk, JSON.stringify(cut), 'application/json')).body.valid, false);

      assert.equal((await verify(desk, '{"hello":1}', 'application/json')).status, 400);
      const key = await api(desk, null, 'GET', '/api/v1/records/key');
      assert.equal(key.body.public_key, json.public_key);
    });

    test('an English record reads in English', async () => {
      const pdf = await download(desk, `/api/v1/tickets/${number}/record?format=pdf&language=en`, { authorization: `Bearer ${cast.tokens.agentA}` });
      assert.equal(pdf.status, 200);
      const text = await pdfText(pdf.bytes.slice());
      assert.match(text, new RegExp(`Record of request #${number}`));
      assert.match(text, /Support \(李客服\)/);
    });

    test('a chat visitor downloads the record of their conversation with their session, and only theirs', async () => {
      const { client, welcome } = await startChat(desk.url, { type: 'hello', brand: 'satoshi', language: 'zh-CN' });
      assert.equal(welcome.type, 'welcome', JSON.stringify(welcome));
      client.send({ type: 'prechat', kind: 'transaction', language: 'zh-CN', email: 'chat@example.com' });
      await client.next((f) => f.type === 'prechat_ok');
      client.send({ type: 'message', client_id: 'c-record-0001', body: '我的提现两天了还没到账' });
      await client.next((f) => f.type === 'ack');
      const session = String(welcome.session);
      const pdf = await download(desk, '/chat/v1/record?format=pdf', { 'x-chat-session': session });
      assert.equal(pdf.status, 200);
      assert.match(await pdfText(pdf.bytes.slice()), /我的提现两天了还没到账/);
      assert.equal((await verify(desk, pdf.bytes, 'application/pdf')).body.valid, true);
      assert.equal((await download(desk, '/chat/v1/record?format=pdf', { 'x-chat-session': 'x'.repeat(43) })).status, 404);
      client.ws.close();
    });
  });
}
