import type { Registry } from 'prom-client';
import type { AuditLog } from '../identity/index.js';
import type { Clock } from '../kernel/clock.js';
import type { Database } from '../kernel/db/database.js';
import type { Logger } from '../kernel/logging.js';
import type { SecretBox } from '../kernel/secrets/secret-box.js';
import { readFleetSnapshot, summarizeFleet } from './dashboard/fleet-snapshot.js';
import type { FleetSettings } from './fleet-settings.js';
import { createLeaseService } from './leases/lease-service.js';
import { listLogChunks, presentLogChunk } from './logs/task-log-store.js';
import { createMachineService } from './machines/machine-service.js';
import { listMachines } from './machines/machine-store.js';
import { createFleetMetrics } from './metrics/fleet-metrics.js';
import { createTaskScheduleService } from './schedules/task-schedule-service.js';
import { createTaskNotifier } from './tasks/task-notifier.js';
import type { CreateTaskBody } from './tasks/task-schemas.js';
import { createTaskService } from './tasks/task-service.js';
import { createTaskTypeRegistry, type TaskTypeDefinition } from './tasks/task-type-registry.js';

export interface FleetServiceDeps {
  database: Database;
  clock: Clock;
  secretBox: SecretBox;
  audit: AuditLog;
  logger: Logger;
  metrics: Registry;
  settings: FleetSettings;
}

export function createFleetService(deps: FleetServiceDeps) {
  const { database, clock } = deps;
  const notifier = createTaskNotifier();
  const types = createTaskTypeRegistry();
  const readSnapshot = () => readFleetSnapshot({ database, clock });
  const observer = createFleetMetrics(deps.metrics, readSnapshot);
  const machines = createMachineService({ database, clock, secretBox: deps.secretBox, audit: deps.audit });
  const leases = createLeaseService({
    database,
    clock,
    notifier,
    observer,
    logCapBytes: deps.settings.taskLogCapBytes,
  });
  const tasks = createTaskService({ database, clock, notifier, types });
  const schedules = createTaskScheduleService({ database, clock, tasks, logger: deps.logger });
  let timer: NodeJS.Timeout | null = null;
  let tick: Promise<void> = Promise.resolve();

  async function runBackgroundTick(): Promise<void> {
    try {
      await leases.reapExpiredLeases();
      await schedules.fireDueSchedules();
    } catch (error) {
      deps.logger.error({ err: error }, 'fleet reaper tick failed');
    }
  }

  return {
    notifier,
    types,
    machines,
    leases,
    tasks,
    schedules,
    settings: deps.settings,
    /** For other modules: create a task of any registered type (module-internal types included). */
    createTask: (options: { ownerUserId: string | null; body: CreateTaskBody; idempotencyKey?: string }) =>
      tasks.create({
        viewer: options.ownerUserId ? { userId: options.ownerUserId, role: 'user' } : { role: 'system' },
        body: options.body,
        idempotencyKey: options.idempotencyKey,
        isFromApi: false,
      }),
    getTask: (taskId: string) => tasks.get({ role: 'system' }, taskId),
    cancelTask: (taskId: string) => tasks.cancel({ role: 'system' }, taskId),
    readTaskLog: async (taskId: string, page: { offset: number; limit: number }) =>
      (await listLogChunks(database.db, { taskId, ...page })).map(presentLogChunk),
    /** Resolves on the next log append, completion or cancel of the task (or after timeoutMs). */
    waitForTaskUpdate: (taskId: string, timeoutMs: number) => notifier.waitForTaskLog(taskId, timeoutMs),
    registerTaskType: (definition: TaskTypeDefinition) => types.register(definition),
    summarize: async () => summarizeFleet(await readSnapshot()),
    listOfferedExecutors: async () =>
      new Set(
        (await listMachines(database.db)).flatMap(
          (machine) => JSON.parse(machine.executors_json) as string[],
        ),
      ),
    /** One reaper + scheduler pass now (tests and benchmarks drive it with a manual clock). */
    runBackgroundTick,
    startBackgroundWork() {
      timer = setInterval(() => {
        tick = tick.then(runBackgroundTick);
      }, deps.settings.reaperIntervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      notifier.close();
      await tick;
    },
  };
}

export type FleetService = ReturnType<typeof createFleetService>;
