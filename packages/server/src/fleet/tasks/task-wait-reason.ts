import type { MachineRow, TaskRow } from '../fleet-tables.js';
import { machineReachability } from '../machines/machine-reachability.js';

export interface WaitContext {
  machines: MachineRow[];
  busyGpusByMachine: Map<string, number>;
  labelTargets: string[];
  nowMs: number;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function machineFits(machine: MachineRow, labelTargets: string[]): boolean {
  const labels = JSON.parse(machine.labels_json) as Record<string, string>;
  const pairs = new Set(Object.entries(labels).map(([key, value]) => `${key}=${value}`));
  return labelTargets.every((label) => pairs.has(label));
}

/**
 * Why a queued task is still queued, in words, so nothing sits in the queue unexplained. Checked from
 * the most specific cause to the least: backoff, then target machine, then labels, executor, GPUs, reachability.
 */
export function describeWaitReason(task: TaskRow, context: WaitContext): string | null {
  if (task.state !== 'queued') return null;
  if (Number(task.not_before_ms) > context.nowMs) {
    return `retrying after backoff in ${Math.ceil((Number(task.not_before_ms) - context.nowMs) / 1000)} s`;
  }
  const gpusWanted = Number(task.gpus);
  let candidates = context.machines;
  if (task.target_machine_id) {
    candidates = candidates.filter((machine) => machine.id === task.target_machine_id);
    if (candidates.length === 0) return `machine ${task.target_machine_id} does not exist`;
  }
  candidates = candidates.filter((machine) => machineFits(machine, context.labelTargets));
  if (candidates.length === 0) return `no machine with labels ${context.labelTargets.join(', ')}`;
  candidates = candidates.filter((machine) =>
    (JSON.parse(machine.executors_json) as string[]).includes(task.required_executor),
  );
  if (candidates.length === 0) return `no machine with the ${task.required_executor} executor`;
  const gpuCount = (machine: MachineRow) => (JSON.parse(machine.gpus_json) as unknown[]).length;
  if (gpusWanted > 0) {
    candidates = candidates.filter((machine) => gpuCount(machine) >= gpusWanted);
    if (candidates.length === 0) return `no machine with ${plural(gpusWanted, 'GPU')}`;
  }
  const reachable = candidates.filter(
    (machine) => machineReachability(machine.last_heartbeat_at_ms, context.nowMs) === 'online',
  );
  if (reachable.length === 0)
    return candidates.length === 1 ? 'machine unreachable' : 'every matching machine is unreachable';
  if (gpusWanted > 0) {
    const withFree = reachable.filter(
      (machine) => gpuCount(machine) - (context.busyGpusByMachine.get(machine.id) ?? 0) >= gpusWanted,
    );
    if (withFree.length === 0) return `no machine with ${plural(gpusWanted, 'free GPU')}`;
  }
  return 'waiting for a free slot on a matching machine';
}
