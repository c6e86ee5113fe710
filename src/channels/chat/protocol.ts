/**
 * The chat visitor protocol, apart from its transport (docs/chat.md): the frames a client may send (TypeBox
 * schemas, compiled once), the limits, the per-socket frame bucket, and how an error becomes an error frame and a
 * close code. routes.ts carries it over WebSocket and the HTTP fallback.
 */
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { isAppError } from '../../core/errors.js';
import { t, type Language } from '../../i18n/index.js';
import type { RateLimit, RateLimits } from '../../app/ports.js';
import { ChatClientFrames } from '../../contract/index.js';

export const MAX_FRAME_BYTES = 32 * 1024;
export const VISITOR_BEAT_MS = 60_000;
export const HELLO_TIMEOUT_MS = 15_000;
export const MAX_WAIT_S = 25;

// ---------- frames ----------

export const S = (max: number, min = 0) => Type.String({ maxLength: max, minLength: min });
/** The visitor's frames (src/contract/chat.ts, which the widget reads too). */
export const Frames = ChatClientFrames;
export type FrameType = keyof typeof Frames;
export const checkers = Object.fromEntries(Object.entries(Frames).map(([k, schema]) => [k, TypeCompiler.Compile(schema)])) as {
  [K in FrameType]: ReturnType<typeof TypeCompiler.Compile<(typeof Frames)[K]>>;
};

/** A small token bucket: `burst` at once, refilled at `perSecond`. */
export class Bucket {
  private tokens: number;
  private last = Date.now();
  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {
    this.tokens = burst;
  }
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

// ---------- errors → frames and close codes ----------

export const CLOSE = { malformed: 4400, identity: 4401, forbidden: 4403, notFound: 4404, tooMany: 4429 } as const;

export function frameError(err: unknown, lang: Language = 'en'): { code: string; message: string; close?: number } {
  if (isAppError(err)) {
    if (err.code === 'unauthenticated') return { code: 'identity_required', message: err.message, close: CLOSE.identity };
    if (err.code === 'forbidden') return { code: 'forbidden', message: err.message, close: CLOSE.forbidden };
    if (err.code === 'not_found' && /^(Brand|Chat session)\b/.test(err.message)) return { code: 'not_found', message: err.message, close: CLOSE.notFound };
    if (err.code === 'invalid_input' || err.code === 'payload_too_large') return { code: 'invalid_input', message: err.message };
    if (err.code === 'not_found') return { code: 'not_found', message: err.message };
    if (err.code === 'rate_limited') return { code: 'rate_limited', message: err.message };
  }
  return { code: 'unavailable', message: t(lang, 'chat.error.unavailable') };
}

/**
 * The limits shared by every instance (Redis when configured): 30 new chats a minute per address, 20 messages per
 * 10 seconds per session (WebSocket and HTTP fallback together). Frames and sockets are counted per instance.
 */
export function chatLimits(limits: RateLimits): { newSessions: RateLimit; sessionMessages: RateLimit } {
  return {
    newSessions: limits.define('chat-new-session', { points: 30, durationSec: 60 }),
    sessionMessages: limits.define('chat-message', { points: 20, durationSec: 10 }),
  };
}
