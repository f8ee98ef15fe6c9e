import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { compareNaturally } from './natural-compare.js';

export type TestCase = { name: string; inputPath: string; answerPath: string };

export class TestDiscoveryError extends Error {
  readonly code = 'tests_not_found';
}

/**
 * Finds `NAME.in` with `NAME.out` or `NAME.ans` in `dir`, or in `dir/tests` when `dir` holds none,
 * sorted naturally. An input without an answer is an error: judging it could only ever be wrong.
 */
export async function discoverTestCases(dir: string): Promise<{ testsDir: string; cases: TestCase[] }> {
  let found = await casesIn(dir);
  let testsDir = dir;
  if (found.length === 0 && (await isDirectory(path.join(dir, 'tests')))) {
    testsDir = path.join(dir, 'tests');
    found = await casesIn(testsDir);
  }
  if (found.length === 0) throw new TestDiscoveryError(`no NAME.in files found in ${dir} or ${dir}/tests`);
  return { testsDir, cases: found.sort((a, b) => compareNaturally(a.name, b.name)) };
}

async function casesIn(dir: string): Promise<TestCase[]> {
  const names = new Set(await readdir(dir).catch(() => [] as string[]));
  const cases: TestCase[] = [];
  for (const file of names) {
    if (!file.endsWith('.in')) continue;
    const name = file.slice(0, -3);
    const answer = [`${name}.out`, `${name}.ans`].find((candidate) => names.has(candidate));
    if (!answer) throw new TestDiscoveryError(`test ${name} has no ${name}.out or ${name}.ans`);
    cases.push({ name, inputPath: path.join(dir, file), answerPath: path.join(dir, answer) });
  }
  return cases;
}

async function isDirectory(dir: string): Promise<boolean> {
  return (await stat(dir).catch(() => null))?.isDirectory() ?? false;
}
