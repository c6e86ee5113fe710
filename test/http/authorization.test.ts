/**
 * Authorisation on every object: each endpoint against each role, including a token of another brand.
 * Tickets of other brands answer 404 (their ids cannot be probed); admin-only actions answer 403.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../../src/app/create-api-token.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

describe('authorisation', () => {
  let desk: TestDesk;
  let cast: Cast;
  let ticketA: { id: string; requester: { id: string } };
  let ticketB: { id: string };
  before(async () => {
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
    ticketA = (await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'A', body: 'brand A problem', requester: { email: 'a-only@example.com' } })).body;
    ticketB = (await api(desk, cast.tokens.agentB, 'POST', '/api/v1/tickets', { subject: 'B', body: 'brand B problem', requester: { email: 'b-only@example.com' } })).body;
  });
  after(async () => desk.close());

  test('no credentials, or a bad token, get 401 on every API endpoint', async () => {
    const endpoints: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/tickets'],
      ['POST', '/api/v1/tickets', { subject: 's', body: 'b', requester: { email: 'x@example.com' } }],
      ['GET', `/api/v1/tickets/${ticketA.id}`],
      ['PATCH', `/api/v1/tickets/${ticketA.id}`, { status: 'open' }],
      ['POST', `/api/v1/tickets/${ticketA.id}/messages`, { body: 'x' }],
      ['GET', `/api/v1/tickets/${ticketA.id}/events`],
      ['GET', '/api/v1/agents'],
      ['GET', '/api/v1/brands'],
      ['GET', '/api/v1/teams'],
      ['GET', '/api/v1/customers'],
      ['GET', '/api/v1/tokens'],
      ['GET', '/api/v1/settings/security'],
    ];
    for (const [method, path, body] of endpoints) {
      assert.equal((await api(desk, null, method, path, body)).status, 401, `${method} ${path} without credentials`);
      assert.equal((await api(desk, 'wdt_not-a-token', method, path, body)).status, 401, `${method} ${path} with a bad token`);
    }
    assert.equal((await api(desk, null, 'GET', '/api/v1/tickets', undefined, { authorization: 'Basic abc' })).status, 401);
  });

  test("an agent of another brand cannot see, change, answer or trace a brand's ticket", async () => {
    const t = cast.tokens.agentB;
    assert.equal((await api(desk, t, 'GET', `/api/v1/tickets/${ticketA.id}`)).status, 404);
    assert.equal((await api(desk, t, 'PATCH', `/api/v1/tickets/${ticketA.id}`, { status: 'open' })).status, 404);
    assert.equal((await api(desk, t, 'POST', `/api/v1/tickets/${ticketA.id}/messages`, { body: 'hi' })).status, 404);
    assert.equal((await api(desk, t, 'GET', `/api/v1/tickets/${ticketA.id}/events`)).status, 404);
    assert.equal((await api(desk, t, 'POST', `/api/v1/tickets/${ticketB.id}/merge`, { target_id: ticketA.id })).status, 404);
    const list = (await api(desk, t, 'GET', '/api/v1/tickets?limit=100')).body.tickets.map((x: { id: string }) => x.id);
    assert.ok(list.includes(ticketB.id) && !list.includes(ticketA.id));
    assert.equal((await api(desk, t, 'GET', `/api/v1/tickets?brand_id=${cast.brandA.id}`)).body.tickets.length, 0);
    assert.equal((await api(desk, t, 'GET', `/api/v1/tickets?q=problem`)).body.tickets.length, 1);
    assert.equal((await api(desk, t, 'POST', '/api/v1/tickets', { subject: 's', body: 'b', requester: { email: 'x@example.com' }, brand: 'satoshi' })).status, 403);
    assert.equal((await api(desk, t, 'GET', `/api/v1/customers/${ticketA.requester.id}`)).status, 404);
    assert.equal((await api(desk, t, 'PATCH', `/api/v1/customers/${ticketA.requester.id}`, { name: 'x' })).status, 404);
    assert.equal((await api(desk, t, 'GET', `/api/v1/brands/${cast.brandA.id}`)).status, 404);
    const brands = (await api(desk, t, 'GET', '/api/v1/brands')).body.brands.map((b: { id: string }) => b.id);
    assert.deepEqual(brands, [cast.brandB.id]);
  });

  test("the brand's agent and supervisor, and any admin, see the ticket", async () => {
    for (const token of [cast.tokens.agentA, cast.tokens.supervisorA, cast.tokens.admin]) {
      assert.equal((await api(desk, token, 'GET', `/api/v1/tickets/${ticketA.id}`)).status, 200);
      assert.equal((await api(desk, token, 'GET', `/api/v1/tickets/${ticketA.id}/events`)).status, 200);
      assert.equal((await api(desk, token, 'GET', `/api/v1/customers/${ticketA.requester.id}`)).status, 200);
    }
    assert.equal((await api(desk, cast.tokens.supervisorA, 'GET', `/api/v1/tickets/${ticketB.id}`)).status, 404);
    assert.equal((await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets/${ticketB.id}`)).status, 200);
  });

  test('only admins manage agents, brands, tokens and security settings', async () => {
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/api/v1/agents', { email: 'new@desk.example', name: 'New', role: 'agent', password: 'long enough password' }],
      ['PATCH', `/api/v1/agents/${cast.agentA.id}`, { role: 'admin' }],
      ['POST', '/api/v1/brands', { name: 'Evil Wallet' }],
      ['PATCH', `/api/v1/brands/${cast.brandA.id}`, { name: 'Renamed' }],
      ['POST', '/api/v1/tokens', { agent_id: cast.agentA.id }],
      ['PATCH', '/api/v1/settings/security', { require_2fa: true }],
    ];
    for (const token of [cast.tokens.agentA, cast.tokens.supervisorA, cast.tokens.agentB]) {
      for (const [method, path, body] of writes) {
        assert.equal((await api(desk, token, method, path, body)).status, 403, `${method} ${path}`);
      }
      assert.equal((await api(desk, token, 'GET', '/api/v1/tokens')).status, 403);
      assert.equal((await api(desk, token, 'GET', '/api/v1/settings/security')).status, 403);
    }
    assert.equal((await api(desk, cast.tokens.admin, 'POST', '/api/v1/brands', { name: 'Third Wallet', slug: 'third' })).status, 201);
    assert.equal((await api(desk, cast.tokens.admin, 'GET', '/api/v1/tokens')).status, 200);
    const created = await api(desk, cast.tokens.admin, 'POST', '/api/v1/agents', { email: 'new@desk.example', name: 'New', role: 'agent', password: 'long enough password', brand_ids: [cast.brandB.id] });
    assert.equal(created.status, 201);
    assert.equal(created.body.password_hash, undefined, 'no secret leaves in the response');
    assert.equal((await api(desk, cast.tokens.admin, 'POST', '/api/v1/agents', { email: 'New@desk.example', name: 'Twin', role: 'agent' })).status, 409);
  });

  test('teams are managed by supervisors and admins, not agents', async () => {
    assert.equal((await api(desk, cast.tokens.agentA, 'POST', '/api/v1/teams', { name: 'Security' })).status, 403);
    assert.equal((await api(desk, cast.tokens.supervisorA, 'POST', '/api/v1/teams', { name: 'Security', brand_id: cast.brandB.id })).status, 403, 'not for another brand');
    assert.equal((await api(desk, cast.tokens.supervisorA, 'POST', '/api/v1/teams', { name: 'Security', brand_id: cast.brandA.id })).status, 201);
  });

  test('a token never has more rights than its role, and a revoked token stops at once', async () => {
    const limited = await createApiToken(desk.deps, null, { agentId: cast.admin.id, name: 'read-mostly', role: 'agent' });
    assert.equal((await api(desk, limited.token, 'GET', '/api/v1/tokens')).status, 403);
    assert.equal((await api(desk, limited.token, 'GET', `/api/v1/tickets/${ticketB.id}`)).status, 404, 'an agent-role token of an admin with no brands sees no brand');
    assert.equal((await api(desk, cast.tokens.admin, 'POST', '/api/v1/tokens', { agent_id: cast.agentA.id, role: 'admin' })).status, 403);

    const made = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tokens', { agent_id: cast.agentA.id, name: 'integration' });
    assert.equal(made.status, 201);
    assert.match(made.body.token, /^wdt_/);
    assert.equal((await api(desk, made.body.token, 'GET', '/api/v1/tickets')).status, 200);
    const listed = (await api(desk, cast.tokens.admin, 'GET', '/api/v1/tokens')).body.tokens;
    assert.ok(listed.every((t: Record<string, unknown>) => !('token' in t) && !('token_hash' in t)), 'secrets are never listed');
    assert.equal((await api(desk, cast.tokens.admin, 'DELETE', `/api/v1/tokens/${made.body.id}`)).status, 200);
    assert.equal((await api(desk, made.body.token, 'GET', '/api/v1/tickets')).status, 401);
  });

  test("a deactivated agent's token stops working", async () => {
    const agent = (await api(desk, cast.tokens.admin, 'POST', '/api/v1/agents', { email: 'leaver@desk.example', name: 'Leaver', role: 'agent', brand_ids: [cast.brandA.id] })).body;
    const token = (await api(desk, cast.tokens.admin, 'POST', '/api/v1/tokens', { agent_id: agent.id })).body.token;
    assert.equal((await api(desk, token, 'GET', `/api/v1/tickets/${ticketA.id}`)).status, 200);
    assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/agents/${agent.id}`, { active: false })).status, 200);
    assert.equal((await api(desk, token, 'GET', `/api/v1/tickets/${ticketA.id}`)).status, 401);
    assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/agents/${cast.admin.id}`, { active: false })).status, 409, 'an admin cannot lock themselves out');
  });

  test('attachments are served only to people who may see their ticket, always as downloads', async () => {
    const form = new FormData();
    form.append('file', new Blob(['<script>alert(1)</script>'], { type: 'text/html' }), '../../evil.html');
    const up = await fetch(`${desk.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${cast.tokens.agentA}` }, body: form });
    assert.equal(up.status, 201);
    const att = (await up.json()) as { id: string; filename: string; content_type: string };
    assert.equal(att.filename, 'evil.html');
    assert.equal(att.content_type, 'application/octet-stream', 'HTML is never declared as HTML');
    assert.equal((await api(desk, cast.tokens.agentB, 'GET', `/api/v1/attachments/${att.id}`)).status, 404, 'an unsent upload is private to its uploader');
    const reply = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticketA.id}/messages`, { body: 'see file', attachment_ids: [att.id] });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.attachments[0].id, att.id);
    assert.equal((await api(desk, cast.tokens.agentB, 'POST', `/api/v1/tickets/${ticketB.id}/messages`, { body: 'steal', attachment_ids: [att.id] })).status, 400);

    const res = await fetch(`${desk.url}/api/v1/attachments/${att.id}`, { headers: { authorization: `Bearer ${cast.tokens.supervisorA}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="evil.html"/);
    assert.equal(res.headers.get('content-type'), 'application/octet-stream');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await res.text(), '<script>alert(1)</script>');
    assert.equal((await api(desk, cast.tokens.agentB, 'GET', `/api/v1/attachments/${att.id}`)).status, 404);
  });
});
