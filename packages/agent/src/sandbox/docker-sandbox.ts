import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { promisify } from 'node:util';
import type { JudgeIsolation, JudgeIsolationLayer } from '@switchyard/protocol';
import {
  type Sandbox,
  type SandboxRunRequest,
  type SandboxRunResult,
  SandboxSetupError,
} from './sandbox-types.js';

const execFileAsync = promisify(execFile);

export type DockerSandboxOptions = {
  /** Image with the C++ runtime (and g++ when compiling in it); default gcc:12. */
  image?: string;
  uid?: number;
  gid?: number;
  docker?: string;
};

/** Whether a Docker engine answers; the CLI alone is not enough. */
export async function detectDockerEngine(docker = 'docker'): Promise<{ available: boolean; reason: string }> {
  try {
    const { stdout } = await execFileAsync(docker, ['version', '--format', '{{.Server.Version}}'], {
      timeout: 5000,
    });
    return { available: true, reason: `docker engine ${stdout.trim()}` };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n').slice(-2).join(' ') : String(error);
    return { available: false, reason: `no reachable docker engine: ${message.trim()}` };
  }
}

/** `docker run` arguments with the seed §B2 hardening flags. */
export function buildDockerRunArgs(
  request: SandboxRunRequest,
  options: DockerSandboxOptions & { name: string },
) {
  const { limits } = request;
  const memory = `${limits.memoryKb}k`;
  const cpuSeconds = Math.ceil(limits.cpuTimeMs / 1000) + 1;
  const args = ['run', '-i', '--name', options.name, '--network=none', '--read-only'];
  args.push('--tmpfs', `/tmp:rw,nosuid,nodev,size=${limits.scratchKb}k,mode=1777`);
  args.push('--cpus=1', `--memory=${memory}`, `--memory-swap=${memory}`, `--pids-limit=${limits.processes}`);
  args.push('--ulimit', `cpu=${cpuSeconds}:${cpuSeconds}`);
  args.push('--ulimit', `fsize=${limits.fileSizeKb * 1024}:${limits.fileSizeKb * 1024}`);
  args.push('--ulimit', `nofile=${limits.openFiles}:${limits.openFiles}`);
  const stack = (limits.stackKb ?? limits.memoryKb) * 1024;
  args.push('--ulimit', `stack=${stack}:${stack}`, '--ulimit', 'core=0:0');
  args.push('--cap-drop', 'ALL', '--security-opt', 'no-new-privileges');
  args.push('--user', `${options.uid ?? 65534}:${options.gid ?? 65534}`, '-w', request.cwd);
  for (const bind of request.binds)
    args.push('-v', `${bind.source}:${bind.target}:${bind.writable ? 'rw' : 'ro'}`);
  for (const [key, value] of Object.entries(request.env ?? { PATH: '/usr/local/bin:/usr/bin:/bin' })) {
    args.push('-e', `${key}=${value}`);
  }
  args.push(options.image ?? 'gcc:12', ...request.command);
  return args;
}

/**
 * Runs each command in a fresh container. Docker enforces the limits; the CLI does not expose CPU time or
 * peak memory, so time_ms is wall time and memory_kb is 0 here, which `isolation.missing` states.
 */
export async function createDockerSandbox(options: DockerSandboxOptions = {}): Promise<Sandbox> {
  const docker = options.docker ?? 'docker';
  const engine = await detectDockerEngine(docker);
  if (!engine.available) throw new SandboxSetupError(engine.reason);
  const layers = Object.fromEntries(dockerLayers.map((layer) => [layer, true])) as JudgeIsolation['layers'];
  const unmeasured = 'docker executor: the CLI reports neither CPU time nor peak memory (wall time is used)';
  layers.cgroup_cpu = false;
  const isolation: JudgeIsolation = {
    executor: 'docker',
    layers,
    missing: [{ layer: 'cgroup_cpu', reason: unmeasured }],
    cgroup_version: null,
    sandbox_uid: options.uid ?? 65534,
  };
  return { isolation, run: (request) => runContainer(docker, request, options) };
}

const dockerLayers: JudgeIsolationLayer[] = [
  'pid_namespace',
  'mount_namespace',
  'network_namespace',
  'ipc_namespace',
  'read_only_root',
  'scratch_tmpfs',
  'non_root_user',
  'no_new_privileges',
  'clean_environment',
  'cgroup_memory',
  'cgroup_pids',
  'cgroup_cpu',
  'rlimits',
];

async function runContainer(docker: string, request: SandboxRunRequest, options: DockerSandboxOptions) {
  const name = `switchyard-box-${randomBytes(6).toString('hex')}`;
  const started = Date.now();
  const child = spawn(docker, buildDockerRunArgs(request, { ...options, name }), { stdio: 'pipe' });
  if (request.stdinPath) createReadStream(request.stdinPath).pipe(child.stdin);
  else child.stdin.end();
  const sinks = [createWriteStream(request.stdoutPath), createWriteStream(request.stderrPath)];
  const counts = [0, 0];
  let written = 0;
  let killedBy: SandboxRunResult['killedBy'] = null;
  const kill = (why: 'wall' | 'output') => {
    killedBy ??= why;
    execFile(docker, ['kill', name], () => {});
  };
  const timer = setTimeout(() => kill('wall'), request.limits.wallTimeMs);
  [child.stdout, child.stderr].forEach((stream, index) => {
    stream.on('data', (chunk: Buffer) => {
      counts[index] += chunk.length;
      const room = Math.max(0, request.limits.outputBytes - written);
      if (room > 0) sinks[index].write(chunk.subarray(0, room));
      written += Math.min(room, chunk.length);
      if (chunk.length > room) kill('output');
    });
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  await Promise.all(sinks.map((sink) => new Promise((resolve) => sink.end(resolve))));
  const oomKilled = await inspectOomKilled(docker, name);
  await execFileAsync(docker, ['rm', '-f', name]).catch(() => undefined);
  const wallTimeMs = Date.now() - started;
  // docker run exits 128+N when the program dies from signal N.
  const signal = exitCode !== null && exitCode > 128 ? exitCode - 128 : null;
  return {
    exitCode: signal === null ? exitCode : null,
    signal,
    cpuTimeMs: wallTimeMs,
    wallTimeMs,
    memoryKb: 0,
    stdoutBytes: counts[0],
    stderrBytes: counts[1],
    outputTruncated: killedBy === 'output',
    killedBy,
    oomKilled,
    processLimitHit: false,
  } satisfies SandboxRunResult;
}

async function inspectOomKilled(docker: string, name: string): Promise<boolean> {
  const { stdout } = await execFileAsync(docker, ['inspect', '--format', '{{.State.OOMKilled}}', name]).catch(
    () => ({ stdout: 'false' }),
  );
  return stdout.trim() === 'true';
}
