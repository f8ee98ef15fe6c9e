import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  type AgentClaimedTask,
  type CommandTaskPayload,
  commandTaskPayloadSchema,
  dockerTaskPayloadSchema,
} from '@switchyard/protocol';
import { buildDockerTaskArgs } from '../executors/docker-executor.js';
import { attemptFiles, type ProcessExit, startProcess } from '../executors/process-executor.js';
import { signalNameFromStatus } from '../executors/process-group.js';
import type { Sandbox } from '../sandbox/sandbox-types.js';

/** A task process spawned but held: `release()` lets it run once `start` was accepted. */
export type LaunchedTask = {
  pid: number | null;
  release(): void;
  exited: Promise<ProcessExit>;
  terminate(graceMs: number): Promise<ProcessExit>;
  kill(): void;
  detach(): void;
};

export type TaskLaunchDeps = {
  /** Created on first use; only `sandbox: true` command tasks need it. */
  getSandbox(): Promise<Sandbox>;
  isDockerAvailable: boolean;
};

export class UnsupportedTaskError extends Error {}

/** Environment of a task: a minimal base (never the agent's own), the task's env, then its identity. */
function taskEnv(
  task: AgentClaimedTask,
  payloadEnv: Record<string, string> | undefined,
): Record<string, string> {
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: process.env.LANG ?? 'C.UTF-8',
  };
  if (process.env.HOME) base.HOME = process.env.HOME;
  const gpus: Record<string, string> =
    task.gpu_indexes.length > 0
      ? {
          CUDA_VISIBLE_DEVICES: task.gpu_indexes.join(','),
          NVIDIA_VISIBLE_DEVICES: task.gpu_indexes.join(','),
        }
      : {};
  return {
    ...base,
    ...payloadEnv,
    ...gpus,
    SWITCHYARD_TASK_ID: task.task_id,
    SWITCHYARD_ATTEMPT_ID: task.attempt_id,
  };
}

/** Picks the executor for the task's type and spawns it held. Throws UnsupportedTaskError for bad payloads. */
export function launchTask(
  task: AgentClaimedTask,
  options: { attemptDir: string; deps: TaskLaunchDeps },
): LaunchedTask {
  const payload = { type: task.type, ...(task.payload as object) };
  const workRoot = path.join(options.attemptDir, 'work');
  if (task.type === 'command') {
    const parsed = commandTaskPayloadSchema.safeParse(payload);
    if (!parsed.success) throw new UnsupportedTaskError(`invalid command payload: ${parsed.error.message}`);
    const workdir = parsed.data.workdir ? path.resolve(workRoot, parsed.data.workdir) : workRoot;
    if (parsed.data.sandbox)
      return launchSandboxed(parsed.data, { ...options, workdir, env: taskEnv(task, parsed.data.env) });
    return startProcess({
      command: parsed.data.command,
      env: taskEnv(task, parsed.data.env),
      workdir,
      attemptDir: options.attemptDir,
    });
  }
  if (task.type === 'docker') {
    if (!options.deps.isDockerAvailable)
      throw new UnsupportedTaskError('docker executor unavailable: no reachable Docker engine');
    const parsed = dockerTaskPayloadSchema.safeParse(payload);
    if (!parsed.success) throw new UnsupportedTaskError(`invalid docker payload: ${parsed.error.message}`);
    const containerName = `switchyard-${task.attempt_id}`.replace(/[^A-Za-z0-9_.-]/g, '-');
    const args = buildDockerTaskArgs(parsed.data, {
      containerName,
      gpuIndexes: task.gpu_indexes,
      labels: { 'switchyard.task': task.task_id },
    });
    const held = startProcess({
      command: ['docker', ...args],
      env: taskEnv(task, {}),
      workdir: workRoot,
      attemptDir: options.attemptDir,
    });
    // SIGTERM reaches the container through the CLI's signal proxy; a SIGKILLed CLI would leave it running.
    const removeContainer = () =>
      spawn('docker', ['rm', '-f', containerName], { stdio: 'ignore' }).on('error', () => {});
    return {
      ...held,
      kill: () => {
        held.kill();
        removeContainer();
      },
    };
  }
  throw new UnsupportedTaskError(`task type ${task.type} is not supported by this agent`);
}

/** `sandbox: true`: the judge's sandbox runs the command (no network, limits). It exposes no pid to report. */
function launchSandboxed(
  payload: CommandTaskPayload,
  options: { attemptDir: string; deps: TaskLaunchDeps; workdir: string; env: Record<string, string> },
): LaunchedTask {
  const files = attemptFiles(options.attemptDir);
  const wallTimeMs = (payload.timeout_s ?? 3600) * 1000;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const run = async (): Promise<ProcessExit> => {
    fs.mkdirSync(options.workdir, { recursive: true });
    const sandbox = await options.deps.getSandbox();
    const result = await sandbox.run({
      command: payload.command,
      limits: {
        cpuTimeMs: wallTimeMs,
        wallTimeMs,
        memoryKb: 4 * 1024 * 1024,
        processes: 256,
        outputBytes: 64 * 1024 * 1024,
        fileSizeKb: 1024 * 1024,
        openFiles: 1024,
        scratchKb: 1024 * 1024,
      },
      binds: [{ source: options.workdir, target: '/work', writable: true }],
      cwd: '/work',
      stdoutPath: files.stdoutPath,
      stderrPath: files.stderrPath,
      env: options.env,
    });
    const signal = result.signal === null ? null : signalNameFromStatus(128 + result.signal);
    if (result.killedBy)
      return { exitCode: result.exitCode, signal, error: `sandbox limit exceeded: ${result.killedBy}` };
    return { exitCode: result.exitCode, signal };
  };
  // Every path resolves: a sandbox that cannot start fails the task with the reason instead of hanging it.
  const exited = released
    .then(run)
    .catch((error: unknown) => ({ exitCode: null, signal: null, error: `sandbox failed: ${String(error)}` }));
  return {
    pid: null,
    release,
    exited,
    // The sandbox has no abort handle; its wall-time limit bounds the wait.
    terminate: () => exited,
    kill: () => {},
    detach: () => {},
  };
}
