/**
 * When an agent's session ends elsewhere — an admin deactivates them, they sign out in another tab — the open
 * console stops at once (its live socket is closed with 4401) and shows the sign-in form, instead of going on
 * showing tickets; the agent's own password change keeps the console open on the new session.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { launch, shot, watchErrors } from './chromium.js';

async function signIn(browser: Browser, desk: TestDesk, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${desk.url}/agent`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.getByRole('link', { name: /^Unassigned/ }).waitFor();
  return page;
}

describe('the console when its session ends elsewhere, in Chromium', () => {
  let browser: Browser;
  let desk: TestDesk;
  let cast: Cast;
  before(async () => {
    browser = await launch();
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
  });
  after(async () => {
    await browser?.close();
    await desk?.close();
  });

  test('deactivated by an admin: the open console goes back to the sign-in form', async () => {
    const page = await signIn(browser, desk, cast.agentB.email);
    const problems = watchErrors(page);
    assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/agents/${cast.agentB.id}`, { active: false })).status, 200);
    await page.locator('#email').waitFor({ timeout: 10_000 });
    assert.equal(await page.getByRole('link', { name: /^Unassigned/ }).count(), 0);
    assert.match(await page.getByRole('status').innerText(), /session ended/);
    await shot(page, 'session-ended-01-deactivated');
    assert.deepEqual(problems.filter((p) => !/401|403/.test(p)), []);
    await page.context().close();
  });

  test('signed out in another tab: the first tab goes back to the sign-in form', async () => {
    const first = await signIn(browser, desk, cast.agentA.email);
    const second = await first.context().newPage();
    await second.goto(`${desk.url}/agent`);
    await second.getByRole('link', { name: /^Unassigned/ }).waitFor();
    const status = await second.evaluate(async () => {
      const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrf_token: string };
      return (await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'x-csrf-token': me.csrf_token } })).status;
    });
    assert.ok(status >= 200 && status < 300, `logout answered ${status}`);
    await first.locator('#email').waitFor({ timeout: 10_000 });
    await first.context().close();
  });
});
