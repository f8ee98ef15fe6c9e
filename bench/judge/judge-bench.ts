// Sandbox overhead per run and compile time with/without the precompiled header.
// Run: npx tsx bench/judge/judge-bench.ts [--runs 1000]   → bench/results/judge.json
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { testRunLimits } from '../../packages/agent/src/judge/judge-limits.js';
import { ensurePrecompiledHeader } from '../../packages/agent/src/judge/precompiled-header.js';
import { compileFlags, compileInSandbox } from '../../packages/agent/src/judge/sandbox-compile.js';
import { createNamespaceSandbox } from '../../packages/agent/src/sandbox/namespace-sandbox.js';

const { values } = parseArgs({ options: { runs: { type: 'string' }, compiles: { type: 'string' } } });
const runs = Number(values.runs ?? 1000);
const compiles = Number(values.compiles ?? 5);
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const cacheDir = path.join(repoRoot, 'data', 'cache', 'sandbox');
const work = mkdtempSync(path.join(os.tmpdir(), 'judge-bench-'));

const contestSolution = `#include <bits/stdc++.h>
using namespace std;
int main() {
  int n; cin >> n; vector<long long> a(n); for (auto& x : a) cin >> x;
  sort(a.begin(), a.end()); map<long long, int> seen; for (auto x : a) seen[x]++;
  priority_queue<long long> pq(a.begin(), a.end()); set<long long> s(a.begin(), a.end());
  cout << accumulate(a.begin(), a.end(), 0LL) << ' ' << seen.size() << ' ' << s.size() << ' ' << (pq.empty() ? 0 : pq.top()) << '\\n';
}
`;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (value: number) => Math.round(value * 100) / 100;
  return { n: sorted.length, min_ms: round(sorted[0]), median_ms: round(at(0.5)), p99_ms: round(at(0.99)) };
}

function plainSpawn(binary: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [], { stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('close', () => resolve());
  });
}

async function main() {
  const sandbox = await createNamespaceSandbox({ cacheDir });
  const binDir = path.join(work, 'bin');
  mkdirSync(binDir, { mode: 0o755 });
  writeFileSync(path.join(work, 'trivial.cpp'), 'int main() { return 0; }\n');
  execFileSync('g++', ['-O2', '-o', path.join(binDir, 'trivial'), path.join(work, 'trivial.cpp')]);
  writeFileSync(path.join(work, 'input.txt'), '');
  const limits = testRunLimits({ timeLimitMs: 2000, memoryLimitMb: 256, outputLimitKb: 65536 });

  const plain: number[] = [];
  const boxed: number[] = [];
  // Interleave the two so machine noise hits both equally.
  for (let index = 0; index < runs; index++) {
    let started = performance.now();
    await plainSpawn(path.join(binDir, 'trivial'));
    plain.push(performance.now() - started);
    started = performance.now();
    const result = await sandbox.run({
      command: ['/box/trivial'],
      limits,
      binds: [{ source: binDir, target: '/box' }],
      cwd: '/box',
      stdinPath: path.join(work, 'input.txt'),
      stdoutPath: path.join(work, 'stdout'),
      stderrPath: path.join(work, 'stderr'),
    });
    boxed.push(performance.now() - started);
    if (result.exitCode !== 0) throw new Error(`sandboxed run failed: ${JSON.stringify(result)}`);
  }

  const source = path.join(work, 'main.cpp');
  writeFileSync(source, contestSolution);
  const pch = await ensurePrecompiledHeader(cacheDir, compileFlags);
  const compileTimes = async (withPch: boolean) => {
    const wall: number[] = [];
    for (let index = 0; index < compiles; index++) {
      const started = performance.now();
      const outcome = await compileInSandbox({
        sandbox,
        sources: [source],
        workDir: path.join(work, `compile-${withPch}-${index}`),
        outputName: 'main',
        precompiledHeaderDir: withPch ? pch : null,
        stderrPreviewBytes: 4096,
      });
      if (!outcome.ok) throw new Error(outcome.stderrPreview);
      wall.push(performance.now() - started);
    }
    return stats(wall);
  };
  const withPch = await compileTimes(true);
  const withoutPch = await compileTimes(false);
  const plainStats = stats(plain);
  const boxedStats = stats(boxed);
  const result = {
    benchmark: 'judge',
    recorded_at: new Date().toISOString(),
    command: `npx tsx bench/judge/judge-bench.ts --runs ${runs} --compiles ${compiles}`,
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.availableParallelism(),
      memory_gb: Math.round(os.totalmem() / 2 ** 30),
      kernel: os.release(),
      node: process.version,
      compiler: execFileSync('g++', ['-dumpfullversion']).toString().trim(),
      // Other work shares these cores; the load average says how quiet the machine was.
      load_average_1m_at_end: Math.round(os.loadavg()[0] * 100) / 100,
    },
    isolation: sandbox.isolation,
    run_overhead: {
      program: 'int main() { return 0; } (g++ -O2, dynamically linked)',
      plain_spawn: plainStats,
      sandboxed: boxedStats,
      median_overhead_ms: Math.round((boxedStats.median_ms - plainStats.median_ms) * 100) / 100,
      target_median_overhead_ms: 3,
    },
    compile: {
      source: 'typical contest solution including bits/stdc++.h',
      flags: compileFlags.join(' '),
      sandboxed_with_precompiled_header: withPch,
      sandboxed_without_precompiled_header: withoutPch,
    },
  };
  const out = path.join(repoRoot, 'bench', 'results', 'judge.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify({ run_overhead: result.run_overhead, compile: result.compile }, null, 2));
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
