import type { AnyKysely } from '../../kernel/db/database.js';
import { fleetDb, type TaskScheduleRow } from '../fleet-tables.js';

export async function insertSchedule(db: AnyKysely, row: TaskScheduleRow): Promise<void> {
  await fleetDb(db).insertInto('task_schedules').values(row).execute();
}

export async function listDueSchedules(db: AnyKysely, nowMs: number): Promise<TaskScheduleRow[]> {
  return fleetDb(db)
    .selectFrom('task_schedules')
    .selectAll()
    .where('is_enabled', '=', 1)
    .where('next_run_at_ms', '<=', nowMs)
    .orderBy('next_run_at_ms')
    .limit(100)
    .execute();
}

export async function listSchedules(db: AnyKysely, ownerId?: string): Promise<TaskScheduleRow[]> {
  let query = fleetDb(db).selectFrom('task_schedules').selectAll();
  if (ownerId) query = query.where('created_by_user_id', '=', ownerId);
  return query.orderBy('created_at_ms').execute();
}

export async function findScheduleById(db: AnyKysely, id: string): Promise<TaskScheduleRow | undefined> {
  return fleetDb(db).selectFrom('task_schedules').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves a due schedule on; guarded by the old next_run_at so two instances cannot both fire one run. */
export async function advanceSchedule(
  db: AnyKysely,
  advance: { id: string; fromRunAtMs: number; nextRunAtMs: number; lastTaskId: string | null; nowMs: number },
): Promise<boolean> {
  const result = await fleetDb(db)
    .updateTable('task_schedules')
    .set((eb) => ({
      next_run_at_ms: advance.nextRunAtMs,
      last_task_id: advance.lastTaskId === null ? eb.ref('last_task_id') : advance.lastTaskId,
      updated_at_ms: advance.nowMs,
    }))
    .where('id', '=', advance.id)
    .where('next_run_at_ms', '=', advance.fromRunAtMs)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteSchedule(db: AnyKysely, id: string): Promise<void> {
  await fleetDb(db).deleteFrom('task_schedules').where('id', '=', id).execute();
}
