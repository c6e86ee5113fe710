/** Teams group agents (e.g. "Security", "Payments"); supervisors and admins manage them. */
import { invalid, notFound } from '../core/errors.js';
import { diffFields } from '../core/event.js';
import { newId } from '../core/ids.js';
import { CATEGORIES } from '../core/ticket.js';
import type { Team } from '../core/people.js';
import { actorOf, assertCanManageTeams, assertCanUseBrand, type Principal } from '../core/policy.js';
import { historyEvent } from './history.js';
import type { Deps, Repos } from './ports.js';
import { shieldWrittenText } from './shield-inbound.js';

export interface TeamInput {
  name: string;
  brand_id?: string | null;
  member_ids?: readonly string[];
  /** Categories routing sends to the team ('*': whatever no other team takes). */
  categories?: readonly string[];
}

const ROUTABLE = [...CATEGORIES, '*'] as const;

function cleanCategories(list: readonly string[]): string[] {
  const out = [...new Set(list)];
  for (const c of out) {
    if (!(ROUTABLE as readonly string[]).includes(c)) throw invalid(`"${c}" is not a category. Use ${ROUTABLE.join(', ')}.`, { field: 'categories' });
  }
  return out;
}

function cleanName(name: string): string {
  // Free text an admin types: a phrase pasted here would be shown on every ticket and kept in the history.
  const n = shieldWrittenText(name.replace(/\s+/g, ' ').trim());
  if (n === '' || n.length > 100) throw invalid('A team needs a name of 1 to 100 characters.', { field: 'name' });
  return n;
}

async function assertMembers(tx: Repos, ids: readonly string[]): Promise<void> {
  for (const id of ids) if (!(await tx.agents.get(id))) throw invalid(`There is no agent ${id}.`, { field: 'member_ids' });
}

export async function createTeam(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, input: TeamInput): Promise<Team> {
  assertCanManageTeams(principal);
  if (input.brand_id) assertCanUseBrand(principal, input.brand_id);
  const at = deps.clock.now().toISOString();
  const team: Team = {
    id: newId(),
    name: cleanName(input.name),
    brandId: input.brand_id ?? null,
    categories: cleanCategories(input.categories ?? []),
    memberIds: [...new Set(input.member_ids ?? [])].sort(),
    createdAt: at,
    updatedAt: at,
  };
  await deps.store.transaction(async (tx) => {
    if (team.brandId && !(await tx.brands.get(team.brandId))) throw invalid('There is no such brand.', { field: 'brand_id' });
    await assertMembers(tx, team.memberIds);
    await tx.teams.insert(team);
    await tx.events.append([
      historyEvent({ type: 'team.created', actor: actorOf(principal), at, subjectType: 'team', subjectId: team.id, data: { name: team.name } }),
    ]);
  });
  return team;
}

export async function updateTeam(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, id: string, input: Partial<TeamInput>): Promise<Team> {
  assertCanManageTeams(principal);
  return deps.store.transaction(async (tx) => {
    const team = await tx.teams.get(id);
    if (!team) throw notFound('Team');
    if (team.brandId) assertCanUseBrand(principal, team.brandId);
    if (input.brand_id) assertCanUseBrand(principal, input.brand_id);
    const next = {
      name: input.name !== undefined ? cleanName(input.name) : team.name,
      brandId: input.brand_id !== undefined ? input.brand_id : team.brandId,
      categories: input.categories !== undefined ? cleanCategories(input.categories) : team.categories,
      memberIds: input.member_ids !== undefined ? [...new Set(input.member_ids)].sort() : team.memberIds,
    };
    const changes = diffFields(team, next);
    if (Object.keys(changes).length === 0) return team;
    const at = deps.clock.now().toISOString();
    if (changes.memberIds) {
      await assertMembers(tx, next.memberIds);
      await tx.teams.setMembers(id, next.memberIds);
    }
    await tx.teams.update(id, { name: next.name, brandId: next.brandId, categories: next.categories }, at);
    await tx.events.append([historyEvent({ type: 'team.updated', actor: actorOf(principal), at, subjectType: 'team', subjectId: id, changes })]);
    return { ...team, ...next, updatedAt: at };
  });
}
