/**
 * Text an agent or API client writes goes through the shield like what customers send: a recovery phrase
 * in a ticket subject, a customer's, agent's, team's, brand's or API token's name is stored as its marker, and tags
 * (identifiers, which cannot carry a marker) are refused. Checked over HTTP on loopback, once per database:
 * the phrase is in no API answer, no search result and no history event.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const MARKER = '[recovery phrase removed]';
/** Words of the phrase no ordinary text here uses: if any is found, part of the phrase was stored. */
const TELLTALES = ['sausage', 'winner', 'yellow'];

function assertClean(what: string, value: unknown): void {
  const json = JSON.stringify(value);
  for (const w of TELLTALES) assert.ok(!json.includes(w), `${what} holds "${w}": ${json.slice(0, 300)}`);
}

for (const dialect of DIALECTS) {
  describe(`agent edits through the shield on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let ticket: { id: string; number: number; requester: { id: string } };
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      const res = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
        subject: '恢复钱包失败',
        body: '恢复时提示助记词无效。',
        requester: { email: 'restore@example.com', name: '张三' },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      ticket = res.body;
    });
    after(async () => desk.close());

    test('a subject an agent writes with a phrase in it is stored with the marker, nowhere else', async () => {
      const res = await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${ticket.id}`, { subject: `Restore says invalid: ${PHRASE}` });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.subject, `Restore says invalid: ${MARKER}`);
      assertClean('the ticket', (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticket.id}`)).body);
      const found = await api(desk, cast.tokens.agentA, 'GET', '/api/v1/tickets?q=sausage');
      assert.equal(found.status, 200);
      assert.deepEqual(found.body.tickets, [], 'the search index holds no word of it');
      const events = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticket.id}/events`);
      assert.equal(events.status, 200);
      assert.ok(JSON.stringify(events.body).includes(MARKER), 'the history records the change, with the marker');
      assertClean('the history', events.body);
    });

    test('a customer name with a phrase in it is stored with the marker, also in the history', async () => {
      const res = await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/customers/${ticket.requester.id}`, { name: `张三 ${PHRASE}` });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.name, `张三 ${MARKER}`);
      assertClean('the customer', (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/customers/${ticket.requester.id}`)).body);
      assertClean('the ticket', (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticket.id}`)).body);
      assertClean('the customer history', await desk.deps.store.events.listForSubject('customer', ticket.requester.id, 50));
    });

    test('agent, team, brand and API token names with a phrase in them are stored with the marker', async () => {
      const agent = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/agents/${cast.agentB.id}`, { name: `Bob ${PHRASE}` });
      assert.equal(agent.status, 200, JSON.stringify(agent.body));
      assert.equal(agent.body.name, `Bob ${MARKER}`);
      const team = await api(desk, cast.tokens.admin, 'POST', '/api/v1/teams', { name: PHRASE });
      assert.equal(team.status, 201, JSON.stringify(team.body));
      assert.equal(team.body.name, MARKER);
      const renamed = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/teams/${team.body.id}`, { name: `Ops ${PHRASE}` });
      assert.equal(renamed.body.name, `Ops ${MARKER}`);
      const brand = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandB.id}`, { name: `Pocket ${PHRASE}` });
      assert.equal(brand.status, 200, JSON.stringify(brand.body));
      assert.equal(brand.body.name, `Pocket ${MARKER}`);
      for (const [type, id] of [['agent', cast.agentB.id], ['team', team.body.id], ['brand', cast.brandB.id]] as const) {
        assertClean(`the ${type} history`, await desk.deps.store.events.listForSubject(type, id, 50));
      }
      assertClean('the agents', (await api(desk, cast.tokens.admin, 'GET', '/api/v1/agents')).body);
      const token = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tokens', { agent_id: cast.agentB.id, name: PHRASE });
      assert.equal(token.status, 201, JSON.stringify(token.body));
      assert.equal(token.body.name, MARKER);
      assertClean('the tokens', (await api(desk, cast.tokens.admin, 'GET', '/api/v1/tokens')).body);
    });

    test('tags that spell a phrase are refused with a 4xx, in a patch, a bulk update and a new ticket', async () => {
      const words = PHRASE.split(' ');
      const patch = await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${ticket.id}`, { add_tags: words });
      assert.equal(patch.status, 400, JSON.stringify(patch.body));
      assert.equal(patch.body.error.code, 'invalid_input');
      assert.match(patch.body.error.message, /recovery phrase/);
      assert.match(patch.body.error.message, /助记词/);
      const bulk = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets/bulk', { ids: [ticket.id], changes: { add_tags: words } });
      assert.equal(bulk.status, 200, JSON.stringify(bulk.body));
      assert.equal(bulk.body.results[0].ok, false);
      assert.equal(bulk.body.results[0].error.code, 'invalid_input');
      const created = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
        subject: 's',
        body: 'b',
        requester: { email: 'tags@example.com' },
        tags: words,
      });
      assert.equal(created.status, 400, JSON.stringify(created.body));
      assertClean('the ticket', (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticket.id}`)).body);
      assertClean('the history', (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticket.id}/events`)).body);
    });

    test('a ticket created through the API with a phrase in subject, body and name keeps none of it', async () => {
      const res = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
        subject: `Seed ${PHRASE}`,
        body: `My words: ${PHRASE}`,
        requester: { email: 'api@example.com', name: PHRASE },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const got = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${res.body.id}`);
      assertClean('the ticket', got.body);
      // Merging it leaves a note naming its subject: still clean.
      const merged = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${res.body.id}/merge`, { target_id: ticket.id });
      assert.equal(merged.status, 200, JSON.stringify(merged.body));
      assertClean('the merged ticket', (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticket.id}`)).body);
    });
  });
}
