/**
 * The live-chat channel module: the visitor protocol (WebSocket, HTTP fallback, widget script) in routes.ts, and
 * the sender that puts agents' replies into the visitor's conversation (app/chat-session.ts `chatSender`, which
 * also arranges the e-mail fallback for unread replies). Brand chat settings still live in settings rows
 * (app/chat-settings.ts); they move to channel accounts in a later step.
 */
import { chatSender } from './chat-session.js';
import type { ChannelModule } from '../channel.js';
import { chatRoutes } from './routes.js';
import { chatAdminRoutes } from './api-routes.js';

export const chatChannel: ChannelModule = {
  kind: 'chat',
  channel: 'chat',
  routes: chatRoutes,
  apiRoutes: chatAdminRoutes,
  async start({ deps }) {
    return { sender: chatSender(deps), stop: async () => undefined };
  },
};
