import type { Deps, LiveNotice } from './ports.js';

/** The topic every console subscribes to; notices carry the brand so each listener filters what it may see. */
export const DESK_TOPIC = 'desk';
export const ticketTopic = (ticketId: string): string => `ticket:${ticketId}`;

/**
 * Tells live listeners about committed changes. Called only after the transaction commits; a failing bus
 * never fails the request (the change is stored, consoles catch up on their next fetch).
 */
export async function announce(deps: Pick<Deps, 'bus'>, notices: readonly LiveNotice[]): Promise<void> {
  await Promise.all(
    notices.flatMap((n) => {
      const sends = [deps.bus.publish(DESK_TOPIC, n)];
      if (n.ticketId) sends.push(deps.bus.publish(ticketTopic(n.ticketId), n));
      return sends.map((p) => p.catch(() => undefined));
    }),
  );
}

/** The topic on which sign-outs, password changes and deactivations are announced to every instance's sockets. */
export const SESSIONS_TOPIC = 'sessions';

/**
 * Tells every open console socket of this agent, on every instance, that some of the agent's sessions ended:
 * each socket re-checks its own session and closes when it is gone. Best effort: a socket that misses it
 * finds out at its next periodic check.
 */
export async function announceSessionsEnded(deps: Pick<Deps, 'bus'>, agentId: string): Promise<void> {
  await deps.bus.publish(SESSIONS_TOPIC, { type: 'session.ended', brandId: null, data: { agent_id: agentId } }).catch(() => undefined);
}
