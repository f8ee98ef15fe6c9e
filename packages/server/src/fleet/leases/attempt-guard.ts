import type { AnyKysely } from '../../kernel/db/database.js';
import { staleAttempt, taskNotFound } from '../fleet-errors.js';
import { fleetDb, type TaskAttemptRow, type TaskRow } from '../fleet-tables.js';

export const lostLeaseReasons = new Set(['lease_expired', 'agent_restart']);

/**
 * The fence every agent write passes: the attempt must exist, belong to this task and to the calling
 * machine (identity from its token), be the task's current attempt, and not have lost its lease.
 * Anything else is 409 stale_attempt, so a zombie agent can never write into a newer attempt.
 */
export async function loadCurrentAttempt(
  trx: AnyKysely,
  key: { taskId: string; attemptId: string; machineId: string },
): Promise<{ task: TaskRow; attempt: TaskAttemptRow }> {
  const task = await fleetDb(trx)
    .selectFrom('tasks')
    .selectAll()
    .where('id', '=', key.taskId)
    .executeTakeFirst();
  if (!task) throw taskNotFound();
  const attempt = await fleetDb(trx)
    .selectFrom('task_attempts')
    .selectAll()
    .where('attempt_id', '=', key.attemptId)
    .executeTakeFirst();
  const details = { task_id: key.taskId, attempt_id: key.attemptId, current_attempt_id: task.attempt_id };
  if (!attempt || attempt.task_id !== key.taskId || attempt.machine_id !== key.machineId)
    throw staleAttempt(details);
  if (task.attempt_id !== key.attemptId) throw staleAttempt(details);
  return { task, attempt };
}
