import { constants } from 'node:os';
import type { JudgeVerdict, JudgeVerdictBasis } from '@switchyard/protocol';
import type { SandboxLimits, SandboxRunResult } from '../sandbox/sandbox-types.js';

export type RunVerdict = { verdict: JudgeVerdict; basis: JudgeVerdictBasis };

/**
 * The verdict a run earns before its output is looked at, or null when it ran cleanly.
 * CPU time decides TLE (so parallel runs do not change verdicts); wall time only catches programs
 * that wait instead of computing.
 */
export function verdictFromRun(result: SandboxRunResult, limits: SandboxLimits): RunVerdict | null {
  if (result.killedBy === 'output' || result.signal === constants.signals.SIGXFSZ) {
    return { verdict: 'OLE', basis: 'output' };
  }
  if (result.oomKilled) return { verdict: 'MLE', basis: 'memory' };
  const overCpu = result.cpuTimeMs > limits.cpuTimeMs || result.signal === constants.signals.SIGXCPU;
  if (result.killedBy === 'cpu' || overCpu) return { verdict: 'TLE', basis: 'cpu_time' };
  if (result.killedBy === 'wall') return { verdict: 'TLE', basis: 'wall_time' };
  // Without a memory cgroup the limit is an address-space rlimit, and the measured peak is the proof.
  if (result.memoryKb > limits.memoryKb) return { verdict: 'MLE', basis: 'memory' };
  if (result.signal !== null) return { verdict: 'RE', basis: 'signal' };
  if (result.exitCode !== 0) return { verdict: 'RE', basis: 'exit_code' };
  return null;
}

/** "SIGSEGV" for 11; null stays null. */
export function signalName(signal: number | null): string | null {
  if (signal === null) return null;
  const entry = Object.entries(constants.signals).find(([, value]) => value === signal);
  return entry ? entry[0] : `SIG${signal}`;
}
