import type { Category } from './types.js';

/** A team and the categories it takes ('*' takes anything no other team takes); brands limit it when given. */
export interface RoutingTeam {
  id: string;
  categories: ReadonlyArray<Category | '*'>;
  brands?: readonly string[];
}

/** An agent as routing sees them. Languages are BCP-47 tags: 'zh' covers zh-Hans and zh-Hant. */
export interface RoutingAgent {
  id: string;
  teams: readonly string[];
  languages: readonly string[];
  /** Brands the agent serves; omitted means all. */
  brands?: readonly string[];
  available: boolean;
  openTickets: number;
  /** The most open tickets the agent should hold; omitted means no limit. */
  maxOpen?: number;
}

/** What routing needs: the ticket's category, language and brand, and the teams and agents as they are now. */
export interface RoutingInput {
  category: Category;
  language: string;
  brand?: string;
  teams: readonly RoutingTeam[];
  agents: readonly RoutingAgent[];
  /** least_loaded (default): fewest open tickets; round_robin: the next agent after the last one picked in the team. */
  strategy?: 'least_loaded' | 'round_robin';
}

/** Round-robin position per team (the last agent picked). Passed in and returned, never kept by the module. */
export interface RoutingState {
  lastAgentByTeam: Record<string, string>;
}

/** The chosen team and agent (null when no team takes the ticket, or nobody in it can take it now: it waits in the team queue). */
export interface RoutingDecision {
  teamId: string | null;
  agentId: string | null;
  reasons: string[];
  state: RoutingState;
}

// Region subtags that imply a script, so that an agent listed as zh-CN or zh-TW matches the detected script.
const SCRIPT_OF: Record<string, string> = { cn: 'hans', sg: 'hans', my: 'hans', tw: 'hant', hk: 'hant', mo: 'hant' };

function canonical(tag: string): { lang: string; script?: string } {
  const parts = tag.toLowerCase().replace(/_/g, '-').split('-');
  const lang = parts[0] ?? '';
  let script = parts.find((p) => p.length === 4);
  if (!script) for (const p of parts.slice(1)) if (SCRIPT_OF[p]) script = SCRIPT_OF[p];
  return script ? { lang, script } : { lang };
}

/** 2: the agent's language matches exactly (script included); 1: same language; 0: none. */
export function languageFit(agentLanguages: readonly string[], language: string): number {
  const want = canonical(language);
  let best = 0;
  for (const l of agentLanguages) {
    const have = canonical(l);
    if (have.lang !== want.lang) continue;
    best = Math.max(best, !have.script || !want.script || have.script === want.script ? 2 : 1);
  }
  return best;
}

const servesBrand = (brands: readonly string[] | undefined, brand: string | undefined): boolean => !brand || !brands || brands.includes(brand);

/**
 * Chooses a team by category (a team listing the category beats a '*' team; brand must fit), then an agent in
 * that team who is available, serves the brand, has room under maxOpen and speaks the language best
 * (exact script > same language > anyone, the last one named in the reasons), balanced by open tickets or
 * by round robin. Pure: the round-robin position comes in with `state` and goes out in the decision.
 */
export function routeTicket(input: RoutingInput, state: RoutingState = { lastAgentByTeam: {} }): RoutingDecision {
  const reasons: string[] = [];
  const teams = input.teams.filter((t) => servesBrand(t.brands, input.brand));
  const team = teams.find((t) => t.categories.includes(input.category)) ?? teams.find((t) => t.categories.includes('*'));
  if (!team) {
    reasons.push(`no team takes ${input.category}${input.brand ? ` for brand ${input.brand}` : ''}`);
    return { teamId: null, agentId: null, reasons, state };
  }
  reasons.push(`${input.category} → team ${team.id}`);
  const eligible = input.agents.filter(
    (a) => a.teams.includes(team.id) && a.available && servesBrand(a.brands, input.brand) && (a.maxOpen === undefined || a.openTickets < a.maxOpen),
  );
  if (eligible.length === 0) {
    reasons.push(`no available agent in team ${team.id}; waiting in the team queue`);
    return { teamId: team.id, agentId: null, reasons, state };
  }
  const bestFit = Math.max(...eligible.map((a) => languageFit(a.languages, input.language)));
  const speakers = eligible.filter((a) => languageFit(a.languages, input.language) === bestFit).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (bestFit === 0) reasons.push(`nobody available speaks ${input.language}; any available agent`);
  else if (bestFit === 1) reasons.push(`nobody available writes ${input.language} exactly; same language`);
  else reasons.push(`speaks ${input.language}`);

  let agent: RoutingAgent;
  let next = state;
  if (input.strategy === 'round_robin') {
    const last = state.lastAgentByTeam[team.id];
    agent = speakers.find((a) => last !== undefined && a.id > last) ?? speakers[0]!;
    next = { lastAgentByTeam: { ...state.lastAgentByTeam, [team.id]: agent.id } };
    reasons.push(`round robin → ${agent.id}`);
  } else {
    agent = speakers.reduce((best, a) => (a.openTickets < best.openTickets ? a : best));
    reasons.push(`least loaded → ${agent.id} (${agent.openTickets} open)`);
  }
  return { teamId: team.id, agentId: agent.id, reasons, state: next };
}
