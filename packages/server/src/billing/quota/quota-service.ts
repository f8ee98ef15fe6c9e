import type { Clock } from '../../kernel/clock.js';
import type { AnyKysely, Database } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import type { Logger } from '../../kernel/logging.js';
import { insufficientQuota } from '../billing-errors.js';
import { type BillableUsage, computeCostMicros, type PriceSnapshot } from '../prices/compute-cost-micros.js';
import type { PriceBook } from '../prices/price-book.js';
import { insertUsageCharge, type UsageChargeRow } from '../usage/usage-charge-store.js';
import type { UsageChargeWriter } from '../usage/usage-charge-writer.js';
import {
  applyAccountSettlement,
  applyKeySettlement,
  ensureAccount,
  findAccount,
  findKeyQuota,
  reserveFromAccount,
  reserveFromKey,
} from './billing-account-store.js';
import { insertReservation, transitionReservation } from './reservation-store.js';

export interface ReserveRequest {
  userId: string;
  keyId: string | null;
  model: string;
  /** The prompt's token count estimate; called only when the model has a price. */
  maxInputTokens: number | (() => number);
  /** max_tokens from the request, or undefined for the per-model cap. */
  maxOutputTokens: number | undefined;
}

export interface QuotaReservation {
  id: string | null;
  userId: string;
  keyId: string | null;
  model: string;
  amountMicros: number;
  price: PriceSnapshot | undefined;
}

export interface SettleRequest {
  usage: BillableUsage;
  usageSource: 'reported' | 'estimated';
  requestId: string | null;
}

export interface SettlementResult {
  costMicros: number;
  chargedMicros: number;
  pricingMissing: boolean;
  price: PriceSnapshot | undefined;
}

function buildChargeRow(options: {
  reservation: QuotaReservation;
  request: SettleRequest;
  costMicros: number;
  chargedMicros: number;
  nowMs: number;
}): UsageChargeRow {
  const { reservation, request } = options;
  return {
    id: newId('chg', options.nowMs),
    request_id: request.requestId,
    user_id: reservation.userId,
    key_id: reservation.keyId,
    model: reservation.model,
    ...request.usage,
    usage_source: request.usageSource,
    cost_micros: options.costMicros,
    charged_micros: options.chargedMicros,
    currency: reservation.price?.currency ?? null,
    price_json: reservation.price ? JSON.stringify(reservation.price) : null,
    pricing_missing: reservation.price ? 0 : 1,
    created_at_ms: options.nowMs,
  };
}

export interface QuotaServiceDeps {
  database: Database;
  clock: Clock;
  priceBook: PriceBook;
  logger: Logger;
  /** Output tokens assumed when a request gives no max_tokens. */
  defaultMaxOutputTokens: number;
  reservationTtlMs: number;
  chargeWriter: UsageChargeWriter;
  /**
   * Whether a user no admin has funded is held to their (zero) balance. false: their usage is priced,
   * charged to `used_micros` and never refused for want of a balance, until an admin funds them.
   */
  requireBalance?: boolean;
}

/**
 * reserve → settle | release. A reservation holds the worst-case cost against the user's balance
 * and the key's limit in one conditional update each, inside one transaction, so concurrent
 * requests can never hold more than the balance. Settlement charges the actual cost, capped at what
 * the balance can pay, so the balance never goes below zero.
 */
export function createQuotaService(deps: QuotaServiceDeps) {
  const { database, clock } = deps;

  async function reserve(request: ReserveRequest): Promise<QuotaReservation> {
    const resolved = await deps.priceBook.lookup(request.model);
    const base = {
      userId: request.userId,
      keyId: request.keyId,
      model: request.model,
      price: resolved?.price,
    };
    if (!resolved) return { ...base, id: null, amountMicros: 0 };
    const amountMicros = computeCostMicros(
      {
        input: Math.max(
          0,
          Math.ceil(
            typeof request.maxInputTokens === 'function' ? request.maxInputTokens() : request.maxInputTokens,
          ),
        ),
        cache_read: 0,
        cache_write: 0,
        output: Math.max(0, Math.ceil(request.maxOutputTokens ?? deps.defaultMaxOutputTokens)),
        reasoning: 0,
      },
      // The worst case prices all input at the dearest input rate.
      { ...resolved.price, input: Math.max(resolved.price.input, resolved.price.cache_write) },
    );
    const nowMs = clock.nowMs();
    const id = newId('rsv', nowMs);
    await database.writeTransaction(async (trx) => {
      // The conditional update runs first; the account row is created only when it is missing, so
      // the common path is one statement per scope.
      let isHeld = await reserveFromAccount(trx, { userId: request.userId, amountMicros, nowMs });
      if (!isHeld && !(await findAccount(trx, request.userId))) {
        await ensureAccount(trx, request.userId, nowMs, { isLimited: deps.requireBalance ?? false });
        isHeld = await reserveFromAccount(trx, { userId: request.userId, amountMicros, nowMs });
      }
      if (!isHeld) {
        const account = await findAccount(trx, request.userId);
        throw insufficientQuota({
          needMicros: amountMicros,
          availableMicros: account ? account.balance_micros - account.reserved_micros : 0,
          scope: 'user',
        });
      }
      // A key without a row has no limit of its own (rows exist only once a limit was set).
      if (request.keyId && !(await reserveFromKey(trx, { keyId: request.keyId, amountMicros, nowMs }))) {
        const key = await findKeyQuota(trx, request.keyId);
        if (key) {
          const available =
            key.quota_micros === null ? 0 : key.quota_micros - key.used_micros - key.reserved_micros;
          throw insufficientQuota({ needMicros: amountMicros, availableMicros: available, scope: 'key' });
        }
      }
      await insertReservation(trx, {
        id,
        user_id: request.userId,
        key_id: request.keyId,
        model: request.model,
        amount_micros: amountMicros,
        state: 'held',
        created_at_ms: nowMs,
        expires_at_ms: nowMs + deps.reservationTtlMs,
        settlement_json: null,
        attempts: 0,
        ended_at_ms: null,
      });
    });
    return { ...base, id, amountMicros };
  }

  /**
   * One settlement inside the caller's write transaction: the reservation moves to `settled` (or the
   * call does nothing when another settle or release got there first), the hold is returned and the
   * actual cost charged, capped at what the balance can pay. Returns the charged amount, or undefined.
   */
  async function applySettlement(
    trx: AnyKysely,
    item: { reservation: QuotaReservation & { id: string }; request: SettleRequest; costMicros: number },
    nowMs: number,
  ): Promise<number | undefined> {
    const { reservation, request, costMicros } = item;
    const isMine = await transitionReservation(trx, {
      id: reservation.id,
      from: ['held', 'settling'],
      to: 'settled',
      nowMs,
    });
    if (!isMine) return undefined;
    const account = await findAccount(trx, reservation.userId, {
      dialect: database.dialect,
      forUpdate: true,
    });
    const isLimited = account ? Number(account.is_limited) === 1 : true;
    const payableMicros = !account
      ? 0
      : isLimited
        ? Math.max(0, account.balance_micros - (account.reserved_micros - reservation.amountMicros))
        : costMicros;
    const chargedMicros = Math.min(costMicros, payableMicros);
    await applyAccountSettlement(trx, {
      userId: reservation.userId,
      releaseMicros: reservation.amountMicros,
      chargeMicros: chargedMicros,
      fromBalanceMicros: isLimited ? chargedMicros : 0,
      nowMs,
    });
    if (reservation.keyId) {
      await applyKeySettlement(trx, {
        keyId: reservation.keyId,
        releaseMicros: reservation.amountMicros,
        chargeMicros: chargedMicros,
        nowMs,
      });
    }
    await insertUsageCharge(trx, buildChargeRow({ reservation, request, costMicros, chargedMicros, nowMs }));
    return chargedMicros;
  }

  function costOf(reservation: QuotaReservation, request: SettleRequest): number {
    return reservation.price ? computeCostMicros(request.usage, reservation.price) : 0;
  }

  /** Usage of a request that held nothing goes through the batched writer: no write transaction. */
  function recordUnheld(reservation: QuotaReservation, request: SettleRequest): SettlementResult {
    const costMicros = costOf(reservation, request);
    deps.chargeWriter.enqueue(
      buildChargeRow({ reservation, request, costMicros, chargedMicros: 0, nowMs: clock.nowMs() }),
    );
    return { costMicros, chargedMicros: 0, pricingMissing: !reservation.price, price: reservation.price };
  }

  /** Charges the actual cost. Idempotent: a reservation already settled or released is left alone. */
  async function settle(reservation: QuotaReservation, request: SettleRequest): Promise<SettlementResult> {
    const [result] = await settleMany([{ reservation, request }]);
    return result as SettlementResult;
  }

  /**
   * Several settlements in one write transaction (group commit): each is applied exactly as `settle`
   * would, in order, so the outcome equals settling them one after another. All or nothing: when the
   * transaction fails, none of them is applied and the caller settles them one by one.
   */
  async function settleMany(
    items: { reservation: QuotaReservation; request: SettleRequest }[],
  ): Promise<SettlementResult[]> {
    const results: SettlementResult[] = new Array(items.length);
    const held: {
      index: number;
      reservation: QuotaReservation & { id: string };
      request: SettleRequest;
      costMicros: number;
    }[] = [];
    items.forEach((item, index) => {
      if (item.reservation.id) {
        held.push({
          index,
          reservation: { ...item.reservation, id: item.reservation.id },
          request: item.request,
          costMicros: costOf(item.reservation, item.request),
        });
      }
    });
    if (held.length > 0) {
      const charged = await database.writeTransaction(async (trx) => {
        const nowMs = clock.nowMs();
        const amounts: (number | undefined)[] = [];
        for (const item of held) amounts.push(await applySettlement(trx, item, nowMs));
        return amounts;
      });
      held.forEach((item, position) => {
        results[item.index] = {
          costMicros: item.costMicros,
          chargedMicros: charged[position] ?? 0,
          pricingMissing: !item.reservation.price,
          price: item.reservation.price,
        };
      });
    }
    items.forEach((item, index) => {
      if (!item.reservation.id) results[index] = recordUnheld(item.reservation, item.request);
    });
    return results;
  }

  /** Returns the whole hold (upstream failed before producing anything billable). Idempotent. */
  async function release(reservation: QuotaReservation): Promise<void> {
    if (!reservation.id) return;
    const nowMs = clock.nowMs();
    await database.writeTransaction(async (trx) => {
      if (
        !(await transitionReservation(trx, {
          id: reservation.id as string,
          from: ['held', 'settling'],
          to: 'released',
          nowMs,
        }))
      )
        return;
      await applyAccountSettlement(trx, {
        userId: reservation.userId,
        releaseMicros: reservation.amountMicros,
        chargeMicros: 0,
        nowMs,
      });
      if (reservation.keyId) {
        await applyKeySettlement(trx, {
          keyId: reservation.keyId,
          releaseMicros: reservation.amountMicros,
          chargeMicros: 0,
          nowMs,
        });
      }
    });
  }

  return { reserve, settle, settleMany, release };
}

export type QuotaService = ReturnType<typeof createQuotaService>;
