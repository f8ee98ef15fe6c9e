import { sql } from 'kysely';
import type { AnyKysely } from '../../kernel/db/database.js';
import type { TaskState } from '../fleet-tables.js';
import { epochMsSql } from './epoch-ms-sql.js';

/**
 * Cancels in one statement whatever the state: a queued task ends at once (no agent involved); a leased
 * or running one gets `cancel_requested_at_ms` and ends when its agent completes with `cancelled` or its
 * lease expires; a finished task is left as it is (cancel is idempotent).
 */
export async function requestCancel(
  trx: AnyKysely,
  cancel: { taskId: string; nowMs: number },
): Promise<{ state: TaskState; machine_id: string | null } | undefined> {
  const { nowMs } = cancel;
  const result = await sql<{ state: TaskState; machine_id: string | null }>`
    update tasks set
      state = case when state = 'queued' then 'cancelled' else state end,
      end_reason = case when state = 'queued' then 'cancelled' else end_reason end,
      ended_at_ms = case when state = 'queued' then ${epochMsSql(nowMs)} else ended_at_ms end,
      cancel_requested_at_ms = case when state in ('queued', 'leased', 'running')
        then coalesce(cancel_requested_at_ms, ${epochMsSql(nowMs)}) else cancel_requested_at_ms end,
      updated_at_ms = case when state in ('queued', 'leased', 'running') then ${epochMsSql(nowMs)} else updated_at_ms end
    where id = ${cancel.taskId}
    returning state, machine_id`.execute(trx);
  return result.rows[0];
}
