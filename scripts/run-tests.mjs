#!/usr/bin/env node
// The README's test command: the whole unit + integration suite, then one plain summary line
// ("N passed, N failed, N skipped") that CI reads, because vitest's own summary is not recognised.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const reportPath = path.join(os.tmpdir(), `switchyard-vitest-${process.pid}.json`);
const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reportPath}`,
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, {
  stdio: 'inherit',
  env: { ...process.env, NO_COLOR: process.env.NO_COLOR ?? '1' },
});

let summary = 'test run produced no report';
let failed = run.status !== 0;
try {
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  const skipped = report.numPendingTests + report.numTodoTests;
  summary = `${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`;
  failed = failed || report.numFailedTests > 0 || report.numTotalTests === 0;
  fs.rmSync(reportPath, { force: true });
} catch {
  failed = true;
}
console.log(summary);
process.exit(failed ? 1 : 0);
