/**
 * Triggers (issue 17): the enabled trigger rules run once per ticket event, in their order (app/run-rules.ts).
 * Events written by rules are not wanted: what a rule changes never fires rules again.
 */
import { TRIGGER_EVENTS } from '../../core/rules.js';
import { isRuleEvent, runTriggers } from '../run-rules.js';
import type { Processor } from './processor.js';

type Handled = (typeof TRIGGER_EVENTS)[number];

export const ruleTriggers: Processor<Handled> = {
  name: 'rule-triggers',
  version: 1,
  handles: TRIGGER_EVENTS,
  // The desk's own automatic replies and what rules did start no pass.
  // With no trigger switched on (the desk's cheap view), no job is queued at all.
  wants: (event, deps) =>
    (deps.triggers?.active() ?? true) && !isRuleEvent(event) && !(event.type === 'message.added' && event.data.author_type === 'system'),
  run: (deps, event) => runTriggers(deps, event),
};
