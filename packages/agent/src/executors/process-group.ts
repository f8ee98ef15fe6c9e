import fs from 'node:fs';
import os from 'node:os';

/** Signals every process in the group led by `pid`; a group that is already gone is not an error. */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/**
 * Whether `pid` is alive AND still the process we started: pids are reused, so the command line must
 * contain `marker` (the attempt's exit-status path, unique per attempt).
 */
export function isProcessAlive(pid: number, marker?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const status = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie has exited; its parent (often a container's pid 1 that never reaps) just has not reaped it.
    if (/\) Z /.test(status)) return false;
    if (marker === undefined) return true;
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(marker);
  } catch {
    return marker === undefined;
  }
}

/** Shell exit statuses above 128 mean "killed by signal (status − 128)". */
export function signalNameFromStatus(status: number): NodeJS.Signals | null {
  if (status <= 128 || status > 128 + 64) return null;
  const signalNumber = status - 128;
  const entry = Object.entries(os.constants.signals).find(([, value]) => value === signalNumber);
  return entry ? (entry[0] as NodeJS.Signals) : null;
}
