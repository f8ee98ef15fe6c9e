import type { AgentGpuFact, AgentGpuMetrics } from '@switchyard/protocol';
import { toIso } from '../../kernel/clock.js';
import type { MachineRow } from '../fleet-tables.js';
import { machineReachability } from './machine-reachability.js';

export interface MachineMetrics {
  system: Record<string, unknown>;
  gpus: AgentGpuMetrics[];
}

export const parseMachineMetrics = (row: MachineRow): MachineMetrics | null =>
  row.metrics_json ? (JSON.parse(row.metrics_json) as MachineMetrics) : null;

export const parseMachineLabels = (row: MachineRow) => JSON.parse(row.labels_json) as Record<string, string>;

/** The admin view of a machine. SSH login info is reported only as present or not, never returned. */
export function presentMachine(row: MachineRow, context: { nowMs: number; busyGpus?: number }) {
  const hardware = row.hardware_json ? (JSON.parse(row.hardware_json) as Record<string, unknown>) : null;
  const gpuFacts = JSON.parse(row.gpus_json) as AgentGpuFact[];
  const metrics = parseMachineMetrics(row);
  const metricsByIndex = new Map((metrics?.gpus ?? []).map((gpu) => [gpu.index, gpu]));
  return {
    id: row.id,
    name: row.name,
    hostname: row.hostname,
    ip: row.ip,
    domain: row.domain,
    region: row.region,
    labels: parseMachineLabels(row),
    reachability: machineReachability(row.last_heartbeat_at_ms, context.nowMs),
    allocation: row.allocation,
    health: row.health,
    has_ssh_login: row.ssh_sealed !== null,
    has_token: row.token_hash !== null,
    hardware,
    gpus: gpuFacts.map((gpu) => ({ ...gpu, metrics: metricsByIndex.get(gpu.index) ?? null })),
    gpus_busy: context.busyGpus ?? 0,
    system_metrics: metrics?.system ?? null,
    executors: JSON.parse(row.executors_json) as string[],
    slots: Number(row.slots),
    needs_collect: Number(row.needs_collect) === 1,
    registered_at: toIso(row.registered_at_ms),
    last_heartbeat_at: toIso(row.last_heartbeat_at_ms),
    created_at: toIso(row.created_at_ms),
    updated_at: toIso(row.updated_at_ms),
  };
}
export type PresentedMachine = ReturnType<typeof presentMachine>;
