/**
 * The console's live socket ends with its session: sign-out, a password change and deactivation close it with
 * 4401 at once, on the instance that made the change and on the others (PostgreSQL + Redis).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { redisBus } from '../../src/bus/live-bus.js';
import { DIALECTS, TEST_REDIS_URL } from '../helpers/stores.js';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

interface Browser {
  cookie: string;
  csrf: string;
}

async function signIn(desk: TestDesk, email: string, password = PASSWORD): Promise<Browser> {
  const res = await fetch(`${desk.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  assert.equal(res.status, 200);
  const body = (await res.json()) as { csrf_token: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrf_token };
}

/** Opens the console socket; resolves once the server said 'ready'. `closed` resolves with the close code. */
async function openConsole(desk: TestDesk, browser: Browser): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(`${desk.url.replace('http', 'ws')}/api/v1/live`, { headers: { cookie: browser.cookie } });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (d) => {
      if ((JSON.parse(String(d)) as { type?: string }).type === 'ready') resolve();
    });
    ws.once('error', reject);
    void closed.then((code) => reject(new Error(`closed with ${code} before ready`)));
  });
  return { ws, closed };
}

/** The close code, or a failure when the socket is still open after the deadline (the periodic check is 60 s). */
async function closedWithin(socket: { closed: Promise<number> }, ms = 5_000): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms)));
  try {
    return await Promise.race([socket.closed, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const as = (b: Browser) => ({ cookie: b.cookie, 'x-csrf-token': b.csrf });

function sessionEndings(instances: () => { change: TestDesk; watch: TestDesk; cast: Cast }) {
  test('signing out closes the socket of that session with 4401', async () => {
    const { change, watch } = instances();
    const browser = await signIn(change, 'li@desk.example');
    const socket = await openConsole(watch, browser);
    const other = await openConsole(watch, await signIn(change, 'li@desk.example'));
    assert.equal((await api(change, null, 'POST', '/api/v1/auth/logout', undefined, as(browser))).status, 204);
    assert.equal(await closedWithin(socket), 4401);
    assert.equal(other.ws.readyState, WebSocket.OPEN, 'the same agent\'s other session stays open');
    other.ws.close();
  });

  test('changing the password closes every socket of the agent with 4401', async () => {
    const { change, watch } = instances();
    const first = await openConsole(watch, await signIn(change, 'sup@desk.example'));
    const browser = await signIn(change, 'sup@desk.example');
    const r = await api(change, null, 'POST', '/api/v1/auth/password', { current_password: PASSWORD, new_password: 'another long password' }, as(browser));
    assert.equal(r.status, 200);
    assert.equal(await closedWithin(first), 4401);
  });

  test('deactivating the agent closes their sockets with 4401', async () => {
    const { change, watch, cast } = instances();
    const socket = await openConsole(watch, await signIn(change, 'bob@desk.example'));
    assert.equal((await api(change, cast.tokens.admin, 'PATCH', `/api/v1/agents/${cast.agentB.id}`, { active: false })).status, 200);
    assert.equal(await closedWithin(socket), 4401);
  });
}

for (const dialect of DIALECTS) {
  describe(`console sockets end with their session (${dialect}, one instance)`, () => {
    let desk: TestDesk;
    let cast: Cast;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());
    sessionEndings(() => ({ change: desk, watch: desk, cast }));
  });
}

describe('console sockets end with their session on another instance (PostgreSQL + Redis)', () => {
  let a: TestDesk;
  let b: TestDesk;
  let cast: Cast;
  before(async () => {
    a = await startTestDesk('postgres', { bus: redisBus(TEST_REDIS_URL) });
    b = await startTestDesk('postgres', { bus: redisBus(TEST_REDIS_URL), sameDatabaseAs: a });
    cast = await seedCast(a.deps);
  });
  after(async () => {
    await b.close();
    await a.close();
  });
  sessionEndings(() => ({ change: a, watch: b, cast }));
});
