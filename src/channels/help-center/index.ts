/**
 * The help-center channel module: the public request form and the private status page (routes.ts, under
 * /api/v1 with public routes). Its tickets carry channel `web`; replies reach customers by the status page and,
 * when the desk sends mail, by an e-mail with the reply and a new status link (answer-mail.ts, the sender).
 */
import type { ChannelModule } from '../channel.js';
import { helpRoutes } from './routes.js';
import { portalLiveRoutes } from './live-routes.js';
import { helpCenterSender } from './answer-mail.js';

export const helpCenterChannel: ChannelModule = {
  kind: 'help_center',
  channel: 'web',
  // The request form and status page, and the status page's live socket.
  async apiRoutes(app, options) {
    await app.register(helpRoutes, options);
    await app.register(portalLiveRoutes, options);
  },
  // The e-mail module starts first (channels/index.ts), so its sender is known here.
  async start({ deps, config }) {
    return { sender: deps.senders?.email?.notify ? helpCenterSender(deps, config.publicUrl) : null, stop: async () => undefined };
  },
};
