import { parseWithSchema } from '../../http/zod-validation.js';
import type { Clock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import {
  idempotencyKeyReused,
  machineNotFound,
  taskNotFound,
  taskNotRetryable,
  taskTypeUnavailable,
  taskTypeUnknown,
} from '../fleet-errors.js';
import type { TaskRow, TaskState } from '../fleet-tables.js';
import { requestCancel } from '../leases/request-cancel.js';
import { countBusyGpusByMachine, findMachineById, listMachines } from '../machines/machine-store.js';
import type { TaskNotifier } from './task-notifier.js';
import { presentAttempt, presentTask } from './task-presenter.js';
import { hashRequestBody } from './task-request-hash.js';
import type { CreateTaskBody } from './task-schemas.js';
import {
  clearIdempotencyKey,
  findTaskById,
  findTaskByIdempotencyKey,
  insertTask,
  listAttempts,
  listLabelTargets,
  listTasks,
  requeueFinishedTask,
} from './task-store.js';
import type { TaskTypeRegistry } from './task-type-registry.js';
import { describeWaitReason } from './task-wait-reason.js';

/** Who asks: users see and touch only their own tasks; admins and modules (`system`) see all. */
export type TaskViewer = { userId: string; role: 'admin' | 'user' } | { role: 'system' };

export const idempotencyKeyTtlMs = 24 * 3_600_000;
const defaultLeaseTtlS = 60;
const engineFields = [
  'type',
  'machine_id',
  'labels',
  'gpus',
  'max_attempts',
  'priority',
  'lease_ttl_s',
  'cancel_grace_s',
];

export interface CreateTaskOptions {
  viewer: TaskViewer;
  body: CreateTaskBody;
  idempotencyKey?: string;
  scheduleId?: string;
  /** API callers may create only user-creatable types; modules may create their own internal ones. */
  isFromApi: boolean;
}

const ownerOf = (viewer: TaskViewer) => ('userId' in viewer ? viewer.userId : null);
const canSee = (viewer: TaskViewer, row: TaskRow) =>
  viewer.role !== 'user' || row.created_by_user_id === ownerOf(viewer);

export function createTaskService(deps: {
  database: Database;
  clock: Clock;
  notifier: TaskNotifier;
  types: TaskTypeRegistry;
}) {
  const { database, clock, notifier, types } = deps;
  const db = database.db;

  async function present(rows: TaskRow[]) {
    const [machines, busyGpusByMachine, labelTargets] = await Promise.all([
      rows.some((row) => row.state === 'queued') ? listMachines(db) : Promise.resolve([]),
      countBusyGpusByMachine(db),
      listLabelTargets(
        db,
        rows.map((row) => row.id),
      ),
    ]);
    const nowMs = clock.nowMs();
    return rows.map((row) => {
      const targets = labelTargets.get(row.id) ?? [];
      return presentTask(row, {
        labelTargets: targets,
        waitReason: describeWaitReason(row, { machines, busyGpusByMachine, labelTargets: targets, nowMs }),
      });
    });
  }

  async function requireVisibleTask(viewer: TaskViewer, taskId: string): Promise<TaskRow> {
    const row = await findTaskById(db, taskId);
    // Another user's task answers exactly like a missing one, so ids cannot be probed.
    if (!row || !canSee(viewer, row)) throw taskNotFound();
    return row;
  }

  async function get(viewer: TaskViewer, taskId: string) {
    const row = await requireVisibleTask(viewer, taskId);
    const [task] = await present([row]);
    return { ...task, attempts: (await listAttempts(db, taskId)).map(presentAttempt) };
  }

  function buildRow(options: CreateTaskOptions, nowMs: number): { row: TaskRow; labelTargets: string[] } {
    const { body } = options;
    const definition = types.require(body.type);
    if (options.isFromApi && !definition.isUserCreatable) throw taskTypeUnknown(body.type);
    const payloadInput = Object.fromEntries(
      Object.entries(body).filter(([key]) => !engineFields.includes(key) || key === 'type'),
    );
    const payload = parseWithSchema(definition.payloadSchema, payloadInput);
    return {
      labelTargets: Object.entries(body.labels ?? {}).map(([key, value]) => `${key}=${value}`),
      row: {
        id: newId('tsk', nowMs),
        type: body.type,
        payload_json: JSON.stringify(payload),
        state: 'queued',
        required_executor: definition.executor,
        priority: body.priority,
        attempt: 0,
        attempt_id: null,
        machine_id: null,
        target_machine_id: body.machine_id ?? null,
        target_labels_json: body.labels ? JSON.stringify(body.labels) : null,
        gpus: body.gpus,
        gpu_indexes_json: null,
        max_attempts: body.max_attempts,
        attempts_per_run: body.max_attempts,
        lease_ttl_s: body.lease_ttl_s ?? definition.leaseTtlS ?? defaultLeaseTtlS,
        cancel_grace_s: body.cancel_grace_s,
        lease_expires_at_ms: null,
        not_before_ms: nowMs,
        cancel_requested_at_ms: null,
        created_by_user_id: ownerOf(options.viewer),
        idempotency_key: options.idempotencyKey ?? null,
        idempotency_hash: options.idempotencyKey ? hashRequestBody(body) : null,
        schedule_id: options.scheduleId ?? null,
        end_reason: null,
        exit_code: null,
        signal: null,
        error: null,
        outputs_json: null,
        log_items: 0,
        log_bytes: 0,
        is_log_truncated: 0,
        created_at_ms: nowMs,
        updated_at_ms: nowMs,
        started_at_ms: null,
        ended_at_ms: null,
      },
    };
  }

  async function assertExecutorOffered(row: TaskRow): Promise<void> {
    const definition = types.require(row.type);
    if (!definition.needsReportedExecutor) return;
    const machines = await listMachines(db);
    const isOffered = machines.some((machine) =>
      (JSON.parse(machine.executors_json) as string[]).includes(definition.executor),
    );
    if (!isOffered) throw taskTypeUnavailable(row.type, definition.executor);
  }

  return {
    get,
    /** Creates a task; with an Idempotency-Key a repeat returns the first task (`isReplay`), another body 409s. */
    async create(options: CreateTaskOptions) {
      const nowMs = clock.nowMs();
      const { row, labelTargets } = buildRow(options, nowMs);
      await assertExecutorOffered(row);
      const outcome = await database.writeTransaction(async (trx) => {
        if (row.target_machine_id && !(await findMachineById(trx, row.target_machine_id)))
          throw machineNotFound();
        if (options.idempotencyKey) {
          const existing = await findTaskByIdempotencyKey(trx, {
            userId: row.created_by_user_id,
            key: options.idempotencyKey,
          });
          if (existing && Number(existing.created_at_ms) > nowMs - idempotencyKeyTtlMs) {
            if (existing.idempotency_hash !== row.idempotency_hash) throw idempotencyKeyReused();
            return { taskId: existing.id, isReplay: true };
          }
          if (existing) await clearIdempotencyKey(trx, existing.id);
        }
        await insertTask(trx, row, labelTargets);
        return { taskId: row.id, isReplay: false };
      });
      if (!outcome.isReplay) notifier.notifyTasksQueued();
      return { task: await get({ role: 'system' }, outcome.taskId), isReplay: outcome.isReplay };
    },
    async list(
      viewer: TaskViewer,
      filter: { state?: TaskState; type?: string; machineId?: string; page: number; pageSize: number },
    ) {
      const ownerId = viewer.role === 'user' ? (ownerOf(viewer) as string) : undefined;
      const { items, total } = await listTasks(db, { ...filter, ownerId });
      return { items: await present(items), total, page: filter.page, page_size: filter.pageSize };
    },
    async cancel(viewer: TaskViewer, taskId: string) {
      await requireVisibleTask(viewer, taskId);
      const result = await database.writeTransaction((trx) =>
        requestCancel(trx, { taskId, nowMs: clock.nowMs() }),
      );
      if (result?.machine_id) notifier.notifyMachine(result.machine_id);
      notifier.notifyTaskLog(taskId);
      return get(viewer, taskId);
    },
    async retry(viewer: TaskViewer, taskId: string) {
      const row = await requireVisibleTask(viewer, taskId);
      const isRequeued = await database.writeTransaction((trx) =>
        requeueFinishedTask(trx, { taskId, nowMs: clock.nowMs() }),
      );
      if (!isRequeued) throw taskNotRetryable(row.state);
      notifier.notifyTasksQueued();
      return get(viewer, taskId);
    },
    requireVisibleTask,
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
