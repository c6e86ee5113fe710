import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeTicket, languageFit, type RoutingAgent, type RoutingTeam } from './routing.js';

const teams: RoutingTeam[] = [
  { id: 'sec', categories: ['security'] },
  { id: 'ops', categories: ['transaction', 'technical'] },
  { id: 'front', categories: ['*'] },
];
const agent = (id: string, teams: string[], languages: string[], openTickets: number, more: Partial<RoutingAgent> = {}): RoutingAgent => ({ id, teams, languages, available: true, openTickets, ...more });

test('sends security to the security team and other categories to the team that takes them, else to the catch-all team', () => {
  const agents = [agent('a', ['sec'], ['en'], 0), agent('b', ['ops'], ['en'], 0), agent('c', ['front'], ['en'], 0)];
  assert.equal(routeTicket({ category: 'security', language: 'en', teams, agents }).teamId, 'sec');
  assert.equal(routeTicket({ category: 'transaction', language: 'en', teams, agents }).teamId, 'ops');
  assert.equal(routeTicket({ category: 'how_to', language: 'en', teams, agents }).agentId, 'c');
});

test('prefers an agent who writes the script, then one who speaks the language, then anyone available', () => {
  const agents = [agent('en1', ['ops'], ['en'], 0), agent('hans', ['ops'], ['zh-CN'], 5), agent('hant', ['ops'], ['zh-Hant', 'en'], 9)];
  assert.equal(routeTicket({ category: 'technical', language: 'zh-Hant', teams, agents }).agentId, 'hant');
  assert.equal(routeTicket({ category: 'technical', language: 'zh-Hans', teams, agents }).agentId, 'hans');
  const noHant = agents.filter((a) => a.id !== 'hant');
  assert.equal(routeTicket({ category: 'technical', language: 'zh-Hant', teams, agents: noHant }).agentId, 'hans');
  const r = routeTicket({ category: 'technical', language: 'ja', teams, agents: noHant });
  assert.equal(r.agentId, 'en1');
  assert.ok(r.reasons.some((x) => x.includes('nobody available speaks ja')));
});

test('balances by open tickets and skips agents who are away, full or serve another brand', () => {
  const agents = [
    agent('busy', ['ops'], ['en'], 7),
    agent('light', ['ops'], ['en'], 2),
    agent('away', ['ops'], ['en'], 0, { available: false }),
    agent('full', ['ops'], ['en'], 1, { maxOpen: 1 }),
    agent('other-brand', ['ops'], ['en'], 0, { brands: ['acme'] }),
  ];
  assert.equal(routeTicket({ category: 'transaction', language: 'en', brand: 'zeta', teams, agents }).agentId, 'light');
  assert.equal(routeTicket({ category: 'transaction', language: 'en', brand: 'acme', teams, agents }).agentId, 'other-brand');
});

test('leaves the ticket in the team queue when nobody in the team can take it', () => {
  const r = routeTicket({ category: 'security', language: 'en', teams, agents: [agent('x', ['sec'], ['en'], 0, { available: false })] });
  assert.equal(r.teamId, 'sec');
  assert.equal(r.agentId, null);
});

test('goes round robin through the speakers of the language, carrying its position in the state it returns', () => {
  const agents = [agent('a', ['ops'], ['zh'], 0), agent('b', ['ops'], ['zh'], 9), agent('c', ['ops'], ['zh'], 3), agent('d', ['ops'], ['en'], 0)];
  const picks: string[] = [];
  let state = { lastAgentByTeam: {} as Record<string, string> };
  for (let i = 0; i < 4; i++) {
    const r = routeTicket({ category: 'transaction', language: 'zh-Hans', teams, agents, strategy: 'round_robin' }, state);
    picks.push(r.agentId!);
    state = r.state;
  }
  assert.deepEqual(picks, ['a', 'b', 'c', 'a']);
});

test('matches language tags by language and script, with region tags standing for their script', () => {
  assert.equal(languageFit(['zh-TW'], 'zh-Hant'), 2);
  assert.equal(languageFit(['zh-CN'], 'zh-Hant'), 1);
  assert.equal(languageFit(['zh'], 'zh-Hant'), 2);
  assert.equal(languageFit(['en-GB'], 'en'), 2);
  assert.equal(languageFit(['de'], 'en'), 0);
});
