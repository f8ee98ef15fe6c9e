import { execFile } from 'node:child_process';
import type { AgentGpuMetrics } from '@switchyard/protocol';
import { gpuQueryFields, parseNvidiaSmiQueryCsv, toGpuMetrics } from './nvidia-smi-query-parse.js';

/** Runs nvidia-smi with the given arguments; resolves to stdout or rejects (missing binary, driver error). */
export type RunNvidiaSmi = (args: string[]) => Promise<string>;

export const runNvidiaSmiBinary: RunNvidiaSmi = (args) =>
  new Promise((resolve, reject) => {
    execFile('nvidia-smi', args, { timeout: 10_000 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });

export const gpuQueryArgs = [`--query-gpu=${gpuQueryFields.join(',')}`, '--format=csv,noheader,nounits'];

/**
 * GPU readings for the heartbeat. A machine without nvidia-smi (or without a working driver) has no GPUs as
 * far as the fleet is concerned: the answer is [] and nothing is thrown or logged per heartbeat.
 */
export async function collectGpuMetrics(
  runNvidiaSmi: RunNvidiaSmi = runNvidiaSmiBinary,
): Promise<AgentGpuMetrics[]> {
  let output: string;
  try {
    output = await runNvidiaSmi(gpuQueryArgs);
  } catch {
    return [];
  }
  return parseNvidiaSmiQueryCsv(output, gpuQueryFields)
    .map(toGpuMetrics)
    .filter((gpu) => gpu.uuid !== '');
}
