/**
 * The help-center channel module: the public request form and the private status page (routes.ts, under
 * /api/v1 with public routes). Its tickets carry channel `web`; replies reach customers by the status page and
 * e-mail notices, so it has no sender of its own and nothing running in the background.
 */
import type { ChannelModule } from '../channel.js';
import { helpRoutes } from './routes.js';
import { portalLiveRoutes } from './live-routes.js';

export const helpCenterChannel: ChannelModule = {
  kind: 'help_center',
  channel: 'web',
  // The request form and status page, and the status page's live socket.
  async apiRoutes(app, options) {
    await app.register(helpRoutes, options);
    await app.register(portalLiveRoutes, options);
  },
};
