/**
 * The custodial provider's account-action webhook: the body, its signature and one call. The body's bytes are
 * what is signed: `X-Walletdesk-Signature: sha256=<hex HMAC-SHA256(raw body, the brand's webhook secret)>`.
 */
import { createHmac } from 'node:crypto';
import type { AccountActionBody } from '../core/freeze.js';

/** The raw JSON body (fields in the documented order). */
export function webhookBody(body: AccountActionBody): string {
  return JSON.stringify({ action: body.action, account_ref: body.account_ref, ticket_id: body.ticket_id, actor: body.actor, reason: body.reason, at: body.at });
}

/** The X-Walletdesk-Signature header value for a raw body. */
export function webhookSignature(rawBody: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** One POST; resolves with the status (0 when the provider could not be reached) and never throws. */
export async function callWebhook(url: string, rawBody: string, secret: string, timeoutMs = 10_000): Promise<{ status: number; error: string | null }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-walletdesk-signature': webhookSignature(rawBody, secret), 'user-agent': 'walletdesk-account-webhook/1' },
      body: rawBody,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status, error: res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}` };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { status: 0, error: (cause ?? (err instanceof Error ? err.name : 'error')).slice(0, 100) };
  }
}
