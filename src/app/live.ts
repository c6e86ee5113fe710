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
