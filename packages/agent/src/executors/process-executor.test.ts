import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adoptProcess, attemptFiles, startProcess, writeFenceDeadlines } from './process-executor.js';
import { isProcessAlive } from './process-group.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function launchIn(command: string[], env: Record<string, string> = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-exec-'));
  dirs.push(root);
  const attemptDir = path.join(root, 'attempt');
  const held = startProcess({
    command,
    env: { PATH: '/usr/bin:/bin', ...env },
    workdir: path.join(root, 'work'),
    attemptDir,
  });
  return {
    held,
    attemptDir,
    root,
    read: (name: 'stdoutPath' | 'stderrPath') => fs.readFileSync(attemptFiles(attemptDir)[name], 'utf8'),
  };
}

/** Waits for a file the task writes (a state the test observes, not a sleep). */
async function waitForFile(filePath: string) {
  while (!fs.existsSync(filePath) || fs.readFileSync(filePath, 'utf8') === '')
    await new Promise((resolve) => setTimeout(resolve, 20));
  return fs.readFileSync(filePath, 'utf8').trim();
}

/**
 * Signals are delivered asynchronously: a killed process is gone once the kernel has scheduled it, a moment
 * after `kill` returns. Polls for that, failing only if it is still alive after a generous bound.
 */
async function isGoneWithin(pid: number, boundMs = 5_000) {
  const deadline = Date.now() + boundMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

describe(startProcess.name, () => {
  it('does not run the command until released', async () => {
    const { held, root } = launchIn(['sh', '-c', 'echo ran > ../ran']);
    expect(held.pid).toBeGreaterThan(0);
    expect(isProcessAlive(held.pid)).toBe(true);
    expect(fs.existsSync(path.join(root, 'ran'))).toBe(false);
    held.release();
    await held.exited;
    expect(fs.readFileSync(path.join(root, 'ran'), 'utf8')).toBe('ran\n');
  });

  it('never runs the command when the agent goes away before releasing it', async () => {
    const { held, root } = launchIn(['sh', '-c', 'echo ran > ../ran']);
    held.terminate(1000);
    expect(await held.exited).toEqual({ exitCode: null, signal: 'SIGTERM' });
    expect(fs.existsSync(path.join(root, 'ran'))).toBe(false);
  });

  it('passes env and workdir and writes stdout and stderr to files', async () => {
    const { held, read, root } = launchIn(
      ['sh', '-c', 'echo "$GREETING from $(pwd)"; echo oops >&2; exit 3'],
      { GREETING: 'hi' },
    );
    held.release();
    expect(await held.exited).toEqual({ exitCode: 3, signal: null });
    expect(read('stdoutPath')).toBe(`hi from ${path.join(root, 'work')}\n`);
    expect(read('stderrPath')).toBe('oops\n');
  });

  it('says the command never started when the agent goes away before releasing it', async () => {
    const { held, root, attemptDir } = launchIn(['sh', '-c', 'echo ran > ../ran']);
    // The agent dies: its end of the wrapper's stdin closes without "go".
    held.detach();
    expect(await held.exited).toEqual({ exitCode: null, signal: null, neverStarted: true });
    expect(fs.existsSync(path.join(root, 'ran'))).toBe(false);
    // A restarted agent adopting the attempt reads the same from the status file.
    const adopted = adoptProcess({ pid: held.pid, attemptDir, pollIntervalMs: 20 });
    expect(await adopted.exited).toEqual({ exitCode: null, signal: null, neverStarted: true });
  });

  it('reports exit 0 and a missing binary as 127', async () => {
    const ok = launchIn(['true']);
    ok.held.release();
    expect(await ok.held.exited).toEqual({ exitCode: 0, signal: null });
    const missing = launchIn(['no-such-binary-here']);
    missing.held.release();
    expect((await missing.held.exited).exitCode).toBe(127);
  });

  it('terminates the whole group, grandchildren included, with SIGTERM', async () => {
    const { held, root } = launchIn(['sh', '-c', 'sleep 300 & echo $! > ../grandchild; wait']);
    held.release();
    const grandchild = Number(await waitForFile(path.join(root, 'grandchild')));
    expect(isProcessAlive(grandchild)).toBe(true);
    const exit = await held.terminate(10_000);
    expect(exit).toEqual({ exitCode: null, signal: 'SIGTERM' });
    expect(await isGoneWithin(grandchild)).toBe(true);
  });

  it('escalates to SIGKILL of the group when SIGTERM is ignored past the grace', async () => {
    const { held, root } = launchIn([
      'sh',
      '-c',
      "trap '' TERM; echo ready > ../ready; while :; do sleep 0.05; done",
    ]);
    held.release();
    await waitForFile(path.join(root, 'ready'));
    const exit = await held.terminate(300);
    expect(exit.signal).toBe('SIGKILL');
    expect(await isGoneWithin(held.pid)).toBe(true);
  });
});

describe(adoptProcess.name, () => {
  it('follows a group it did not start and reads the exit status the wrapper wrote', async () => {
    const { held, attemptDir, root } = launchIn([
      'sh',
      '-c',
      'while [ ! -f ../finish ]; do sleep 0.05; done; exit 7',
    ]);
    held.release();
    const adopted = adoptProcess({ pid: held.pid, attemptDir, pollIntervalMs: 20 });
    fs.writeFileSync(path.join(root, 'finish'), '');
    expect(await adopted.exited).toEqual({ exitCode: 7, signal: null });
  });

  it('treats a reused pid that is not our wrapper as exited', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-exec-'));
    dirs.push(root);
    const adopted = adoptProcess({ pid: process.pid, attemptDir: root, pollIntervalMs: 20 });
    expect(await adopted.exited).toEqual({ exitCode: null, signal: 'SIGKILL' });
  });
});

describe('fence watchdog', () => {
  it('kills the group when the agent stops renewing, even with the agent gone', async () => {
    const { held, attemptDir, root } = launchIn([
      'sh',
      '-c',
      "trap '' TERM; echo ready > ../ready; while :; do sleep 0.05; done",
    ]);
    writeFenceDeadlines(attemptDir, { terminateInMs: 0, killInMs: 0 });
    held.release();
    await waitForFile(path.join(root, 'ready'));
    // No terminate() from the test: the wrapper's own watchdog must act on the past deadline.
    expect((await held.exited).signal).toBe('SIGKILL');
    expect(await isGoneWithin(held.pid)).toBe(true);
  });
});
