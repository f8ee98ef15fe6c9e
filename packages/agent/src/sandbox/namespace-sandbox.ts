import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { JudgeIsolation, JudgeIsolationLayer } from '@switchyard/protocol';
import { detectCgroups } from './sandbox-cgroup-detect.js';
import { ensureSandboxLauncher } from './sandbox-launcher-build.js';
import { buildLauncherArgs, type LauncherMode, parseLauncherOutput } from './sandbox-launcher-protocol.js';
import type { Sandbox, SandboxLimits, SandboxRunRequest, SandboxRunResult } from './sandbox-types.js';

export type NamespaceSandboxOptions = {
  /** Where the launcher binary and the empty mount point of the box root live. */
  cacheDir: string;
  /** The unprivileged uid/gid programs run as (default nobody, 65534). */
  uid?: number;
  gid?: number;
  env?: NodeJS.ProcessEnv;
};

const probeLimits: SandboxLimits = {
  cpuTimeMs: 2000,
  wallTimeMs: 5000,
  memoryKb: 65536,
  processes: 4,
  outputBytes: 4096,
  fileSizeKb: 1024,
  openFiles: 16,
  scratchKb: 1024,
};

/**
 * The Linux sandbox: namespaces, a read-only pivoted root, cgroups and rlimits through the launcher.
 * Layers that cannot be had here (not root, no writable cgroup, namespaces refused) are dropped and
 * listed in `isolation.missing` with the reason; the sandbox never pretends to be stronger than it is.
 */
export async function createNamespaceSandbox(options: NamespaceSandboxOptions): Promise<Sandbox> {
  const launcher = await ensureSandboxLauncher(options.cacheDir);
  const rootDir = path.join(options.cacheDir, 'box-root');
  await mkdir(rootDir, { recursive: true });
  const isRoot = process.getuid?.() === 0;
  const cgroups = await detectCgroups(options.env);
  const mode: LauncherMode = {
    rootDir,
    namespaces: isRoot,
    dropUser: isRoot,
    uid: options.uid ?? 65534,
    gid: options.gid ?? 65534,
    cgroups,
    rlimitAddressSpace: !(cgroups.version === 'v2' || (cgroups.version === 'v1' && cgroups.memory)),
  };
  const missing: JudgeIsolation['missing'] = [];
  if (!isRoot) {
    const reason = 'the agent does not run as root, so it cannot create namespaces or switch users';
    for (const layer of namespaceLayers) missing.push({ layer, reason });
    missing.push({ layer: 'non_root_user', reason });
  } else {
    const failure = await probe(launcher, mode);
    if (failure) {
      mode.namespaces = false;
      for (const layer of namespaceLayers)
        missing.push({ layer, reason: `namespace setup failed: ${failure}` });
    }
  }
  missing.push(...cgroupGaps(cgroups));
  const isolation = buildIsolation(missing, cgroups.version, mode.dropUser ? mode.uid : null);
  return {
    isolation,
    run: (request) => runLauncher(launcher, buildLauncherArgs(request, mode)),
  };
}

const namespaceLayers: JudgeIsolationLayer[] = [
  'pid_namespace',
  'mount_namespace',
  'network_namespace',
  'ipc_namespace',
  'read_only_root',
  'scratch_tmpfs',
];

function cgroupGaps(cgroups: Awaited<ReturnType<typeof detectCgroups>>): JudgeIsolation['missing'] {
  const reason = cgroups.problems.join('; ') || 'no usable cgroup';
  if (cgroups.version === 'v2') return [];
  if (cgroups.version === null) {
    return (['cgroup_memory', 'cgroup_pids', 'cgroup_cpu'] as const).map((layer) => ({ layer, reason }));
  }
  const gaps: JudgeIsolation['missing'] = [];
  if (!cgroups.memory) gaps.push({ layer: 'cgroup_memory', reason });
  if (!cgroups.pids) gaps.push({ layer: 'cgroup_pids', reason });
  if (!cgroups.cpu) gaps.push({ layer: 'cgroup_cpu', reason });
  return gaps;
}

function buildIsolation(
  missing: JudgeIsolation['missing'],
  cgroupVersion: 'v1' | 'v2' | null,
  uid: number | null,
): JudgeIsolation {
  const absent = new Set(missing.map((gap) => gap.layer));
  const all: JudgeIsolationLayer[] = [
    ...namespaceLayers,
    ...(['non_root_user', 'no_new_privileges', 'clean_environment', 'cgroup_memory', 'cgroup_pids'] as const),
    ...(['cgroup_cpu', 'rlimits'] as const),
  ];
  const layers = Object.fromEntries(
    all.map((layer) => [layer, !absent.has(layer)]),
  ) as JudgeIsolation['layers'];
  return { executor: 'namespace', layers, missing, cgroup_version: cgroupVersion, sandbox_uid: uid };
}

// One real run proves that clone, mounts and pivot_root work here before any test is judged.
async function probe(launcher: string, mode: LauncherMode): Promise<string | null> {
  const scratch = await mkdtemp(path.join(mode.rootDir, '..', 'probe-'));
  try {
    const request: SandboxRunRequest = {
      command: ['/usr/bin/true'],
      limits: probeLimits,
      binds: [],
      cwd: '/',
      stdoutPath: path.join(scratch, 'stdout'),
      stderrPath: path.join(scratch, 'stderr'),
    };
    const result = await runLauncher(launcher, buildLauncherArgs(request, mode));
    return result.exitCode === 0 ? null : `probe exited with ${result.exitCode ?? `signal ${result.signal}`}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function runLauncher(launcher: string, args: string[]): Promise<SandboxRunResult> {
  return new Promise((resolve, reject) => {
    execFile(launcher, args, { maxBuffer: 1 << 20, env: {} }, (error, stdout, stderr) => {
      // The launcher exits 3 with a setup_error line; parseLauncherOutput turns both cases into results.
      try {
        resolve(parseLauncherOutput(stdout, stderr || (error?.message ?? '')));
      } catch (parseError) {
        reject(parseError);
      }
    });
  });
}
