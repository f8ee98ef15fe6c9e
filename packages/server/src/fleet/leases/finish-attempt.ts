import { sql } from 'kysely';
import type { AnyKysely } from '../../kernel/db/database.js';

export interface AttemptResult {
  state: 'succeeded' | 'failed' | 'cancelled';
  exitCode: number | null;
  signal: string | null;
  error: string | null;
  outputsJson: string | null;
  reportedLastSeq: number;
}

/**
 * Writes the final state of the current attempt: the first complete wins because the guard requires a
 * live lease held by this attempt, and the final state is never live.
 */
export async function finishAttempt(
  trx: AnyKysely,
  finish: { taskId: string; attemptId: string; machineId: string; nowMs: number; result: AttemptResult },
): Promise<boolean> {
  const { result, nowMs } = finish;
  const updated = await sql`
    update tasks set state = ${result.state}, end_reason = ${result.state}, exit_code = ${result.exitCode},
      signal = ${result.signal}, error = ${result.error}, outputs_json = ${result.outputsJson},
      ended_at_ms = ${nowMs}, lease_expires_at_ms = null, gpu_indexes_json = null, updated_at_ms = ${nowMs}
    where id = ${finish.taskId} and attempt_id = ${finish.attemptId} and machine_id = ${finish.machineId}
      and state in ('leased', 'running')`.execute(trx);
  if (Number(updated.numAffectedRows ?? 0) === 0) return false;
  await sql`update task_attempts set ended_at_ms = ${nowMs}, end_reason = ${result.state},
      exit_code = ${result.exitCode}, signal = ${result.signal}, reported_last_seq = ${result.reportedLastSeq}
    where attempt_id = ${finish.attemptId}`.execute(trx);
  return true;
}
