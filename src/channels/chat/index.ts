/**
 * The live-chat channel module: the visitor protocol (WebSocket, HTTP fallback, widget script) in routes.ts, the
 * admin's chat routes (api-routes.ts), its use cases (chat-session.ts, chat-settings.ts, chat-identity.ts), the
 * console's 'chat_read' frame, and the sender that puts agents' replies into the visitor's conversation
 * (`chatSender`, which also arranges the e-mail fallback for unread replies).
 */
import { chatSender, markAgentRead } from './chat-session.js';
import type { ChannelModule } from '../channel.js';
import { chatRoutes } from './routes.js';
import { chatAdminRoutes } from './api-routes.js';
import { chatSettingsSpec } from './chat-settings.js';

export const chatChannel: ChannelModule = {
  kind: 'chat',
  channel: 'chat',
  routes: chatRoutes,
  apiRoutes: chatAdminRoutes,
  settings: chatSettingsSpec,
  consoleFrames: {
    // The agent saw the visitor's conversation up to a message (the visitor's "read" tick).
    async chat_read(deps, principal, ticketId, frame) {
      if (typeof frame.up_to !== 'string') return 'chat_read names the message seen in up_to.';
      await markAgentRead(deps, principal, ticketId, frame.up_to);
    },
  },
  async start({ deps }) {
    return { sender: chatSender(deps), stop: async () => undefined };
  },
};
