/**
 * What happened, as a customer picks it on the help center's form and in the chat's pre-chat step. In core/ so
 * the API contract (src/contract) and the browser (web/portal, web/widget) name the same list as the server.
 */
export const HELP_KINDS = ['stolen', 'transaction', 'technical', 'account', 'how_to', 'other'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];
