import { chmod, chown, copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Sandbox } from '../sandbox/sandbox-types.js';
import { compileLimits } from './judge-limits.js';
import { previewFile } from './text-preview.js';

/** The contest flags from the seed (§B2); the precompiled header is built with the same ones. */
export const compileFlags = ['-std=c++20', '-O2', '-pipe'];

export type CompileRequest = {
  sandbox: Sandbox;
  /** The file to compile first, then headers it includes by relative path (testlib.h). */
  sources: string[];
  /** Private directory for this compile: sources are copied in, the binary comes out. */
  workDir: string;
  outputName: string;
  /** Directory holding bits/stdc++.h.gch, or null to compile without it. */
  precompiledHeaderDir: string | null;
  stderrPreviewBytes: number;
};

export type CompileOutcome = {
  ok: boolean;
  binaryPath: string;
  stderrPath: string;
  timeMs: number;
  wallMs: number;
  memoryKb: number;
  stderrPreview: string;
  truncated: boolean;
  usedPrecompiledHeader: boolean;
};

/**
 * Compiles untrusted C++ in the sandbox: the compiler sees only the copied sources (read-only) and an
 * output directory, so `#include "/etc/shadow"` and friends find nothing. Exceeding the compile limits
 * is a compile error, not a system error; a failing sandbox throws SandboxSetupError.
 */
export async function compileInSandbox(request: CompileRequest): Promise<CompileOutcome> {
  const sourceDir = path.join(request.workDir, 'src');
  const outputDir = path.join(request.workDir, 'out');
  await mkdir(sourceDir, { recursive: true, mode: 0o755 });
  await mkdir(outputDir, { recursive: true, mode: 0o755 });
  for (const source of request.sources) {
    const copy = path.join(sourceDir, path.basename(source));
    await copyFile(source, copy);
    await chmod(copy, 0o644);
  }
  const uid = request.sandbox.isolation.sandbox_uid;
  if (uid !== null) await chown(outputDir, uid, uid);
  const pch = request.precompiledHeaderDir;
  const binds = [
    { source: sourceDir, target: '/src' },
    { source: outputDir, target: '/out', writable: true },
    ...(pch ? [{ source: pch, target: '/pch' }] : []),
  ];
  const stderrPath = path.join(request.workDir, 'compile.stderr');
  const main = path.basename(request.sources[0]);
  const result = await request.sandbox.run({
    command: [
      '/usr/bin/g++',
      ...compileFlags,
      ...(pch ? ['-I/pch'] : []),
      '-o',
      `/out/${request.outputName}`,
      main,
    ],
    limits: compileLimits,
    binds,
    cwd: '/src',
    stdoutPath: path.join(request.workDir, 'compile.stdout'),
    stderrPath,
  });
  const preview = await previewFile(stderrPath, request.stderrPreviewBytes);
  const ok = result.exitCode === 0 && result.killedBy === null && !result.oomKilled;
  let stderrPreview = preview.text;
  if (!ok && result.exitCode !== 1) stderrPreview += `\n[compiler stopped: ${describeStop(result)}]`;
  return {
    ok,
    binaryPath: path.join(outputDir, request.outputName),
    stderrPath,
    timeMs: result.cpuTimeMs,
    wallMs: result.wallTimeMs,
    memoryKb: result.memoryKb,
    stderrPreview,
    truncated: preview.truncated || result.outputTruncated,
    usedPrecompiledHeader: pch !== null,
  };
}

function describeStop(result: Awaited<ReturnType<Sandbox['run']>>): string {
  if (result.killedBy === 'cpu') return `CPU time limit ${compileLimits.cpuTimeMs} ms`;
  if (result.killedBy === 'wall') return `wall time limit ${compileLimits.wallTimeMs} ms`;
  if (result.killedBy === 'output') return 'output limit';
  if (result.oomKilled) return `memory limit ${compileLimits.memoryKb / 1024} MB`;
  if (result.signal !== null) return `signal ${result.signal}`;
  return `exit code ${result.exitCode}`;
}
