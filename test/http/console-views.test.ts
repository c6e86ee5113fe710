/** The console's views, counts, bulk changes and live socket, over real HTTP. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { DIALECTS } from '../helpers/stores.js';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

const open = (desk: TestDesk, token: string) =>
  api(desk, token, 'POST', '/api/v1/tickets', { subject: 's', body: 'b', requester: { email: `c${Math.random()}@example.com` } });

for (const dialect of DIALECTS) {
  describe(`console views on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());

    test('views list and count unsolved tickets: mine, unassigned, urgent-or-security, all, per brand', async () => {
      const t1 = (await open(desk, cast.tokens.agentA)).body;
      const t2 = (await open(desk, cast.tokens.agentA)).body;
      const t3 = (await open(desk, cast.tokens.agentA)).body;
      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t1.id}`, { assignee_id: cast.agentA.id });
      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t2.id}`, { category: 'security' });
      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t3.id}`, { priority: 'urgent' });
      await open(desk, cast.tokens.agentB);

      const ids = async (view: string, token = cast.tokens.agentA, query = '') =>
        ((await api(desk, token, 'GET', `/api/v1/views/${view}/tickets${query}`)).body.tickets as Array<{ id: string }>).map((t) => t.id).sort();
      assert.deepEqual(await ids('mine'), [t1.id]);
      assert.deepEqual(await ids('unassigned'), [t2.id, t3.id].sort());
      assert.deepEqual(await ids('urgent'), [t2.id, t3.id].sort());
      assert.deepEqual(await ids('all'), [t1.id, t2.id, t3.id].sort(), "another brand's ticket is not in an agent's view");
      assert.equal((await ids('all', cast.tokens.admin, `?brand_id=${cast.brandB.id}`)).length, 1);

      const counts = (await api(desk, cast.tokens.agentA, 'GET', '/api/v1/views')).body;
      assert.deepEqual(Object.fromEntries(counts.views.map((v: { id: string; count: number }) => [v.id, v.count])), { mine: 1, unassigned: 2, urgent: 2, sla_at_risk: 0, all: 3 });
      assert.deepEqual(counts.brands.map((b: { name: string; count: number }) => [b.name, b.count]), [['Satoshi Wallet', 3]]);

      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t3.id}`, { status: 'solved' });
      assert.deepEqual(await ids('urgent'), [t2.id], 'solved tickets leave the unsolved views');
      assert.deepEqual(await ids('urgent', cast.tokens.agentA, '?status=any'), [t2.id, t3.id].sort());
    });

    test('bulk changes apply per ticket and report the ones that could not change', async () => {
      const a = (await open(desk, cast.tokens.agentA)).body;
      const b = (await open(desk, cast.tokens.agentA)).body;
      const other = (await open(desk, cast.tokens.agentB)).body;
      const res = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets/bulk', {
        ids: [a.id, String(b.number), other.id],
        changes: { assignee_id: cast.agentA.id, add_tags: ['batch'] },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(
        res.body.results.map((r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code)),
        ['ok', 'ok', 'not_found'],
      );
      assert.equal(res.body.results[1].ticket.assignee_id, cast.agentA.id);
      assert.deepEqual(res.body.results[0].ticket.tags, ['batch']);
      const untouched = (await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${other.id}`)).body;
      assert.equal(untouched.assignee_id, null);
    });
  });
}

/** Signs in like the console: session cookie and CSRF token. */
async function login(desk: TestDesk, email: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${desk.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  const body = (await res.json()) as { csrf_token: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrf_token };
}

interface Client {
  ws: WebSocket;
  frames: Array<Record<string, unknown>>;
  next(pred: (f: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
}

async function connect(url: string, headers: Record<string, string>): Promise<Client> {
  const ws = new WebSocket(url, { headers });
  const frames: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (d) => {
    frames.push(JSON.parse(String(d)) as Record<string, unknown>);
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const next = (pred: (f: Record<string, unknown>) => boolean, ms = 3000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      let done = false;
      const timer = setTimeout(() => {
        done = true;
        reject(new Error(`no matching frame; got ${JSON.stringify(frames)}`));
      }, ms);
      const check = () => {
        if (done) return;
        const i = frames.findIndex(pred);
        if (i >= 0) {
          clearTimeout(timer);
          done = true;
          resolve(frames.splice(i, 1)[0]!);
        } else waiters.push(check);
      };
      check();
    });
  return { ws, frames, next };
}

describe('live socket', () => {
  let desk: TestDesk;
  let cast: Cast;
  const clients: Client[] = [];
  before(async () => {
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
  });
  after(async () => {
    for (const c of clients) c.ws.terminate();
    await desk.close();
  });
  const wsUrl = (path: string) => `${desk.url.replace('http', 'ws')}${path}`;

  test('a console hears new requests of its brands only, and presence on a watched ticket', async () => {
    const li = await login(desk, 'li@desk.example');
    const sun = await login(desk, 'sup@desk.example');
    const liWs = await connect(wsUrl('/api/v1/live'), { cookie: li.cookie, origin: desk.url });
    const sunWs = await connect(wsUrl('/api/v1/live'), { cookie: sun.cookie });
    const bobWs = await connect(wsUrl('/api/v1/live'), { authorization: `Bearer ${cast.tokens.agentB}` });
    clients.push(liWs, sunWs, bobWs);
    await Promise.all([liWs, sunWs, bobWs].map((c) => c.next((f) => f.type === 'ready')));

    const sent = await api(desk, null, 'POST', '/api/v1/help/requests', { brand: 'satoshi', kind: 'transaction', description: '没到账', email: 'z@example.com', language: 'zh-CN' });
    const notice = (await liWs.next((f) => f.type === 'notice')).notice as Record<string, unknown>;
    assert.equal(notice.type, 'ticket.created');
    assert.equal((notice.data as { number: number }).number, sent.body.number);
    assert.ok(!JSON.stringify(notice).includes('没到账'), 'notices never carry message bodies');
    await assert.rejects(bobWs.next((f) => f.type === 'notice', 300), 'another brand hears nothing');

    const ticketId = notice.ticket_id as string;
    liWs.ws.send(JSON.stringify({ type: 'watch', ticket_id: ticketId }));
    sunWs.ws.send(JSON.stringify({ type: 'watch', ticket_id: ticketId }));
    bobWs.ws.send(JSON.stringify({ type: 'watch', ticket_id: ticketId }));
    assert.equal((await bobWs.next((f) => f.type === 'error')).type, 'error', "an agent cannot watch another brand's ticket");
    await new Promise((r) => setTimeout(r, 100));
    sunWs.ws.send(JSON.stringify({ type: 'replying', ticket_id: ticketId, mode: 'reply' }));
    const presence = await liWs.next((f) => f.type === 'presence');
    assert.deepEqual([presence.name, presence.mode], ['Sun Supervisor', 'reply']);
    sunWs.ws.close();
    assert.equal((await liWs.next((f) => f.type === 'presence')).mode, null, 'leaving ends "is replying"');
  });

  test('a socket from another site is refused, and one without a session is refused', async () => {
    const li = await login(desk, 'li@desk.example');
    const evil = await connect(wsUrl('/api/v1/live'), { cookie: li.cookie, origin: 'https://evil.example' }).catch((e: Error) => e);
    if (evil instanceof Error) assert.ok(evil);
    else {
      const closed = await new Promise<number>((r) => evil.ws.once('close', (code) => r(code)));
      assert.equal(closed, 1008);
    }
    await assert.rejects(connect(wsUrl('/api/v1/live'), {}), /HTTP 401/);
  });

  test('the status page hears public replies but not internal notes', async () => {
    const sent = await api(desk, null, 'POST', '/api/v1/help/requests', { brand: 'satoshi', kind: 'other', description: 'hello', email: 'p@example.com', language: 'en' });
    const token = String(sent.body.status_path).split('#')[1];
    const page = await connect(wsUrl('/api/v1/portal/live'), {});
    clients.push(page);
    await page.next((f) => f.type === 'hello');
    page.ws.send(JSON.stringify({ type: 'open', token }));
    await page.next((f) => f.type === 'ready');
    await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${sent.body.number}/messages`, { body: 'note', public: false });
    await assert.rejects(page.next((f) => f.type === 'changed', 300));
    await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${sent.body.number}/messages`, { body: 'reply' });
    assert.equal((await page.next((f) => f.type === 'changed')).type, 'changed');

    const bad = await connect(wsUrl('/api/v1/portal/live'), {});
    await bad.next((f) => f.type === 'hello');
    bad.ws.send(JSON.stringify({ type: 'open', token: 'x'.repeat(43) }));
    const code = await new Promise<number>((r) => bad.ws.once('close', (c) => r(c)));
    assert.equal(code, 1008);
  });
});
