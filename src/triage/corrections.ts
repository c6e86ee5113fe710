import { AppError } from '../core/errors.js';
import { CATEGORIES, PRIORITIES, type Category, type LabelledExample, type Priority, type TriageInput } from './types.js';

/** An agent's correction of a ticket's triage: what it was, what the agent set, and the request's text. */
export interface TriageCorrection {
  input: TriageInput;
  from: { category: Category; priority: Priority };
  to: { category?: Category; priority?: Priority };
  agentId?: string;
  at?: string;
}

/**
 * Turns a correction into a labelled example (the corrected category and priority, unchanged fields kept)
 * that can be logged as one JSONL line and fed to `walletdesk triage train`. Throws invalid_input when the
 * correction changes nothing or names an unknown category or priority.
 */
export function correctionToExample(c: TriageCorrection): LabelledExample {
  const category = c.to.category ?? c.from.category;
  const priority = c.to.priority ?? c.from.priority;
  if (!CATEGORIES.includes(category)) throw new AppError('invalid_input', `Unknown category "${category}".`);
  if (!PRIORITIES.includes(priority)) throw new AppError('invalid_input', `Unknown priority "${priority}".`);
  if (category === c.from.category && priority === c.from.priority) {
    throw new AppError('invalid_input', 'The correction changes neither category nor priority.');
  }
  if (!c.input.body.trim() && !c.input.subject?.trim()) throw new AppError('invalid_input', 'The corrected request has no text.');
  return { ...(c.input.subject ? { subject: c.input.subject } : {}), body: c.input.body, category, priority };
}
