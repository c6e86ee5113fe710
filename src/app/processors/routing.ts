/**
 * Routing of new tickets (app/route-ticket.ts) as a reaction to ticket.created: the team that takes the
 * category and, when admins chose it, an agent of that team. It runs for every new ticket (whether routing is on
 * is a setting, and `wants` never reads the store), after the ticket's commit: the console hears the
 * ticket.routed change live.
 */
import { routeNewTicket } from '../route-ticket.js';
import type { Processor } from './processor.js';

export const routing: Processor<'ticket.created'> = {
  name: 'routing',
  version: 1,
  handles: ['ticket.created'],
  // routeNewTicket leaves a ticket that already has a team or an agent: a second run changes nothing.
  run: async (deps, event) => void (await routeNewTicket(deps, event.subjectId)),
};
