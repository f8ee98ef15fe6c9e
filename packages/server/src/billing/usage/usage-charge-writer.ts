import type { AnyKysely } from '../../kernel/db/database.js';
import { coerceError } from '../../kernel/errors.js';
import type { Logger } from '../../kernel/logging.js';
import { insertUsageCharges, type UsageChargeRow } from './usage-charge-store.js';

const flushIntervalMs = 1_000;
const maxBatchRows = 500;

/**
 * Usage records that move no money (models without a price) are written in batches off the
 * request path: one multi-row INSERT per second instead of one transaction per request.
 */
export function createUsageChargeWriter(deps: { db: AnyKysely; logger: Logger }) {
  let pending: UsageChargeRow[] = [];
  let flushing: Promise<void> = Promise.resolve();

  async function writeBatch(rows: UsageChargeRow[]): Promise<void> {
    try {
      for (let index = 0; index < rows.length; index += maxBatchRows) {
        await insertUsageCharges(deps.db, rows.slice(index, index + maxBatchRows));
      }
    } catch (error) {
      deps.logger.error({ err: coerceError(error), rows: rows.length }, 'usage record batch failed');
    }
  }

  function flush(): Promise<void> {
    const rows = pending;
    pending = [];
    flushing = flushing.then(() => (rows.length > 0 ? writeBatch(rows) : undefined));
    return flushing;
  }

  const timer = setInterval(() => void flush(), flushIntervalMs);
  timer.unref();

  return {
    enqueue(row: UsageChargeRow): void {
      pending.push(row);
      if (pending.length >= maxBatchRows) void flush();
    },
    flush,
    async stop(): Promise<void> {
      clearInterval(timer);
      await flush();
    },
  };
}

export type UsageChargeWriter = ReturnType<typeof createUsageChargeWriter>;
