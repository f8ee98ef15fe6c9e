import { describe, expect, it } from 'vitest';
import {
  cpuPercentBetween,
  parseDiskMounts,
  parseMeminfo,
  parseNetDev,
  parseProcStatCpu,
} from './proc-parse.js';
import { createSystemMetricsCollector } from './system-metrics-collector.js';

describe(parseProcStatCpu.name, () => {
  it('counts idle and iowait as not busy', () => {
    const before = parseProcStatCpu('cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3\n');
    const after = parseProcStatCpu('cpu  150 0 150 800 100 0 0 0 0 0\n');
    expect(before).toEqual({ busy: 200, total: 1000 });
    expect(cpuPercentBetween(before, after)).toBe(50);
  });
});

describe('proc parsers', () => {
  it('computes used memory as total minus available', () => {
    expect(parseMeminfo('MemTotal:       1000 kB\nMemFree:  100 kB\nMemAvailable:    400 kB\n')).toEqual({
      totalBytes: 1024000,
      usedBytes: 614400,
    });
  });

  it('reads rx and tx byte counters per interface', () => {
    const text =
      'Inter-| Receive | Transmit\n face |bytes packets\n    lo: 1783028     817    0    0    0     0          0         0  1783029     817    0    0    0     0       0          0\n';
    expect(parseNetDev(text)).toEqual([{ interface: 'lo', rx_bytes: 1783028, tx_bytes: 1783029 }]);
  });

  it('keeps real filesystems and drops pseudo ones', () => {
    const text =
      'proc /proc proc rw 0 0\n/dev/vda / ext4 rw 0 0\ntmpfs /dev/shm tmpfs rw 0 0\n/dev/vdb /mnt/my\\040data xfs rw 0 0\n';
    expect(parseDiskMounts(text)).toEqual(['/', '/mnt/my data']);
  });
});

describe(createSystemMetricsCollector.name, () => {
  it('samples this machine into the heartbeat shape', async () => {
    const collector = createSystemMetricsCollector();
    await collector.collect();
    const metrics = await collector.collect();
    expect(metrics.memory_total_bytes).toBeGreaterThan(0);
    expect(metrics.memory_used_bytes).toBeLessThanOrEqual(metrics.memory_total_bytes);
    expect(metrics.cpu_percent).toBeGreaterThanOrEqual(0);
    expect(metrics.cpu_percent).toBeLessThanOrEqual(100);
    expect(metrics.uptime_s).toBeGreaterThan(0);
    expect(metrics.disks.some((disk) => disk.mount === '/' && disk.total_bytes > 0)).toBe(true);
    expect(metrics.network.some((device) => device.interface === 'lo')).toBe(true);
  });
});
