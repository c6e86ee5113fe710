/**
 * How much a run of Chinese wordlist characters looks like prose rather than a random recovery phrase.
 *
 * A phrase is 12–24 characters drawn uniformly from the 2048 of the list; prose is made of words and leans on
 * a few hundred frequent characters. The score is the mean per-character log-likelihood ratio of a small
 * character model (zh-model-data.ts) against the uniform draw: around −1.2 for phrases, above 0.5 for prose.
 */
import { ZH_MODEL_DATA, ZH_MODEL_LAMBDA, ZH_MODEL_PAIRS } from './zh-model-data.js';

interface Model {
  uni: Int8Array;
  /** Value for b after a when (a, b) is not in the table: log((1 − λ)·P(b)·2048), in sixteenths. */
  uniAfter: Float64Array;
  /** Open addressing over key a·2048 + b (+1, so 0 means empty): faster than a Map on this hot path. */
  keys: Int32Array;
  vals: Int8Array;
  mask: number;
}

let model: Model | null = null;

function load(): Model {
  const bytes = Buffer.from(ZH_MODEL_DATA, 'base64');
  const uni = new Int8Array(bytes.buffer, bytes.byteOffset, 2048).slice();
  const shift = 16 * Math.log(1 - ZH_MODEL_LAMBDA);
  const uniAfter = Float64Array.from(uni, (u) => u + shift);
  const size = 1 << 17;
  const keys = new Int32Array(size);
  const vals = new Int8Array(size);
  const mask = size - 1;
  let pos = 2048;
  let key = 0;
  for (let n = 0; n < ZH_MODEL_PAIRS; n++) {
    let delta = 0;
    let mul = 1;
    for (;;) {
      const b = bytes[pos++] as number;
      delta += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
    key += delta;
    let i = slot(key, mask);
    while (keys[i] !== 0) i = (i + 1) & mask;
    keys[i] = key + 1;
    vals[i] = ((bytes[pos++] as number) << 24) >> 24;
  }
  return { uni, uniAfter, keys, vals, mask };
}

const slot = (key: number, mask: number): number => Math.imul(key, 0x9e3779b1) >>> 15 & mask;

/** The model's value for character b after character a. */
function pairValue(m: Model, a: number, b: number): number {
  const key = a * 2048 + b + 1;
  let i = slot(key - 1, m.mask);
  for (;;) {
    const k = m.keys[i] as number;
    if (k === key) return m.vals[i] as number;
    if (k === 0) return m.uniAfter[b] as number;
    i = (i + 1) & m.mask;
  }
}

/** Mean log-likelihood ratio (nats per character) of list indices ids[from..to) being prose. */
export function proseScore(ids: ArrayLike<number>, from: number, to: number): number {
  const m = (model ??= load());
  let sum = m.uni[ids[from] as number] as number;
  for (let i = from + 1; i < to; i++) sum += pairValue(m, ids[i - 1] as number, ids[i] as number);
  return sum / 16 / (to - from);
}

/**
 * Prefix sums of the model's per-character values over ids[from..to): out[k] is the sum for
 * ids[from..from+k) when the stretch starts at `from`. Lets every window of a group be scored in O(1)
 * with windowScore.
 */
export function prefixScores(ids: ArrayLike<number>, from: number, to: number, out: Float64Array): void {
  const m = (model ??= load());
  out[0] = 0;
  out[1] = 0;
  for (let i = from + 1; i < to; i++) {
    out[i - from + 1] = (out[i - from] as number) + pairValue(m, ids[i - 1] as number, ids[i] as number);
  }
}

/** proseScore of ids[x..y) from prefixScores computed for a stretch starting at `from` (x ≥ from). */
export function windowScore(ids: ArrayLike<number>, prefix: Float64Array, from: number, x: number, y: number): number {
  model ??= load();
  // The first character of the window has no predecessor inside it: unigram value instead of its pair.
  const inner = (prefix[y - from] as number) - (prefix[x - from + 1] as number);
  return ((model.uni[ids[x] as number] as number) + inner) / 16 / (y - x);
}
