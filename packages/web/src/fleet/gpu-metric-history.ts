import type { Machine } from './fleet-api.js';

export interface GpuSample {
  utilizationPercent: number | null;
  memoryUsedPercent: number | null;
  temperatureC: number | null;
  powerWatts: number | null;
}

export interface GpuMetricHistory {
  /** The heartbeat the newest samples came from. */
  heartbeatAt: string | null;
  /** Samples per GPU uuid, oldest first. */
  samplesByUuid: Record<string, GpuSample[]>;
}

export const emptyGpuMetricHistory: GpuMetricHistory = { heartbeatAt: null, samplesByUuid: {} };

/** One sample per 15 s heartbeat: the last fifteen minutes. */
export const gpuHistorySamples = 60;

/**
 * The server keeps only each machine's latest heartbeat (no metrics history endpoint; Prometheus holds
 * the long view), so the console's sparklines are a rolling window of the polls it has made itself.
 * A poll that repeats the previous heartbeat's timestamp adds no sample.
 */
export function recordGpuSamples(
  history: GpuMetricHistory,
  machine: Pick<Machine, 'gpus' | 'last_heartbeat_at'>,
  maxSamples = gpuHistorySamples,
): GpuMetricHistory {
  if (machine.last_heartbeat_at !== null && machine.last_heartbeat_at === history.heartbeatAt) return history;
  const next: Record<string, GpuSample[]> = {};
  for (const gpu of machine.gpus) {
    const metrics = gpu.metrics;
    const total = metrics?.memory_total_bytes ?? gpu.memory_total_bytes;
    const sample: GpuSample = {
      utilizationPercent: metrics?.utilization_percent ?? null,
      memoryUsedPercent:
        metrics?.memory_used_bytes != null && total > 0 ? (metrics.memory_used_bytes / total) * 100 : null,
      temperatureC: metrics?.temperature_c ?? null,
      powerWatts: metrics?.power_watts ?? null,
    };
    next[gpu.uuid] = [...(history.samplesByUuid[gpu.uuid] ?? []), sample].slice(-maxSamples);
  }
  return { heartbeatAt: machine.last_heartbeat_at, samplesByUuid: next };
}
