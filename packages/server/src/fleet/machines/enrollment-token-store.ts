import type { AnyKysely } from '../../kernel/db/database.js';
import { type EnrollmentTokenRow, fleetDb } from '../fleet-tables.js';

export async function insertEnrollmentToken(db: AnyKysely, row: EnrollmentTokenRow): Promise<void> {
  await fleetDb(db).insertInto('machine_enrollment_tokens').values(row).execute();
}

/** Marks a live token used in one statement, so two agents racing with one token cannot both win. */
export async function consumeEnrollmentToken(
  db: AnyKysely,
  use: { tokenHash: string; nowMs: number },
): Promise<string | undefined> {
  const row = await fleetDb(db)
    .updateTable('machine_enrollment_tokens')
    .set({ used_at_ms: use.nowMs })
    .where('token_hash', '=', use.tokenHash)
    .where('used_at_ms', 'is', null)
    .where('expires_at_ms', '>', use.nowMs)
    .returning('machine_id')
    .executeTakeFirst();
  return row?.machine_id;
}
