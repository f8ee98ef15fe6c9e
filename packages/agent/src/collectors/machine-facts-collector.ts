import fs from 'node:fs/promises';
import os from 'node:os';
import type { AgentRegisterRequest } from '@switchyard/protocol';
import { gpuQueryArgs, type RunNvidiaSmi, runNvidiaSmiBinary } from './gpu-metrics-collector.js';
import { gpuQueryFields, parseNvidiaSmiQueryCsv, readNumber } from './nvidia-smi-query-parse.js';
import { readDiskUsage } from './system-metrics-collector.js';

export type MachineFacts = Pick<
  AgentRegisterRequest,
  'hostname' | 'os' | 'arch' | 'cpu_model' | 'cpu_cores' | 'memory_total_bytes' | 'disks' | 'gpus'
>;

/** Hardware facts sent with `register`: what the fleet shows on the machine page and matches tasks against. */
export async function collectMachineFacts(
  runNvidiaSmi: RunNvidiaSmi = runNvidiaSmiBinary,
): Promise<MachineFacts> {
  const cpus = os.cpus();
  const gpuCsv = await runNvidiaSmi(gpuQueryArgs).catch(() => '');
  const gpus = parseNvidiaSmiQueryCsv(gpuCsv, gpuQueryFields)
    .filter((row) => row.uuid)
    .map((row) => ({
      index: readNumber(row, 'index') ?? 0,
      uuid: row.uuid ?? '',
      name: row.name ?? '',
      memory_total_bytes: (readNumber(row, 'memory.total') ?? 0) * 1024 * 1024,
    }));
  const disks = (await readDiskUsage()).map(({ mount, total_bytes, free_bytes }) => ({
    mount,
    total_bytes,
    free_bytes,
  }));
  const osRelease = await fs.readFile('/etc/os-release', 'utf8').catch(() => '');
  const prettyName = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(osRelease)?.[1];
  return {
    hostname: os.hostname(),
    os: (prettyName ?? `${os.type()} ${os.release()}`).slice(0, 64),
    arch: os.arch(),
    cpu_model: cpus[0]?.model?.trim().slice(0, 255),
    cpu_cores: cpus.length,
    memory_total_bytes: os.totalmem(),
    disks,
    gpus,
  };
}
