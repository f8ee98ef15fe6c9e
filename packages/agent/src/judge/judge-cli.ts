import path from 'node:path';
import { parseArgs } from 'node:util';
import type { JudgeReport } from '@switchyard/protocol';
import { judgeSolution } from './judge-solution.js';
import { parseCompareMode } from './output-compare.js';

const usage = `Usage: switchyard judge --source main.cpp --tests DIR --out DIR [options]

Compiles main.cpp (g++ -std=c++20 -O2 -pipe) in the sandbox and judges it against every test:
NAME.in with NAME.out or NAME.ans in DIR (or DIR/tests), in natural order. Writes DIR/report.json
and full stdout/stderr/diff artifacts under DIR/artifacts.

Options:
  --source FILE            solution source (required)
  --tests DIR              test directory (required)
  --out DIR                output directory for report.json (required)
  --compare MODE           tokens | trim_ws | exact | float:EPS | checker (default tokens)
  --checker FILE           testlib checker.cpp (testlib.h beside it); implies --compare checker
  --time-limit-ms N        CPU time per test (default 2000)
  --wall-limit-ms N        wall time per test (default 5 × time limit + 2000)
  --memory-limit-mb N      memory per test (default 256)
  --output-limit-kb N      stdout+stderr per test (default 65536)
  --jobs N                 tests run in parallel (default: CPU count)
  --no-pch                 compile without the cached precompiled bits/stdc++.h
  -h, --help               show this help

Exit status: 0 when judging completed, whatever the verdict; 1 on a system error (SE); 2 on bad usage.`;

/** `switchyard judge`: argv is everything after `judge`. Returns the process exit code. */
export async function runJudgeCommand(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parseJudgeArgs>;
  try {
    values = parseJudgeArgs(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const report = await judgeSolution(values.options);
  process.stdout.write(`${formatSummaryLine(report)}\n${formatTestTable(report)}\n`);
  process.stdout.write(`report: ${path.join(values.options.outDir, 'report.json')}\n`);
  const systemError = report.verdict === 'SE' || report.tests.some((test) => test.verdict === 'SE');
  return systemError ? 1 : 0;
}

function parseJudgeArgs(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      source: { type: 'string' },
      tests: { type: 'string' },
      out: { type: 'string' },
      compare: { type: 'string' },
      checker: { type: 'string' },
      'time-limit-ms': { type: 'string' },
      'wall-limit-ms': { type: 'string' },
      'memory-limit-mb': { type: 'string' },
      'output-limit-kb': { type: 'string' },
      jobs: { type: 'string' },
      'no-pch': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true as const, options: undefined as never };
  for (const required of ['source', 'tests', 'out'] as const) {
    if (!values[required]) throw new Error(`--${required} is required`);
  }
  const compare = parseCompareMode(values.compare ?? (values.checker ? 'checker' : 'tokens'));
  if (compare.kind === 'checker' && !values.checker)
    throw new Error('--compare checker needs --checker FILE');
  return {
    help: false as const,
    options: {
      sourcePath: path.resolve(values.source!),
      testsDir: path.resolve(values.tests!),
      outDir: path.resolve(values.out!),
      compare,
      checkerPath: values.checker ? path.resolve(values.checker) : undefined,
      limits: {
        timeLimitMs: positiveInteger(values['time-limit-ms'], 2000, '--time-limit-ms'),
        memoryLimitMb: positiveInteger(values['memory-limit-mb'], 256, '--memory-limit-mb'),
        outputLimitKb: positiveInteger(values['output-limit-kb'], 65536, '--output-limit-kb'),
        wallLimitMs: values['wall-limit-ms']
          ? positiveInteger(values['wall-limit-ms'], 1, '--wall-limit-ms')
          : undefined,
      },
      jobs: values.jobs ? positiveInteger(values.jobs, 1, '--jobs') : undefined,
      precompiledHeader: !values['no-pch'],
    },
  };
}

function positiveInteger(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} must be a positive integer`);
  return value;
}

/** One line: verdict, passed/total, maxima, compile time. */
export function formatSummaryLine(report: JudgeReport): string {
  const { summary } = report;
  const failure = report.first_failure ? `, first failure ${report.first_failure}` : '';
  const detail = report.system_error ? ` (${report.system_error.split('\n')[0]})` : '';
  return (
    `${report.verdict} ${summary.passed}/${summary.total} passed${failure}; max ${summary.max_time_ms} ms, ` +
    `${summary.max_memory_kb} KB; compile ${report.compile.ok ? 'ok' : report.verdict === 'CE' ? 'failed' : 'not done'} in ${report.compile.time_ms} ms${detail}`
  );
}

/** A fixed-width table of the tests. */
export function formatTestTable(report: JudgeReport): string {
  if (!report.compile.ok) return report.compile.stderr_preview.trimEnd();
  const header = ['test', 'verdict', 'time ms', 'wall ms', 'mem KB', 'exit', 'detail'];
  const rows = report.tests.map((test) => [
    test.name,
    test.verdict,
    String(test.time_ms),
    String(test.wall_ms),
    String(test.memory_kb),
    test.signal ?? String(test.exit_code ?? '-'),
    (test.diff_preview ?? test.checker_message ?? test.system_error ?? '').split('\n')[0].slice(0, 60),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
