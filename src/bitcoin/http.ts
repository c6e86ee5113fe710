/**
 * The HTTP layer shared by the chain backends: Node's global fetch with a timeout per request, no redirects
 * (customer txids and addresses go to the configured host and nowhere else), and failures turned into
 * AppError('unavailable') messages an agent can act on.
 */
import { AppError } from '../core/errors.js';

/** A backend URL split into what fetch may see and what messages may show. */
export interface BackendUrl {
  /** The URL without credentials, ending without a slash. */
  base: string;
  /** scheme://host:port, for messages. */
  label: string;
  /** user:password embedded in the URL, if any (Bitcoin Core style http://user:pass@host:8332). */
  user: string | null;
  password: string | null;
}

/** Parses a backend URL; throws invalid_input for anything that is not http(s). */
export function parseBackendUrl(raw: string, what: string): BackendUrl {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('invalid_input', `${what} "${raw}" is not a URL (expected e.g. http://127.0.0.1:3002/api).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('invalid_input', `${what} must start with http:// or https://.`);
  }
  const user = url.username ? decodeURIComponent(url.username) : null;
  const password = url.password ? decodeURIComponent(url.password) : null;
  url.username = '';
  url.password = '';
  url.hash = '';
  const base = url.toString().replace(/\/+$/, '');
  return { base, label: `${url.protocol}//${url.host}`, user, password };
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Turns a fetch failure into an unavailable AppError that names the backend and the likely cause. */
export function unreachable(err: unknown, label: string, timeoutMs: number, name: string): AppError {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new AppError(
      'unavailable',
      `The ${name} at ${label} did not answer within ${seconds(timeoutMs)}. It may be overloaded, syncing or down; try again shortly, or check the backend.`,
      { backend: label, reason: 'timeout' },
    );
  }
  const code = e?.cause?.code;
  const causeMessage = e?.cause?.message ?? '';
  if (causeMessage === 'unexpected redirect') {
    return new AppError(
      'unavailable',
      `The ${name} at ${label} tried to redirect the request to another address. walletdesk does not follow redirects, so that customer data only goes to the configured backend; fix the backend URL.`,
      { backend: label, reason: 'redirect' },
    );
  }
  if (causeMessage === 'bad port') {
    return new AppError(
      'unavailable',
      `The ${name} URL ${label} uses a port that HTTP clients refuse to connect to (a blocked port). Use the backend's real port.`,
      { backend: label, reason: 'blocked_port' },
    );
  }
  if (code === 'ECONNREFUSED') {
    return new AppError(
      'unavailable',
      `The ${name} at ${label} refused the connection: it is not running, or the URL or port is wrong.`,
      { backend: label, reason: 'refused' },
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new AppError('unavailable', `The ${name} host in ${label} could not be found (DNS). Check the backend URL.`, {
      backend: label,
      reason: 'dns',
    });
  }
  const detail = code ?? (causeMessage || e?.message || 'network error');
  return new AppError('unavailable', `The ${name} at ${label} could not be reached (${detail}).`, {
    backend: label,
    reason: 'network',
  });
}

export interface HttpCall {
  url: string;
  label: string;
  timeoutMs: number;
  /** e.g. "Esplora backend", "Bitcoin Core node": used in messages. */
  name: string;
  init?: RequestInit;
}

/** One request with the timeout applied to headers and body alike. Returns the status and body text. */
export async function httpText(call: HttpCall): Promise<{ status: number; body: string; headers: Headers }> {
  try {
    const res = await fetch(call.url, {
      ...call.init,
      redirect: 'error',
      signal: AbortSignal.timeout(call.timeoutMs),
    });
    const body = await res.text();
    return { status: res.status, body, headers: res.headers };
  } catch (err) {
    throw unreachable(err, call.label, call.timeoutMs, call.name);
  }
}

/** The error for a backend that answered, but not in a way walletdesk understands. */
export function badAnswer(name: string, label: string, what: string): AppError {
  return new AppError('unavailable', `The ${name} at ${label} sent an answer walletdesk does not understand (${what}).`, {
    backend: label,
    reason: 'bad_answer',
  });
}
