/** API tokens: bearer credentials for integrations, stored as SHA-256 hashes, never shown again after creation. */
import { forbidden, invalid, notFound } from '../core/errors.js';
import { newId, randomToken, hashToken } from '../core/ids.js';
import { ROLES, roleAtLeast, type Role } from '../core/people.js';
import { actorOf, assertAdmin, type Principal } from '../core/policy.js';
import { historyEvent } from './history.js';
import type { ApiTokenRecord, Deps } from './ports.js';
import { shieldWrittenText } from './shield-inbound.js';

export const TOKEN_PREFIX = 'wdt_';

export interface CreatedToken {
  record: ApiTokenRecord;
  /** The secret, shown once. */
  token: string;
}

/**
 * Creates a token acting as `agentId`, with at most that agent's role. `principal` null means the CLI
 * (an operator with access to the server).
 */
export async function createApiToken(
  deps: Pick<Deps, 'store' | 'clock'>,
  principal: Principal | null,
  input: { agentId: string; name?: string | null; role?: Role | null },
): Promise<CreatedToken> {
  if (principal) assertAdmin(principal);
  const agent = await deps.store.agents.get(input.agentId);
  if (!agent || !agent.active) throw notFound('Agent');
  const role = input.role ?? agent.role;
  if (!(ROLES as readonly string[]).includes(role)) throw invalid(`The role is one of ${ROLES.join(', ')}.`, { field: 'role' });
  if (!roleAtLeast(agent.role, role)) throw forbidden(`A token cannot have more rights than its agent (${agent.role}).`);
  const secret = randomToken(32);
  const token = `${TOKEN_PREFIX}${secret}`;
  const at = deps.clock.now().toISOString();
  const record: ApiTokenRecord = {
    id: newId(),
    agentId: agent.id,
    name: shieldWrittenText(input.name?.trim() || 'API token').slice(0, 100),
    role,
    tokenHash: hashToken(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    createdAt: at,
    lastUsedAt: null,
    revokedAt: null,
  };
  await deps.store.transaction(async (tx) => {
    await tx.tokens.insert(record);
    await tx.events.append([
      historyEvent({
        type: 'token.created',
        actor: principal ? actorOf(principal) : { type: 'system', id: null, via: 'cli' },
        at,
        subjectType: 'token',
        subjectId: record.id,
        data: { agent_id: agent.id, role, name: record.name },
      }),
    ]);
  });
  return { record, token };
}

export async function revokeApiToken(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, id: string): Promise<ApiTokenRecord> {
  assertAdmin(principal);
  return deps.store.transaction(async (tx) => {
    const record = await tx.tokens.get(id);
    if (!record) throw notFound('Token');
    if (record.revokedAt) return record;
    const at = deps.clock.now().toISOString();
    await tx.tokens.revoke(id, at);
    await tx.events.append([historyEvent({ type: 'token.revoked', actor: actorOf(principal), at, subjectType: 'token', subjectId: id })]);
    return { ...record, revokedAt: at };
  });
}
