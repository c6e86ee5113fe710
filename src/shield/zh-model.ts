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
  pairs: Map<number, number>;
}

let model: Model | null = null;

function load(): Model {
  const bytes = Buffer.from(ZH_MODEL_DATA, 'base64');
  const uni = new Int8Array(bytes.buffer, bytes.byteOffset, 2048).slice();
  const shift = 16 * Math.log(1 - ZH_MODEL_LAMBDA);
  const uniAfter = Float64Array.from(uni, (u) => u + shift);
  const pairs = new Map<number, number>();
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
    pairs.set(key, ((bytes[pos++] as number) << 24) >> 24);
  }
  return { uni, uniAfter, pairs };
}

/** Mean log-likelihood ratio (nats per character) of list indices ids[from..to) being prose. */
export function proseScore(ids: ArrayLike<number>, from: number, to: number): number {
  model ??= load();
  const { uni, uniAfter, pairs } = model;
  let sum = uni[ids[from] as number] as number;
  for (let i = from + 1; i < to; i++) {
    const a = ids[i - 1] as number;
    const b = ids[i] as number;
    sum += pairs.get(a * 2048 + b) ?? (uniAfter[b] as number);
  }
  return sum / 16 / (to - from);
}

/**
 * Prefix sums of the model's per-character values over ids[from..to): out[k] is the sum for
 * ids[from..from+k) when the stretch starts at `from`. Lets every window of a group be scored in O(1)
 * with windowScore.
 */
export function prefixScores(ids: ArrayLike<number>, from: number, to: number, out: Float64Array): void {
  model ??= load();
  const { uniAfter, pairs } = model;
  out[0] = 0;
  for (let i = from; i < to; i++) {
    const b = ids[i] as number;
    const v = i === from ? 0 : (pairs.get((ids[i - 1] as number) * 2048 + b) ?? (uniAfter[b] as number));
    out[i - from + 1] = (out[i - from] as number) + v;
  }
}

/** proseScore of ids[x..y) from prefixScores computed for a stretch starting at `from` (x ≥ from). */
export function windowScore(ids: ArrayLike<number>, prefix: Float64Array, from: number, x: number, y: number): number {
  model ??= load();
  // The first character of the window has no predecessor inside it: unigram value instead of its pair.
  const inner = (prefix[y - from] as number) - (prefix[x - from + 1] as number);
  return ((model.uni[ids[x] as number] as number) + inner) / 16 / (y - x);
}
