/** TOTP two-factor sign-in: start (secret + otpauth URI), confirm with a code, or turn off with a code. */
import { authenticator } from 'otplib';
import { AppError, conflict } from '../core/errors.js';
import type { Principal } from '../core/policy.js';
import { historyEvent } from './history.js';
import { checkTotp } from './log-in.js';
import type { Deps } from './ports.js';
import { getSecuritySettings } from './security-settings.js';

export async function startTwoFactor(
  deps: Pick<Deps, 'store' | 'clock' | 'secrets'>,
  principal: Principal,
): Promise<{ secret: string; otpauthUri: string }> {
  const agent = await deps.store.agents.getAuth(principal.agentId);
  if (!agent) throw new AppError('unauthenticated', 'Sign in again.');
  if (agent.totpEnabled) throw conflict('Two-factor sign-in is on already. Turn it off first to enrol a new device.');
  const secret = authenticator.generateSecret(20);
  await deps.store.agents.update(agent.id, { totpSecret: deps.secrets.seal(secret) }, deps.clock.now().toISOString());
  return { secret, otpauthUri: authenticator.keyuri(agent.email, 'walletdesk', secret) };
}

export async function confirmTwoFactor(deps: Pick<Deps, 'store' | 'clock' | 'secrets'>, principal: Principal, code: string): Promise<void> {
  const agent = await deps.store.agents.getAuth(principal.agentId);
  if (!agent?.totpSecret) throw conflict('Start two-factor enrolment first.');
  if (agent.totpEnabled) return;
  const now = deps.clock.now();
  if (!checkTotp(deps.secrets.open(agent.totpSecret), code, now)) {
    throw new AppError('invalid_input', 'That code does not match. Check the time on your phone and try the next code.', { field: 'code' });
  }
  const at = now.toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.agents.update(agent.id, { totpEnabled: true }, at);
    await tx.events.append([
      historyEvent({ type: 'agent.two_factor_enabled', actor: { type: 'agent', id: agent.id }, at, subjectType: 'agent', subjectId: agent.id }),
    ]);
  });
}

export async function disableTwoFactor(deps: Pick<Deps, 'store' | 'clock' | 'secrets'>, principal: Principal, code: string): Promise<void> {
  const agent = await deps.store.agents.getAuth(principal.agentId);
  if (!agent?.totpEnabled || !agent.totpSecret) return;
  if ((await getSecuritySettings(deps.store)).require_2fa) {
    throw new AppError('forbidden', 'Two-factor sign-in is required on this desk and cannot be turned off.');
  }
  const now = deps.clock.now();
  if (!checkTotp(deps.secrets.open(agent.totpSecret), code, now)) {
    throw new AppError('invalid_input', 'That code does not match.', { field: 'code' });
  }
  const at = now.toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.agents.update(agent.id, { totpEnabled: false, totpSecret: null }, at);
    await tx.events.append([
      historyEvent({ type: 'agent.two_factor_disabled', actor: { type: 'agent', id: agent.id }, at, subjectType: 'agent', subjectId: agent.id }),
    ]);
  });
}
