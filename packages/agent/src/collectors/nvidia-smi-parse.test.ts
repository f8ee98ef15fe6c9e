import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectGpuMetrics, gpuQueryArgs } from './gpu-metrics-collector.js';
import { parseNvidiaSmiQueryCsv, toGpuMetrics } from './nvidia-smi-query-parse.js';
import {
  parseComputeApps,
  parseDmon,
  parseNvidiaSmiTable,
  parseNvidiaSmiXml,
  parseTopoMatrix,
} from './nvidia-smi-report-parse.js';

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'nvidia-smi-h100');
const readFixture = (name: string) => fs.readFileSync(path.join(fixtureDir, name), 'utf8');

/** The 19 fields the fixture was captured with (see __fixtures__/nvidia-smi-h100/README.md). */
const fixtureFields = [
  'index',
  'uuid',
  'name',
  'pci.bus_id',
  'driver_version',
  'memory.total',
  'memory.used',
  'memory.free',
  'utilization.gpu',
  'utilization.memory',
  'temperature.gpu',
  'power.draw',
  'power.limit',
  'clocks.sm',
  'clocks.mem',
  'fan.speed',
  'pstate',
  'compute_mode',
  'ecc.errors.uncorrected.volatile.total',
];
const h100Uuid = 'GPU-cfe887fb-dc33-f2cb-0f26-a2159774efd6';
const mib = 1024 * 1024;

describe(parseNvidiaSmiQueryCsv.name, () => {
  it('reads the idle H100 by position with fan.speed [N/A] as null', () => {
    const [row] = parseNvidiaSmiQueryCsv(readFixture('query-gpu.csv'), fixtureFields);
    expect(row['fan.speed']).toBeNull();
    expect(row.name).toBe('NVIDIA H100 80GB HBM3');
    expect(toGpuMetrics(row)).toEqual({
      index: 0,
      uuid: h100Uuid,
      utilization_percent: 0,
      memory_utilization_percent: 0,
      memory_used_bytes: 0,
      memory_total_bytes: 81559 * mib,
      temperature_c: 34,
      power_watts: 121.45,
      sm_clock_mhz: 1980,
      ecc_errors_uncorrected: 0,
    });
  });

  it('reads the busy H100 at full utilisation and ~700 W', () => {
    const rows = parseNvidiaSmiQueryCsv(readFixture('query-gpu-busy.csv'), fixtureFields);
    expect(rows).toHaveLength(1);
    const metrics = toGpuMetrics(rows[0]);
    expect(metrics.utilization_percent).toBe(100);
    expect(metrics.memory_utilization_percent).toBe(30);
    expect(metrics.memory_used_bytes).toBe(1011 * mib);
    expect(metrics.temperature_c).toBe(58);
    expect(metrics.power_watts).toBe(700.04);
    expect(metrics.sm_clock_mhz).toBe(1335);
  });

  it('skips the header and strips units when the csv keeps them', () => {
    const rows = parseNvidiaSmiQueryCsv(readFixture('query-gpu-header.csv'), fixtureFields);
    expect(rows).toHaveLength(1);
    expect(toGpuMetrics(rows[0])).toEqual(
      toGpuMetrics(parseNvidiaSmiQueryCsv(readFixture('query-gpu.csv'), fixtureFields)[0]),
    );
  });

  it('treats [Not Supported] in any field as a missing reading', () => {
    const csv = '1, GPU-x, Tesla T4, [Not Supported], [N/A], 15360, 40, 27.1, 585, [Not Supported]\n';
    const fields = [
      'index',
      'uuid',
      'name',
      'utilization.gpu',
      'memory.used',
      'memory.total',
      'temperature.gpu',
      'power.draw',
      'clocks.sm',
      'ecc.errors.uncorrected.volatile.total',
    ];
    const metrics = toGpuMetrics(parseNvidiaSmiQueryCsv(csv, fields)[0]);
    expect(metrics).toMatchObject({
      index: 1,
      utilization_percent: null,
      memory_used_bytes: null,
      ecc_errors_uncorrected: null,
      temperature_c: 40,
    });
  });
});

describe(collectGpuMetrics.name, () => {
  it('asks nvidia-smi for the agent field list without header or units', async () => {
    let seenArgs: string[] = [];
    const metrics = await collectGpuMetrics(async (args) => {
      seenArgs = args;
      return `0, ${h100Uuid}, NVIDIA H100 80GB HBM3, 100, 1011, 81559, 58, 700.04, 1335, 0\n`;
    });
    expect(seenArgs).toEqual(gpuQueryArgs);
    expect(seenArgs[0]).toBe(
      '--query-gpu=index,uuid,name,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw,clocks.sm,ecc.errors.uncorrected.volatile.total',
    );
    expect(metrics).toEqual([
      expect.objectContaining({
        uuid: h100Uuid,
        utilization_percent: 100,
        memory_used_bytes: 1011 * mib,
        power_watts: 700.04,
        sm_clock_mhz: 1335,
      }),
    ]);
  });

  it('reports no GPUs without throwing when nvidia-smi is missing', async () => {
    const missing = Object.assign(new Error('spawn nvidia-smi ENOENT'), { code: 'ENOENT' });
    await expect(collectGpuMetrics(async () => Promise.reject(missing))).resolves.toEqual([]);
  });
});

describe('nvidia-smi reports', () => {
  it('reads the busy compute process and its GPU memory', () => {
    expect(parseComputeApps(readFixture('compute-apps-busy.csv'))).toEqual([
      { pid: 479, processName: 'python3', usedMemoryMib: 1002, gpuUuid: h100Uuid },
    ]);
  });

  it('reads three dmon samples at 100 % SM', () => {
    const samples = parseDmon(readFixture('dmon-busy.txt'));
    expect(samples).toHaveLength(3);
    expect(samples.map((sample) => sample.sm)).toEqual([100, 100, 100]);
    expect(samples[0]).toMatchObject({ gpu: 0, pwr: 700, gtemp: 58, mclk: 2619, pclk: 1335 });
  });

  it('reads idle and busy readings from nvidia-smi -q -x', () => {
    const idle = parseNvidiaSmiXml(readFixture('nvidia-smi-q.xml'));
    const busy = parseNvidiaSmiXml(readFixture('nvidia-smi-q-busy.xml'));
    expect(idle.driverVersion).toBe('580.159.04');
    expect(idle.cudaVersion).toBe('13.0');
    expect(idle.gpus).toEqual([
      expect.objectContaining({
        uuid: h100Uuid,
        productName: 'NVIDIA H100 80GB HBM3',
        memoryTotalMib: 81559,
        memoryUsedMib: 0,
        utilizationPercent: 0,
        temperatureC: 34,
        powerWatts: 121.45,
        smClockMhz: 1980,
      }),
    ]);
    expect(busy.gpus[0]).toMatchObject({ memoryUsedMib: 1011, utilizationPercent: 100, temperatureC: 58 });
    expect(busy.gpus[0].powerWatts).toBeGreaterThan(600);
  });

  it('reads the plain table idle and busy', () => {
    const idle = parseNvidiaSmiTable(readFixture('nvidia-smi.txt'));
    const busy = parseNvidiaSmiTable(readFixture('nvidia-smi-busy.txt'));
    expect(idle).toMatchObject({ driverVersion: '580.159.04', cudaVersion: '13.0' });
    expect(idle.gpus).toHaveLength(1);
    expect(idle.gpus[0]).toMatchObject({ memoryTotalMib: 81559, utilizationPercent: 0 });
    expect(busy.gpus[0]).toEqual({
      temperatureC: 59,
      performanceState: 'P0',
      powerWatts: 698,
      powerLimitWatts: 700,
      memoryUsedMib: 1011,
      memoryTotalMib: 81559,
      utilizationPercent: 100,
    });
  });

  it('strips ANSI codes from topo -m and reads the affinity row', () => {
    const matrix = parseTopoMatrix(readFixture('topo.txt'));
    expect(matrix).toEqual({
      GPU0: { GPU0: 'X', 'CPU Affinity': '0-15', 'NUMA Affinity': '0', 'GPU NUMA ID': 'N/A' },
    });
  });
});
