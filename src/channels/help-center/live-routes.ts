/**
 * /api/v1/portal/live, the status page's socket: after the first frame names the link's token ({type:'open',
 * token}), it tells the customer when their request changed ({type:'changed'}), and never about presence or
 * internal notes. The server speaks first ({type:'hello'}); the socket closes when the link expires.
 */
import type { FastifyPluginAsync } from 'fastify';
import type {} from '@fastify/websocket';
import { ticketTopic } from '../../app/live.js';
import type { HttpDeps } from '../../http/deps.js';
import { keepAlive, parseFrame as parse, sameOrigin, sendFrame as send } from '../../http/socket-frames.js';
import { openPortalLink } from './portal-links.js';

export const portalLiveRoutes: FastifyPluginAsync<{ deps: HttpDeps }> = async (app, { deps }) => {
  app.get('/portal/live', { websocket: true, config: { public: true }, schema: { hide: true } }, (socket, request) => {
    if (!sameOrigin(request)) {
      socket.close(1008, 'not allowed');
      return;
    }
    const cleanups: Array<() => Promise<void> | void> = [keepAlive(socket)];
    let opened = false;
    let closed = false;
    const opening = setTimeout(() => socket.close(1008, 'no token'), 10_000);
    opening.unref();
    cleanups.push(() => clearTimeout(opening));

    socket.on('message', async (data) => {
      if (opened) return;
      const frame = parse(data);
      if (frame?.type !== 'open' || typeof frame.token !== 'string') return socket.close(1008, 'no token');
      opened = true;
      clearTimeout(opening);
      try {
        const { link, ticket } = await openPortalLink(deps, frame.token);
        if (closed) return;
        const off = await deps.bus.subscribe(ticketTopic(ticket.id), (n) => {
          // Presence and internal notes are the desk's business.
          if (n.type.startsWith('presence.') || n.data?.public === false) return;
          send(socket, { type: 'changed' });
        });
        cleanups.push(off);
        const untilExpiry = Math.min(new Date(link.expiresAt).getTime() - deps.clock.now().getTime(), 2_000_000_000);
        const expiry = setTimeout(() => socket.close(1008, 'link expired'), Math.max(untilExpiry, 0));
        expiry.unref();
        cleanups.push(() => clearTimeout(expiry));
        send(socket, { type: 'ready' });
      } catch {
        socket.close(1008, 'not found');
      }
    });
    socket.on('close', async () => {
      closed = true;
      for (const c of cleanups) await c();
    });
    // Frames sent before this handler runs are lost, so the page waits for this before naming its token.
    send(socket, { type: 'hello' });
  });
};
