import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/**
 * User + system CPU seconds a process has used so far, all its threads included (/proc/<pid>/stat
 * fields 14 and 15). Unlike latency, CPU per request barely moves when other work shares the cores.
 */
export function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** CPU milliseconds per request of each named process between two readings. */
export function cpuMsPerRequest(
  before: Record<string, number | undefined>,
  after: Record<string, number | undefined>,
  requests: number,
): Record<string, number | null> {
  return Object.fromEntries(
    Object.keys(after).map((name) => {
      const start = before[name];
      const end = after[name];
      if (start === undefined || end === undefined || requests === 0) return [name, null];
      return [name, Math.round(((end - start) * 1000 * 1000) / requests) / 1000];
    }),
  );
}
