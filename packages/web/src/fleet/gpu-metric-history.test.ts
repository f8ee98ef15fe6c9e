import { describe, expect, it } from 'vitest';
import type { MachineGpu } from './fleet-api.js';
import { emptyGpuMetricHistory, recordGpuSamples } from './gpu-metric-history.js';

const gib = 1024 ** 3;
const gpu = (uuid: string, utilization: number | null): MachineGpu => ({
  index: 0,
  uuid,
  name: 'NVIDIA H100 80GB HBM3',
  memory_total_bytes: 80 * gib,
  metrics: {
    index: 0,
    uuid,
    utilization_percent: utilization,
    memory_used_bytes: 20 * gib,
    memory_total_bytes: 80 * gib,
    temperature_c: 41,
    power_watts: 120.5,
    sm_clock_mhz: 1980,
    ecc_errors_uncorrected: 0,
  },
});

describe(recordGpuSamples.name, () => {
  it('appends one sample per GPU and keeps only the newest ones', () => {
    let history = emptyGpuMetricHistory;
    for (const [second, utilization] of [10, 20, 30, 40].entries()) {
      const heartbeat = `2025-01-01T00:00:${String(second * 15).padStart(2, '0')}.000Z`;
      history = recordGpuSamples(
        history,
        { gpus: [gpu('GPU-a', utilization)], last_heartbeat_at: heartbeat },
        3,
      );
    }
    expect(history.samplesByUuid).toEqual({
      'GPU-a': [20, 30, 40].map((utilizationPercent) => ({
        utilizationPercent,
        memoryUsedPercent: 25,
        temperatureC: 41,
        powerWatts: 120.5,
      })),
    });
  });

  it('keeps unsupported fields as gaps and forgets GPUs that disappeared', () => {
    const first = recordGpuSamples(emptyGpuMetricHistory, {
      gpus: [gpu('GPU-a', 5), gpu('GPU-b', 7)],
      last_heartbeat_at: '2025-01-01T00:00:00.000Z',
    });
    const noMetrics: MachineGpu = { ...gpu('GPU-b', null), metrics: null };
    const second = recordGpuSamples(first, {
      gpus: [noMetrics],
      last_heartbeat_at: '2025-01-01T00:00:15.000Z',
    });
    expect(Object.keys(second.samplesByUuid)).toEqual(['GPU-b']);
    expect(second.samplesByUuid['GPU-b'][1]).toEqual({
      utilizationPercent: null,
      memoryUsedPercent: null,
      temperatureC: null,
      powerWatts: null,
    });
  });

  it('adds nothing when a poll sees the same heartbeat again', () => {
    const machine = { gpus: [gpu('GPU-a', 50)], last_heartbeat_at: '2025-01-01T00:00:00.000Z' };
    const once = recordGpuSamples(emptyGpuMetricHistory, machine);
    expect(recordGpuSamples(once, machine)).toBe(once);
    expect(once.samplesByUuid['GPU-a']).toHaveLength(1);
  });
});
