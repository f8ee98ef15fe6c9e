import { describe, expect, it } from 'vitest';
import type { QuotaReservation, SettlementResult, SettleRequest } from './quota-service.js';
import { createSettlementBatcher } from './settlement-batcher.js';

const usage = { input: 1, cache_read: 0, cache_write: 0, output: 1, reasoning: 0 };

function reservation(id: string): QuotaReservation {
  return { id, userId: 'usr_1', keyId: null, model: 'm', amountMicros: 10, price: undefined };
}

function request(requestId: string): SettleRequest {
  return { usage, usageSource: 'reported', requestId };
}

function resultFor(item: { request: SettleRequest }): SettlementResult {
  return {
    costMicros: Number(item.request.requestId?.slice(1)),
    chargedMicros: 0,
    pricingMissing: true,
    price: undefined,
  };
}

describe(createSettlementBatcher.name, () => {
  it('writes the settlements of one event-loop turn as one batch and the next arrivals as another', async () => {
    const batches: string[][] = [];
    const batcher = createSettlementBatcher({
      quota: {
        settleMany: async (items) => {
          batches.push(items.map((item) => item.request.requestId as string));
          return items.map(resultFor);
        },
      },
      settleOne: () => Promise.reject(new Error('not expected')),
    });
    const first = [1, 2, 3].map((n) => batcher.settle(reservation(`rsv_${n}`), request(`r${n}`)));
    const results = await Promise.all(first);
    expect(results.map((result) => result.costMicros)).toEqual([1, 2, 3]);
    await batcher.settle(reservation('rsv_4'), request('r4'));
    expect(batches).toEqual([['r1', 'r2', 'r3'], ['r4']]);
  });

  it('caps a batch and keeps order across batches', async () => {
    const batches: string[][] = [];
    const batcher = createSettlementBatcher({
      maxBatch: 2,
      quota: {
        settleMany: async (items) => {
          batches.push(items.map((item) => item.request.requestId as string));
          return items.map(resultFor);
        },
      },
      settleOne: () => Promise.reject(new Error('not expected')),
    });
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.settle(reservation(`rsv_${n}`), request(`r${n}`))));
    expect(batches).toEqual([['r1', 'r2'], ['r3', 'r4'], ['r5']]);
  });

  it('settles each item on its own when the batch fails, and reports the ones that still fail', async () => {
    const settledOne: string[] = [];
    const batcher = createSettlementBatcher({
      quota: { settleMany: () => Promise.reject(new Error('database is locked')) },
      settleOne: async (_reservation, settleRequest) => {
        if (settleRequest.requestId === 'r2') throw new Error('still failing');
        settledOne.push(settleRequest.requestId as string);
        return resultFor({ request: settleRequest });
      },
    });
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map((n) => batcher.settle(reservation(`rsv_${n}`), request(`r${n}`))),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settledOne).toEqual(['r1', 'r3']);
  });

  it('flush waits for what is queued', async () => {
    let written = 0;
    const batcher = createSettlementBatcher({
      quota: {
        settleMany: async (items) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          written += items.length;
          return items.map(resultFor);
        },
      },
      settleOne: () => Promise.reject(new Error('not expected')),
    });
    void batcher.settle(reservation('rsv_1'), request('r1'));
    void batcher.settle(reservation('rsv_2'), request('r2'));
    await batcher.flush();
    expect(written).toBe(2);
  });
});
