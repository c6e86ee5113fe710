/** Console sign-in over HTTP: cookies, CSRF, throttling and lockout, two-factor, password changes, first-run setup. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authenticator } from 'otplib';
import { ManualClock } from '../../src/core/clock.js';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

interface Browser {
  cookie: string;
  csrf: string;
}

async function login(desk: TestDesk, email: string, password = PASSWORD, totp?: string) {
  const res = await fetch(`${desk.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, ...(totp ? { totp } : {}) }),
  });
  const body = (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { status: res.status, body, setCookie, browser: { cookie: setCookie.split(';')[0] ?? '', csrf: body.csrf_token as string } };
}

const as = (b: Browser, csrf = true) => ({ cookie: b.cookie, ...(csrf ? { 'x-csrf-token': b.csrf } : {}) });

describe('sessions', () => {
  let desk: TestDesk;
  let cast: Cast;
  const clock = new ManualClock(new Date());
  before(async () => {
    desk = await startTestDesk('sqlite', { clock });
    cast = await seedCast(desk.deps);
  });
  after(async () => desk.close());

  test('signing in sets an HttpOnly, SameSite session cookie and returns a CSRF token', async () => {
    const r = await login(desk, 'LI@desk.example');
    assert.equal(r.status, 200);
    assert.match(r.setCookie, /^wd_session=/);
    assert.match(r.setCookie, /HttpOnly/i);
    assert.match(r.setCookie, /SameSite=Lax/i);
    assert.equal(r.body.agent.email, 'li@desk.example');
    assert.equal(r.body.agent.password_hash, undefined);
    const me = await api(desk, null, 'GET', '/api/v1/auth/me', undefined, as(r.browser, false));
    assert.equal(me.status, 200);
    assert.equal(me.body.agent.id, cast.agentA.id);
  });

  test('an unsafe request with the cookie but without the CSRF token is refused', async () => {
    const { browser } = await login(desk, 'li@desk.example');
    const body = { subject: 's', body: 'b', requester: { email: 'csrf@example.com' } };
    const without = await api(desk, null, 'POST', '/api/v1/tickets', body, as(browser, false));
    assert.equal(without.status, 403);
    assert.match(without.body.error.message, /CSRF/);
    const wrong = await api(desk, null, 'POST', '/api/v1/tickets', body, { cookie: browser.cookie, 'x-csrf-token': 'guess' });
    assert.equal(wrong.status, 403);
    assert.equal((await api(desk, null, 'POST', '/api/v1/tickets', body, as(browser))).status, 201);
  });

  test('a wrong password is refused with the same message as an unknown e-mail', async () => {
    const wrong = await login(desk, 'li@desk.example', 'not the password');
    const unknown = await login(desk, 'nobody@desk.example', 'not the password');
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body.error.message, unknown.body.error.message);
  });

  test('five failures lock the account for a while, even against the right password', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await login(desk, 'bob@desk.example', `wrong ${i}`)).status, 401);
    const locked = await login(desk, 'bob@desk.example');
    assert.equal(locked.status, 429);
    assert.match(locked.body.error.message, /locked/);
    clock.advance(16 * 60_000);
    assert.equal((await login(desk, 'bob@desk.example')).status, 200);
    const events = await desk.deps.store.events.listForSubject('agent', cast.agentB.id, 20);
    assert.ok(events.some((e) => e.type === 'agent.locked_out'));
  });

  test('logging out ends the session', async () => {
    const { browser } = await login(desk, 'sup@desk.example');
    assert.equal((await api(desk, null, 'POST', '/api/v1/auth/logout', undefined, as(browser))).status, 204);
    assert.equal((await api(desk, null, 'GET', '/api/v1/auth/me', undefined, as(browser, false))).status, 401);
  });

  test('changing the password ends every other session', async () => {
    const first = (await login(desk, 'admin@desk.example')).browser;
    const second = (await login(desk, 'admin@desk.example')).browser;
    const short = await api(desk, null, 'POST', '/api/v1/auth/password', { current_password: PASSWORD, new_password: 'short' }, as(first));
    assert.equal(short.status, 400);
    const bad = await api(desk, null, 'POST', '/api/v1/auth/password', { current_password: 'nope nope nope', new_password: 'a brand new passphrase' }, as(first));
    assert.equal(bad.status, 403);
    const res = await fetch(`${desk.url}/api/v1/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...as(first) },
      body: JSON.stringify({ current_password: PASSWORD, new_password: 'a brand new passphrase' }),
    });
    assert.equal(res.status, 200);
    const fresh = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: ((await res.json()) as { csrf_token: string }).csrf_token };
    assert.equal((await api(desk, null, 'GET', '/api/v1/auth/me', undefined, as(second, false))).status, 401, 'the other browser is signed out');
    assert.equal((await api(desk, null, 'GET', '/api/v1/auth/me', undefined, as(first, false))).status, 401, 'the old session is gone too');
    assert.equal((await api(desk, null, 'GET', '/api/v1/auth/me', undefined, as(fresh, false))).status, 200, 'this browser got a fresh session');
    assert.equal((await login(desk, 'admin@desk.example')).status, 401);
    assert.equal((await login(desk, 'admin@desk.example', 'a brand new passphrase')).status, 200);
  });

  test('two-factor: enrol, then sign-in needs the code', async () => {
    const { browser } = await login(desk, 'li@desk.example');
    const setup = await api(desk, null, 'POST', '/api/v1/auth/totp/setup', undefined, as(browser));
    assert.equal(setup.status, 200);
    assert.match(setup.body.otpauth_uri, /^otpauth:\/\/totp\//);
    const code = () => authenticator.clone({ epoch: clock.now().getTime() }).generate(setup.body.secret);
    assert.equal((await api(desk, null, 'POST', '/api/v1/auth/totp/confirm', { code: '000000' }, as(browser))).status, 400);
    assert.equal((await api(desk, null, 'POST', '/api/v1/auth/totp/confirm', { code: code() }, as(browser))).status, 204);

    const noCode = await login(desk, 'li@desk.example');
    assert.equal(noCode.status, 401);
    assert.equal(noCode.body.error.details.totp_required, true);
    assert.equal((await login(desk, 'li@desk.example', PASSWORD, '123456')).status, 401);
    assert.equal((await login(desk, 'li@desk.example', PASSWORD, code())).status, 200);
  });

  test('when admins require two-factor, an agent without it can only enrol', async () => {
    const admin = (await login(desk, 'admin@desk.example', 'a brand new passphrase')).browser;
    const refused = await api(desk, null, 'PATCH', '/api/v1/settings/security', { require_2fa: true }, as(admin));
    assert.equal(refused.status, 409, 'an admin without two-factor cannot require it (they would lock themselves out)');
    const secret = (await api(desk, null, 'POST', '/api/v1/auth/totp/setup', undefined, as(admin))).body.secret;
    const code = authenticator.clone({ epoch: clock.now().getTime() }).generate(secret);
    assert.equal((await api(desk, null, 'POST', '/api/v1/auth/totp/confirm', { code }, as(admin))).status, 204);
    assert.equal((await api(desk, null, 'PATCH', '/api/v1/settings/security', { require_2fa: true }, as(admin))).status, 200);
    try {
      const r = await login(desk, 'sup@desk.example');
      assert.equal(r.status, 200);
      assert.equal(r.body.must_enroll_two_factor, true);
      const blocked = await api(desk, null, 'GET', '/api/v1/tickets', undefined, as(r.browser, false));
      assert.equal(blocked.status, 403);
      assert.equal(blocked.body.error.details.two_factor_required, true);
      assert.equal((await api(desk, null, 'GET', '/api/v1/auth/me', undefined, as(r.browser, false))).body.must_enroll_two_factor, true);
      assert.equal((await api(desk, null, 'POST', '/api/v1/auth/totp/setup', undefined, as(r.browser))).status, 200);
    } finally {
      await api(desk, null, 'PATCH', '/api/v1/settings/security', { require_2fa: false }, as(admin));
    }
    const history = await desk.deps.store.events.listForSubject('settings', 'security', 5);
    assert.deepEqual(history.map((e) => e.changes.require_2fa), [[true, false], [false, true]]);
  });

});

describe('sign-in throttling', () => {
  test('sign-in attempts are rate limited per client address', async () => {
    const desk = await startTestDesk('sqlite', { loginRateLimit: 5 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await login(desk, `flood${i}@desk.example`, 'x')).status);
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await desk.close();
    }
  });
});

describe('first-run setup', () => {
  let desk: TestDesk;
  before(async () => {
    desk = await startTestDesk('sqlite');
    desk.setupToken.value = 'the-setup-token-from-the-log';
  });
  after(async () => desk.close());

  test('a new desk says setup is needed; a remote request without the token is refused', async () => {
    assert.deepEqual((await api(desk, null, 'GET', '/api/v1/setup')).body, { needed: true });
    const remote = await api(desk, null, 'POST', '/api/v1/setup', { email: 'boss@example.com', name: 'Boss', password: 'a long admin password' }, { 'x-forwarded-for': '203.0.113.9' });
    assert.equal(remote.status, 403);
    const page = await fetch(`${desk.url}/setup`, { headers: { 'x-forwarded-for': '203.0.113.9', 'accept-language': 'zh-CN,zh;q=0.9' } });
    const html = await page.text();
    assert.match(html, /设置 walletdesk/);
    assert.ok(!html.includes('the-setup-token-from-the-log'), 'a remote visitor does not get the token');
  });

  test('the setup form, served on the server itself, creates the first admin once', async () => {
    const page = await (await fetch(`${desk.url}/setup?lang=en`)).text();
    assert.match(page, /name="token" value="the-setup-token-from-the-log"/);
    const short = await fetch(`${desk.url}/setup?lang=en`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'the-setup-token-from-the-log', brand_name: 'Satoshi <Wallet>', name: 'Boss', email: 'boss@example.com', password: 'short' }),
    });
    assert.equal(short.status, 400);
    const shortHtml = await short.text();
    assert.match(shortHtml, /at least 10 characters/);
    assert.ok(shortHtml.includes('Satoshi &lt;Wallet&gt;') && !shortHtml.includes('<Wallet>'), 'values are escaped');
    const ok = await fetch(`${desk.url}/setup?lang=en`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'the-setup-token-from-the-log', brand_name: 'Satoshi Wallet', name: 'Boss', email: 'boss@example.com', password: 'a long admin password', default_language: 'zh-CN', time_zone: 'Asia/Shanghai' }),
    });
    assert.equal(ok.status, 200);
    const done = await ok.text();
    assert.match(done, /walletdesk is ready/);
    assert.match(done, /<a class="button" href="\/agent\/">Open the console<\/a>/, 'the next step is a link to the console');
    assert.match(done, /<code>npx walletdesk token create --email boss@example.com<\/code>/, 'the command is code, with their address');
    assert.ok(!done.includes('`'), 'no literal backticks on the page');
    const brands = await desk.deps.store.brands.list();
    assert.deepEqual(brands.map((b) => [b.name, b.defaultLanguage, b.timeZone]), [['Satoshi Wallet', 'zh-CN', 'Asia/Shanghai']]);
    assert.equal((await api(desk, null, 'POST', '/api/v1/setup', { email: 'second@example.com', name: 'Second', password: 'a long admin password' })).status, 409);
    assert.deepEqual((await api(desk, null, 'GET', '/api/v1/setup')).body, { needed: false });
    assert.equal((await login(desk, 'boss@example.com', 'a long admin password')).status, 200);
  });
});
