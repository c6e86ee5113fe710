/**
 * The help center's API shapes, derived from the server's contract (src/contract/help-center.ts): a field the
 * server renames or retypes breaks the web build, not the help center at run time. Type-only imports, except
 * the list of problem kinds, a pure constant of core/.
 */
import type { Static } from '@sinclair/typebox';
import type { HelpBrandJson, HelpContactJson, PortalMessageJson, PortalRequestJson, PublicTx } from '../../src/contract/index.js';

export type { HelpBrandList, HelpContactJson as HelpContact, HelpRequestBody, HelpRequestCreated, PortalAnswerBody, PortalAnswerCreated } from '../../src/contract/index.js';
export { HELP_KINDS as KINDS, type HelpKind as Kind } from '../../src/core/help-kinds.js';

export type BrandInfo = Static<typeof HelpBrandJson>;
export type ContactInfo = Static<typeof HelpContactJson>;
export type PortalMessage = Static<typeof PortalMessageJson>;
export type PortalRequest = Static<typeof PortalRequestJson>;
export type TxAnswer = Static<typeof PublicTx>;
