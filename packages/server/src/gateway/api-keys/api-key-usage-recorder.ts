import type { Clock } from '../../kernel/clock.js';
import type { AnyKysely } from '../../kernel/db/database.js';
import { coerceError } from '../../kernel/errors.js';
import type { Logger } from '../../kernel/logging.js';
import { touchApiKeys } from './api-key-store.js';

/**
 * last_used_at, written off the request path: the request only sets a map entry; a timer writes
 * the latest time per key every `flushIntervalMs`, so a key used 1,000 times a second costs one
 * UPDATE per interval instead of 1,000.
 */
export function createApiKeyUsageRecorder(deps: {
  db: AnyKysely;
  clock: Clock;
  logger: Logger;
  flushIntervalMs?: number;
}) {
  let pending = new Map<string, number>();
  let flushing: Promise<void> = Promise.resolve();

  /** Resolves once every mark made before the call is written, including a write already running. */
  function flush(): Promise<void> {
    const batch = pending;
    pending = new Map();
    flushing = flushing.then(() =>
      batch.size === 0
        ? undefined
        : touchApiKeys(deps.db, batch).catch((error) => {
            deps.logger.warn({ err: coerceError(error) }, 'api key last_used_at update failed');
          }),
    );
    return flushing;
  }

  const timer = setInterval(() => void flush(), deps.flushIntervalMs ?? 5_000);
  timer.unref();

  return {
    markUsed(keyId: string): void {
      pending.set(keyId, deps.clock.nowMs());
    },
    flush,
    async stop(): Promise<void> {
      clearInterval(timer);
      await flush();
    },
  };
}
export type ApiKeyUsageRecorder = ReturnType<typeof createApiKeyUsageRecorder>;
