/** A new ticket that names transactions gets an internal note with their status and the advice. */
import { writeChainNote } from '../look-up-chain.js';
import type { Processor } from './processor.js';

export const chainNote: Processor<'ticket.created'> = {
  name: 'chain-note',
  version: 1,
  handles: ['ticket.created'],
  wants: (event, deps) => deps.chain !== undefined && (event.data.txids ?? 0) > 0,
  // writeChainNote looks for its own note first, so a second run writes nothing.
  run: (deps, event) => writeChainNote(deps, event.subjectId),
};
