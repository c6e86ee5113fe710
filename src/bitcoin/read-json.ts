/**
 * Small readers for vendor JSON: each returns the typed value or throws ShapeError naming the path,
 * which the backend turns into an "answer walletdesk does not understand" error.
 */

export class ShapeError extends Error {
  constructor(path: string, expected: string) {
    super(`${path}: expected ${expected}`);
    this.name = 'ShapeError';
  }
}

export type Json = unknown;

export function asObject(v: Json, path: string): Record<string, Json> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ShapeError(path, 'an object');
  return v as Record<string, Json>;
}

export function asArray(v: Json, path: string): Json[] {
  if (!Array.isArray(v)) throw new ShapeError(path, 'an array');
  return v;
}

export function asNumber(v: Json, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ShapeError(path, 'a number');
  return v;
}

export function asString(v: Json, path: string): string {
  if (typeof v !== 'string') throw new ShapeError(path, 'a string');
  return v;
}

export function asBoolean(v: Json, path: string): boolean {
  if (typeof v !== 'boolean') throw new ShapeError(path, 'true or false');
  return v;
}

export function optNumber(v: Json, path: string): number | null {
  return v === undefined || v === null ? null : asNumber(v, path);
}

export function optString(v: Json, path: string): string | null {
  return v === undefined || v === null ? null : asString(v, path);
}

export function optBoolean(v: Json, path: string): boolean | null {
  return v === undefined || v === null ? null : asBoolean(v, path);
}

/** JSON.parse that reports a ShapeError instead of a SyntaxError. */
export function parseJson(text: string, path: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new ShapeError(path, 'JSON');
  }
}
