/**
 * The store suite, run once per dialect: every repository behaves the same on SQLite and PostgreSQL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { newId } from '../../src/core/ids.js';
import type { Ticket } from '../../src/core/ticket.js';
import type { Store } from '../../src/app/ports.js';
import { DIALECTS, makeTestStore, type TestStore } from '../helpers/stores.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 8, minute)).toISOString();

async function seedBrandAndCustomer(store: Store): Promise<{ brandId: string; customerId: string }> {
  const brandId = newId();
  await store.brands.insert({
    id: brandId,
    name: 'B',
    slug: `b-${brandId.slice(-6)}`,
    defaultLanguage: 'en',
    timeZone: 'UTC',
    supportEmails: [],
    phoneNumbers: [],
    createdAt: at(0),
    updatedAt: at(0),
  });
  const customerId = newId();
  await store.customers.insert({ id: customerId, name: 'C', language: null, verificationLevel: 'unverified', createdAt: at(0), updatedAt: at(0) });
  return { brandId, customerId };
}

function ticket(brandId: string, requesterId: string, number: number, overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: newId(),
    number,
    brandId,
    subject: `ticket ${number}`,
    status: 'new',
    priority: 'normal',
    category: 'other',
    channel: 'api',
    language: null,
    requesterId,
    assigneeId: null,
    teamId: null,
    tags: [],
    details: {},
    firstResponseAt: null,
    solvedAt: null,
    closedAt: null,
    mergedIntoId: null,
    followUpOfId: null,
    createdAt: at(number % 60),
    updatedAt: at(number % 60),
    ...overrides,
  };
}

for (const dialect of DIALECTS) {
  describe(`store on ${dialect}`, () => {
    let t: TestStore;
    let store: Store;
    before(async () => {
      t = await makeTestStore(dialect);
      store = t.store;
    });
    after(async () => t.cleanup());

    test('ticket numbers are unique and increase', async () => {
      const a = await store.tickets.nextNumber();
      const b = await store.tickets.nextNumber();
      assert.ok(b > a && a > 1000);
      const many = await Promise.all(Array.from({ length: 20 }, () => store.tickets.nextNumber()));
      assert.equal(new Set(many).size, 20);
    });

    test('a brand support address belongs to one brand only', async () => {
      const { brandId } = await seedBrandAndCustomer(store);
      const other = await seedBrandAndCustomer(store);
      await store.brands.setAddresses(brandId, ['help@x.example'], ['+8613800138000']);
      assert.equal(await store.brands.findByAddress('email', 'help@x.example'), brandId);
      await assert.rejects(store.brands.setAddresses(other.brandId, ['help@x.example'], []), (e: { code?: string }) => e.code === 'conflict');
      const brand = await store.brands.get(brandId);
      assert.deepEqual(brand?.phoneNumbers, ['+8613800138000']);
    });

    test('a customer identity cannot be claimed twice', async () => {
      const { customerId } = await seedBrandAndCustomer(store);
      const other = await seedBrandAndCustomer(store);
      assert.equal(await store.customers.addIdentity(customerId, 'email', 'wu@example.com', at(1)), true);
      assert.equal(await store.customers.addIdentity(other.customerId, 'email', 'wu@example.com', at(1)), false);
      assert.equal(await store.customers.findByIdentity('email', 'wu@example.com'), customerId);
      assert.deepEqual((await store.customers.get(customerId))?.emails, ['wu@example.com']);
    });

    test('lists tickets by filter with a stable cursor across pages', async () => {
      const { brandId, customerId } = await seedBrandAndCustomer(store);
      const created: Ticket[] = [];
      for (let i = 0; i < 7; i++) {
        const tk = ticket(brandId, customerId, 5000 + i, { status: i % 2 ? 'open' : 'new', updatedAt: at(10) });
        await store.tickets.insert(tk);
        created.push(tk);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { tickets: Ticket[]; nextCursor: string | null } = await store.tickets.list({ brandId }, { cursor, limit: 3 });
        seen.push(...page.tickets.map((x) => x.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.equal(seen.length, 7);
      assert.equal(new Set(seen).size, 7, 'no ticket appears twice even with equal updated_at');
      assert.equal(await store.tickets.count({ brandId, status: ['open'] }), 3);
      const invisible = await store.tickets.list({ brandId, visibleBrandIds: [] }, { limit: 10 });
      assert.equal(invisible.tickets.length, 0);
    });

    test('tags are stored, filtered and replaced', async () => {
      const { brandId, customerId } = await seedBrandAndCustomer(store);
      const tk = ticket(brandId, customerId, 6001, { tags: ['vip', '被盗'] });
      await store.tickets.insert(tk);
      assert.equal((await store.tickets.list({ tag: '被盗' }, { limit: 10 })).tickets[0]?.id, tk.id);
      await store.tickets.update(tk.id, { tags: ['vip'] }, at(20));
      assert.equal((await store.tickets.list({ tag: '被盗' }, { limit: 10 })).tickets.length, 0);
      assert.deepEqual((await store.tickets.get(tk.id))?.tags, ['vip']);
    });

    test('full-text search finds English and Chinese words, whole or as prefixes with *', async () => {
      const { brandId, customerId } = await seedBrandAndCustomer(store);
      const en = ticket(brandId, customerId, 7001);
      const zh = ticket(brandId, customerId, 7002);
      await store.tickets.insert(en);
      await store.tickets.insert(zh);
      const say = async (tk: typeof en, body: string) => {
        const id = newId();
        await store.messages.insert({ id, ticketId: tk.id, authorType: 'customer', authorId: null, public: true, body, bodyHtml: null, channel: 'api', sourceId: null, meta: {}, delivery: null, createdAt: at(5) });
        await store.tickets.indexMessage(tk, id, body);
        return id;
      };
      const enMessage = await say(en, 'My transaction is stuck in the mempool since Monday');
      await say(zh, '我的比特币被盗了，交易一直没有确认');
      const find = async (q: string) => (await store.tickets.list({ brandId, q }, { limit: 10 })).tickets.map((x) => x.id);
      assert.deepEqual(await find('mempool'), [en.id]);
      assert.deepEqual(await find('TRANSACT*'), [en.id]);
      assert.deepEqual(await find('TRANSACTIONS'), [en.id]);
      assert.deepEqual(await find('被盗'), [zh.id]);
      assert.deepEqual(await find('确认'), [zh.id]);
      assert.deepEqual(await find('"; drop table ticket; --'), []);
      await store.tickets.indexSubject(en, 'Refund question');
      await store.tickets.indexSubject(en, 'Renamed subject');
      assert.deepEqual(await find('refund'), [], 'a replaced subject is no longer found');
      assert.deepEqual(await find('renamed'), [en.id]);
      await store.messages.redactBody(enMessage, 'My [recovery phrase removed] since Monday');
      await store.tickets.indexMessage(en, enMessage, 'My [recovery phrase removed] since Monday');
      assert.deepEqual(await find('mempool'), [], 'a re-indexed message no longer finds its old words');
      assert.deepEqual(await find('monday'), [en.id]);
    });

    test('a message source id is a de-duplication key per channel', async () => {
      const { brandId, customerId } = await seedBrandAndCustomer(store);
      const tk = ticket(brandId, customerId, 8001);
      await store.tickets.insert(tk);
      const m = {
        id: newId(),
        ticketId: tk.id,
        authorType: 'customer' as const,
        authorId: customerId,
        public: true,
        body: 'hi',
        bodyHtml: null,
        channel: 'email' as const,
        sourceId: '<abc@mail.example>',
        meta: { headers: { x: 1 } },
        delivery: null,
        createdAt: at(1),
      };
      await store.messages.insert(m);
      await assert.rejects(store.messages.insert({ ...m, id: newId() }));
      await store.messages.insert({ ...m, id: newId(), channel: 'chat' });
      assert.equal((await store.messages.findBySource('email', '<abc@mail.example>'))?.id, m.id);
      assert.deepEqual((await store.messages.listForTicket(tk.id))[0]?.meta, { headers: { x: 1 } });
      // What a chat client has not seen yet: public messages after an id, never internal notes.
      const note = { ...m, id: newId(), public: false, sourceId: null, createdAt: at(2) };
      const reply = { ...m, id: newId(), sourceId: null, createdAt: at(3) };
      await store.messages.insert(note);
      await store.messages.insert(reply);
      const after = (await store.messages.listPublicAfter(tk.id, m.id)).map((x) => x.id);
      assert.ok(after.includes(reply.id) && !after.includes(note.id) && after.every((id) => id > m.id));
      assert.ok(!(await store.messages.listPublicAfter(tk.id, null)).some((x) => x.id === note.id));
      assert.deepEqual((await store.messages.listPublicAfter(tk.id, reply.id)).map((x) => x.id), []);
    });

    test('an appended event reads back with its actor and changes', async () => {
      const id = newId();
      await store.events.append([
        { id, ticketId: null, subjectType: 'settings', subjectId: 's', type: 'settings.updated', actor: { type: 'system', id: null }, at: at(1), changes: { a: [1, 2] }, data: {} },
      ]);
      const events = await store.events.listForSubject('settings', 's', 10);
      assert.deepEqual(events[0]?.changes, { a: [1, 2] });
      assert.deepEqual(events[0]?.actor, { type: 'system', id: null });
    });

    test('jobs are claimed once, retried, de-duplicated and failed visibly', async () => {
      const id = await store.jobs.enqueue({ type: 'test.job', payload: { n: 1 }, dedupeKey: 'k1' }, at(0));
      assert.ok(id);
      assert.equal(await store.jobs.enqueue({ type: 'test.job', payload: { n: 2 }, dedupeKey: 'k1' }, at(0)), null);
      const [first, second] = await Promise.all([
        store.jobs.claim('w1', at(1), at(6), 10),
        store.jobs.claim('w2', at(1), at(6), 10),
      ]);
      const claimed = [...first, ...second].filter((j) => j.id === id);
      assert.equal(claimed.length, 1, 'exactly one worker claims the job');
      assert.equal(claimed[0]?.attempts, 1);
      await store.jobs.fail(id!, 'smtp down', at(2), at(1));
      assert.equal((await store.jobs.claim('w1', at(1), at(6), 10)).filter((j) => j.id === id).length, 0, 'not before its retry time');
      const again = (await store.jobs.claim('w1', at(3), at(8), 10)).find((j) => j.id === id);
      assert.equal(again?.attempts, 2);
      await store.jobs.fail(id!, 'still down', null, at(3));
      const failed = await store.jobs.get(id!);
      assert.equal(failed?.status, 'failed');
      assert.equal(failed?.lastError, 'still down');
    });

    test('a running job whose worker died is claimed again after its lock expires', async () => {
      const id = await store.jobs.enqueue({ type: 'test.crash', payload: {} }, at(0));
      assert.equal((await store.jobs.claim('dead', at(1), at(2), 10)).some((j) => j.id === id), true);
      assert.equal((await store.jobs.claim('live', at(1), at(6), 10)).some((j) => j.id === id), false);
      assert.equal((await store.jobs.claim('live', at(3), at(8), 10)).some((j) => j.id === id), true);
    });

    test('sessions and settings round-trip; the setup flag flips once', async () => {
      await store.settings.set('security', { require_2fa: true });
      assert.deepEqual(await store.settings.get('security'), { require_2fa: true });
      const results = await Promise.all([store.settings.claimOnce('setup'), store.settings.claimOnce('setup')]);
      assert.deepEqual(results.sort(), [false, true]);
    });

    test('named counters count up from one and list by prefix', async () => {
      assert.equal(await store.settings.bump('self_service:tx_check:2026-11-25'), 1);
      assert.equal(await store.settings.bump('self_service:tx_check:2026-11-25'), 2);
      await store.settings.bump('self_service:tx_check:2026-11-26');
      await store.settings.bump('selfXservice:other');
      assert.deepEqual(await store.settings.counters('self_service:tx_check:'), {
        'self_service:tx_check:2026-11-25': 2,
        'self_service:tx_check:2026-11-26': 1,
      });
    });

    test('a transaction that fails leaves nothing behind', async () => {
      const { brandId, customerId } = await seedBrandAndCustomer(store);
      const tk = ticket(brandId, customerId, 9001);
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.tickets.insert(tk);
          throw new Error('boom');
        }),
      );
      assert.equal(await store.tickets.get(tk.id), null);
    });

    test('raw SQL cannot update or delete an event', async () => {
      const id = newId();
      await store.events.append([
        { id, ticketId: null, subjectType: 'settings', subjectId: 'raw', type: 'settings.updated', actor: { type: 'system', id: null }, at: at(1), changes: {}, data: {} },
      ]);
      // Reach below the repositories with a second connection: the database itself refuses.
      const { db } = await openRaw(t);
      try {
        await assert.rejects(sql`update event set type = 'forged' where id = ${id}`.execute(db), /append-only/);
        await assert.rejects(sql`delete from event where id = ${id}`.execute(db), /append-only/);
      } finally {
        await db.destroy();
      }
      assert.equal((await store.events.listForSubject('settings', 'raw', 1))[0]?.type, 'settings.updated');
    });
  });
}

async function openRaw(t: TestStore) {
  const { openPostgres, openSqlite } = await import('../../src/store/dialect.js');
  const { TEST_DATABASE_URL } = await import('../helpers/stores.js');
  return { db: t.dialect === 'sqlite' ? openSqlite(t.location, { synchronous: 'normal' }) : openPostgres(TEST_DATABASE_URL, { schema: t.location, maxConnections: 1 }) };
}
