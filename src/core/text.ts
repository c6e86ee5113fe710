/** Text rules shared by every edge (HTTP bodies, socket frames) and the store. */

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;

/**
 * Removes NUL (U+0000) from a string, or from every string inside parsed JSON (objects and arrays are cleaned
 * in place, keys too: what JSON and querystring parsers make; bytes are left alone). No database the desk runs on stores NUL in text (PostgreSQL refuses it), and no person
 * types it: it only arrives by mistake or on purpose, and must not make a message impossible to store.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replace(NUL, '') : value) as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = withoutNul(value[i]);
    return value;
  }
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && !(value instanceof Date)) {
    const o = value as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      const clean = withoutNul(key);
      const v = withoutNul(o[key]);
      if (clean !== key) delete o[key];
      o[clean] = v;
    }
  }
  return value;
}
