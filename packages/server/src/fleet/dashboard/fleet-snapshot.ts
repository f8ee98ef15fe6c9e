import type { AgentGpuFact } from '@switchyard/protocol';
import type { Clock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import { fleetDb, type MachineRow } from '../fleet-tables.js';
import { parseMachineMetrics } from '../machines/machine-presenter.js';
import { machineReachability } from '../machines/machine-reachability.js';
import { countBusyGpusByMachine, listMachines } from '../machines/machine-store.js';
import { countTasksByState } from '../tasks/task-store.js';

export interface FleetSnapshot {
  machines: MachineRow[];
  busyGpusByMachine: Map<string, number>;
  tasksByState: Record<string, number>;
  oldestQueuedCreatedAtMs: number | null;
  nowMs: number;
}

/** Everything the dashboard and /metrics show, read in four queries so both stay cheap to poll. */
export async function readFleetSnapshot(deps: { database: Database; clock: Clock }): Promise<FleetSnapshot> {
  const db = deps.database.db;
  const [machines, busyGpusByMachine, tasksByState, oldest] = await Promise.all([
    listMachines(db),
    countBusyGpusByMachine(db),
    countTasksByState(db),
    fleetDb(db)
      .selectFrom('tasks')
      .select((eb) => eb.fn.min<number>('created_at_ms').as('oldest'))
      .where('state', '=', 'queued')
      .executeTakeFirst(),
  ]);
  const oldestMs = oldest?.oldest;
  return {
    machines,
    busyGpusByMachine,
    tasksByState,
    oldestQueuedCreatedAtMs: oldestMs === null || oldestMs === undefined ? null : Number(oldestMs),
    nowMs: deps.clock.nowMs(),
  };
}

const taskStates = ['queued', 'leased', 'running', 'succeeded', 'failed', 'cancelled'];

export function summarizeFleet(snapshot: FleetSnapshot) {
  const byReachability: Record<string, number> = { online: 0, unreachable: 0, offline: 0 };
  const byAllocation: Record<string, number> = { idle: 0, allocated: 0, maintenance: 0 };
  let gpuTotal = 0;
  let gpuBusy = 0;
  for (const machine of snapshot.machines) {
    byReachability[machineReachability(machine.last_heartbeat_at_ms, snapshot.nowMs)] += 1;
    byAllocation[machine.allocation] = (byAllocation[machine.allocation] ?? 0) + 1;
    gpuTotal += (JSON.parse(machine.gpus_json) as AgentGpuFact[]).length;
    gpuBusy += snapshot.busyGpusByMachine.get(machine.id) ?? 0;
  }
  const utilizations = snapshot.machines.flatMap((machine) =>
    (parseMachineMetrics(machine)?.gpus ?? [])
      .map((gpu) => gpu.utilization_percent)
      .filter((value): value is number => value !== null),
  );
  return {
    machines: {
      total: snapshot.machines.length,
      by_reachability: byReachability,
      by_allocation: byAllocation,
    },
    gpus: {
      total: gpuTotal,
      busy: gpuBusy,
      free: Math.max(0, gpuTotal - gpuBusy),
      mean_utilization_percent: utilizations.length
        ? utilizations.reduce((sum, value) => sum + value, 0) / utilizations.length
        : null,
    },
    tasks: {
      by_state: Object.fromEntries(taskStates.map((state) => [state, snapshot.tasksByState[state] ?? 0])),
    },
    queue: {
      depth: snapshot.tasksByState.queued ?? 0,
      oldest_wait_s:
        snapshot.oldestQueuedCreatedAtMs === null
          ? 0
          : Math.max(0, (snapshot.nowMs - snapshot.oldestQueuedCreatedAtMs) / 1000),
    },
  };
}
