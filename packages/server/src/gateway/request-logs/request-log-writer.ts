import type { AnyKysely } from '../../kernel/db/database.js';
import { coerceError } from '../../kernel/errors.js';
import type { Logger } from '../../kernel/logging.js';
import { insertRequestLogs, type RequestLogRow } from './request-log-store.js';

/**
 * Request logs are written off the request path in batches: a record is queued when the response
 * ends and a timer inserts the queue every `flushIntervalMs` (or at `maxQueued`) in one statement.
 * A crash loses at most one interval of log lines, never usage billing, which billing settles itself.
 */
export function createRequestLogWriter(deps: {
  db: AnyKysely;
  logger: Logger;
  flushIntervalMs?: number;
  maxQueued?: number;
}) {
  const maxQueued = deps.maxQueued ?? 500;
  let queue: RequestLogRow[] = [];
  let flushing: Promise<void> = Promise.resolve();

  /** Resolves once everything queued before the call is written, including a write already running. */
  function flush(): Promise<void> {
    const batch = queue;
    queue = [];
    flushing = flushing.then(() =>
      batch.length === 0
        ? undefined
        : insertRequestLogs(deps.db, batch).catch((error) => {
            deps.logger.error({ err: coerceError(error), lost: batch.length }, 'request log insert failed');
          }),
    );
    return flushing;
  }

  const timer = setInterval(() => void flush(), deps.flushIntervalMs ?? 250);
  timer.unref();

  return {
    enqueue(row: RequestLogRow): void {
      queue.push(row);
      if (queue.length >= maxQueued) void flush();
    },
    flush,
    async stop(): Promise<void> {
      clearInterval(timer);
      await flush();
    },
  };
}
export type RequestLogWriter = ReturnType<typeof createRequestLogWriter>;
