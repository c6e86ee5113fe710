/** The browser side of /api/v1: JSON in and out, the console's CSRF token on unsafe requests, errors as ApiError. */
import type { Static, TSchema } from '@sinclair/typebox';

/**
 * What a call answers: `get<typeof TicketPage>(path)` names a schema of the server's contract (src/contract) and
 * answers its `Static<>` type; `get<SomeType>(path)` answers that type as before.
 */
export type Answer<T> = T extends TSchema ? Static<T> : T;
/** What a call sends: `post<typeof TicketJson, typeof TicketCreate>(path, body)` checks the body against the contract. */
export type RequestBody<B> = B extends TSchema ? Static<B> : unknown;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** Remembers the CSRF token the sign-in (or /auth/me) returned. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function request<T, B = unknown>(method: string, path: string, body?: RequestBody<B> | FormData, options: RequestOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'network');
  }
  if (res.status === 204) return undefined as Answer<T>;
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const e = (parsed as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'internal', e?.message ?? `HTTP ${res.status}`, e?.details ?? {});
  }
  return parsed as Answer<T>;
}

export const get = <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options);
export const post = <T, B = unknown>(path: string, body?: RequestBody<B>, options?: RequestOptions) => request<T, B>('POST', path, body ?? ({} as RequestBody<B>), options);
export const put = <T, B = unknown>(path: string, body: RequestBody<B>, options?: RequestOptions) => request<T, B>('PUT', path, body, options);
export const patch = <T, B = unknown>(path: string, body: RequestBody<B>, options?: RequestOptions) => request<T, B>('PATCH', path, body, options);
export const del = <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options);

/** Builds a query string from the defined values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** A random key for idempotent sends (a retried form adds one message). */
export function clientKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
