/** A local HTTP server with a clean shutdown, shared by the fake chain backends. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  server: http.Server;
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 on a free port. close() also drops connections that are still waiting. */
export async function listen(handler: http.RequestListener): Promise<Listening> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on which nothing listens: a backend that is down. */
export async function closedPortUrl(path = ''): Promise<string> {
  const l = await listen(() => undefined);
  await l.close();
  return `http://127.0.0.1:${l.port}${path}`;
}

/** A server that accepts connections and never answers: a backend that hangs. */
export async function startHangingServer(): Promise<{ url: string; requests: number; close(): Promise<void> }> {
  const state = { requests: 0 };
  const l = await listen(() => {
    state.requests++;
  });
  return {
    url: `http://127.0.0.1:${l.port}`,
    get requests() {
      return state.requests;
    },
    close: l.close,
  };
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
