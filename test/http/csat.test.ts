/**
 * Satisfaction surveys end to end over HTTP on both stores: a solve schedules a survey (the csat-survey
 * processor), the durable job asks after the brand's delay (e-mail link, the status page, a chat line), the
 * one-time link takes one answer within 28 days, a reopened ticket is asked again, and who sees what.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.js';
import type { CustomerNotice } from '../../src/app/ports.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { drainJobs } from '../helpers/jobs.js';
import { strings } from '../../src/channels/email/notice-text.js';

const HOUR = 3_600_000;

for (const dialect of DIALECTS) {
  describe(`satisfaction surveys on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    const clock = new ManualClock('2026-11-10T08:00:00.000Z');
    const notices: CustomerNotice[] = [];
    before(async () => {
      desk = await startTestDesk(dialect, { clock });
      cast = await seedCast(desk.deps);
      desk.deps.senders = { email: { send: async () => ({ externalId: null }), notify: async (n) => (notices.push(n), { externalId: null }) } };
    });
    beforeEach(() => {
      notices.length = 0;
    });
    after(async () => desk.close());

    const drain = async () => {
      const { failures } = await drainJobs(desk.deps, {});
      assert.deepEqual(failures.map((f) => f.error), []);
    };
    const newTicket = async (email = `c${Math.random().toString(36).slice(2)}@example.com`) =>
      (await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'Where is my withdrawal?', body: 'It has been two days.', requester: { email } })).body as { id: string; number: number };
    const solve = async (id: string) => assert.equal((await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${id}`, { status: 'solved' })).status, 200);
    /** Solves, lets the delay pass, and returns the link the customer was mailed. */
    const askedByEmail = async (id: string): Promise<string> => {
      await solve(id);
      await drain();
      clock.advance(24 * HOUR);
      await drain();
      const notice = notices.findLast((n) => n.kind === 'csat' && n.ticket.id === id);
      assert.ok(notice?.url, 'the customer was mailed a survey link');
      assert.ok(notice.url.startsWith('http://desk.test/csat/v1.'));
      return new URL(notice.url).pathname;
    };
    const form = (path: string, fields: Record<string, string>) =>
      fetch(`${desk.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const history = async (id: string) => ((await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${id}/events?limit=100`)).body.events ?? []) as Array<{ type: string; data: Record<string, unknown> }>;

    test('a solve is asked about after 24 hours by e-mail; the link opens a form and takes one answer', async () => {
      const t = await newTicket();
      await solve(t.id);
      await drain();
      assert.equal(notices.length, 0, 'nothing is asked before the delay');
      clock.advance(23 * HOUR);
      await drain();
      assert.equal(notices.length, 0);
      clock.advance(HOUR);
      await drain();
      const notice = notices.find((n) => n.kind === 'csat');
      assert.ok(notice, 'asked once the day has passed');
      const path = new URL(notice.url!).pathname;
      // The e-mail says what it is about and carries the link, in the conversation's language.
      assert.equal(strings('en').subject('csat', t.number), `How did we do with request #${t.number}?`);
      assert.ok(strings('en').body('csat', { number: t.number, brand: 'Satoshi Wallet', url: notice.url }).includes(notice.url!));
      assert.match(strings('zh-CN').body('csat', { number: t.number, brand: 'Satoshi Wallet', url: notice.url }), /已解决/);

      const page = await fetch(`${desk.url}${path}`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /name="rating" value="good"/);
      assert.match(html, /name="reason"/);
      // Opening the link (a mail scanner does) records nothing.
      assert.equal((await desk.deps.store.csat.listForTicket(t.id))[0]!.state, 'requested');

      const rated = await form(path, { rating: 'bad', reason: 'slow', comment: 'Too slow. My words: abandon ability able about above absent absorb abstract absurd abuse access accident' });
      assert.equal(rated.status, 200);
      assert.match(await rated.text(), /Thank you/);
      const again = await form(path, { rating: 'good' });
      assert.equal(again.status, 409, 'the link works once');
      assert.match(await again.text(), /already answered/);
      const json = await api(desk, null, 'POST', path, { rating: 'good' });
      assert.equal(json.status, 409);

      const [survey] = (await api(desk, cast.tokens.supervisorA, 'GET', `/api/v1/tickets/${t.id}/csat`)).body.surveys;
      assert.equal(survey.rating, 'bad');
      assert.equal(survey.reason, 'slow');
      assert.match(survey.comment, /^Too slow\./, 'supervisors read the comment');
      assert.doesNotMatch(survey.comment, /abandon ability able/, 'a recovery phrase in a comment is removed before it is stored');
      const agentView = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}/csat`)).body;
      assert.equal(agentView.surveys[0].rating, 'bad', 'agents see the rating');
      assert.equal(agentView.surveys[0].comment, null, 'agents do not see comments');
      assert.equal(agentView.comments_visible, false);
      const types = (await history(t.id)).map((e) => e.type);
      assert.ok(types.includes('csat.requested') && types.includes('csat.rated'));
      assert.equal((await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${t.id}/csat`)).status, 404, "another brand's agent cannot read it");
    });

    test('a forged or altered link finds nothing', async () => {
      const t = await newTicket();
      const path = await askedByEmail(t.id);
      const altered = path.slice(0, -3) + (path.endsWith('A') ? 'BBB' : 'AAA');
      assert.equal((await fetch(`${desk.url}${altered}`)).status, 404);
      assert.equal((await api(desk, null, 'POST', altered, { rating: 'good' })).status, 404);
      assert.equal((await fetch(`${desk.url}/csat/v1.${'x'.repeat(60)}`)).status, 404);
      assert.equal((await api(desk, null, 'POST', path, { rating: 'great' })).status, 400, 'a rating is good or bad');
    });

    test('a survey closes 28 days after it was asked', async () => {
      const t = await newTicket();
      const path = await askedByEmail(t.id);
      clock.advance(28 * 24 * HOUR + 1000);
      const res = await form(path, { rating: 'good' });
      assert.equal(res.status, 409);
      assert.match(await res.text(), /closed/);
      assert.equal((await desk.deps.store.csat.listForTicket(t.id))[0]!.state, 'requested');
    });

    test('a ticket reopened before the survey is due is not asked; reopened after rating, it is asked and rated again', async () => {
      const early = await newTicket();
      await solve(early.id);
      await drain();
      assert.equal((await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${early.id}`, { status: 'open' })).status, 200);
      clock.advance(24 * HOUR);
      await drain();
      assert.equal(notices.filter((n) => n.ticket.id === early.id).length, 0);
      assert.equal((await desk.deps.store.csat.listForTicket(early.id))[0]!.state, 'cancelled');

      const t = await newTicket();
      const first = await askedByEmail(t.id);
      assert.equal((await api(desk, null, 'POST', first, { rating: 'bad', reason: 'not_solved' })).status, 200);
      assert.equal((await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t.id}`, { status: 'open' })).status, 200);
      const second = await askedByEmail(t.id);
      assert.notEqual(second, first);
      assert.equal((await api(desk, null, 'POST', second, { rating: 'good' })).status, 200);
      const surveys = (await api(desk, cast.tokens.supervisorA, 'GET', `/api/v1/tickets/${t.id}/csat`)).body.surveys;
      assert.deepEqual(
        surveys.map((s: { rating: string }) => s.rating),
        ['good', 'bad'],
        'newest first: the rating after the second solve',
      );
    });

    test('the delay is a brand setting (admins only)', async () => {
      assert.equal((await api(desk, cast.tokens.supervisorA, 'PATCH', `/api/v1/brands/${cast.brandA.id}/csat-settings`, { delay_hours: 1 })).status, 403);
      const set = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}/csat-settings`, { delay_hours: 2 });
      assert.deepEqual(set.body, { enabled: true, delay_hours: 2 });
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}/csat-settings`, { delay_hours: -1 })).status, 400);
      const t = await newTicket();
      await solve(t.id);
      await drain();
      clock.advance(2 * HOUR);
      await drain();
      assert.ok(notices.some((n) => n.kind === 'csat' && n.ticket.id === t.id), 'asked after two hours');
      await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}/csat-settings`, { delay_hours: 24 });
    });

    test('a help-center request is rated on its status page, once', async () => {
      const req = await api(desk, null, 'POST', '/api/v1/help/requests', { brand: 'satoshi', language: 'en', email: 'portal@example.com', kind: 'how_to', description: 'How do I back up my wallet?' });
      assert.equal(req.status, 201, JSON.stringify(req.body));
      const token = String(req.body.status_path).split('#')[1]!;
      const portal = (method: string, body?: unknown) => api(desk, null, method, '/api/v1/portal/csat', body, { 'x-portal-token': token });
      assert.deepEqual((await portal('GET')).body, { survey: null });
      await solve(String(req.body.number));
      await drain();
      clock.advance(24 * HOUR);
      await drain();
      const shown = (await portal('GET')).body.survey;
      assert.equal(shown.state, 'requested');
      assert.equal(shown.ticket_number, req.body.number);
      const rated = await portal('POST', { rating: 'good', comment: 'Clear answer, thanks' });
      assert.equal(rated.status, 200, JSON.stringify(rated.body));
      assert.equal(rated.body.state, 'rated');
      assert.equal((await portal('POST', { rating: 'bad' })).status, 409);
      assert.equal((await api(desk, null, 'GET', '/api/v1/portal/csat', undefined, { 'x-portal-token': 'x'.repeat(43) })).status, 404);
    });

    test('a chat is asked in the conversation; the widget answers the link with JSON from any page', async () => {
      // A chat conversation's ticket, as the chat channel stores it (the requester has no e-mail address).
      const { store } = desk.deps;
      const t = (await store.tickets.get((await newTicket()).id))!;
      const customerId = crypto.randomUUID();
      await store.customers.insert({ id: customerId, name: null, language: 'en', verificationLevel: 'unverified', createdAt: t.createdAt, updatedAt: t.createdAt });
      await store.tickets.insert({ ...t, id: crypto.randomUUID(), number: await store.tickets.nextNumber(), channel: 'chat', requesterId: customerId });
      const chatTicket = (await store.tickets.list({ channel: ['chat'], requesterId: customerId }, { limit: 1 })).tickets[0]!;
      await solve(chatTicket.id);
      await drain();
      clock.advance(24 * HOUR);
      await drain();
      const messages = await store.messages.listForTicket(chatTicket.id);
      const line = messages.find((m) => m.meta.kind === 'csat');
      assert.ok(line, 'a line in the conversation');
      assert.equal(line.public, true);
      assert.equal(line.authorType, 'system');
      const path = new URL(/https?:\/\/\S+/.exec(line.body)![0]).pathname;
      const preflight = await fetch(`${desk.url}${path}`, { method: 'OPTIONS', headers: { origin: 'https://wallet.example', 'access-control-request-method': 'POST' } });
      assert.equal(preflight.status, 204);
      const res = await api(desk, null, 'POST', path, { rating: 'good' }, { origin: 'https://wallet.example' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.deepEqual({ state: res.body.state, rating: res.body.rating }, { state: 'rated', rating: 'good' });
      assert.equal(notices.filter((n) => n.ticket.id === chatTicket.id).length, 0, 'a chat is not asked by e-mail');
    });
  });
}
