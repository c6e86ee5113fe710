import type { Migration, MigrationProvider } from 'kysely';
import * as core from './20261125T0800-core.js';
import * as officialChannels from './20261125T1000-official-channels.js';
import * as portalAndViews from './20261125T1100-portal-and-views.js';
import * as emailMailbox from './20261125T1200-email-mailbox.js';
import * as teamRouting from './20261125T1500-team-routing.js';
import * as phone from './20261125T1300-phone.js';
import * as chat from './20261125T1600-chat.js';
import * as idempotency from './20261207T1740-idempotency.js';
import * as customerMerge from './20261209T0600-customer-merge.js';
import * as channelAccount from './20261207T1820-channel-account.js';
import * as identity from './20261208T0700-identity.js';
import * as rulesAndBell from './20261208T0600-rules-and-bell.js';
import * as freeze from './20261208T0800-freeze.js';
import * as sla from './20261208T0300-sla.js';
import * as csat from './20261208T0400-csat.js';
import * as knowledgeBase from './20261208T0500-knowledge-base.js';
import * as chatAccounts from './20261208T0200-chat-accounts.js';
import * as viewCounts from './20261209T0100-view-counts.js';
import * as searchOrder from './20261209T0200-search-order.js';
import * as agentLink from './20261209T0650-agent-link.js';
import * as callLog from './20261209T0651-call-log.js';
import * as clickToCall from './20261210T0100-click-to-call.js';
import * as searchPrefix from './20261210T0400-search-prefix.js';

/** Every migration, by name; names sort in the order they run. Append, never edit or reorder. */
const migrations: Record<string, Migration> = {
  '20261125T0800-core': core,
  '20261125T1000-official-channels': officialChannels,
  '20261125T1100-portal-and-views': portalAndViews,
  '20261125T1200-email-mailbox': emailMailbox,
  '20261125T1300-phone': phone,
  '20261125T1500-team-routing': teamRouting,
  '20261125T1600-chat': chat,
  '20261207T1740-idempotency': idempotency,
  '20261207T1820-channel-account': channelAccount,
  '20261208T0700-identity': identity,
  '20261208T0600-rules-and-bell': rulesAndBell,
  '20261208T0800-freeze': freeze,
  '20261208T0300-sla': sla,
  '20261208T0400-csat': csat,
  '20261208T0500-knowledge-base': knowledgeBase,
  '20261208T0200-chat-accounts': chatAccounts,
  '20261209T0100-view-counts': viewCounts,
  '20261209T0200-search-order': searchOrder,
  '20261209T0600-customer-merge': customerMerge,
  '20261209T0650-agent-link': agentLink,
  '20261209T0651-call-log': callLog,
  '20261210T0100-click-to-call': clickToCall,
  '20261210T0400-search-prefix': searchPrefix,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
