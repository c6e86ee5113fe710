import { AppError } from '../core/errors.js';
import type { Principal } from '../core/policy.js';
import { assertPasswordStrength } from './create-agent.js';
import { historyEvent } from './history.js';
import { announceSessionsEnded } from './live.js';
import type { Deps } from './ports.js';

/** An agent changes their own password. Every session of the agent ends, this one included. */
export async function changePassword(
  deps: Pick<Deps, 'store' | 'clock' | 'passwords' | 'bus'>,
  principal: Principal,
  input: { current: string; next: string },
): Promise<void> {
  const agent = await deps.store.agents.getAuth(principal.agentId);
  if (!agent?.passwordHash || !(await deps.passwords.verify(agent.passwordHash, input.current))) {
    throw new AppError('forbidden', 'The current password is wrong.', { field: 'current_password' });
  }
  assertPasswordStrength(input.next);
  const passwordHash = await deps.passwords.hash(input.next);
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.agents.update(agent.id, { passwordHash, passwordChangedAt: at }, at);
    const ended = await tx.sessions.deleteForAgent(agent.id);
    await tx.events.append([
      historyEvent({
        type: 'agent.password_changed',
        actor: { type: 'agent', id: agent.id },
        at,
        subjectType: 'agent',
        subjectId: agent.id,
        data: { sessions_ended: ended },
      }),
    ]);
  });
  await announceSessionsEnded(deps, agent.id);
}
