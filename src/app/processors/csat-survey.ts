/** A solved ticket gets a satisfaction survey, asked after the brand's delay (app/csat-schedule.ts, app/csat.ts). */
import { scheduleSurvey } from '../csat-schedule.js';
import type { Processor } from './processor.js';

export const csatSurvey: Processor<'ticket.updated'> = {
  name: 'csat-survey',
  version: 1,
  handles: ['ticket.updated'],
  wants: (event) => {
    const status = (event.changes as { status?: [unknown, unknown] }).status;
    return Array.isArray(status) && status[1] === 'solved' && status[0] !== 'closed';
  },
  // One survey per solve event (unique in the store), so a second run schedules nothing.
  run: async (deps, event) => void (await scheduleSurvey(deps, event.subjectId, event.id, event.at)),
};
