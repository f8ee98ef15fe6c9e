import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { judgeReportSchema } from '@switchyard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespaceSandbox } from '../sandbox/namespace-sandbox.js';
import type { Sandbox } from '../sandbox/sandbox-types.js';
import { judgeSolution } from './judge-solution.js';
import { parseCompareMode } from './output-compare.js';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url).pathname;
const cacheDir = path.join(os.tmpdir(), 'switchyard-test-sandbox');
let sandbox: Sandbox;
let scratch: string;

function writeTests(dir: string, tests: Record<string, [string, string]>, answerExtension = 'out') {
  for (const [name, [input, answer]] of Object.entries(tests)) {
    writeFileSync(path.join(dir, `${name}.in`), input);
    writeFileSync(path.join(dir, `${name}.${answerExtension}`), answer);
  }
}

beforeAll(async () => {
  sandbox = await createNamespaceSandbox({ cacheDir });
  scratch = mkdtempSync(path.join(os.tmpdir(), 'judge-test-'));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe(judgeSolution.name, () => {
  it('judges every test, keeps natural order and reports the first failure in that order', async () => {
    const testsDir = path.join(scratch, 'verdicts');
    const outDir = path.join(scratch, 'verdicts-out');
    mkdirSync(testsDir);
    writeTests(testsDir, {
      '1': ['add 1 2\n', '3\n'],
      '2': ['add 5 5\n', '10\n'],
      '3': ['wrong\n', '1\n'],
      '4': ['loop\n', '0\n'],
      '5': ['alloc\n', '0\n'],
      '6': ['spam\n', '0\n'],
      '7': ['crash\n', '0\n'],
      '10': ['add 2 2\n', '4\n'],
    });
    const report = await judgeSolution({
      sourcePath: fixture('verdict-modes.cpp'),
      testsDir,
      outDir,
      compare: parseCompareMode('tokens'),
      limits: { timeLimitMs: 500, memoryLimitMb: 64, outputLimitKb: 64, wallLimitMs: 30_000 },
      jobs: 2,
      sandbox,
      cacheDir,
      precompiledHeader: false,
    });
    expect(report.tests.map((test) => [test.name, test.verdict])).toEqual([
      ['1', 'AC'],
      ['2', 'AC'],
      ['3', 'WA'],
      ['4', 'TLE'],
      ['5', 'MLE'],
      ['6', 'OLE'],
      ['7', 'RE'],
      ['10', 'AC'],
    ]);
    expect(report.verdict).toBe('WA');
    expect(report.first_failure).toBe('3');
    expect(report.summary).toMatchObject({ total: 8, passed: 3 });
    expect(report.summary.by_verdict).toMatchObject({ AC: 3, WA: 1, TLE: 1, MLE: 1, OLE: 1, RE: 1 });
    const byName = Object.fromEntries(report.tests.map((test) => [test.name, test]));
    expect(byName['3'].diff_preview).toBe('token 1: expected "1", got "42"');
    expect(byName['4'].verdict_basis).toBe('cpu_time');
    expect(byName['6'].stdout_truncated).toBe(true);
    expect(byName['7'].signal).toBe('SIGSEGV');
    const onDisk = judgeReportSchema.parse(
      JSON.parse(readFileSync(path.join(outDir, 'report.json'), 'utf8')),
    );
    expect(onDisk.verdict).toBe('WA');
    expect(readdirSync(path.join(outDir, 'artifacts'))).toEqual(
      expect.arrayContaining(['3.diff', '3.stdout', '7.stderr', 'compile.stderr']),
    );
    expect(readdirSync(outDir).filter((name) => name.startsWith('.work'))).toEqual([]);
  });

  it('reports CE with a bounded compiler preview when compilation fails', async () => {
    const testsDir = path.join(scratch, 'ce');
    mkdirSync(testsDir);
    writeTests(testsDir, { a: ['1\n', '1\n'] });
    const report = await judgeSolution({
      sourcePath: fixture('compile-error.cpp'),
      testsDir,
      outDir: path.join(scratch, 'ce-out'),
      compare: parseCompareMode('tokens'),
      sandbox,
      cacheDir,
      precompiledHeader: false,
      previewBytes: 64,
    });
    expect(report.verdict).toBe('CE');
    expect(report.compile.ok).toBe(false);
    expect(report.compile.stderr_preview).toContain('undeclared_name');
    expect(report.compile.stderr_preview.length).toBeLessThanOrEqual(256);
    expect(report.tests).toEqual([]);
  });

  it('accepts any valid answer through a testlib checker and shows its message', async () => {
    const testsDir = path.join(scratch, 'checker');
    mkdirSync(testsDir);
    writeTests(testsDir, { '1': ['12\n', '2\n'], '2': ['13\n', '-1\n'], '3': ['49\n', '7\n'] }, 'ans');
    const report = await judgeSolution({
      sourcePath: fixture('divisor-largest.cpp'),
      testsDir,
      outDir: path.join(scratch, 'checker-out'),
      compare: parseCompareMode('checker'),
      checkerPath: fixture('testlib-double/checker.cpp'),
      sandbox,
      cacheDir,
      precompiledHeader: false,
    });
    expect(report.verdict).toBe('AC');
    expect(report.tests.map((test) => test.checker_message)).toEqual([
      'ok 6 divides 12',
      'ok n=13 has no proper divisor',
      'ok 7 divides 49',
    ]);
  });

  it('turns a checker verdict of wrong answer into WA and a checker failure into SE', async () => {
    const testsDir = path.join(scratch, 'checker-bad');
    mkdirSync(testsDir);
    // Test 1: the jury says 12 has no divisor, the solution finds 6 → WA. Test 2: the jury answer is garbage → FAIL.
    writeTests(testsDir, { '1': ['12\n', '-1\n'], '2': ['12\n', 'garbage\n'] }, 'ans');
    const report = await judgeSolution({
      sourcePath: fixture('divisor-largest.cpp'),
      testsDir,
      outDir: path.join(scratch, 'checker-bad-out'),
      compare: parseCompareMode('checker'),
      checkerPath: fixture('testlib-double/checker.cpp'),
      sandbox,
      cacheDir,
      precompiledHeader: false,
    });
    expect(report.tests.map((test) => [test.verdict, test.checker_message])).toEqual([
      ['WA', 'wrong answer n=12 is prime, got 6'],
      ['SE', 'checker failed (exit 3): FAIL expected an integer, found "garbage"'],
    ]);
  });

  it('compiles bits/stdc++.h solutions with the cached precompiled header', async () => {
    const testsDir = path.join(scratch, 'pch');
    mkdirSync(testsDir);
    writeTests(testsDir, { '1': ['3\n3 1 2\n', '1 2 3\n'] });
    const source = path.join(scratch, 'pch-main.cpp');
    writeFileSync(
      source,
      '#include <bits/stdc++.h>\nint main(){int n;std::cin>>n;std::vector<int>v(n);for(auto&x:v)std::cin>>x;' +
        'std::sort(v.begin(),v.end());for(int x:v)std::cout<<x<<" ";}\n',
    );
    const report = await judgeSolution({
      sourcePath: source,
      testsDir,
      outDir: path.join(scratch, 'pch-out'),
      compare: parseCompareMode('tokens'),
      sandbox,
      cacheDir,
    });
    expect(report.compile.used_precompiled_header).toBe(true);
    expect(report.verdict).toBe('AC');
  });
});
