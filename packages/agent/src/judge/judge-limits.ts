import type { SandboxLimits } from '../sandbox/sandbox-types.js';

/** Limits the user chooses per judging; everything else derives from them. */
export type JudgeLimitOptions = {
  timeLimitMs: number;
  memoryLimitMb: number;
  outputLimitKb: number;
  processLimit?: number;
  /** Defaults to 5 × time + 2 s: generous so a loaded machine never turns CPU-time verdicts into wall ones. */
  wallLimitMs?: number;
};

export const defaultJudgeLimits: JudgeLimitOptions = {
  timeLimitMs: 2000,
  memoryLimitMb: 256,
  outputLimitKb: 65536,
  processLimit: 1,
};

/** Sandbox limits for one test run. Wall time allows for I/O and a loaded machine, not for sleeping. */
export function testRunLimits(options: JudgeLimitOptions): Required<SandboxLimits> {
  const memoryKb = options.memoryLimitMb * 1024;
  return {
    cpuTimeMs: options.timeLimitMs,
    wallTimeMs: options.wallLimitMs ?? options.timeLimitMs * 5 + 2000,
    memoryKb,
    processes: options.processLimit ?? 1,
    outputBytes: options.outputLimitKb * 1024,
    fileSizeKb: options.outputLimitKb,
    openFiles: 64,
    stackKb: memoryKb,
    scratchKb: Math.min(65536, memoryKb),
  };
}

/** g++ needs several processes (cc1plus, as, ld) and far more memory than a solution. */
export const compileLimits: SandboxLimits = {
  cpuTimeMs: 30_000,
  wallTimeMs: 60_000,
  memoryKb: 1536 * 1024,
  processes: 32,
  outputBytes: 1 << 20,
  fileSizeKb: 256 * 1024,
  openFiles: 256,
  scratchKb: 512 * 1024,
};

/** A checker is trusted to finish; these only stop a broken one. */
export const checkerLimits: SandboxLimits = {
  cpuTimeMs: 10_000,
  wallTimeMs: 20_000,
  memoryKb: 1024 * 1024,
  processes: 1,
  outputBytes: 1 << 20,
  fileSizeKb: 1024,
  openFiles: 64,
  scratchKb: 16 * 1024,
};
