import type { Clock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import { coerceError } from '../../kernel/errors.js';
import type { Logger } from '../../kernel/logging.js';
import type { PriceSnapshot } from '../prices/compute-cost-micros.js';
import type { QuotaReservation, QuotaService, SettleRequest } from './quota-service.js';
import {
  bumpReservationAttempts,
  listExpiredReservations,
  listPendingSettlements,
  type ReservationRow,
  transitionReservation,
} from './reservation-store.js';

interface StoredSettlement extends SettleRequest {
  price: PriceSnapshot | undefined;
}

function toReservation(row: ReservationRow, price: PriceSnapshot | undefined): QuotaReservation {
  return {
    id: row.id,
    userId: row.user_id,
    keyId: row.key_id,
    model: row.model,
    amountMicros: Number(row.amount_micros),
    price,
  };
}

/**
 * The durable half of settlement. `settleDurably` first records the settlement on the reservation
 * row (state `settling`, one statement), then applies it; if applying fails, `sweep` retries it from
 * that row. Reservations still `held` past their expiry (the process died mid-request) are released.
 */
export function createReservationSweeper(deps: {
  database: Database;
  clock: Clock;
  quota: QuotaService;
  logger: Logger;
}) {
  const { database, clock, quota } = deps;

  async function settleDurably(reservation: QuotaReservation, request: SettleRequest) {
    if (reservation.id) {
      const stored: StoredSettlement = { ...request, price: reservation.price };
      await transitionReservation(database.db, {
        id: reservation.id,
        from: ['held'],
        to: 'settling',
        nowMs: clock.nowMs(),
        settlementJson: JSON.stringify(stored),
      });
    }
    return quota.settle(reservation, request);
  }

  async function sweep(): Promise<{ released: number; settled: number }> {
    let released = 0;
    let settled = 0;
    for (const row of await listExpiredReservations(database.db, clock.nowMs(), 500)) {
      await quota.release(toReservation(row, undefined));
      released += 1;
    }
    for (const row of await listPendingSettlements(database.db, 500)) {
      try {
        const stored = JSON.parse(row.settlement_json ?? '{}') as StoredSettlement;
        await quota.settle(toReservation(row, stored.price), stored);
        settled += 1;
      } catch (error) {
        await bumpReservationAttempts(database.db, row.id);
        deps.logger.warn({ err: coerceError(error), reservation: row.id }, 'settlement retry failed');
      }
    }
    return { released, settled };
  }

  return { settleDurably, sweep };
}

export type ReservationSweeper = ReturnType<typeof createReservationSweeper>;
