import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive, signalNameFromStatus, signalProcessGroup } from './process-group.js';

/**
 * A tiny sh wrapper is the group leader: it runs the command, survives SIGTERM (the trap is a no-op, so the
 * command keeps the default disposition) and writes the command's status to a file. Output goes to files,
 * not pipes, so the task outlives an agent restart and the next agent can adopt it and still read its exit
 * status and logs.
 */
const wrapperScript = [
  'exit_file=$1; shift',
  // Held until the agent writes "go": the pid is known (and reported by `start`) before the command runs;
  // EOF means the agent died first, so the command never runs.
  'read -r go || exit 125',
  '[ "$go" = go ] || exit 125',
  "trap ':' TERM",
  '"$@" </dev/null &',
  'child=$!',
  'wait "$child"; code=$?',
  'while kill -0 "$child" 2>/dev/null; do wait "$child"; code=$?; done',
  'printf "%s\\n" "$code" > "$exit_file"',
  'exit "$code"',
].join('\n');

export type AttemptFiles = { stdoutPath: string; stderrPath: string; exitStatusPath: string };

export function attemptFiles(attemptDir: string): AttemptFiles {
  return {
    stdoutPath: path.join(attemptDir, 'stdout.log'),
    stderrPath: path.join(attemptDir, 'stderr.log'),
    exitStatusPath: path.join(attemptDir, 'exit-status'),
  };
}

export type ProcessExit = { exitCode: number | null; signal: NodeJS.Signals | null };

/** A started or adopted process group. */
export type RunningProcess = {
  readonly pid: number;
  readonly exited: Promise<ProcessExit>;
  /** SIGTERM to the group, then SIGKILL after `graceMs` unless it exited; resolves when it has exited. */
  terminate(graceMs: number): Promise<ProcessExit>;
  kill(): void;
};

export type ProcessLaunch = {
  command: string[];
  env: Record<string, string>;
  workdir: string;
  attemptDir: string;
};

export type HeldProcess = RunningProcess & {
  /** Lets the command run; until then only the wrapper exists. */
  release(): void;
};

/**
 * Spawns `command` held, in its own process group, with output and exit status under `attemptDir`.
 * Call `release()` once the server has accepted `start` with the pid.
 */
export function startProcess(launch: ProcessLaunch): HeldProcess {
  const files = attemptFiles(launch.attemptDir);
  fs.mkdirSync(launch.attemptDir, { recursive: true });
  fs.mkdirSync(launch.workdir, { recursive: true });
  const stdoutFd = fs.openSync(files.stdoutPath, 'a');
  const stderrFd = fs.openSync(files.stderrPath, 'a');
  try {
    const child = spawn('/bin/sh', ['-c', wrapperScript, 'switchyard-task', files.exitStatusPath, ...launch.command], {
      cwd: launch.workdir,
      env: launch.env,
      detached: true,
      stdio: ['pipe', stdoutFd, stderrFd],
    });
    if (child.pid === undefined) throw new Error(`could not start ${launch.command[0]}`);
    child.stdin?.on('error', () => {});
    const exited = new Promise<ProcessExit>((resolve) => {
      child.once('exit', (code, signal) => resolve(decodeExit(code, signal, files)));
    });
    return {
      ...supervise(child.pid, exited),
      release: () => child.stdin?.end('go\n'),
    };
  } finally {
    fs.closeSync(stdoutFd);
    fs.closeSync(stderrFd);
  }
}

/**
 * Takes over a group started by an earlier agent process. It is not our child, so its end is seen by
 * polling, and its status is read from the wrapper's file.
 */
export function adoptProcess(options: { pid: number; attemptDir: string; pollIntervalMs?: number }): RunningProcess {
  const files = attemptFiles(options.attemptDir);
  const exited = new Promise<ProcessExit>((resolve) => {
    const poll = () => {
      if (isProcessAlive(options.pid, files.exitStatusPath)) return;
      clearInterval(timer);
      resolve(decodeExit(null, null, files));
    };
    const timer = setInterval(poll, options.pollIntervalMs ?? 200);
    poll();
  });
  return supervise(options.pid, exited);
}

function supervise(pid: number, exited: Promise<ProcessExit>): RunningProcess {
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    // Whatever the command left behind in its group goes with it.
    signalProcessGroup(pid, 'SIGKILL');
  });
  return {
    pid,
    exited,
    async terminate(graceMs) {
      if (hasExited) return exited;
      signalProcessGroup(pid, 'SIGTERM');
      const killTimer = setTimeout(() => signalProcessGroup(pid, 'SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(killTimer);
      return result;
    },
    kill() {
      if (!hasExited) signalProcessGroup(pid, 'SIGKILL');
    },
  };
}

function decodeExit(code: number | null, signal: NodeJS.Signals | null, files: AttemptFiles): ProcessExit {
  let status: number | null = null;
  try {
    status = Number.parseInt(fs.readFileSync(files.exitStatusPath, 'utf8'), 10);
  } catch {
    // No status file: the wrapper itself was killed (SIGKILL of the group), so only the signal is known.
  }
  if (status === null || Number.isNaN(status)) {
    return { exitCode: code, signal: signal ?? (code === null ? 'SIGKILL' : null) };
  }
  const statusSignal = signalNameFromStatus(status);
  return statusSignal ? { exitCode: null, signal: statusSignal } : { exitCode: status, signal: null };
}
