import { afterEach, beforeEach, expect, it } from 'vitest';
import { createManualClock } from '../../kernel/clock.js';
import { runMigrations } from '../../kernel/db/migrations.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../kernel/db/test-database.js';
import { createLogger } from '../../kernel/logging.js';
import { billingMigrations } from '../billing-migrations.js';
import { createPriceBook } from '../prices/price-book.js';
import { upsertPriceRow } from '../prices/price-store.js';
import { createUsageChargeWriter } from '../usage/usage-charge-writer.js';
import {
  adjustAccountBalance,
  ensureAccount,
  findAccount,
  findKeyQuota,
  setKeyQuotaLimit,
} from './billing-account-store.js';
import { createQuotaService, type QuotaReservation } from './quota-service.js';
import { createReservationSweeper } from './reservation-sweeper.js';

const zeroUsage = { input: 0, cache_read: 0, cache_write: 0, output: 0, reasoning: 0 };

describeEachDialect(createQuotaService.name, (dialect) => {
  let database: TestDatabase;
  const clock = createManualClock();
  const logger = createLogger({ level: 'silent' });
  let quota: ReturnType<typeof createQuotaService>;
  let chargeWriter: ReturnType<typeof createUsageChargeWriter>;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await runMigrations(database, billingMigrations);
    // 1 micro-unit per token in and out makes costs equal token counts.
    await upsertPriceRow(database.db, {
      model: 'unit-model',
      currency: 'USD',
      input: 1_000_000,
      cache_read: 1_000_000,
      cache_write: 1_000_000,
      output: 1_000_000,
      reasoning: null,
      is_active: 1,
      updated_at_ms: 0,
    });
    const priceBook = createPriceBook({ db: database.db, clock });
    chargeWriter = createUsageChargeWriter({ db: database.db, logger });
    quota = createQuotaService({
      database,
      clock,
      priceBook,
      logger,
      defaultMaxOutputTokens: 100,
      reservationTtlMs: 60_000,
      chargeWriter,
    });
  });
  afterEach(async () => {
    await chargeWriter.stop();
    await database.dispose();
  });

  const topUp = async (userId: string, micros: number) => {
    await ensureAccount(database.db, userId, 0);
    await adjustAccountBalance(database.db, { userId, deltaMicros: micros, nowMs: 0 });
  };

  it('charges seed 001 task 4.5: quota 100, a 50 request uses 50, a 60 request is refused with 402', async () => {
    await topUp('usr_a', 100);
    const first = await quota.reserve({
      userId: 'usr_a',
      keyId: null,
      model: 'unit-model',
      maxInputTokens: 20,
      maxOutputTokens: 30,
    });
    await quota.settle(first, {
      usage: { ...zeroUsage, input: 20, output: 30 },
      usageSource: 'reported',
      requestId: 'r1',
    });
    expect(await findAccount(database.db, 'usr_a')).toMatchObject({
      balance_micros: 50,
      used_micros: 50,
      reserved_micros: 0,
    });
    await expect(
      quota.reserve({
        userId: 'usr_a',
        keyId: null,
        model: 'unit-model',
        maxInputTokens: 30,
        maxOutputTokens: 30,
      }),
    ).rejects.toMatchObject({
      code: 'insufficient_quota',
      status: 402,
      message: 'Insufficient quota',
    });
    expect(await findAccount(database.db, 'usr_a')).toMatchObject({ balance_micros: 50, reserved_micros: 0 });
  });

  it('refunds the difference between the hold and the actual cost', async () => {
    await topUp('usr_a', 1_000);
    const reservation = await quota.reserve({
      userId: 'usr_a',
      keyId: null,
      model: 'unit-model',
      maxInputTokens: 100,
      maxOutputTokens: 400,
    });
    expect(reservation.amountMicros).toBe(500);
    expect(await findAccount(database.db, 'usr_a')).toMatchObject({ reserved_micros: 500 });
    const result = await quota.settle(reservation, {
      usage: { ...zeroUsage, input: 10, output: 5 },
      usageSource: 'reported',
      requestId: null,
    });
    expect(result).toMatchObject({ costMicros: 15, chargedMicros: 15, pricingMissing: false });
    expect(await findAccount(database.db, 'usr_a')).toMatchObject({
      balance_micros: 985,
      reserved_micros: 0,
      used_micros: 15,
    });
  });

  it('refunds everything on release and ignores a second settle or release', async () => {
    await topUp('usr_a', 1_000);
    const reservation = await quota.reserve({
      userId: 'usr_a',
      keyId: null,
      model: 'unit-model',
      maxInputTokens: 100,
      maxOutputTokens: 100,
    });
    await quota.release(reservation);
    await quota.release(reservation);
    await quota.settle(reservation, {
      usage: { ...zeroUsage, output: 50 },
      usageSource: 'reported',
      requestId: null,
    });
    expect(await findAccount(database.db, 'usr_a')).toMatchObject({
      balance_micros: 1_000,
      reserved_micros: 0,
      used_micros: 0,
    });
  });

  it('lets unpriced models through and records pricing_missing instead of a zero cost', async () => {
    const reservation = await quota.reserve({
      userId: 'usr_b',
      keyId: null,
      model: 'mystery-model',
      maxInputTokens: 10,
      maxOutputTokens: 10,
    });
    expect(reservation).toMatchObject({ id: null, amountMicros: 0 });
    const result = await quota.settle(reservation, {
      usage: { ...zeroUsage, output: 7 },
      usageSource: 'reported',
      requestId: 'r',
    });
    expect(result).toMatchObject({ pricingMissing: true, costMicros: 0 });
  });

  it("enforces a key's own limit inside the user's balance", async () => {
    await topUp('usr_a', 10_000);
    await setKeyQuotaLimit(database.db, { keyId: 'key_1', quotaMicros: 100, nowMs: 0 });
    const held = await quota.reserve({
      userId: 'usr_a',
      keyId: 'key_1',
      model: 'unit-model',
      maxInputTokens: 40,
      maxOutputTokens: 40,
    });
    await expect(
      quota.reserve({
        userId: 'usr_a',
        keyId: 'key_1',
        model: 'unit-model',
        maxInputTokens: 40,
        maxOutputTokens: 40,
      }),
    ).rejects.toMatchObject({
      code: 'insufficient_quota',
      details: { scope: 'key' },
    });
    // The failed key hold must not leave a user hold behind.
    expect(await findAccount(database.db, 'usr_a')).toMatchObject({ reserved_micros: 80 });
    await quota.settle(held, {
      usage: { ...zeroUsage, input: 40, output: 40 },
      usageSource: 'reported',
      requestId: null,
    });
    expect(await findKeyQuota(database.db, 'key_1')).toMatchObject({ used_micros: 80, reserved_micros: 0 });
  });

  it('never overdraws: 500 concurrent reservations against a balance that covers 37 of them', async () => {
    await topUp('usr_c', 3_700);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 500 }, () =>
        quota.reserve({
          userId: 'usr_c',
          keyId: null,
          model: 'unit-model',
          maxInputTokens: 50,
          maxOutputTokens: 50,
        }),
      ),
    );
    const held = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(held).toHaveLength(37);
    expect(
      refused.every((outcome) => (outcome as PromiseRejectedResult).reason.code === 'insufficient_quota'),
    ).toBe(true);
    // Half of them use more than they reserved (an upstream ignoring max_tokens): still no overdraw.
    await Promise.all(
      held.map((outcome, index) =>
        quota.settle((outcome as PromiseFulfilledResult<Awaited<ReturnType<typeof quota.reserve>>>).value, {
          usage: { ...zeroUsage, input: 50, output: index % 2 === 0 ? 500 : 30 },
          usageSource: 'reported',
          requestId: null,
        }),
      ),
    );
    const account = await findAccount(database.db, 'usr_c');
    expect(account?.reserved_micros).toBe(0);
    expect(account?.balance_micros).toBeGreaterThanOrEqual(0);
    expect((account?.used_micros ?? 0) + (account?.balance_micros ?? 0)).toBe(3_700);
  });

  it('releases reservations that outlive their request and retries recorded settlements', async () => {
    await topUp('usr_d', 1_000);
    const sweeper = createReservationSweeper({ database, clock, quota, logger });
    const abandoned = await quota.reserve({
      userId: 'usr_d',
      keyId: null,
      model: 'unit-model',
      maxInputTokens: 100,
      maxOutputTokens: 100,
    });
    const durable = await quota.reserve({
      userId: 'usr_d',
      keyId: null,
      model: 'unit-model',
      maxInputTokens: 100,
      maxOutputTokens: 100,
    });
    expect(abandoned.id).not.toBe(durable.id);
    await sweeper.settleDurably(durable, {
      usage: { ...zeroUsage, output: 10 },
      usageSource: 'reported',
      requestId: 'x',
    });
    clock.advanceMs(61_000);
    expect(await sweeper.sweep()).toEqual({ released: 1, settled: 0 });
    expect(await findAccount(database.db, 'usr_d')).toMatchObject({
      balance_micros: 990,
      reserved_micros: 0,
      used_micros: 10,
    });
  });
  it('settles a batch in one transaction exactly as one-by-one settlement would, capped by the balance', async () => {
    await topUp('usr_m', 1_000);
    await setKeyQuotaLimit(database.db, { keyId: 'key_m', quotaMicros: 10_000, nowMs: 0 });
    const reservations: QuotaReservation[] = [];
    for (let index = 0; index < 4; index += 1) {
      reservations.push(
        await quota.reserve({
          userId: 'usr_m',
          keyId: 'key_m',
          model: 'unit-model',
          maxInputTokens: 50,
          maxOutputTokens: 200,
        }),
      );
    }
    expect(await findAccount(database.db, 'usr_m')).toMatchObject({ reserved_micros: 1_000 });
    // Costs 100, 200, 300 and 600: the last is capped at what is left of the balance (400).
    const results = await quota.settleMany(
      [100, 200, 300, 600].map((output, index) => ({
        reservation: reservations[index]!,
        request: {
          usage: { ...zeroUsage, output },
          usageSource: 'reported' as const,
          requestId: `m${index}`,
        },
      })),
    );
    expect(results.map((result) => [result.costMicros, result.chargedMicros])).toEqual([
      [100, 100],
      [200, 200],
      [300, 300],
      [600, 400],
    ]);
    expect(await findAccount(database.db, 'usr_m')).toMatchObject({
      balance_micros: 0,
      reserved_micros: 0,
      used_micros: 1_000,
    });
    expect(await findKeyQuota(database.db, 'key_m')).toMatchObject({
      reserved_micros: 0,
      used_micros: 1_000,
    });
    // Settling the same reservations again changes nothing and charges nothing.
    const again = await quota.settleMany(
      reservations.map((reservation) => ({
        reservation,
        request: { usage: { ...zeroUsage, output: 5 }, usageSource: 'reported' as const, requestId: 'again' },
      })),
    );
    expect(again.map((result) => result.chargedMicros)).toEqual([0, 0, 0, 0]);
    expect(await findAccount(database.db, 'usr_m')).toMatchObject({ balance_micros: 0, used_micros: 1_000 });
  });

  it('applies none of a batch when one settlement in it fails', async () => {
    await topUp('usr_f', 1_000);
    const reserve = () =>
      quota.reserve({
        userId: 'usr_f',
        keyId: null,
        model: 'unit-model',
        maxInputTokens: 10,
        maxOutputTokens: 10,
      });
    const first = await reserve();
    const second = await reserve();
    const request = {
      usage: { ...zeroUsage, output: 10 },
      usageSource: 'reported' as const,
      requestId: 'f1',
    };
    // The second usage record breaks a NOT NULL constraint after the first settlement was applied.
    const broken = { ...request, usageSource: null as unknown as 'reported' };
    await expect(
      quota.settleMany([
        { reservation: first, request },
        { reservation: second, request: broken },
      ]),
    ).rejects.toThrow();
    expect(await findAccount(database.db, 'usr_f')).toMatchObject({
      balance_micros: 1_000,
      reserved_micros: 40,
      used_micros: 0,
    });
    await quota.settleMany([
      { reservation: first, request },
      { reservation: second, request },
    ]);
    expect(await findAccount(database.db, 'usr_f')).toMatchObject({
      balance_micros: 980,
      reserved_micros: 0,
      used_micros: 20,
    });
  });
});
