/**
 * A private PostgreSQL cluster for tests that stop and restart the database (failover, a database that is down
 * at start). It lives in a temporary folder, listens on its own free loopback port with its socket in that
 * folder, and is never the shared server at 5432. As root, the server binaries run as the `postgres` user.
 */
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PrivateCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  start(): Promise<void>;
  /** pg_ctl stop: 'fast' ends sessions cleanly (57P01), 'immediate' kills the server and recovers on start. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  /** Stops the server (if running) and deletes its folder; safe to call twice. */
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Debian keeps initdb and pg_ctl off PATH, in /usr/lib/postgresql/<major>/bin. */
function binary(name: string): string {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const major of majors) if (existsSync(join(debian, major, 'bin', name))) return join(debian, major, 'bin', name);
  }
  return name;
}

/** True when initdb and pg_ctl can be run here (else the suites that need them skip, saying why). */
export async function havePostgresBinaries(): Promise<boolean> {
  try {
    await run(binary('initdb'), ['--version']);
    await run(binary('pg_ctl'), ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** Creates (initdb) a cluster in a temporary folder; `start` it before use. */
export async function createPrivateCluster(): Promise<PrivateCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'walletdesk-pg-'));
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: hand the folder to the postgres user and run its binaries as that user.
  const exec = (cmd: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', binary(cmd), ...args]) : run(binary(cmd), args));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const uid = Number(stdout.trim());
    chownSync(dir, uid, -1);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const port = await freePort();
  await exec('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const options = `-F -c fsync=off -c full_page_writes=off -p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  const pgCtl = (...args: string[]) => exec('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', ...args]);
  let destroyed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await pgCtl('-o', options, 'start');
    },
    async stop(mode = 'fast') {
      await pgCtl('-m', mode, 'stop');
    },
    async restart(mode) {
      await pgCtl('-m', mode, '-o', options, 'restart');
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      // Stop whatever state it is in (a failed start may have left a server up).
      await pgCtl('-m', 'immediate', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
