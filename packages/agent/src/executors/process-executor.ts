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
  'exit_file=$1; fence_file=$2; shift 2',
  // Held until the agent writes "go": the pid is known (and reported by `start`) before the command runs;
  // EOF means the agent died first, so the command never runs; the status file says so, because a
  // restarted agent that saw the attempt as released must not report a command that never ran as failed.
  'if ! read -r go || [ "$go" != go ]; then printf "never\\n" > "$exit_file"; exit 125; fi',
  "trap ':' TERM",
  '"$@" </dev/null &',
  'child=$!',
  // The self-fence must outlive the agent: the agent writes "<term> <kill>" deadlines in /proc/uptime
  // seconds (a monotonic clock) to fence_file after every good renew; if it dies and stops renewing,
  // this watchdog still SIGTERMs the command and then SIGKILLs the whole group.
  '( trap - TERM; while :; do sleep 1; [ -s "$fence_file" ] || continue; read -r term hard < "$fence_file";',
  '  now=$(cut -d. -f1 /proc/uptime); if [ "$now" -ge "$hard" ]; then kill -KILL 0;',
  '  elif [ "$now" -ge "$term" ]; then kill -TERM "$child" 2>/dev/null; fi; done ) </dev/null >/dev/null 2>&1 &',
  'watchdog=$!',
  'wait "$child"; code=$?',
  'while kill -0 "$child" 2>/dev/null; do wait "$child"; code=$?; done',
  'kill "$watchdog" 2>/dev/null',
  'printf "%s\\n" "$code" > "$exit_file"',
  'exit "$code"',
].join('\n');

export type AttemptFiles = {
  stdoutPath: string;
  stderrPath: string;
  exitStatusPath: string;
  fencePath: string;
};

export function attemptFiles(attemptDir: string): AttemptFiles {
  return {
    stdoutPath: path.join(attemptDir, 'stdout.log'),
    stderrPath: path.join(attemptDir, 'stderr.log'),
    exitStatusPath: path.join(attemptDir, 'exit-status'),
    fencePath: path.join(attemptDir, 'fence-deadlines'),
  };
}

export type ProcessExit = {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The executor itself failed (e.g. the sandbox could not be set up); the task did not run to an exit. */
  error?: string;
  /** The command never ran: the agent died before releasing it (the attempt can simply be retried). */
  neverStarted?: boolean;
};

/** A started or adopted process group. */
export type RunningProcess = {
  readonly pid: number;
  readonly exited: Promise<ProcessExit>;
  /** SIGTERM to the group, then SIGKILL after `graceMs` unless it exited; resolves when it has exited. */
  terminate(graceMs: number): Promise<ProcessExit>;
  kill(): void;
  /** Stops watching without touching the process (agent shutdown); it lives on under its own watchdog. */
  detach(): void;
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
    const child = spawn(
      '/bin/sh',
      ['-c', wrapperScript, 'switchyard-task', files.exitStatusPath, files.fencePath, ...launch.command],
      {
        cwd: launch.workdir,
        env: launch.env,
        detached: true,
        stdio: ['pipe', stdoutFd, stderrFd],
      },
    );
    if (child.pid === undefined) throw new Error(`could not start ${launch.command[0]}`);
    child.stdin?.on('error', () => {});
    const exited = new Promise<ProcessExit>((resolve) => {
      child.once('exit', (code, signal) => resolve(decodeExit(code, signal, files)));
    });
    const detach = () => {
      child.stdin?.destroy();
      child.unref();
    };
    return {
      ...supervise(child.pid, exited, detach),
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
export function adoptProcess(options: {
  pid: number;
  attemptDir: string;
  pollIntervalMs?: number;
}): RunningProcess {
  const files = attemptFiles(options.attemptDir);
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    const poll = () => {
      if (isProcessAlive(options.pid, files.exitStatusPath)) return;
      clearInterval(timer);
      resolve(decodeExit(null, null, files));
    };
    timer = setInterval(poll, options.pollIntervalMs ?? 200);
    poll();
  });
  return supervise(options.pid, exited, () => clearInterval(timer));
}

function supervise(pid: number, exited: Promise<ProcessExit>, detach: () => void): RunningProcess {
  let hasExited = false;
  let isDetached = false;
  void exited.then(() => {
    hasExited = true;
    if (isDetached) return;
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
    detach() {
      isDetached = true;
      detach();
    },
  };
}

function decodeExit(code: number | null, signal: NodeJS.Signals | null, files: AttemptFiles): ProcessExit {
  let status: number | null = null;
  try {
    const text = fs.readFileSync(files.exitStatusPath, 'utf8');
    if (text.trim() === 'never') return { exitCode: null, signal: null, neverStarted: true };
    status = Number.parseInt(text, 10);
  } catch {
    // No status file: the wrapper itself was killed (SIGKILL of the group), so only the signal is known.
  }
  if (status === null || Number.isNaN(status)) {
    return { exitCode: code, signal: signal ?? (code === null ? 'SIGKILL' : null) };
  }
  const statusSignal = signalNameFromStatus(status);
  return statusSignal ? { exitCode: null, signal: statusSignal } : { exitCode: status, signal: null };
}

/**
 * Publishes the self-fence deadlines for the wrapper's watchdog, in /proc/uptime seconds, rounded down so
 * the watchdog never acts later than the agent would.
 */
export function writeFenceDeadlines(
  attemptDir: string,
  deadlines: { terminateInMs: number; killInMs: number },
): void {
  const uptimeS = Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  const terminateAt = Math.floor(uptimeS + deadlines.terminateInMs / 1000);
  const killAt = Math.floor(uptimeS + deadlines.killInMs / 1000);
  const target = attemptFiles(attemptDir).fencePath;
  // Written whole and renamed, so the watchdog never reads half a line.
  fs.writeFileSync(`${target}.tmp`, `${terminateAt} ${killAt}\n`);
  fs.renameSync(`${target}.tmp`, target);
}

/** The deadlines an earlier agent process published, relative to now; null when none were written. */
export function readFenceDeadlines(attemptDir: string): { terminateInMs: number; killInMs: number } | null {
  try {
    const [terminateAt, killAt] = fs
      .readFileSync(attemptFiles(attemptDir).fencePath, 'utf8')
      .trim()
      .split(' ')
      .map(Number);
    const uptimeS = Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    if (!Number.isFinite(terminateAt) || !Number.isFinite(killAt)) return null;
    return { terminateInMs: (terminateAt - uptimeS) * 1000, killInMs: (killAt - uptimeS) * 1000 };
  } catch {
    return null;
  }
}
