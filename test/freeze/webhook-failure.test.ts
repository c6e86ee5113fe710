/**
 * The provider's account webhook that never answers 2xx, once per database: the job is retried as the worker
 * would (each attempt in the history, the panel says "retrying"), and after the last of its 20 attempts the
 * admins hear of it in the bell, the ticket gets an internal note, and the freeze panel's state says "failed".
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deps } from '../../src/app/ports.js';
import { DIALECTS } from '../helpers/stores.js';
import { jobHandlers } from '../helpers/jobs.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startReceiver, type Receiver } from './receiver.js';

/** Runs due jobs like the worker: a failure is retried at once while attempts remain, then stays failed. */
async function runLikeTheWorker(deps: Deps): Promise<number> {
  const handlers = jobHandlers(deps);
  let failures = 0;
  for (let round = 0; round < 100; round++) {
    const now = deps.clock.now().toISOString();
    const jobs = await deps.store.jobs.claim('test-worker', now, new Date(Date.now() + 60_000).toISOString(), 50);
    if (jobs.length === 0) return failures;
    for (const job of jobs) {
      try {
        await handlers[job.type]!(job);
        await deps.store.jobs.complete(job.id, deps.clock.now().toISOString());
      } catch (err) {
        failures++;
        const retry = job.attempts < job.maxAttempts ? deps.clock.now().toISOString() : null;
        await deps.store.jobs.fail(job.id, err instanceof Error ? err.message : String(err), retry, deps.clock.now().toISOString());
      }
    }
  }
  throw new Error('jobs kept failing past their attempts');
}

for (const dialect of DIALECTS) {
  describe(`an account webhook that finally fails, on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let receiver: Receiver;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      receiver = await startReceiver();
      const hook = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { custodial: true, account_webhook_url: receiver.url, min_hold_minutes: 0 });
      receiver.secret.value = hook.body.account_webhook_secret;
    });
    after(async () => {
      await receiver.close();
      await desk.close();
    });

    test('a retrying webhook shows on the panel; after the last attempt the admins and the ticket are alerted', async () => {
      const created = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', { subject: 'Stolen', body: 'Freeze my account please', brand: 'satoshi', requester: { email: 'robbed@mail.example', language: 'en' } });
      assert.equal(created.status, 201);
      // The provider answers 503 three times, then 200 only long after the desk gave up.
      receiver.script.push(...Array(25).fill(503));
      const frozen = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${created.body.id}/freeze`, { reason: 'stolen funds' });
      assert.equal(frozen.status, 202);
      const before = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${created.body.id}/freeze`);
      assert.equal(before.body.freezes[0].webhook.state, 'pending');

      await runLikeTheWorker(desk.deps);
      const calls = receiver.calls.filter((c) => c.body.ticket_id === created.body.id);
      assert.equal(calls.length, 20, 'twenty attempts, then no more');
      assert.ok(calls.every((c) => c.signatureOk && c.status === 503));

      const panel = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${created.body.id}/freeze`);
      assert.equal(panel.status, 200);
      assert.deepEqual(
        { ...panel.body.freezes[0].webhook, last_at: null },
        { state: 'failed', action: 'freeze', attempts: 20, last_status: 503, last_error: 'HTTP 503', last_at: null },
      );

      // The bell: the admin hears of it; an agent (not an admin) does not.
      const bell = await api(desk, cast.tokens.admin, 'GET', '/api/v1/notifications');
      const alert = bell.body.notifications.find((n: { kind: string; ticket_id: string }) => n.kind === 'account_webhook' && n.ticket_id === created.body.id);
      assert.ok(alert, JSON.stringify(bell.body));
      assert.equal(alert.data.action, 'freeze');
      const agentBell = await api(desk, cast.tokens.agentA, 'GET', '/api/v1/notifications');
      assert.ok(!agentBell.body.notifications.some((n: { kind: string }) => n.kind === 'account_webhook'));

      // The ticket: an internal note in the brand's language, and the history entry.
      const messages = await desk.deps.store.messages.listForTicket(created.body.id);
      const note = messages.find((m) => m.meta.kind === 'account_webhook_failed');
      assert.ok(note, 'an internal note on the ticket');
      assert.equal(note.public, false);
      // Brand A speaks Chinese by default.
      assert.match(note.body, /的 20 次调用全部失败（最后一次：HTTP 503）。该账户可能并未被冻结/);
      const events = await desk.deps.store.events.listForTicket(created.body.id, { limit: 200 });
      assert.equal(events.filter((e) => e.type === 'account.webhook_called').length, 20);
      assert.equal(events.filter((e) => e.type === 'account.webhook_failed').length, 1);

      // Running again changes nothing: the job stays failed.
      await runLikeTheWorker(desk.deps);
      assert.equal(receiver.calls.filter((c) => c.body.ticket_id === created.body.id).length, 20);
    });

    test('a webhook that succeeds on a retry ends delivered, with no alert', async () => {
      const created = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', { subject: 'Hacked', body: 'Freeze it', brand: 'satoshi', requester: { email: 'second@mail.example', language: 'zh-CN' } });
      receiver.script.length = 0;
      receiver.script.push(500, 500);
      await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${created.body.id}/freeze`, { reason: 'hacked' });
      await runLikeTheWorker(desk.deps);
      const panel = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${created.body.id}/freeze`);
      assert.equal(panel.body.freezes[0].webhook.state, 'delivered');
      assert.equal(panel.body.freezes[0].webhook.attempts, 3);
      const messages = await desk.deps.store.messages.listForTicket(created.body.id);
      assert.ok(!messages.some((m) => m.meta.kind === 'account_webhook_failed'));
    });
  });
}
