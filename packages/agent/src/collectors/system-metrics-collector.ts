import fs from 'node:fs/promises';
import type { AgentSystemMetrics } from '@switchyard/protocol';
import {
  type CpuTimes,
  cpuPercentBetween,
  parseDiskMounts,
  parseLoadAverage,
  parseMeminfo,
  parseNetDev,
  parseProcStatCpu,
  parseUptimeSeconds,
} from './proc-parse.js';

export type DiskUsage = { mount: string; total_bytes: number; used_bytes: number; free_bytes: number };

export async function readDiskUsage(procRoot = '/proc'): Promise<DiskUsage[]> {
  const mounts = parseDiskMounts(await fs.readFile(`${procRoot}/mounts`, 'utf8').catch(() => ''));
  const disks: DiskUsage[] = [];
  for (const mount of mounts) {
    try {
      const stats = await fs.statfs(mount);
      const totalBytes = stats.blocks * stats.bsize;
      if (totalBytes === 0) continue;
      disks.push({
        mount,
        total_bytes: totalBytes,
        used_bytes: (stats.blocks - stats.bfree) * stats.bsize,
        free_bytes: stats.bavail * stats.bsize,
      });
    } catch {
      // A mount we may not stat (permissions, a stale network share) is left out rather than failing the beat.
    }
  }
  return disks;
}

/**
 * Samples system metrics. CPU % is the busy share since the previous sample (the first call measures
 * since boot), so one collector instance lives as long as the heartbeat loop.
 */
export function createSystemMetricsCollector(options: { procRoot?: string } = {}) {
  const procRoot = options.procRoot ?? '/proc';
  const read = (file: string) => fs.readFile(`${procRoot}/${file}`, 'utf8').catch(() => '');
  let previousCpu: CpuTimes = { busy: 0, total: 0 };
  return {
    async collect(): Promise<Required<AgentSystemMetrics>> {
      const [stat, loadavg, meminfo, netDev, uptime] = await Promise.all(
        ['stat', 'loadavg', 'meminfo', 'net/dev', 'uptime'].map(read),
      );
      const cpu = parseProcStatCpu(stat);
      const cpuPercent = cpuPercentBetween(previousCpu, cpu);
      previousCpu = cpu;
      const memory = parseMeminfo(meminfo);
      const disks = await readDiskUsage(procRoot);
      return {
        cpu_percent: cpuPercent,
        load_average: parseLoadAverage(loadavg),
        memory_total_bytes: memory.totalBytes,
        memory_used_bytes: memory.usedBytes,
        disks: disks.map(({ mount, total_bytes, used_bytes }) => ({ mount, total_bytes, used_bytes })),
        network: parseNetDev(netDev),
        uptime_s: parseUptimeSeconds(uptime),
      };
    },
  };
}
