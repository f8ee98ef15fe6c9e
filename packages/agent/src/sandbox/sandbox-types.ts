import type { JudgeIsolation } from '@switchyard/protocol';

/** Limits for one sandboxed run. CPU and wall time are enforced separately. */
export type SandboxLimits = {
  cpuTimeMs: number;
  wallTimeMs: number;
  memoryKb: number;
  /** Processes and threads together, the program included. */
  processes: number;
  /** stdout and stderr together. */
  outputBytes: number;
  fileSizeKb: number;
  openFiles: number;
  /** Defaults to the memory limit, as contest judges do. */
  stackKb?: number;
  /** Size of the private writable /tmp. */
  scratchKb: number;
};

/** A host directory made visible inside the box at `target`. */
export type SandboxBind = { source: string; target: string; writable?: boolean };

export type SandboxRunRequest = {
  /** Absolute path inside the box, then arguments. */
  command: string[];
  limits: SandboxLimits;
  binds: SandboxBind[];
  /** Working directory inside the box. */
  cwd: string;
  /** Host paths; stdin defaults to /dev/null. */
  stdinPath?: string;
  stdoutPath: string;
  stderrPath: string;
  env?: Record<string, string>;
};

export type SandboxLimitExceeded = 'cpu' | 'wall' | 'output' | null;

export type SandboxRunResult = {
  exitCode: number | null;
  signal: number | null;
  /** CPU time of the program and all its children. */
  cpuTimeMs: number;
  wallTimeMs: number;
  /** Peak memory, measured (cgroup peak or wait4 ru_maxrss, the larger). */
  memoryKb: number;
  stdoutBytes: number;
  stderrBytes: number;
  outputTruncated: boolean;
  killedBy: SandboxLimitExceeded;
  oomKilled: boolean;
  processLimitHit: boolean;
};

/** Runs commands in isolation; `isolation` states exactly which layers are in force. */
export type Sandbox = {
  readonly isolation: JudgeIsolation;
  run(request: SandboxRunRequest): Promise<SandboxRunResult>;
};

/** The sandbox itself failed (not the program): callers turn this into verdict SE. */
export class SandboxSetupError extends Error {
  readonly code = 'sandbox_setup_failed';
  constructor(message: string) {
    super(message);
    this.name = 'SandboxSetupError';
  }
}
