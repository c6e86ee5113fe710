/** Agents' accounts: admins create and change them; every agent may change their own password. */
import { conflict, invalid, notFound } from '../core/errors.js';
import { diffFields } from '../core/event.js';
import { newId } from '../core/ids.js';
import { ROLES, type Agent, type Role } from '../core/people.js';
import { actorOf, assertAdmin, type Principal } from '../core/policy.js';
import { normaliseEmail } from './contact-points.js';
import { historyEvent } from './history.js';
import { announceSessionsEnded } from './live.js';
import type { AgentAuth, Deps, Repos } from './ports.js';
import { shieldWrittenText } from './shield-inbound.js';

export interface AgentInput {
  email: string;
  name: string;
  role: Role;
  password?: string | null;
  languages?: readonly string[];
  brand_ids?: readonly string[];
  team_ids?: readonly string[];
}

export const MIN_PASSWORD = 10;

/** Length is what makes a password strong; no composition rules (NIST SP 800-63B). */
export function assertPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD) {
    throw invalid(`The password needs at least ${MIN_PASSWORD} characters. A few random words make a good one.`, { field: 'password' });
  }
  if (password.length > 256) throw invalid('The password is longer than 256 characters.', { field: 'password' });
}

function cleanName(name: string): string {
  // Free text an admin types: a phrase pasted here would be shown on every ticket and kept in the history.
  const n = shieldWrittenText(name.replace(/\s+/g, ' ').trim());
  if (n === '' || n.length > 100) throw invalid('An agent needs a name of 1 to 100 characters.', { field: 'name' });
  return n;
}

function cleanLanguages(langs: readonly string[]): string[] {
  const out = [...new Set(langs.map((l) => l.trim()).filter(Boolean))];
  for (const l of out) {
    if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(l)) throw invalid(`"${l}" is not a language tag such as zh-CN or en.`, { field: 'languages' });
  }
  return out;
}

async function assertBrandsAndTeamsExist(tx: Repos, brandIds: readonly string[], teamIds: readonly string[]): Promise<void> {
  for (const id of brandIds) if (!(await tx.brands.get(id))) throw invalid(`There is no brand ${id}.`, { field: 'brand_ids' });
  for (const id of teamIds) if (!(await tx.teams.get(id))) throw invalid(`There is no team ${id}.`, { field: 'team_ids' });
}

function assertRole(role: string): asserts role is Role {
  if (!(ROLES as readonly string[]).includes(role)) throw invalid(`The role is one of ${ROLES.join(', ')}.`, { field: 'role' });
}

/**
 * Creates an agent. `principal` is null for the CLI and the first-run setup, which act as the system.
 * An agent without a password cannot log in until one is set.
 */
export async function createAgent(
  deps: Pick<Deps, 'store' | 'clock' | 'passwords'>,
  principal: Principal | null,
  input: AgentInput,
  options: { store?: Repos } = {},
): Promise<Agent> {
  if (principal) assertAdmin(principal);
  assertRole(input.role);
  if (input.password != null) assertPasswordStrength(input.password);
  const at = deps.clock.now().toISOString();
  const agent: AgentAuth = {
    id: newId(),
    email: normaliseEmail(input.email),
    name: cleanName(input.name),
    role: input.role,
    languages: cleanLanguages(input.languages ?? []),
    brandIds: [...new Set(input.brand_ids ?? [])],
    teamIds: [...new Set(input.team_ids ?? [])],
    active: true,
    totpEnabled: false,
    createdAt: at,
    updatedAt: at,
    passwordHash: input.password != null ? await deps.passwords.hash(input.password) : null,
    totpSecret: null,
    failedLogins: 0,
    lockedUntil: null,
    passwordChangedAt: input.password != null ? at : null,
  };
  const write = async (tx: Repos) => {
    await assertBrandsAndTeamsExist(tx, agent.brandIds, agent.teamIds);
    await tx.agents.insert(agent);
    await tx.events.append([
      historyEvent({
        type: 'agent.created',
        actor: principal ? actorOf(principal) : { type: 'system', id: null },
        at,
        subjectType: 'agent',
        subjectId: agent.id,
        data: { email: agent.email, role: agent.role },
      }),
    ]);
  };
  if (options.store) await write(options.store);
  else await deps.store.transaction(write);
  const { passwordHash: _p, totpSecret: _t, failedLogins: _f, lockedUntil: _l, passwordChangedAt: _c, ...visible } = agent;
  return visible;
}

export interface AgentChanges {
  name?: string;
  email?: string;
  role?: Role;
  languages?: readonly string[];
  active?: boolean;
  brand_ids?: readonly string[];
  team_ids?: readonly string[];
  /** Admin reset; revokes the agent's sessions. */
  password?: string;
}

/** Changes an agent (admin only). Deactivating or resetting a password ends all of the agent's sessions. */
export async function updateAgent(
  deps: Pick<Deps, 'store' | 'clock' | 'passwords'> & Partial<Pick<Deps, 'bus'>>,
  principal: Principal,
  id: string,
  input: AgentChanges,
): Promise<Agent> {
  assertAdmin(principal);
  if (input.role !== undefined) assertRole(input.role);
  if (input.password !== undefined) assertPasswordStrength(input.password);
  const passwordHash = input.password !== undefined ? await deps.passwords.hash(input.password) : undefined;
  const updated = await deps.store.transaction(async (tx) => {
    const agent = await tx.agents.get(id);
    if (!agent) throw notFound('Agent');
    if (id === principal.agentId && (input.active === false || (input.role !== undefined && input.role !== 'admin'))) {
      throw conflict('You cannot deactivate or demote yourself. Ask another admin.');
    }
    const at = deps.clock.now().toISOString();
    const next = {
      name: input.name !== undefined ? cleanName(input.name) : agent.name,
      email: input.email !== undefined ? normaliseEmail(input.email) : agent.email,
      role: input.role ?? agent.role,
      languages: input.languages !== undefined ? cleanLanguages(input.languages) : agent.languages,
      active: input.active ?? agent.active,
      brandIds: input.brand_ids !== undefined ? [...new Set(input.brand_ids)].sort() : agent.brandIds,
      teamIds: input.team_ids !== undefined ? [...new Set(input.team_ids)].sort() : agent.teamIds,
    };
    await assertBrandsAndTeamsExist(tx, next.brandIds, next.teamIds);
    const changes = diffFields(agent, next);
    if (passwordHash) changes.password = ['(hidden)', '(changed)'];
    if (Object.keys(changes).length === 0) return agent;
    await tx.agents.update(
      id,
      {
        name: next.name,
        email: next.email,
        role: next.role,
        languages: next.languages,
        active: next.active,
        ...(passwordHash ? { passwordHash, passwordChangedAt: at, failedLogins: 0, lockedUntil: null } : {}),
      },
      at,
    );
    if (changes.brandIds) await tx.agents.setBrands(id, next.brandIds);
    if (changes.teamIds) await tx.agents.setTeams(id, next.teamIds);
    if (passwordHash || next.active === false) await tx.sessions.deleteForAgent(id);
    await tx.events.append([historyEvent({ type: 'agent.updated', actor: actorOf(principal), at, subjectType: 'agent', subjectId: id, changes })]);
    return { ...agent, ...next, updatedAt: at };
  });
  // Sockets of the ended sessions close on every instance (routes/live.ts).
  if (deps.bus && (passwordHash || input.active === false)) await announceSessionsEnded({ bus: deps.bus }, id);
  return updated;
}
