/** The call repository on both databases: one row per CallSid, guarded transitions, steps recorded once, queue order. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newId } from '../../src/core/ids.js';
import { createBrand } from '../../src/app/create-brand.js';
import type { CallRecord } from '../../src/channels/phone/phone-ports.js';
import type { Store } from '../../src/app/ports.js';
import { ManualClock } from '../../src/core/clock.js';
import { DIALECTS, makeTestStore, type TestStore } from '../helpers/stores.js';

const call = (brandId: string, sid: string, over: Partial<CallRecord> = {}): CallRecord => ({
  id: newId(),
  callSid: sid,
  brandId,
  fromRaw: '+14155550123',
  callerPhone: '+14155550123',
  to: '+14155550100',
  language: 'en',
  state: 'language',
  menuChoice: null,
  emergency: false,
  spoofed: false,
  ticketId: null,
  queueSid: null,
  enqueuedAt: null,
  waitSeconds: null,
  agentId: null,
  answeredAt: null,
  talkSeconds: null,
  recordingUrl: null,
  outcome: null,
  meta: { stir_verstat: 'TN-Validation-Passed-A' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  endedAt: null,
  direction: 'inbound',
  callbackId: null,
  ...over,
});

for (const dialect of DIALECTS) {
  describe(`call repository on ${dialect}`, () => {
    let t: TestStore;
    let store: Store;
    let brandId: string;
    before(async () => {
      t = await makeTestStore(dialect);
      store = t.store;
      brandId = (await createBrand({ store, clock: new ManualClock() }, null, { name: 'Phone Brand', slug: 'phone-brand' })).id;
    });
    after(async () => t.cleanup());

    test('a second insert with the same CallSid changes nothing and reports it', async () => {
      const first = call(brandId, 'CArepo1');
      assert.equal(await store.calls.insert(first), true);
      assert.equal(await store.calls.insert(call(brandId, 'CArepo1', { fromRaw: 'someone else' })), false);
      const got = await store.calls.getBySid('CArepo1');
      assert.equal(got?.id, first.id);
      assert.equal(got?.fromRaw, '+14155550123');
      assert.deepEqual(got?.meta, { stir_verstat: 'TN-Validation-Passed-A' });
    });

    test('a transition happens only from the state it expects, and a step is recorded once', async () => {
      const c = call(brandId, 'CArepo2');
      await store.calls.insert(c);
      assert.equal(await store.calls.transition(c.id, 'language', { state: 'menu', language: 'zh-CN' }, '2026-01-01T00:00:01.000Z'), true);
      assert.equal(await store.calls.transition(c.id, 'language', { state: 'menu' }, '2026-01-01T00:00:02.000Z'), false);
      assert.equal((await store.calls.get(c.id))?.language, 'zh-CN');
      const step = { callId: c.id, key: 'menu', data: { choice: 'stolen' }, at: '2026-01-01T00:00:03.000Z' };
      assert.equal(await store.calls.addStep(step), true);
      assert.equal(await store.calls.addStep({ ...step, data: { choice: 'other' } }), false);
      assert.deepEqual((await store.calls.getStep(c.id, 'menu'))?.data, { choice: 'stolen' });
    });

    test('the queue lists emergencies first, then by time enqueued, per brand', async () => {
      const early = call(brandId, 'CAq1', { state: 'queued', enqueuedAt: '2026-01-01T00:01:00.000Z' });
      const late = call(brandId, 'CAq2', { state: 'queued', enqueuedAt: '2026-01-01T00:05:00.000Z' });
      const urgent = call(brandId, 'CAq3', { state: 'queued', emergency: true, enqueuedAt: '2026-01-01T00:09:00.000Z' });
      for (const c of [late, urgent, early]) await store.calls.insert(c);
      assert.deepEqual((await store.calls.listQueued([brandId])).map((c) => c.callSid), ['CAq3', 'CAq1', 'CAq2']);
      assert.deepEqual(await store.calls.listQueued([]), []);
    });

    test('one callback request per call, completed once', async () => {
      const c = call(brandId, 'CAcb1');
      await store.calls.insert(c);
      const request = { id: newId(), callId: c.id, brandId, ticketId: null, phone: '+14155550123', language: 'en' as const, status: 'open' as const, requestedAt: '2026-01-01T00:00:00.000Z', doneAt: null, doneBy: null, placingCallId: null, placementStatus: null, placementAt: null };
      assert.equal(await store.calls.addCallback(request), true);
      assert.equal(await store.calls.addCallback({ ...request, id: newId() }), false);
      assert.equal((await store.calls.listCallbacks({ brandIds: [brandId], status: 'open' }, 10)).length, 1);
    });
  });
}
