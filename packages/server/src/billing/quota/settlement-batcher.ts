import type { QuotaReservation, QuotaService, SettlementResult, SettleRequest } from './quota-service.js';

interface Pending {
  reservation: QuotaReservation;
  request: SettleRequest;
  resolve(result: SettlementResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit for settlements. Settling happens after the response has ended, so nobody waits on it
 * but the request's bookkeeping; settlements that arrive while one batch is being written go into the
 * next, and each batch is one write transaction instead of two commits per request.
 *
 * A batch that fails as a whole (a lock timeout, a broken connection) falls back to `settleOne` per
 * item, which records each settlement durably before applying it, so the sweeper retries whatever
 * still fails. A crash loses at most the queued batch's settlements; their reservations stay `held`
 * and the sweeper releases them, exactly as for a crash before settlement.
 */
export function createSettlementBatcher(deps: {
  quota: Pick<QuotaService, 'settleMany'>;
  settleOne(reservation: QuotaReservation, request: SettleRequest): Promise<SettlementResult>;
  maxBatch?: number;
}) {
  const maxBatch = deps.maxBatch ?? 256;
  let queue: Pending[] = [];
  let isWriting = false;
  let isScheduled = false;

  async function writeBatch(batch: Pending[]): Promise<void> {
    try {
      const results = await deps.quota.settleMany(batch);
      for (const [index, pending] of batch.entries()) pending.resolve(results[index] as SettlementResult);
    } catch {
      for (const pending of batch) {
        deps.settleOne(pending.reservation, pending.request).then(pending.resolve, pending.reject);
      }
    }
  }

  async function drain(): Promise<void> {
    isScheduled = false;
    if (isWriting) return;
    isWriting = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        await writeBatch(batch);
      }
    } finally {
      isWriting = false;
    }
  }

  return {
    settle(reservation: QuotaReservation, request: SettleRequest): Promise<SettlementResult> {
      return new Promise<SettlementResult>((resolve, reject) => {
        queue.push({ reservation, request, resolve, reject });
        // setImmediate, not a timer: settlements of one event-loop turn share a batch, and an idle
        // server writes a lone settlement at once.
        if (!isScheduled && !isWriting) {
          isScheduled = true;
          setImmediate(() => void drain());
        }
      });
    },
    /** Waits until everything queued so far is written. */
    async flush(): Promise<void> {
      while (queue.length > 0 || isWriting || isScheduled) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

export type SettlementBatcher = ReturnType<typeof createSettlementBatcher>;
