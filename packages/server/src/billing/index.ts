import { z } from 'zod';
import type { QuotaHooks } from '../gateway/index.js';
import { booleanFromEnv, parseEnv } from '../kernel/config.js';
import type { PlatformModule } from '../platform/platform-context.js';
import { billingMigrations } from './billing-migrations.js';
import { registerBillingRoutes } from './billing-routes.js';
import { createPriceBook, type PriceBook } from './prices/price-book.js';
import { createPricingService, type PricingService } from './pricing-service.js';
import { type BalanceService, createBalanceService } from './quota/balance-service.js';
import { createQuotaService, type QuotaReservation, type QuotaService } from './quota/quota-service.js';
import { createReservationSweeper } from './quota/reservation-sweeper.js';
import { createSettlementBatcher } from './quota/settlement-batcher.js';
import { findUsageChargesByRequestIds } from './usage/usage-charge-store.js';
import { createUsageChargeWriter } from './usage/usage-charge-writer.js';

export { billingMigrations } from './billing-migrations.js';
export { registerPriceCommands } from './price-cli.js';
export { computeCostMicros, type PriceSnapshot } from './prices/compute-cost-micros.js';

export interface BillingService {
  priceBook: PriceBook;
  pricing: PricingService;
  balances: BalanceService;
  quota: QuotaService;
  /** Cost and price snapshot per gateway request id, for request logs. */
  chargesForRequests(
    requestIds: string[],
  ): Promise<Map<string, { cost_micros: number; price: unknown; pricing_missing: boolean }>>;
}

declare module '../platform/platform-context.js' {
  interface PlatformServices {
    billing: BillingService;
  }
}

const sweepIntervalMs = 30_000;

const billingSettingsEnvSchema = z.object({
  // Output tokens a request without max_tokens is assumed to use when its cost is reserved.
  SWITCHYARD_BILLING_DEFAULT_MAX_OUTPUT_TOKENS: z
    .string()
    .regex(/^\d{1,7}$/, { message: 'must be an integer number of tokens' })
    .transform(Number)
    .default(4096),
  // true: a user no admin has funded is refused (402) for any priced model, as a prepaid service wants.
  SWITCHYARD_BILLING_REQUIRE_BALANCE: booleanFromEnv.default(false),
});

/** Prices, balances, atomic quota and usage summaries; installs the gateway's quota hooks. */
export const billingModule: PlatformModule = {
  name: 'billing',
  migrations: billingMigrations,
  start(context) {
    const { database, clock, logger, identity } = context;
    // A bad value stops the start with a message naming the variable, like every other setting.
    const billingSettings = parseEnv(billingSettingsEnvSchema, context.settings.env);
    const priceBook = createPriceBook({ db: database.db, clock });
    const pricing = createPricingService({ database, clock, priceBook, audit: identity.audit });
    const requireBalance = billingSettings.SWITCHYARD_BILLING_REQUIRE_BALANCE;
    const balances = createBalanceService({ database, clock, audit: identity.audit, requireBalance });
    const chargeWriter = createUsageChargeWriter({ db: database.db, logger });
    context.onClose(() => chargeWriter.stop());
    const quota = createQuotaService({
      chargeWriter,
      database,
      clock,
      priceBook,
      logger,
      defaultMaxOutputTokens: billingSettings.SWITCHYARD_BILLING_DEFAULT_MAX_OUTPUT_TOKENS,
      reservationTtlMs: 30 * 60_000,
      requireBalance,
    });
    const sweeper = createReservationSweeper({ database, clock, quota, logger });
    const settlements = createSettlementBatcher({ quota, settleOne: sweeper.settleDurably });
    context.onClose(() => settlements.flush());
    const chargesForRequests = async (requestIds: string[]) => {
      await chargeWriter.flush();
      const rows = await findUsageChargesByRequestIds(database.db, requestIds);
      return new Map(
        rows.map((row) => [
          row.request_id as string,
          {
            cost_micros: Number(row.charged_micros),
            price: row.price_json ? (JSON.parse(row.price_json) as unknown) : null,
            pricing_missing: Boolean(row.pricing_missing),
          },
        ]),
      );
    };
    const gateway = context.services.gateway;
    if (gateway) {
      const hooks: QuotaHooks<QuotaReservation & { requestId: string }> = {
        reserve: async (request) => ({
          ...(await quota.reserve({
            userId: request.userId,
            keyId: request.keyId,
            model: request.model,
            maxInputTokens: request.estimateInputTokens,
            maxOutputTokens: request.maxOutputTokens ?? undefined,
          })),
          requestId: request.requestId,
        }),
        settle: async (reservation, settlement) => {
          await settlements.settle(reservation, {
            usage: settlement.usage,
            usageSource: settlement.usageSource,
            requestId: reservation.requestId,
          });
        },
        release: (reservation) => quota.release(reservation),
      };
      gateway.quotaHooks = hooks as QuotaHooks;
      gateway.billing = {
        describeCharges: (requestIds) => chargesForRequests(requestIds),
        describeKeyQuota: async (keyId) => {
          const keyQuota = await balances.getKeyQuota(keyId);
          return { quota_micros: keyQuota.quota_micros, quota_used_micros: keyQuota.used_micros };
        },
        setKeyQuota: (keyId, quotaMicros, actor) => balances.setKeyQuota({ keyId, quotaMicros, actor }),
      };
    }
    const timer = setInterval(() => {
      sweeper.sweep().catch((error: unknown) => logger.warn({ err: error }, 'reservation sweep failed'));
    }, sweepIntervalMs);
    timer.unref();
    context.onClose(() => clearInterval(timer));

    context.services.billing = {
      priceBook,
      pricing,
      balances,
      quota,
      async chargesForRequests(requestIds) {
        const rows = await findUsageChargesByRequestIds(database.db, requestIds);
        return new Map(
          rows.map((row) => [
            row.request_id as string,
            {
              cost_micros: Number(row.charged_micros),
              price: row.price_json ? JSON.parse(row.price_json) : null,
              pricing_missing: Boolean(row.pricing_missing),
            },
          ]),
        );
      },
    };
    registerBillingRoutes(context.app, {
      db: database.db,
      flushUsage: async () => {
        // Requests already answered finish settling first, so a read right after one sees its charge.
        await context.services.gateway?.catchUp();
        await settlements.flush();
        await chargeWriter.flush();
      },
      pricing,
      balances,
      guards: identity.guards,
      nowMs: () => clock.nowMs(),
      listServedModels: async () => {
        const channels = (await context.services.gateway?.channels.list()) ?? [];
        return new Set(
          channels.filter((channel) => channel.status === 'enabled').flatMap((channel) => channel.models),
        );
      },
    });
  },
};
