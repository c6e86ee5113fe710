/** A WebSocket that reconnects with backoff and hands each JSON frame to the listener. */
export interface LiveSocket {
  send(frame: Record<string, unknown>): void;
  close(): void;
}

export function openLive(
  path: string,
  onFrame: (frame: Record<string, unknown>) => void,
  options: {
    onOpen?: (send: (f: Record<string, unknown>) => void) => void;
    onStatus?: (up: boolean) => void;
    firstFrame?: string;
    /** The server closed with 4401: the session ended (signed out, password changed, deactivated). */
    onSessionEnded?: () => void;
  } = {},
): LiveSocket {
  let ws: WebSocket | null = null;
  let closed = false;
  let delay = 1000;
  let ready = false;
  const queue: string[] = [];
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
  const raw = (f: Record<string, unknown>) => {
    const text = JSON.stringify(f);
    if (ws && ready && ws.readyState === WebSocket.OPEN) ws.send(text);
    else queue.push(text);
  };
  const connect = () => {
    if (closed) return;
    ready = false;
    ws = new WebSocket(url);
    ws.onmessage = (e) => {
      let frame: Record<string, unknown>;
      try {
        frame = JSON.parse(String(e.data)) as Record<string, unknown>;
      } catch {
        return;
      }
      // The server drops frames sent before its first one, so nothing is sent until it speaks.
      if (!ready && frame.type === (options.firstFrame ?? 'ready')) {
        ready = true;
        delay = 1000;
        options.onStatus?.(true);
        options.onOpen?.((f) => ws?.send(JSON.stringify(f)));
        for (const text of queue.splice(0)) ws?.send(text);
      }
      onFrame(frame);
    };
    ws.onclose = (e) => {
      ready = false;
      options.onStatus?.(false);
      if (closed || e.code === 1008) return;
      // The session is gone: reconnecting cannot help, the person must sign in again.
      if (e.code === 4401) return options.onSessionEnded?.();
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30_000);
    };
  };
  connect();
  return {
    send: raw,
    close() {
      closed = true;
      ws?.close();
    },
  };
}
