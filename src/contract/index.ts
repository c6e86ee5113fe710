/**
 * The API contract: every request and response schema of /api/v1 (TypeBox), one file per resource. Routes use
 * them to validate and to shape answers (fields not listed are dropped) and /api/docs is generated from them;
 * web/ imports them as types only (`Static<typeof TicketJson>`), so a changed field breaks the console's build.
 * Imports TypeBox and core/ only.
 */
export * from './common.js';
export * from './pages.js';
export * from './errors.js';
export * from './tickets.js';
export * from './messages.js';
export * from './people.js';
export * from './brands.js';
export * from './views.js';
export * from './account.js';
export * from './tokens.js';
export * from './calls.js';
export * from './chat-admin.js';
export * from './official-channels.js';
export * from './chain.js';
export * from './shield.js';
export * from './live.js';
export * from './health.js';
export * from './channel-accounts.js';
export * from './identity.js';
export * from './rules.js';
export * from './notifications.js';
export * from './freeze.js';
export * from './sla.js';
export * from './reports.js';
export * from './kb.js';
export * from './help-center.js';
export * from './chat.js';
export * from './agent-links.js';
