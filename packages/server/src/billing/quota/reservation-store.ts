import type { Kysely } from 'kysely';
import type { AnyKysely } from '../../kernel/db/database.js';

export type ReservationState = 'held' | 'settling' | 'settled' | 'released';

export interface ReservationRow {
  id: string;
  user_id: string;
  key_id: string | null;
  model: string;
  amount_micros: number;
  state: ReservationState;
  created_at_ms: number;
  expires_at_ms: number;
  settlement_json: string | null;
  attempts: number;
  ended_at_ms: number | null;
}

interface ReservationTables {
  billing_reservations: ReservationRow;
}

const reservationsOf = (db: AnyKysely) => db as Kysely<ReservationTables>;

export async function insertReservation(db: AnyKysely, row: ReservationRow): Promise<void> {
  await reservationsOf(db).insertInto('billing_reservations').values(row).execute();
}

/** Moves a reservation out of `from` states; false when another path already ended it. */
export async function transitionReservation(
  db: AnyKysely,
  options: {
    id: string;
    from: ReservationState[];
    to: ReservationState;
    nowMs: number;
    settlementJson?: string;
  },
): Promise<boolean> {
  const result = await reservationsOf(db)
    .updateTable('billing_reservations')
    .set({
      state: options.to,
      ended_at_ms: options.to === 'settled' || options.to === 'released' ? options.nowMs : null,
      ...(options.settlementJson === undefined ? {} : { settlement_json: options.settlementJson }),
    })
    .where('id', '=', options.id)
    .where('state', 'in', options.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findReservation(db: AnyKysely, id: string): Promise<ReservationRow | undefined> {
  return reservationsOf(db)
    .selectFrom('billing_reservations')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listExpiredReservations(
  db: AnyKysely,
  nowMs: number,
  limit: number,
): Promise<ReservationRow[]> {
  return reservationsOf(db)
    .selectFrom('billing_reservations')
    .selectAll()
    .where('state', '=', 'held')
    .where('expires_at_ms', '<', nowMs)
    .limit(limit)
    .execute();
}

export async function listPendingSettlements(db: AnyKysely, limit: number): Promise<ReservationRow[]> {
  return reservationsOf(db)
    .selectFrom('billing_reservations')
    .selectAll()
    .where('state', '=', 'settling')
    .limit(limit)
    .execute();
}

export async function bumpReservationAttempts(db: AnyKysely, id: string): Promise<void> {
  await reservationsOf(db)
    .updateTable('billing_reservations')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}
