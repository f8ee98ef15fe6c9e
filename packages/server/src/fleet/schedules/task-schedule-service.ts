import { Cron } from 'croner';
import type { Clock } from '../../kernel/clock.js';
import { toIso } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import { AppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { Logger } from '../../kernel/logging.js';
import { fleetDb, type TaskScheduleRow } from '../fleet-tables.js';
import type { CreateScheduleBody, CreateTaskBody } from '../tasks/task-schemas.js';
import type { TaskService, TaskViewer } from '../tasks/task-service.js';
import { findTaskById } from '../tasks/task-store.js';
import {
  advanceSchedule,
  deleteSchedule,
  findScheduleById,
  insertSchedule,
  listDueSchedules,
  listSchedules,
} from './task-schedule-store.js';

const finalStates = new Set(['succeeded', 'failed', 'cancelled']);

function nextRunAfter(cron: string, afterMs: number): number {
  let pattern: Cron;
  try {
    pattern = new Cron(cron, { paused: true, timezone: 'UTC' });
  } catch (error) {
    throw new AppError({
      code: 'invalid_request',
      status: 400,
      message: `Invalid cron expression: ${(error as Error).message}`,
      details: { fields: { cron: 'invalid' } },
    });
  }
  const next = pattern.nextRun(new Date(afterMs));
  if (!next)
    throw new AppError({
      code: 'invalid_request',
      status: 400,
      message: 'The cron expression never fires again',
    });
  return next.getTime();
}

export function presentSchedule(row: TaskScheduleRow) {
  return {
    id: row.id,
    name: row.name,
    cron: row.cron,
    allows_overlap: Number(row.allows_overlap) === 1,
    is_enabled: Number(row.is_enabled) === 1,
    task: JSON.parse(row.template_json) as unknown,
    next_run_at: toIso(row.next_run_at_ms),
    last_task_id: row.last_task_id,
    created_by: row.created_by_user_id,
    created_at: toIso(row.created_at_ms),
  };
}

/** Recurring tasks: a cron expression (UTC) and a task body; by default a run is skipped while the last one is live. */
export function createTaskScheduleService(deps: {
  database: Database;
  clock: Clock;
  tasks: TaskService;
  logger: Logger;
}) {
  const { database, clock, tasks } = deps;
  const db = database.db;
  return {
    async create(viewer: TaskViewer & { userId: string }, body: CreateScheduleBody) {
      const nowMs = clock.nowMs();
      const row: TaskScheduleRow = {
        id: newId('sch', nowMs),
        name: body.name,
        cron: body.cron,
        template_json: JSON.stringify(body.task),
        is_enabled: 1,
        allows_overlap: body.allows_overlap ? 1 : 0,
        created_by_user_id: viewer.userId,
        next_run_at_ms: nextRunAfter(body.cron, nowMs),
        last_task_id: null,
        created_at_ms: nowMs,
        updated_at_ms: nowMs,
      };
      await insertSchedule(db, row);
      return presentSchedule(row);
    },
    async list(viewer: TaskViewer) {
      const rows = await listSchedules(
        db,
        viewer.role === 'user' && 'userId' in viewer ? viewer.userId : undefined,
      );
      return { items: rows.map(presentSchedule) };
    },
    async remove(viewer: TaskViewer, scheduleId: string) {
      const row = await findScheduleById(db, scheduleId);
      const isVisible =
        row && (viewer.role !== 'user' || ('userId' in viewer && row.created_by_user_id === viewer.userId));
      if (!isVisible)
        throw new AppError({ code: 'schedule_not_found', status: 404, message: 'Schedule not found' });
      await deleteSchedule(db, scheduleId);
    },
    /** Fires every due schedule once; missed runs while the server was down collapse into one. */
    async fireDueSchedules(): Promise<number> {
      const nowMs = clock.nowMs();
      let fired = 0;
      for (const schedule of await listDueSchedules(db, nowMs)) {
        const nextRunAtMs = nextRunAfter(schedule.cron, nowMs);
        const last = schedule.last_task_id ? await findTaskById(db, schedule.last_task_id) : undefined;
        const isOverlapping =
          last !== undefined && !finalStates.has(last.state) && Number(schedule.allows_overlap) === 0;
        const isOurs = await advanceSchedule(db, {
          id: schedule.id,
          fromRunAtMs: Number(schedule.next_run_at_ms),
          nextRunAtMs,
          lastTaskId: null,
          nowMs,
        });
        if (!isOurs || isOverlapping) continue;
        const viewer: TaskViewer = schedule.created_by_user_id
          ? { userId: schedule.created_by_user_id, role: 'user' }
          : { role: 'system' };
        try {
          const { task } = await tasks.create({
            viewer,
            body: JSON.parse(schedule.template_json) as CreateTaskBody,
            scheduleId: schedule.id,
            isFromApi: true,
          });
          await fleetDb(db)
            .updateTable('task_schedules')
            .set({ last_task_id: task.id })
            .where('id', '=', schedule.id)
            .execute();
          fired += 1;
        } catch (error) {
          deps.logger.warn({ err: error, schedule_id: schedule.id }, 'scheduled task could not be created');
        }
      }
      return fired;
    },
  };
}

export type TaskScheduleService = ReturnType<typeof createTaskScheduleService>;
