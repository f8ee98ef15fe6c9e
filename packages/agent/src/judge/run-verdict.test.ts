import { describe, expect, it } from 'vitest';
import type { SandboxRunResult } from '../sandbox/sandbox-types.js';
import { testRunLimits } from './judge-limits.js';
import { verdictFromRun } from './run-verdict.js';

const limits = testRunLimits({ timeLimitMs: 1000, memoryLimitMb: 64, outputLimitKb: 1024 });
const clean: SandboxRunResult = {
  exitCode: 0,
  signal: null,
  cpuTimeMs: 10,
  wallTimeMs: 20,
  memoryKb: 1000,
  stdoutBytes: 1,
  stderrBytes: 0,
  outputTruncated: false,
  killedBy: null,
  oomKilled: false,
  processLimitHit: false,
};

describe(verdictFromRun.name, () => {
  it('returns null for a clean run so the output gets compared', () => {
    expect(verdictFromRun(clean, limits)).toBeNull();
  });

  it('tells TLE by CPU time from TLE by wall time', () => {
    expect(verdictFromRun({ ...clean, killedBy: 'cpu', signal: 9, exitCode: null }, limits)).toEqual({
      verdict: 'TLE',
      basis: 'cpu_time',
    });
    expect(verdictFromRun({ ...clean, killedBy: 'wall', signal: 9, exitCode: null }, limits)).toEqual({
      verdict: 'TLE',
      basis: 'wall_time',
    });
    expect(verdictFromRun({ ...clean, cpuTimeMs: 1001 }, limits)?.basis).toBe('cpu_time');
  });

  it('maps OOM kills and over-limit peaks to MLE and output kills to OLE', () => {
    expect(verdictFromRun({ ...clean, oomKilled: true, signal: 9 }, limits)?.verdict).toBe('MLE');
    expect(verdictFromRun({ ...clean, memoryKb: 64 * 1024 + 1 }, limits)?.verdict).toBe('MLE');
    expect(verdictFromRun({ ...clean, killedBy: 'output', signal: 9 }, limits)?.verdict).toBe('OLE');
  });

  it('maps signals and non-zero exits to RE with their basis', () => {
    expect(verdictFromRun({ ...clean, signal: 11, exitCode: null }, limits)).toEqual({
      verdict: 'RE',
      basis: 'signal',
    });
    expect(verdictFromRun({ ...clean, exitCode: 3 }, limits)).toEqual({ verdict: 'RE', basis: 'exit_code' });
  });
});
