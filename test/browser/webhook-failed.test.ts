/**
 * An account webhook that failed all its attempts, as an admin sees it in Chromium (issue 18): the freeze panel
 * says the provider never confirmed the freeze, the ticket has the internal note, and the bell has the alert.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { Deps } from '../../src/app/ports.js';
import { jobHandlers } from '../helpers/jobs.js';
import { PASSWORD, api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startReceiver, type Receiver } from '../freeze/receiver.js';
import { launch, shot, watchErrors } from './chromium.js';

/** Runs due jobs like the worker: a failure is retried at once while attempts remain, then stays failed. */
async function runLikeTheWorker(deps: Deps): Promise<void> {
  const handlers = jobHandlers(deps);
  for (let round = 0; round < 100; round++) {
    const now = deps.clock.now().toISOString();
    const jobs = await deps.store.jobs.claim('test-worker', now, new Date(Date.now() + 60_000).toISOString(), 50);
    if (jobs.length === 0) return;
    for (const job of jobs) {
      try {
        await handlers[job.type]!(job);
        await deps.store.jobs.complete(job.id, deps.clock.now().toISOString());
      } catch (err) {
        const retry = job.attempts < job.maxAttempts ? deps.clock.now().toISOString() : null;
        await deps.store.jobs.fail(job.id, err instanceof Error ? err.message : String(err), retry, deps.clock.now().toISOString());
      }
    }
  }
}

describe('a failed account webhook in Chromium', () => {
  let desk: TestDesk;
  let cast: Cast;
  let browser: Browser;
  let receiver: Receiver;
  before(async () => {
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
    receiver = await startReceiver();
    const hook = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandB.id}`, { custodial: true, account_webhook_url: receiver.url });
    receiver.secret.value = hook.body.account_webhook_secret;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await receiver?.close();
    await desk?.close();
  });

  test('the admin sees the failed state on the panel, the note on the ticket and the alert in the bell', async () => {
    const created = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', { subject: 'My coins are gone', body: 'Please freeze my account', brand: cast.brandB.slug, requester: { email: 'gone@mail.example', language: 'en' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    receiver.script.push(...Array(20).fill(500));
    assert.equal((await api(desk, cast.tokens.agentB, 'POST', `/api/v1/tickets/${created.body.id}/freeze`, { reason: 'stolen' })).status, 202);
    await runLikeTheWorker(desk.deps);
    assert.equal(receiver.calls.length, 20);

    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await page.goto(`${desk.url}/agent`);
    await page.getByLabel('E-mail').fill(cast.admin.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: /Unassigned/ }).waitFor();
    await page.goto(`${desk.url}/agent/tickets/${created.body.number}`);
    const panel = page.locator('[data-slot="freeze-panel"]');
    await panel.getByRole('alert').filter({ hasText: 'Provider NEVER confirmed the freeze: all 20 calls failed (last HTTP 500)' }).waitFor();
    await page.getByText(/The account may NOT be frozen/).first().waitFor();
    await page.getByRole('button', { name: /Notifications|notification/ }).first().click();
    await page.getByText(`The provider never confirmed the freeze of #${created.body.number} My coins are gone: every webhook call failed`).waitFor();
    await shot(page, 'freeze-webhook-failed-admin');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
