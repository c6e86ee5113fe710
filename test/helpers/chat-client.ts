/** A chat client for tests: a real WebSocket, every frame kept, and waits for the frame a test expects. */
import WebSocket from 'ws';

export type Frame = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ChatClient {
  ws: WebSocket;
  frames: Frame[];
  send(frame: Frame): void;
  /** Takes the first frame (kept or still to come) that matches. */
  next(pred: (f: Frame) => boolean, ms?: number): Promise<Frame>;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
}

export async function connectChat(baseUrl: string, headers: Record<string, string> = {}): Promise<ChatClient> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/chat/v1/socket`, { headers });
  const frames: Frame[] = [];
  const waiters: Array<() => void> = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  ws.on('message', (d) => {
    frames.push(JSON.parse(String(d)) as Frame);
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (pred: (f: Frame) => boolean, ms = 4000) =>
    new Promise<Frame>((resolve, reject) => {
      let done = false;
      const timer = setTimeout(() => {
        done = true;
        reject(new Error(`no matching frame; got ${JSON.stringify(frames).slice(0, 2000)}`));
      }, ms);
      const check = () => {
        if (done) return;
        const i = frames.findIndex(pred);
        if (i >= 0) {
          clearTimeout(timer);
          done = true;
          resolve(frames.splice(i, 1)[0]!);
        } else waiters.push(check);
      };
      check();
    });
  await next((f) => f.type === 'hello_please');
  return { ws, frames, send: (f) => ws.send(JSON.stringify(f)), next, closed };
}

/** Opens a session (hello → welcome) on a new socket. */
export async function startChat(baseUrl: string, hello: Frame, headers: Record<string, string> = {}): Promise<{ client: ChatClient; welcome: Frame }> {
  const client = await connectChat(baseUrl, headers);
  client.send({ type: 'hello', ...hello });
  const welcome = await client.next((f) => f.type === 'welcome' || f.type === 'error');
  return { client, welcome };
}
