/**
 * Live updates over WebSocket. /api/v1/live is the console's: every committed change in the agent's brands
 * (notices name the ticket, never carry message bodies), and presence on the tickets the agent has open
 * ("X is replying"). /api/v1/portal/live is the status page's: after the first frame names the link's token,
 * it tells the customer when their request changed, and never about internal notes (channels/help-center/live-routes.ts).
 *
 * Client → server frames (JSON): {type:'watch', ticket_id} · {type:'unwatch', ticket_id} ·
 * {type:'replying', ticket_id, mode:'reply'|'note'} · {type:'stopped', ticket_id}, and the channels' frames (HttpChannel.consoleFrames):
 * {type:'chat_read', ticket_id, up_to} (the agent saw a chat up to a message) · portal: {type:'open', token}.
 * Clients send nothing before the server's first frame ('ready' on the console, 'hello' on the portal): frames
 * that arrive while the upgrade request is still being authenticated are lost.
 * Server → client: {type:'ready'} · {type:'hello'} · {type:'notice', notice:{type, ticket_id, brand_id, data}} ·
 * {type:'presence', ticket_id, agent_id, name, mode|null} · {type:'notification', notification} (the agent's bell) · {type:'chat', ticket_id, event:'typing'|'read'|'agent_read'|'visitor', on|up_to|online}
 * (a watched chat's visitor) · {type:'error', message}.
 * The server closes the console's socket with 4401 when its session ends (sign-out, password change,
 * deactivation, expiry), on every instance.
 */
import type { FastifyPluginAsync } from 'fastify';
import type {} from '@fastify/websocket';
import type { Static } from '@sinclair/typebox';
import { isAdmin, canSeeBrand, type Principal } from '../../core/policy.js';
import { authenticateSession } from '../../app/authenticate.js';
import { DESK_TOPIC, SESSIONS_TOPIC, ticketTopic } from '../../app/live.js';
import type { LiveNotice } from '../../app/ports.js';
import { loadVisibleTicket } from '../../app/ticket-access.js';
import { agentTopic } from '../../app/notifications.js';
import { SESSION_COOKIE } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { keepAlive, parseFrame as parse, sameOrigin, sendFrame as send } from '../socket-frames.js';
import type { LiveNoticeJson } from '../../contract/index.js';

// An agent may hold several chats at once, each a watched ticket.
const MAX_WATCHED = 10;
const PRESENCE_BEAT_MS = 30_000;
const RECHECK_MS = 60_000;
/** Close code: the session (or the agent) behind this socket ended; sign in again, do not reconnect. */
export const SESSION_ENDED = 4401;

/** What a watching console hears of a chat: the visitor typing, reading, coming and going. */
function chatFrame(n: LiveNotice): Record<string, unknown> | null {
  if (n.type === 'chat.typing') return { type: 'chat', ticket_id: n.ticketId, event: 'typing', on: n.data?.on === true };
  if (n.type === 'chat.read') return { type: 'chat', ticket_id: n.ticketId, event: n.data?.by === 'agent' ? 'agent_read' : 'read', up_to: n.data?.up_to };
  if (n.type === 'chat.visitor') return { type: 'chat', ticket_id: n.ticketId, event: 'visitor', online: n.data?.online === true };
  return null;
}

const presentNotice = (n: LiveNotice): Static<typeof LiveNoticeJson> => ({ type: n.type, ticket_id: n.ticketId ?? null, brand_id: n.brandId, data: n.data ?? {} });

/** The console's socket; registered inside /api/v1 so the usual authentication runs on the upgrade request. */
export const liveRoutes: FastifyPluginAsync<{ deps: HttpDeps }> = async (app, { deps }) => {
  // Frames a channel adds to the console's socket (chat: 'chat_read'), from the list of channels.
  const consoleFrames = new Map(deps.channels.flatMap((c) => Object.entries(c.consoleFrames ?? {})));
  app.get('/live', { websocket: true, schema: { hide: true } }, async (socket, request) => {
    if (!sameOrigin(request) || !request.principal || request.mustEnrollTwoFactor) {
      socket.close(1008, 'not allowed');
      return;
    }
    const principal: Principal = request.principal;
    const cookie = request.cookies?.[SESSION_COOKIE];
    const cleanups: Array<() => Promise<void> | void> = [keepAlive(socket)];
    const watched = new Map<string, { brandId: string; off: () => Promise<void> }>();
    let closed = false;

    const visible = (n: LiveNotice) => (n.brandId === null ? isAdmin(principal) : canSeeBrand(principal, n.brandId));
    const offDesk = await deps.bus.subscribe(DESK_TOPIC, (n) => {
      if (visible(n) && !n.type.startsWith('presence.')) send(socket, { type: 'notice', notice: presentNotice(n) });
    });
    cleanups.push(offDesk);
    // The agent's own bell: notifications meant for this agent only (issue 16).
    cleanups.push(await deps.bus.subscribe(agentTopic(principal.agentId), (n) => {
      if (n.type === 'notification') send(socket, { type: 'notification', notification: n.data ?? {} });
    }));
    if (socket.readyState !== socket.OPEN) {
      // Closed while subscribing: the close handler below was not there yet to clean up.
      for (const c of cleanups) await c();
      return;
    }

    // While a console is open its agent is online: chat visitors are told someone will answer now.
    if (principal.agentId && !principal.tokenId) {
      const agentId = principal.agentId;
      const beat = () => deps.store.presence.touch(agentId, deps.clock.now().toISOString()).catch(() => undefined);
      await beat();
      const timer = setInterval(beat, PRESENCE_BEAT_MS);
      timer.unref();
      cleanups.push(() => clearInterval(timer));
      cleanups.push(() => deps.store.presence.clear(agentId).catch(() => undefined));
    }

    // A session can end (sign-out, password change, deactivation, expiry) while the socket stays open. Use cases
    // announce the first three on the bus (every instance hears it); expiry is found by a periodic check. The
    // socket then closes with 4401, which tells the console to sign in again rather than reconnect.
    const stillValid = async (): Promise<boolean> => {
      if (cookie && !principal.tokenId) return (await authenticateSession(deps, cookie)) !== null;
      return (await deps.store.agents.get(principal.agentId))?.active === true;
    };
    const recheck = async () => {
      const ok = await stillValid().catch(() => true);
      if (!ok && !closed) socket.close(SESSION_ENDED, 'session ended');
    };
    const offSessions = await deps.bus.subscribe(SESSIONS_TOPIC, (n) => {
      if (n.data?.agent_id === principal.agentId) void recheck();
    });
    cleanups.push(offSessions);
    const recheckTimer = setInterval(() => void recheck(), RECHECK_MS);
    recheckTimer.unref();
    cleanups.push(() => clearInterval(recheckTimer));
    // The session may have ended while this socket was subscribing.
    await recheck();
    if (socket.readyState !== socket.OPEN) {
      for (const c of cleanups) await c();
      return;
    }

    const publishPresence = (ticketId: string, brandId: string, mode: 'reply' | 'note' | null) =>
      deps.bus
        .publish(ticketTopic(ticketId), {
          type: mode ? 'presence.replying' : 'presence.stopped',
          brandId,
          ticketId,
          data: { agent_id: principal.agentId, name: principal.name, mode },
        })
        .catch(() => undefined);

    socket.on('message', async (data) => {
      const frame = parse(data);
      const ticketId = typeof frame?.ticket_id === 'string' ? frame.ticket_id : null;
      if (!frame || !ticketId) return send(socket, { type: 'error', message: 'Frames are JSON objects with a type and a ticket_id.' });
      try {
        if (frame.type === 'watch') {
          if (watched.has(ticketId)) return;
          if (watched.size >= MAX_WATCHED) return send(socket, { type: 'error', message: `Watch at most ${MAX_WATCHED} tickets at once.` });
          const ticket = await loadVisibleTicket(deps.store, principal, ticketId);
          if (closed || watched.has(ticket.id)) return;
          const off = await deps.bus.subscribe(ticketTopic(ticket.id), (n) => {
            const chat = chatFrame(n);
            if (chat) return send(socket, chat);
            if (!n.type.startsWith('presence.') || n.data?.agent_id === principal.agentId) return;
            send(socket, { type: 'presence', ticket_id: n.ticketId, agent_id: n.data?.agent_id, name: n.data?.name, mode: n.data?.mode ?? null });
          });
          watched.set(ticket.id, { brandId: ticket.brandId, off });
        } else if (frame.type === 'unwatch') {
          const w = watched.get(ticketId);
          if (w) {
            watched.delete(ticketId);
            await publishPresence(ticketId, w.brandId, null);
            await w.off();
          }
        } else if (consoleFrames.has(String(frame.type))) {
          const problem = await consoleFrames.get(String(frame.type))!(deps, principal, ticketId, frame);
          if (problem) return send(socket, { type: 'error', message: problem });
        } else if (frame.type === 'replying' || frame.type === 'stopped') {
          const w = watched.get(ticketId);
          if (!w) return send(socket, { type: 'error', message: 'Watch the ticket first.' });
          const mode = frame.type === 'stopped' ? null : frame.mode === 'note' ? 'note' : 'reply';
          await publishPresence(ticketId, w.brandId, mode);
        }
      } catch {
        send(socket, { type: 'error', message: 'That ticket was not found.' });
      }
    });

    socket.on('close', async () => {
      closed = true;
      for (const [id, w] of watched) {
        await publishPresence(id, w.brandId, null);
        await w.off();
      }
      watched.clear();
      for (const c of cleanups) await c();
    });
    send(socket, { type: 'ready' });
  });
};

/** The status page's socket: public, opened by the link's token in the first frame. */
