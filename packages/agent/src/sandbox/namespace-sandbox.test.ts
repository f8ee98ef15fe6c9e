import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespaceSandbox } from './namespace-sandbox.js';
import type { Sandbox, SandboxLimits, SandboxRunResult } from './sandbox-types.js';

const limits: SandboxLimits = {
  cpuTimeMs: 1000,
  // Generous, so that on a loaded machine only the limit under test can trigger.
  wallTimeMs: 30_000,
  memoryKb: 128 * 1024,
  processes: 8,
  outputBytes: 1 << 20,
  fileSizeKb: 1024,
  openFiles: 32,
  scratchKb: 4096,
};

let sandbox: Sandbox;
let jobDir: string;
let outDir: string;

beforeAll(async () => {
  sandbox = await createNamespaceSandbox({ cacheDir: path.join(os.tmpdir(), 'switchyard-test-sandbox') });
  jobDir = mkdtempSync(path.join(os.tmpdir(), 'sandbox-job-'));
  outDir = mkdtempSync(path.join(os.tmpdir(), 'sandbox-out-'));
  chmodSync(jobDir, 0o755);
  const source = new URL('./__fixtures__/hostile.c', import.meta.url).pathname;
  execFileSync('gcc', ['-O1', '-o', path.join(jobDir, 'hostile'), source]);
  writeFileSync(path.join(jobDir, 'secret.txt'), 'root only\n', { mode: 0o600 });
  writeFileSync(path.join(jobDir, 'input.txt'), 'hello sandbox\n');
});

afterAll(() => {
  rmSync(jobDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

async function runHostile(args: string[], overrides: Partial<SandboxLimits> = {}) {
  const result = await sandbox.run({
    command: ['/box/hostile', ...args],
    limits: { ...limits, ...overrides },
    binds: [{ source: jobDir, target: '/box' }],
    cwd: '/box',
    stdinPath: path.join(jobDir, 'input.txt'),
    stdoutPath: path.join(outDir, 'stdout'),
    stderrPath: path.join(outDir, 'stderr'),
  });
  return { result, stdout: await readFile(path.join(outDir, 'stdout'), 'utf8') };
}

// Processes of the box uid still alive after a run would be escapes from the sandbox.
function livingBoxProcesses(marker: string): string[] {
  const alive: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes('/box/hostile') && cmdline.includes(marker)) alive.push(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  return alive;
}

function expectNoLimitHit(result: SandboxRunResult) {
  expect(result.killedBy).toBeNull();
  expect(result.oomKilled).toBe(false);
}

describe(createNamespaceSandbox.name, () => {
  it('reports every isolation layer in force when running as root with writable cgroups', () => {
    expect(sandbox.isolation.executor).toBe('namespace');
    expect(sandbox.isolation.missing).toEqual([]);
    expect(Object.values(sandbox.isolation.layers).every(Boolean)).toBe(true);
  });

  it('passes stdin through and reports a clean exit', async () => {
    const { result, stdout } = await runHostile(['echo']);
    expect(stdout).toBe('hello sandbox\n');
    expect(result.exitCode).toBe(0);
    expect(result.memoryKb).toBeGreaterThan(0);
    expectNoLimitHit(result);
  });

  it('stops an infinite loop by CPU time', async () => {
    const { result } = await runHostile(['loop']);
    expect(result.killedBy).toBe('cpu');
    expect(result.cpuTimeMs).toBeGreaterThan(limits.cpuTimeMs);
  });

  it('stops a program sleeping forever by wall time', async () => {
    const { result } = await runHostile(['sleep'], { wallTimeMs: 500 });
    expect(result.killedBy).toBe('wall');
    expect(result.cpuTimeMs).toBeLessThan(limits.cpuTimeMs);
  });

  it('kills a program touching 2 GB at the memory limit and measures the peak', async () => {
    const { result } = await runHostile(['alloc']);
    expect(result.oomKilled).toBe(true);
    expect(result.signal).toBe(9);
    expect(result.memoryKb).toBeGreaterThanOrEqual(limits.memoryKb - 1024);
  });

  it('contains a fork bomb with the process limit and leaves no process behind', async () => {
    const { result } = await runHostile(['forkbomb']);
    expect(result.processLimitHit).toBe(true);
    expect(['cpu', 'wall']).toContain(result.killedBy);
    expect(livingBoxProcesses('forkbomb')).toEqual([]);
  });

  it('stops endless output at the output limit and keeps exactly the limit on disk', async () => {
    const { result } = await runHostile(['output']);
    expect(result.killedBy).toBe('output');
    expect(result.outputTruncated).toBe(true);
    expect(statSync(path.join(outDir, 'stdout')).size).toBe(limits.outputBytes);
  });

  it('lets deep recursion use the stack up to the memory limit', async () => {
    const { result } = await runHostile(['recurse', '400000'], { memoryKb: 256 * 1024 });
    expect(result.exitCode).toBe(0);
    expect(result.signal).toBeNull();
    expect(result.memoryKb).toBeGreaterThan(8 * 1024);
  });

  it('reports a segfault, an abort and exit(3) with their signal or code', async () => {
    expect((await runHostile(['segfault'])).result.signal).toBe(11);
    expect((await runHostile(['abort'])).result.signal).toBe(6);
    const exited = (await runHostile(['exit3'])).result;
    expect(exited.exitCode).toBe(3);
    expect(exited.signal).toBeNull();
  });

  it('gives the program no network: connect and DNS resolution fail', async () => {
    const { stdout } = await runHostile(['network']);
    expect(stdout).toMatch(/^connect=Network is unreachable$/m);
    expect(stdout).toMatch(/^resolve=failed$/m);
  });

  it('refuses writes to the job dir and /etc, allows the scratch dir, hides other users files', async () => {
    const { stdout } = await runHostile(['files']);
    expect(stdout).toMatch(/^write_job_dir=Read-only file system$/m);
    expect(stdout).toMatch(/^write_etc=Read-only file system$/m);
    expect(stdout).toMatch(/^write_scratch=ok$/m);
    expect(stdout).toMatch(/^read_secret=Permission denied$/m);
    expect(stdout).toMatch(/^read_shadow=No such file or directory$/m);
    expect(stdout).toMatch(/^read_root_home=No such file or directory$/m);
    expect(readdirSync(jobDir)).not.toContain('written-by-program');
  });

  it('runs as an unprivileged user with no new privileges and a clean environment', async () => {
    const { stdout } = await runHostile(['identity']);
    expect(stdout).toMatch(/^uid=65534 euid=65534 gid=65534$/m);
    expect(stdout).toMatch(/^NoNewPrivs:\s+1$/m);
    expect(stdout).toMatch(/^CapEff:\s+0+$/m);
    const envNames = [...stdout.matchAll(/^env (\w+)=/gm)].map((match) => match[1]).sort();
    expect(envNames).toEqual(['HOME', 'LANG', 'PATH', 'TMPDIR']);
  });

  it('kills a background child left alive by the program', async () => {
    const { result, stdout } = await runHostile(['background']);
    expect(stdout).toBe('parent done\n');
    expectNoLimitHit(result);
    expect(livingBoxProcesses('background')).toEqual([]);
  });
});
