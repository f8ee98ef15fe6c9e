import type { AnyKysely } from '../../kernel/db/database.js';
import { fleetDb, type TaskAttemptRow, type TaskRow, type TaskState } from '../fleet-tables.js';

export async function insertTask(db: AnyKysely, row: TaskRow, labelTargets: string[]): Promise<void> {
  await fleetDb(db).insertInto('tasks').values(row).execute();
  if (labelTargets.length > 0) {
    await fleetDb(db)
      .insertInto('task_label_targets')
      .values(labelTargets.map((label) => ({ task_id: row.id, label })))
      .execute();
  }
}

export async function findTaskById(db: AnyKysely, id: string): Promise<TaskRow | undefined> {
  return fleetDb(db).selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTaskByIdempotencyKey(
  db: AnyKysely,
  key: { userId: string | null; key: string },
): Promise<TaskRow | undefined> {
  let query = fleetDb(db).selectFrom('tasks').selectAll().where('idempotency_key', '=', key.key);
  query =
    key.userId === null
      ? query.where('created_by_user_id', 'is', null)
      : query.where('created_by_user_id', '=', key.userId);
  return query.executeTakeFirst();
}

export async function clearIdempotencyKey(db: AnyKysely, taskId: string): Promise<void> {
  await fleetDb(db)
    .updateTable('tasks')
    .set({ idempotency_key: null, idempotency_hash: null })
    .where('id', '=', taskId)
    .execute();
}

export async function listAttempts(db: AnyKysely, taskId: string): Promise<TaskAttemptRow[]> {
  return fleetDb(db)
    .selectFrom('task_attempts')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('n')
    .execute();
}

export async function listTasks(
  db: AnyKysely,
  filter: {
    ownerId?: string;
    state?: TaskState;
    type?: string;
    machineId?: string;
    page: number;
    pageSize: number;
  },
): Promise<{ items: TaskRow[]; total: number }> {
  let query = fleetDb(db).selectFrom('tasks');
  if (filter.ownerId) query = query.where('created_by_user_id', '=', filter.ownerId);
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.machineId) query = query.where('machine_id', '=', filter.machineId);
  const totalRow = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const items = await query
    .selectAll()
    .orderBy('created_at_ms', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { items, total: Number(totalRow.count) };
}

export async function listLabelTargets(db: AnyKysely, taskIds: string[]): Promise<Map<string, string[]>> {
  if (taskIds.length === 0) return new Map();
  const rows = await fleetDb(db)
    .selectFrom('task_label_targets')
    .selectAll()
    .where('task_id', 'in', taskIds)
    .execute();
  const byTask = new Map<string, string[]>();
  for (const row of rows) byTask.set(row.task_id, [...(byTask.get(row.task_id) ?? []), row.label]);
  return byTask;
}

/** `failed | cancelled → queued` with a fresh attempt budget; guarded so a concurrent retry is a no-op. */
export async function requeueFinishedTask(
  db: AnyKysely,
  retry: { taskId: string; nowMs: number },
): Promise<boolean> {
  const result = await fleetDb(db)
    .updateTable('tasks')
    .set((eb) => ({
      state: 'queued',
      max_attempts: eb('attempt', '+', eb.ref('attempts_per_run')),
      not_before_ms: retry.nowMs,
      end_reason: null,
      exit_code: null,
      signal: null,
      error: null,
      outputs_json: null,
      cancel_requested_at_ms: null,
      ended_at_ms: null,
      updated_at_ms: retry.nowMs,
    }))
    .where('id', '=', retry.taskId)
    .where('state', 'in', ['failed', 'cancelled'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countTasksByState(db: AnyKysely): Promise<Record<string, number>> {
  const rows = await fleetDb(db)
    .selectFrom('tasks')
    .select(['state', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.count)]));
}
