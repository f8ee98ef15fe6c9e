import { z } from 'zod';
import type { CgroupPlan } from './sandbox-cgroup-detect.js';
import { type SandboxRunRequest, type SandboxRunResult, SandboxSetupError } from './sandbox-types.js';

/** How the launcher is asked to isolate; chosen once by the sandbox's probe. */
export type LauncherMode = {
  rootDir: string;
  namespaces: boolean;
  dropUser: boolean;
  uid: number;
  gid: number;
  cgroups: CgroupPlan;
  /** Without a memory cgroup the address-space rlimit is the only memory bound. */
  rlimitAddressSpace: boolean;
};

const defaultEnv = { PATH: '/usr/bin:/bin', HOME: '/tmp', TMPDIR: '/tmp', LANG: 'C.UTF-8' };

/** Command-line arguments for sandbox-launcher.cpp. */
export function buildLauncherArgs(request: SandboxRunRequest, mode: LauncherMode): string[] {
  const { limits } = request;
  const args = [
    ...['--cpu-ms', String(limits.cpuTimeMs), '--wall-ms', String(limits.wallTimeMs)],
    ...['--memory-kb', String(limits.memoryKb), '--stack-kb', String(limits.stackKb ?? limits.memoryKb)],
    ...['--processes', String(limits.processes), '--output-bytes', String(limits.outputBytes)],
    ...['--file-size-kb', String(limits.fileSizeKb), '--open-files', String(limits.openFiles)],
    ...['--scratch-kb', String(limits.scratchKb), '--uid', String(mode.uid), '--gid', String(mode.gid)],
    ...['--stdout', request.stdoutPath, '--stderr', request.stderrPath],
  ];
  if (request.stdinPath) args.push('--stdin', request.stdinPath);
  if (!mode.dropUser) args.push('--keep-user');
  if (mode.rlimitAddressSpace) args.push('--rlimit-as');
  const cg = mode.cgroups;
  if (cg.version === 'v2') args.push('--cg-v2', cg.dir);
  if (cg.version === 'v1') {
    if (cg.memory) args.push('--cg-memory', cg.memory);
    if (cg.pids) args.push('--cg-pids', cg.pids);
    if (cg.cpu) args.push('--cg-cpu', cg.cpu);
  }
  for (const [key, value] of Object.entries({ ...defaultEnv, ...request.env }))
    args.push('--env', `${key}=${value}`);
  const toHost = hostPathMapper(request, mode);
  if (mode.namespaces) {
    args.push('--root-dir', mode.rootDir);
    for (const bind of request.binds) {
      args.push(bind.writable ? '--bind-rw' : '--bind-ro', `${bind.source}:${bind.target}`);
    }
  } else {
    args.push('--no-namespaces');
  }
  args.push('--cwd', toHost(request.cwd), '--', ...request.command.map(toHost));
  return args;
}

// Without a mount namespace the binds do not exist, so box paths are rewritten to the host paths behind them.
function hostPathMapper(request: SandboxRunRequest, mode: LauncherMode): (value: string) => string {
  if (mode.namespaces) return (value) => value;
  return (value) => {
    for (const bind of request.binds) {
      if (value === bind.target || value.startsWith(`${bind.target}/`)) {
        return bind.source + value.slice(bind.target.length);
      }
    }
    return value;
  };
}

const launcherOutputSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('setup_error'), message: z.string() }),
  z.object({
    status: z.literal('finished'),
    exit_code: z.number().int(),
    signal: z.number().int(),
    cpu_ms: z.number().int(),
    wall_ms: z.number().int(),
    memory_kb: z.number().int(),
    stdout_bytes: z.number().int(),
    stderr_bytes: z.number().int(),
    output_truncated: z.boolean(),
    killed_by: z.enum(['cpu', 'wall', 'output']).nullable(),
    oom_killed: z.boolean(),
    process_limit_hit: z.boolean(),
  }),
]);

/** Parses the launcher's one JSON line; anything else is a sandbox failure, never the program's. */
export function parseLauncherOutput(stdout: string, stderr: string): SandboxRunResult {
  const line = stdout.trim().split('\n').pop() ?? '';
  let parsed: z.infer<typeof launcherOutputSchema>;
  try {
    parsed = launcherOutputSchema.parse(JSON.parse(line));
  } catch {
    throw new SandboxSetupError(`sandbox launcher gave no result: ${(stderr || stdout).slice(0, 500)}`);
  }
  if (parsed.status === 'setup_error') throw new SandboxSetupError(parsed.message);
  return {
    exitCode: parsed.exit_code >= 0 ? parsed.exit_code : null,
    signal: parsed.signal > 0 ? parsed.signal : null,
    cpuTimeMs: Math.max(0, parsed.cpu_ms),
    wallTimeMs: parsed.wall_ms,
    memoryKb: Math.max(0, parsed.memory_kb),
    stdoutBytes: parsed.stdout_bytes,
    stderrBytes: parsed.stderr_bytes,
    outputTruncated: parsed.output_truncated,
    killedBy: parsed.killed_by,
    oomKilled: parsed.oom_killed,
    processLimitHit: parsed.process_limit_hit,
  };
}
