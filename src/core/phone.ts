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
