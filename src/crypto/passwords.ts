import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot read.
const ARGON2ID = 2;
import type { PasswordHasher } from '../app/ports.js';

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 passes). Tests pass cheaper settings; they must never
 * be used in production.
 */
export function argon2Hasher(options: { memoryCost?: number; timeCost?: number } = {}): PasswordHasher {
  const params = {
    algorithm: ARGON2ID,
    memoryCost: options.memoryCost ?? 19_456,
    timeCost: options.timeCost ?? 2,
    parallelism: 1,
  };
  return {
    hash: (password) => hash(password, params),
    async verify(stored, password) {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
  };
}
