/**
 * A tiny load balancer for the two-instances bench: `node bin/run-ts.js bench/round-robin-proxy.ts PORT [PORT…]`
 * listens on a free loopback port (printed as `listening <port>`) and hands each incoming TCP connection to the
 * next backend in turn, then only pipes bytes (layer 4, like HAProxy in `mode tcp`): keep-alive HTTP connections
 * and WebSocket upgrades pass through untouched, and the proxy parses nothing, so its own CPU stays small.
 */
import { createServer, connect, type Socket } from 'node:net';

const backends = process.argv.slice(2).map(Number);
if (backends.length === 0 || backends.some((p) => !Number.isInteger(p) || p <= 0)) {
  console.error('usage: round-robin-proxy.ts PORT [PORT …]');
  process.exit(2);
}
let next = 0;
const open = new Set<Socket>();
const server = createServer((client) => {
  const port = backends[next++ % backends.length]!;
  const upstream = connect({ host: '127.0.0.1', port });
  for (const s of [client, upstream]) {
    s.setNoDelay(true);
    open.add(s);
    s.once('close', () => open.delete(s));
  }
  client.pipe(upstream);
  upstream.pipe(client);
  // Either side failing ends the pair: the client sees a reset, as behind a real balancer.
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`listening ${typeof a === 'object' && a ? a.port : 0}`);
});
const stop = () => {
  server.close();
  for (const s of open) s.destroy();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
