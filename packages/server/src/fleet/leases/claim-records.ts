import type { AnyKysely } from '../../kernel/db/database.js';
import { fleetDb } from '../fleet-tables.js';

/** How long a claim_id is remembered: a retry after a lost reply comes within seconds; 10 min is generous. */
export const claimMemoryMs = 10 * 60_000;

export async function findClaimRecord(
  trx: AnyKysely,
  key: { machineId: string; claimId: string },
): Promise<string[] | undefined> {
  const row = await fleetDb(trx)
    .selectFrom('task_claims')
    .select('attempt_ids_json')
    .where('machine_id', '=', key.machineId)
    .where('claim_id', '=', key.claimId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.attempt_ids_json) as string[]) : undefined;
}

export async function insertClaimRecord(
  trx: AnyKysely,
  record: { machineId: string; claimId: string; attemptIds: string[]; nowMs: number },
): Promise<void> {
  await fleetDb(trx)
    .insertInto('task_claims')
    .values({
      machine_id: record.machineId,
      claim_id: record.claimId,
      attempt_ids_json: JSON.stringify(record.attemptIds),
      created_at_ms: record.nowMs,
    })
    .execute();
}

export async function deleteOldClaimRecords(db: AnyKysely, nowMs: number): Promise<void> {
  await fleetDb(db)
    .deleteFrom('task_claims')
    .where('created_at_ms', '<', nowMs - claimMemoryMs)
    .execute();
}
