/** The phone hotline's closed sets of values, shared by the app, the API contract and the console. */

/** Where a call is in the hotline's flow. */
export const CALL_STATES = ['language', 'menu', 'queued', 'connecting', 'voicemail', 'ended'] as const;
export type CallState = (typeof CALL_STATES)[number];

/** The main menu, keyed by what the caller pressed. */
export const MENU_CHOICES = ['stolen', 'transaction', 'app', 'how_to', 'agent'] as const;
export type MenuChoice = (typeof MENU_CHOICES)[number];

/** How a call ended for the caller. */
export const CALL_OUTCOMES = ['answered', 'abandoned', 'voicemail', 'callback', 'hung_up_in_menu', 'failed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/**
 * Where a callback the desk placed (click-to-call) has got to: the agent's phone rings first, then the customer's.
 * The last seven are final; `agent_*` and `customer_*` say whose phone did not answer.
 */
export const PLACEMENT_STATUSES = [
  'queued',
  'ringing',
  'agent_answered',
  'customer_answered',
  'completed',
  'agent_no_answer',
  'agent_busy',
  'customer_no_answer',
  'customer_busy',
  'failed',
  // The agent's phone answered but nobody pressed 1 (their voicemail, or they declined): the customer is not dialled.
  'agent_not_confirmed',
] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];
