/**
 * Live chat on one instance. The desk runs in a child process (bench/chat-server.ts). This process opens
 * BENCH_CHAT_SOCKETS visitor sockets (default 5,000; each says hello and gets its session), spread over 200
 * loopback source addresses as real visitors come from many addresses (so the per-address limits stay on), and
 * one agent console socket. Then BENCH_CHAT_ACTIVE of the visitors (default 500) open a conversation each and
 * send BENCH_CHAT_RATE messages per second in all (default 500) for BENCH_CHAT_SECONDS (default 20).
 * Delivery is measured from the visitor's send to the agent console hearing of that message
 * (notice with its message id). Prints one JSON line: sockets, connect time, RSS idle/under load, ack and
 * delivery p50/p99, achieved rate.
 */
import { fork, type ChildProcess } from 'node:child_process';
import WebSocket from 'ws';

const SOCKETS = Number(process.env.BENCH_CHAT_SOCKETS ?? 5000);
const ACTIVE = Math.min(SOCKETS, Number(process.env.BENCH_CHAT_ACTIVE ?? 500));
const RATE = Number(process.env.BENCH_CHAT_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_CHAT_SECONDS ?? 20);
const ADDRESSES = 200;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number) => Math.round(n * 10) / 10;

type Info = { url: string; brand: string; cookie: string; store: string; rss: number };
const server: ChildProcess = fork('bench/chat-server.ts', [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const info = await new Promise<Info>((resolve) => server.once('message', (m) => resolve(m as Info)));
const rss = () =>
  new Promise<number>((resolve) => {
    server.once('message', (m) => resolve((m as { rss: number }).rss));
    server.send({ rss: true });
  });
const wsUrl = `${info.url.replace('http', 'ws')}`;

interface Visitor {
  ws: WebSocket;
  sentAt: Map<string, number>;
}
const sentAtByMessage = new Map<string, number>();
const acks: number[] = [];
const deliveries: number[] = [];
const heardAt = new Map<string, number>();

function openVisitor(i: number): Promise<Visitor> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}/chat/v1/socket`, { localAddress: `127.0.0.${2 + (i % ADDRESSES)}` });
    const v: Visitor = { ws, sentAt: new Map() };
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as { type: string; client_id?: string; message?: { id: string } };
      if (f.type === 'hello_please') ws.send(JSON.stringify({ type: 'hello', brand: info.brand, language: 'en' }));
      else if (f.type === 'welcome') resolve(v);
      else if (f.type === 'ack' && f.client_id && f.message) {
        const t0 = v.sentAt.get(f.client_id);
        if (t0 !== undefined) {
          acks.push(performance.now() - t0);
          sentAtByMessage.set(f.message.id, t0);
        }
      } else if (f.type === 'error') reject(new Error(JSON.stringify(f)));
    });
    ws.once('error', reject);
  });
}

// The agent's console.
const agent = new WebSocket(`${wsUrl}/api/v1/live`, { headers: { cookie: info.cookie } });
agent.on('message', (data) => {
  const f = JSON.parse(String(data)) as { type: string; notice?: { data?: { message_id?: string } } };
  const id = f.notice?.data?.message_id;
  if (f.type === 'notice' && id) heardAt.set(id, performance.now());
});
await new Promise((r) => agent.once('open', r));

const t0 = performance.now();
const visitors: Visitor[] = [];
for (let i = 0; i < SOCKETS; i += 200) {
  visitors.push(...(await Promise.all(Array.from({ length: Math.min(200, SOCKETS - i) }, (_, k) => openVisitor(i + k)))));
}
const connectS = (performance.now() - t0) / 1000;
await new Promise((r) => setTimeout(r, 1000));
const rssIdle = await rss();

let seq = 0;
const send = (v: Visitor, body: string) => {
  const clientId = `b${(seq++).toString(36).padStart(8, '0')}`;
  v.sentAt.set(clientId, performance.now());
  v.ws.send(JSON.stringify({ type: 'message', client_id: clientId, body }));
};
// Each active visitor opens a conversation first (the ticket), so that the timed phase is a conversation's messages.
const active = visitors.slice(0, ACTIVE);
for (let i = 0; i < active.length; i += 50) {
  for (const v of active.slice(i, i + 50)) send(v, 'My transaction has been unconfirmed since this morning, what should I do?');
  await new Promise((r) => setTimeout(r, 100));
}
// Wait for every conversation to be open (all acknowledged), then for the desk to settle.
for (let i = 0; i < 600 && acks.length < active.length; i++) await new Promise((r) => setTimeout(r, 100));
await new Promise((r) => setTimeout(r, 2000));
acks.length = 0;
sentAtByMessage.clear();
heardAt.clear();

server.send({ profile: 'start' });
const timedStart = performance.now();
const total = RATE * SECONDS;
let sent = 0;
const tickMs = 20;
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const due = Math.min(total, Math.floor(((performance.now() - timedStart) / 1000) * RATE));
    while (sent < due) {
      send(active[sent % active.length]!, `Still waiting, message ${sent}: the fee was 2 sat/vB.`);
      sent++;
    }
    if (sent >= total) {
      clearInterval(timer);
      resolve();
    }
  }, tickMs);
});
const rssLoad = await rss();
server.send({ profile: 'stop' });
await new Promise((r) => setTimeout(r, 3000));
const elapsed = (performance.now() - timedStart) / 1000 - 3;

for (const [id, t] of sentAtByMessage) {
  const heard = heardAt.get(id);
  if (heard !== undefined) deliveries.push(heard - t);
}
if (process.env.BENCH_TRACE) {
  const series = [...sentAtByMessage].map(([id, t]) => [Math.round(t - timedStart), Math.round((heardAt.get(id) ?? NaN) - t)]).sort((a, b) => a[0]! - b[0]!);
  const buckets = new Map<number, number>();
  for (const [t, l] of series) buckets.set(Math.floor(t! / 250), Math.max(buckets.get(Math.floor(t! / 250)) ?? 0, l!));
  console.error([...buckets].map(([b, l]) => `${b * 250}:${l}`).join(' '));
}
acks.sort((a, b) => a - b);
deliveries.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    bench: 'chat',
    store: info.store,
    sockets: visitors.filter((v) => v.ws.readyState === WebSocket.OPEN).length,
    connect_s: round(connectS),
    rss_idle_mb: Math.round(rssIdle / 2 ** 20),
    rss_load_mb: Math.round(rssLoad / 2 ** 20),
    messages: total,
    acked: acks.length,
    delivered: deliveries.length,
    achieved_per_s: Math.round(acks.length / elapsed),
    ack_p50_ms: round(percentile(acks, 50)),
    ack_p99_ms: round(percentile(acks, 99)),
    delivery_p50_ms: round(percentile(deliveries, 50)),
    delivery_p99_ms: round(percentile(deliveries, 99)),
  }),
);
for (const v of visitors) v.ws.terminate();
agent.terminate();
server.send({ stop: true });
await new Promise((r) => server.once('exit', r));
