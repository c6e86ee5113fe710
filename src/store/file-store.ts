/**
 * Attachments on local disk, content-addressed: <dir>/ab/cd/<sha256>. Writes are atomic (temp file + rename).
 * Folders are created 0700 and files 0600: attachments are customers' data, for the desk's user only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileStore } from '../app/ports.js';

export function localFileStore(dir: string): FileStore {
  const pathOf = (sha: string) => join(dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  return {
    async put(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const path = pathOf(sha);
      try {
        await access(path);
        return sha;
      } catch {
        // not stored yet
      }
      await mkdir(join(dir, sha.slice(0, 2), sha.slice(2, 4)), { recursive: true, mode: 0o700 });
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, bytes, { flush: true, mode: 0o600 });
      await rename(tmp, path);
      return sha;
    },
    async get(sha) {
      if (!/^[0-9a-f]{64}$/.test(sha)) return null;
      try {
        return await readFile(pathOf(sha));
      } catch {
        return null;
      }
    },
  };
}
