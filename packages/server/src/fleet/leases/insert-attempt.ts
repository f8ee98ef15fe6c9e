import type { AnyKysely } from '../../kernel/db/database.js';
import { fleetDb } from '../fleet-tables.js';

/** The attempt row of a fresh lease: the fencing token every later agent write must carry. */
export async function insertAttempt(
  trx: AnyKysely,
  attempt: {
    attemptId: string;
    taskId: string;
    n: number;
    machineId: string;
    claimId: string | null;
    nowMs: number;
  },
): Promise<void> {
  await fleetDb(trx)
    .insertInto('task_attempts')
    .values({
      attempt_id: attempt.attemptId,
      task_id: attempt.taskId,
      n: attempt.n,
      machine_id: attempt.machineId,
      claim_id: attempt.claimId,
      process_id: null,
      claimed_at_ms: attempt.nowMs,
      started_at_ms: null,
      ended_at_ms: null,
      end_reason: null,
      exit_code: null,
      signal: null,
      last_log_seq: 0,
      reported_last_seq: null,
    })
    .execute();
}
