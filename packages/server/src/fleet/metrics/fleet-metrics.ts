import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { FleetSnapshot } from '../dashboard/fleet-snapshot.js';
import type { LeaseObserver } from '../leases/lease-service.js';
import { parseMachineMetrics } from '../machines/machine-presenter.js';
import { machineReachability } from '../machines/machine-reachability.js';

const gpuLabels = ['machine', 'gpu', 'uuid'];

/**
 * Fleet series with DCGM-like meaning but our own names (agent-protocol.md, "GPU metric names"). Gauges
 * are filled from the database at scrape time, so every server instance reports the whole fleet.
 */
export function createFleetMetrics(
  registry: Registry,
  readSnapshot: () => Promise<FleetSnapshot>,
): LeaseObserver {
  // prom-client collects all metrics in parallel: every gauge awaits the same single fill per scrape.
  let pending: Promise<void> | null = null;
  const fillOnce = () => {
    pending ??= fill().finally(() => setTimeout(() => (pending = null), 0));
    return pending;
  };
  const gauge = (name: string, help: string, labelNames: string[]) =>
    new Gauge({ name, help, labelNames, registers: [registry], collect: fillOnce });
  const gpu = {
    utilization: gauge(
      'switchyard_gpu_utilization_ratio',
      'GPU utilisation 0..1 (DCGM_FI_DEV_GPU_UTIL / 100)',
      gpuLabels,
    ),
    memoryUsed: gauge(
      'switchyard_gpu_memory_used_bytes',
      'GPU framebuffer used (DCGM_FI_DEV_FB_USED)',
      gpuLabels,
    ),
    memoryTotal: gauge('switchyard_gpu_memory_total_bytes', 'GPU framebuffer total', gpuLabels),
    temperature: gauge(
      'switchyard_gpu_temperature_celsius',
      'GPU temperature (DCGM_FI_DEV_GPU_TEMP)',
      gpuLabels,
    ),
    power: gauge('switchyard_gpu_power_watts', 'GPU power draw (DCGM_FI_DEV_POWER_USAGE)', gpuLabels),
    smClock: gauge('switchyard_gpu_sm_clock_hertz', 'GPU SM clock (DCGM_FI_DEV_SM_CLOCK, in Hz)', gpuLabels),
    ecc: gauge(
      'switchyard_gpu_ecc_errors_uncorrected',
      'Volatile uncorrected ECC errors (DCGM_FI_DEV_ECC_DBE_VOL_TOTAL)',
      gpuLabels,
    ),
  };
  const reachable = gauge('switchyard_machine_reachable', '1 while the machine heartbeats (online), else 0', [
    'machine',
    'reachability',
  ]);
  const lastHeartbeat = gauge(
    'switchyard_machine_last_heartbeat_timestamp_seconds',
    'Time of the last heartbeat',
    ['machine'],
  );
  const tasks = gauge('switchyard_tasks', 'Tasks by state', ['state']);
  const oldestWait = gauge(
    'switchyard_task_queue_oldest_wait_seconds',
    'How long the oldest queued task has waited',
    [],
  );
  const leaseExpirations = new Counter({
    name: 'switchyard_task_lease_expirations_total',
    help: 'Leases ended by the reaper',
    registers: [registry],
  });
  const claimDuration = new Histogram({
    name: 'switchyard_task_claim_duration_seconds',
    help: 'Claim call duration, long-poll wait included',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 25, 30],
    registers: [registry],
  });

  const setValue = (target: Gauge, labels: Record<string, string>, value: number | null | undefined) => {
    if (value !== null && value !== undefined) target.set(labels, value);
  };
  async function fill() {
    const snapshot = await readSnapshot();
    for (const series of Object.values(gpu)) series.reset();
    reachable.reset();
    lastHeartbeat.reset();
    for (const machine of snapshot.machines) {
      const state = machineReachability(machine.last_heartbeat_at_ms, snapshot.nowMs);
      reachable.set({ machine: machine.name, reachability: state }, state === 'online' ? 1 : 0);
      if (machine.last_heartbeat_at_ms !== null)
        lastHeartbeat.set({ machine: machine.name }, Number(machine.last_heartbeat_at_ms) / 1000);
      for (const card of parseMachineMetrics(machine)?.gpus ?? []) {
        const labels = { machine: machine.name, gpu: String(card.index), uuid: card.uuid };
        setValue(
          gpu.utilization,
          labels,
          card.utilization_percent === null ? null : card.utilization_percent / 100,
        );
        setValue(gpu.memoryUsed, labels, card.memory_used_bytes);
        setValue(gpu.memoryTotal, labels, card.memory_total_bytes);
        setValue(gpu.temperature, labels, card.temperature_c);
        setValue(gpu.power, labels, card.power_watts);
        setValue(gpu.smClock, labels, card.sm_clock_mhz === null ? null : card.sm_clock_mhz * 1_000_000);
        setValue(gpu.ecc, labels, card.ecc_errors_uncorrected);
      }
    }
    tasks.reset();
    for (const [state, count] of Object.entries(snapshot.tasksByState)) tasks.set({ state }, count);
    oldestWait.set(
      snapshot.oldestQueuedCreatedAtMs === null
        ? 0
        : Math.max(0, (snapshot.nowMs - snapshot.oldestQueuedCreatedAtMs) / 1000),
    );
  }
  return {
    leasesExpired: (count) => leaseExpirations.inc(count),
    claimFinished: (seconds) => claimDuration.observe(seconds),
  };
}
