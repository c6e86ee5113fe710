/**
 * SLA clocks follow the ticket: after each event that can start, pause, resume or stop a clock (a new ticket, a
 * customer's message, an agent's public reply, a status, priority or category change, a reopen, a merge) the
 * ticket's clocks are recomputed from its history (app/sla-clocks.ts; idempotent, so a retried job is harmless).
 */
import { recomputeTicketClocks } from '../sla-clocks.js';
import type { Processor } from './processor.js';

type Handled = 'ticket.created' | 'message.added' | 'ticket.updated' | 'ticket.reopened' | 'ticket.merged';

export const slaClocks: Processor<Handled> = {
  name: 'sla-clocks',
  version: 1,
  handles: ['ticket.created', 'message.added', 'ticket.updated', 'ticket.reopened', 'ticket.merged'],
  // With no policy switched on there is no clock to start (a policy's arrival recomputes open tickets).
  wants: (event, deps) => {
    if (deps.slaPolicies && !deps.slaPolicies.active()) return false;
    if (event.type === 'message.added') {
      const d = event.data;
      return d.author_type === 'customer' || (d.author_type === 'agent' && d.public);
    }
    if (event.type === 'ticket.updated') return ['status', 'priority', 'category'].some((k) => k in event.changes);
    return true;
  },
  run: async (deps, event) => void (await recomputeTicketClocks(deps, event.ticketId ?? event.subjectId)),
};
