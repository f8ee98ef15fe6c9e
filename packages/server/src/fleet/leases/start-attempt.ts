import { sql } from 'kysely';
import type { AnyKysely } from '../../kernel/db/database.js';
import { epochMsSql } from './epoch-ms-sql.js';
import type { RenewedLease } from './renew-lease.js';

/**
 * `leased → running`, and a renewal: the agent starts the process only once this succeeded. Repeating it
 * (same attempt) is harmless; the first start time and the latest process id are kept.
 */
export async function startAttempt(
  trx: AnyKysely,
  start: { taskId: string; attemptId: string; machineId: string; processId: number | null; nowMs: number },
): Promise<RenewedLease | undefined> {
  const result = await sql<RenewedLease>`
    update tasks set state = 'running', started_at_ms = coalesce(started_at_ms, ${start.nowMs}),
      lease_expires_at_ms = ${epochMsSql(start.nowMs)} + lease_ttl_s * 1000, updated_at_ms = ${start.nowMs}
    where id = ${start.taskId} and attempt_id = ${start.attemptId} and machine_id = ${start.machineId}
      and state in ('leased', 'running')
    returning lease_expires_at_ms, lease_ttl_s, cancel_requested_at_ms`.execute(trx);
  if (result.rows.length === 0) return undefined;
  await sql`update task_attempts set started_at_ms = coalesce(started_at_ms, ${start.nowMs}),
      process_id = ${start.processId}
    where attempt_id = ${start.attemptId}`.execute(trx);
  return result.rows[0];
}
