/** Admin pages: one per part of the desk an admin sets up, chosen by the address. */
import { AgentsAdmin } from './agents';
import { BrandsAdmin } from './brands';
import { ChannelsAdmin } from './channels';
import { ChannelAccountsAdmin } from './channel-accounts';
import { ChatAdmin } from './chat-admin';
import { PhoneLineAdmin } from './phone-line';
import { RoutingAdmin } from './routing';
import { SecurityAdmin } from './security';
import { SlaAdmin } from './sla';
import { TeamsAdmin } from './teams';
import { TokensAdmin } from './tokens';
import { VerificationAdmin } from './verification';

export function AdminPage({ page }: { page: string }) {
  switch (page) {
    case 'agents':
      return <AgentsAdmin />;
    case 'teams':
      return <TeamsAdmin />;
    case 'brands':
      return <BrandsAdmin />;
    case 'tokens':
      return <TokensAdmin />;
    case 'security':
      return <SecurityAdmin />;
    case 'channels':
      return <ChannelsAdmin />;
    case 'channel-accounts':
      return <ChannelAccountsAdmin />;
    case 'routing':
      return <RoutingAdmin />;
    case 'chat':
      return <ChatAdmin />;
    case 'phone':
      return <PhoneLineAdmin />;
    case 'verification':
      return <VerificationAdmin />;
    case 'sla':
      return <SlaAdmin />;
    default:
      return null;
  }
}
