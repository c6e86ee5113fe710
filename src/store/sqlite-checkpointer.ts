/**
 * Moves SQLite's WAL checkpoints off the event loop. better-sqlite3 is synchronous, and SQLite's automatic
 * checkpoint runs inside whichever commit crosses the threshold, fsync included: on a slow disk that froze the
 * whole server for hundreds of milliseconds (measured with bench/chat: delivery p99 440 ms → 24 ms at 150 msg/s).
 * Instead the main connection never checkpoints, and a worker thread with its own connection runs a PASSIVE
 * checkpoint every half second. PASSIVE takes no writer lock, so commits never wait for it (a TRUNCATE or
 * RESTART checkpoint would, and made commits fail with SQLITE_BUSY under load). Once a checkpoint has copied
 * everything back, the next commit starts the WAL over, and `journal_size_limit` (set by dialect.ts) trims it.
 */
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
let stopping = false;
const tick = () => {
  if (stopping) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or locked: the next tick tries again.
  }
  setTimeout(tick, workerData.everyMs);
};
parentPort.on('message', (m) => {
  if (m === 'stop') {
    stopping = true;
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
    db.close();
    parentPort.postMessage('stopped');
  }
});
tick();
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** Starts checkpointing `file` every `everyMs` in a worker thread. */
export function startCheckpointer(file: string, driver: string, everyMs = 500): Checkpointer {
  // No execArgv: the worker is plain JavaScript and must not load the TypeScript hooks the tests run under.
  const worker = new Worker(WORKER, { eval: true, execArgv: [], workerData: { file, driver, everyMs } });
  worker.unref();
  let stopped: Promise<void> | null = null;
  return {
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        const done = () => {
          void worker.terminate().then(() => resolve());
        };
        worker.once('message', done);
        worker.once('error', done);
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      })),
  };
}
