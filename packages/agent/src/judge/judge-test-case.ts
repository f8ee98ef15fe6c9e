import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JudgeTestResult } from '@switchyard/protocol';
import { type Sandbox, type SandboxLimits, SandboxSetupError } from '../sandbox/sandbox-types.js';
import { type CompareMode, compareOutput } from './output-compare.js';
import { signalName, verdictFromRun } from './run-verdict.js';
import type { TestCase } from './test-case-discovery.js';
import { runTestlibChecker } from './testlib-checker.js';
import { previewFile } from './text-preview.js';

export type TestRunContext = {
  sandbox: Sandbox;
  /** Host directory holding the compiled `main`, shown read-only at /box. */
  binaryDir: string;
  checkerBinary: string | null;
  compare: CompareMode;
  limits: SandboxLimits;
  artifactsDir: string;
  previewBytes: number;
};

/** Runs one test and judges it; a sandbox failure becomes SE for this test only. */
export async function judgeTestCase(testCase: TestCase, context: TestRunContext): Promise<JudgeTestResult> {
  const artifact = (suffix: string) => path.join(context.artifactsDir, `${testCase.name}.${suffix}`);
  try {
    const result = await context.sandbox.run({
      command: ['/box/main'],
      limits: context.limits,
      binds: [{ source: context.binaryDir, target: '/box' }],
      cwd: '/box',
      stdinPath: testCase.inputPath,
      stdoutPath: artifact('stdout'),
      stderrPath: artifact('stderr'),
    });
    const stdout = await previewFile(artifact('stdout'), context.previewBytes);
    const stderr = await previewFile(artifact('stderr'), context.previewBytes);
    const base = {
      name: testCase.name,
      time_ms: result.cpuTimeMs,
      wall_ms: result.wallTimeMs,
      memory_kb: result.memoryKb,
      exit_code: result.exitCode,
      signal: signalName(result.signal),
      stdout_preview: stdout.text,
      stdout_truncated: stdout.truncated || result.outputTruncated,
      stderr_preview: stderr.text,
      stderr_truncated: stderr.truncated || result.outputTruncated,
      output_limit_hit: result.killedBy === 'output',
    };
    const runVerdict = verdictFromRun(result, context.limits);
    if (runVerdict) return { ...base, verdict: runVerdict.verdict, verdict_basis: runVerdict.basis };
    if (context.checkerBinary) {
      const checked = await runTestlibChecker({
        sandbox: context.sandbox,
        checkerBinary: context.checkerBinary,
        inputPath: testCase.inputPath,
        outputPath: artifact('stdout'),
        answerPath: testCase.answerPath,
        logPrefix: artifact('checker'),
        messageBytes: context.previewBytes,
      });
      return {
        ...base,
        verdict: checked.verdict,
        verdict_basis: checked.basis,
        checker_message: checked.message,
      };
    }
    const outcome = compareOutput(
      context.compare,
      await readFile(artifact('stdout'), 'utf8'),
      await readFile(testCase.answerPath, 'utf8'),
    );
    if (outcome.ok) return { ...base, verdict: 'AC', verdict_basis: 'compare' };
    await writeFile(artifact('diff'), `${outcome.diff}\n`);
    return { ...base, verdict: 'WA', verdict_basis: 'compare', diff_preview: outcome.diff };
  } catch (error) {
    if (!(error instanceof SandboxSetupError)) throw error;
    return systemErrorResult(testCase.name, error.message);
  }
}

export function systemErrorResult(name: string, message: string): JudgeTestResult {
  return {
    name,
    verdict: 'SE',
    verdict_basis: 'system',
    time_ms: 0,
    wall_ms: 0,
    memory_kb: 0,
    exit_code: null,
    signal: null,
    stdout_preview: '',
    stdout_truncated: false,
    stderr_preview: '',
    stderr_truncated: false,
    output_limit_hit: false,
    system_error: message,
  };
}
