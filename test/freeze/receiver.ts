/**
 * A custodial provider's account-action endpoint, written from the documented contract only (not from the
 * desk's code): it checks `X-Walletdesk-Signature: sha256=<hex HMAC-SHA256 of the raw body>` with the shared
 * secret in constant time, parses the JSON, and answers with the next status of a script (e.g. 500 then 200).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface ReceivedCall {
  rawBody: string;
  signatureOk: boolean;
  body: Record<string, unknown>;
  status: number;
}

export interface Receiver {
  url: string;
  calls: ReceivedCall[];
  secret: { value: string };
  /** Statuses to answer with, in order; 200 once the script is used up. */
  script: number[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const calls: ReceivedCall[] = [];
  const secret = { value: '' };
  const script: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const header = String(req.headers['x-walletdesk-signature'] ?? '');
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret.value).update(raw).digest('hex')}`);
      const given = Buffer.from(header);
      const signatureOk = req.method === 'POST' && req.headers['content-type'] === 'application/json' && given.length === expected.length && timingSafeEqual(given, expected);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        // left empty: the test sees it
      }
      const status = signatureOk ? (script.shift() ?? 200) : 401;
      calls.push({ rawBody: raw.toString('utf8'), signatureOk, body, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/walletdesk/account-actions`, calls, secret, script, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
