import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  type JudgeCompileResult,
  type JudgeReport,
  type JudgeTestResult,
  judgeReportSchema,
} from '@switchyard/protocol';
import { createSandbox, defaultSandboxCacheDir } from '../sandbox/create-sandbox.js';
import { type Sandbox, SandboxSetupError } from '../sandbox/sandbox-types.js';
import { defaultJudgeLimits, type JudgeLimitOptions, testRunLimits } from './judge-limits.js';
import { summarizeTests } from './judge-report-summary.js';
import { judgeTestCase, systemErrorResult } from './judge-test-case.js';
import { type CompareMode, formatCompareMode } from './output-compare.js';
import { ensurePrecompiledHeader } from './precompiled-header.js';
import { type CompileOutcome, compileFlags, compileInSandbox } from './sandbox-compile.js';
import { discoverTestCases, type TestCase } from './test-case-discovery.js';

export type JudgeOptions = {
  sourcePath: string;
  testsDir: string;
  outDir: string;
  compare: CompareMode;
  /** checker.cpp for compare mode `checker`; testlib.h is taken from its directory. */
  checkerPath?: string;
  limits?: JudgeLimitOptions;
  jobs?: number;
  sandbox?: Sandbox;
  cacheDir?: string;
  /** Use the cached bits/stdc++.h.gch (default true). */
  precompiledHeader?: boolean;
  previewBytes?: number;
};

/**
 * Compiles the solution, runs every test (never stopping at the first failure) `jobs` at a time,
 * and writes report.json plus full stdout/stderr/diff artifacts into `outDir`.
 */
export async function judgeSolution(options: JudgeOptions): Promise<JudgeReport> {
  const limits = { ...defaultJudgeLimits, ...options.limits };
  const jobs = Math.max(1, options.jobs ?? os.availableParallelism());
  const cacheDir = options.cacheDir ?? defaultSandboxCacheDir();
  const previewBytes = options.previewBytes ?? 1024;
  const artifactsDir = path.join(options.outDir, 'artifacts');
  await mkdir(artifactsDir, { recursive: true });
  const workDir = await mkdtemp(path.join(options.outDir, '.work-'));
  const sandbox = options.sandbox ?? (await createSandbox({ cacheDir }));
  const runLimits = testRunLimits(limits);
  const finish = (partial: Omit<JudgeReport, 'schema_version' | 'limits' | 'isolation' | 'created_at'>) =>
    writeReport(options.outDir, {
      schema_version: 1,
      ...partial,
      limits: {
        time_limit_ms: runLimits.cpuTimeMs,
        wall_limit_ms: runLimits.wallTimeMs,
        memory_limit_mb: limits.memoryLimitMb,
        output_limit_kb: limits.outputLimitKb,
        process_limit: runLimits.processes,
        file_size_limit_kb: runLimits.fileSizeKb,
        open_files_limit: runLimits.openFiles,
        stack_limit_mb: Math.floor(runLimits.stackKb / 1024),
        compare: formatCompareMode(options.compare),
        jobs,
      },
      isolation: sandbox.isolation,
      created_at: new Date().toISOString(),
    });
  try {
    const { cases } = await discoverTestCases(options.testsDir);
    const pch =
      options.precompiledHeader === false ? null : await ensurePrecompiledHeader(cacheDir, compileFlags);
    const compiled = await compileInSandbox({
      sandbox,
      sources: [options.sourcePath],
      workDir: path.join(workDir, 'solution'),
      outputName: 'main',
      precompiledHeaderDir: pch,
      stderrPreviewBytes: previewBytes * 4,
    });
    await copyFile(compiled.stderrPath, path.join(artifactsDir, 'compile.stderr'));
    const compile = compileSection(compiled);
    if (!compiled.ok) return await finish({ ...emptySummary(), verdict: 'CE', compile, tests: [] });
    const checkerBinary = await compileChecker(options, { sandbox, workDir, pch, previewBytes });
    const tests = await runAll(cases, jobs, (testCase) =>
      judgeTestCase(testCase, {
        sandbox,
        binaryDir: path.dirname(compiled.binaryPath),
        checkerBinary,
        compare: options.compare,
        limits: runLimits,
        artifactsDir,
        previewBytes,
      }),
    );
    return await finish({ compile, tests, ...summarizeTests(tests) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const compile = { ok: false, time_ms: 0, stderr_preview: '', truncated: false };
    return await finish({ ...emptySummary(), verdict: 'SE', compile, tests: [], system_error: message });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function compileChecker(
  options: JudgeOptions,
  context: { sandbox: Sandbox; workDir: string; pch: string | null; previewBytes: number },
): Promise<string | null> {
  if (options.compare.kind !== 'checker') return null;
  if (!options.checkerPath) throw new SandboxSetupError('compare mode checker needs --checker checker.cpp');
  const testlib = path.join(path.dirname(options.checkerPath), 'testlib.h');
  const compiled = await compileInSandbox({
    sandbox: context.sandbox,
    sources: [options.checkerPath, testlib],
    workDir: path.join(context.workDir, 'checker'),
    outputName: 'checker',
    precompiledHeaderDir: context.pch,
    stderrPreviewBytes: context.previewBytes,
  });
  if (!compiled.ok) throw new SandboxSetupError(`checker.cpp failed to compile: ${compiled.stderrPreview}`);
  return compiled.binaryPath;
}

function compileSection(compiled: CompileOutcome): JudgeCompileResult {
  return {
    ok: compiled.ok,
    time_ms: compiled.timeMs,
    wall_ms: compiled.wallMs,
    memory_kb: compiled.memoryKb,
    stderr_preview: compiled.stderrPreview,
    truncated: compiled.truncated,
    used_precompiled_header: compiled.usedPrecompiledHeader,
  };
}

function emptySummary() {
  return summarizeTests([]);
}

// Results keep the natural order of the cases whatever order the workers finish in.
async function runAll(
  cases: TestCase[],
  jobs: number,
  judge: (testCase: TestCase) => Promise<JudgeTestResult>,
): Promise<JudgeTestResult[]> {
  const results: JudgeTestResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      results[index] = await judge(cases[index]).catch((error: unknown) =>
        systemErrorResult(cases[index].name, error instanceof Error ? error.message : String(error)),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, cases.length) }, worker));
  return results;
}

async function writeReport(outDir: string, report: JudgeReport): Promise<JudgeReport> {
  const valid = judgeReportSchema.parse(report);
  await writeFile(path.join(outDir, 'report.json'), `${JSON.stringify(valid, null, 2)}\n`);
  return valid;
}
