import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever commit
 * crosses 1,000 WAL pages: it copies the pages into the database file and fsyncs both, several
 * milliseconds during which better-sqlite3 blocks the event loop and every request in flight waits.
 *
 * Once the WAL has grown past `startAtWalBytes` (a busy server, not a short-lived test database), a
 * worker thread with its own connection takes over: it runs PASSIVE checkpoints (which never block
 * the writer) every `intervalMs`, and the main connection's automatic checkpoint is switched off.
 * If the worker stops for any reason the automatic checkpoint is switched back on, so the WAL can
 * never grow without bound.
 */
export function startSqliteCheckpointer(options: {
  connection: SqliteDatabase.Database;
  filePath: string;
  startAtWalBytes?: number;
  intervalMs?: number;
}): { stop(): Promise<void> } {
  const { connection, filePath } = options;
  const startAtWalBytes = options.startAtWalBytes ?? 1024 * 1024;
  const intervalMs = options.intervalMs ?? 250;
  const walPath = `${filePath}-wal`;
  let worker: Worker | undefined;
  let isStopped = false;

  const restoreAutomatic = () => {
    if (connection.open) connection.pragma('wal_autocheckpoint = 1000');
  };

  const startWorker = () => {
    const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(workerSource, { eval: true, workerData: { modulePath, filePath, intervalMs } });
    worker.unref();
    worker.on('message', (message) => {
      if (message === 'ready' && !isStopped && connection.open) connection.pragma('wal_autocheckpoint = 0');
    });
    worker.on('error', restoreAutomatic);
    worker.on('exit', restoreAutomatic);
  };

  const watch = setInterval(() => {
    let walBytes = 0;
    try {
      walBytes = fs.statSync(walPath).size;
    } catch {
      return;
    }
    if (walBytes < startAtWalBytes) return;
    clearInterval(watch);
    startWorker();
  }, 1_000);
  watch.unref();

  return {
    async stop() {
      isStopped = true;
      clearInterval(watch);
      if (worker) await worker.terminate();
    },
  };
}

/** Runs in the worker: CommonJS, so `require` is at hand. */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.filePath, { fileMustExist: true });
db.pragma('busy_timeout = 0');
parentPort.postMessage('ready');
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // SQLITE_BUSY: another checkpoint or a schema change holds the lock; the next tick retries.
  }
}, workerData.intervalMs);
`;
