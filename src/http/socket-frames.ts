/** Small helpers the desk's WebSockets share: JSON frames out and in, and a ping that ends dead connections. */
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { withoutNul } from '../core/text.js';

const PING_MS = 25_000;

/** Sends a JSON frame when the socket is open; frames to a closing socket are dropped (it will resume). */
export function sendFrame(socket: WebSocket, frame: Record<string, unknown>): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

/** A JSON object from a text frame, or null for anything else. */
export function parseFrame(data: unknown): Record<string, unknown> | null {
  try {
    // NUL is dropped here as in every HTTP body (core/text.ts).
    const v = withoutNul(JSON.parse(String(data)) as unknown);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Pings every 25 s and terminates a socket that did not answer the last ping; returns the cleanup. */
export function keepAlive(socket: WebSocket): () => void {
  let alive = true;
  socket.on('pong', () => (alive = true));
  const timer = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, PING_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** A browser's WebSocket always sends Origin: it must be this server (cookies ride along on a cross-site socket). */
export function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true; // not a browser: a bearer token or a test client
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
