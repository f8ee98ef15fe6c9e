import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runJudgeCommand } from './judge-cli.js';

let scratch: string;
let printed: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'judge-cli-'));
  process.env.SWITCHYARD_DATA_DIR = path.join(os.tmpdir(), 'switchyard-test-data');
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function captureOutput() {
  printed = '';
  const capture = (chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
}

describe(runJudgeCommand.name, () => {
  it('prints usage and returns 0 for --help', async () => {
    captureOutput();
    expect(await runJudgeCommand(['--help'])).toBe(0);
    expect(printed).toContain('--compare MODE');
  });

  it('returns 2 with a message on missing or malformed flags', async () => {
    captureOutput();
    expect(await runJudgeCommand(['--source', 'main.cpp'])).toBe(2);
    expect(printed).toContain('--tests is required');
    expect(await runJudgeCommand(['--source', 'a', '--tests', 'b', '--out', 'c', '--jobs', 'x'])).toBe(2);
    expect(await runJudgeCommand(['--source', 'a', '--tests', 'b', '--out', 'c', '--compare', 'fuzzy'])).toBe(
      2,
    );
  });

  it('returns 0 for a completed judging with a wrong answer and writes report.json', async () => {
    const tests = path.join(scratch, 'tests');
    mkdirSync(tests);
    writeFileSync(path.join(tests, '1.in'), '2 3\n');
    writeFileSync(path.join(tests, '1.out'), '5\n');
    writeFileSync(path.join(tests, '2.in'), '2 2\n');
    writeFileSync(path.join(tests, '2.out'), '5\n');
    const source = path.join(scratch, 'main.cpp');
    writeFileSync(
      source,
      '#include <cstdio>\nint main(){int a,b;std::scanf("%d%d",&a,&b);std::printf("%d\\n",a+b);}\n',
    );
    const out = path.join(scratch, 'out');
    captureOutput();
    const code = await runJudgeCommand(['--source', source, '--tests', scratch, '--out', out, '--no-pch']);
    expect(code).toBe(0);
    expect(printed.split('\n')[0]).toMatch(/^WA 1\/2 passed, first failure 2;/);
    expect(printed).toMatch(/^2\s+WA\s+/m);
    expect(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).verdict).toBe('WA');
  });

  it('returns 1 on a system error such as a test directory without tests', async () => {
    const empty = path.join(scratch, 'empty');
    mkdirSync(empty);
    captureOutput();
    const out = path.join(scratch, 'out-se');
    expect(await runJudgeCommand(['--source', 'x.cpp', '--tests', empty, '--out', out])).toBe(1);
    expect(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).verdict).toBe('SE');
  });
});
