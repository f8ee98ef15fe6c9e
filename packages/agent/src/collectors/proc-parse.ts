/** Pure parsers for the /proc files the system collector reads (kept apart so tests feed them text). */

export type CpuTimes = { busy: number; total: number };

/** First `cpu` line of /proc/stat: user nice system idle iowait irq softirq steal … (jiffies). */
export function parseProcStatCpu(text: string): CpuTimes {
  const line = text.split('\n').find((candidate) => candidate.startsWith('cpu '));
  const values = (line ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/** Busy share between two samples, 0–100. */
export function cpuPercentBetween(previous: CpuTimes, current: CpuTimes): number {
  const total = current.total - previous.total;
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, ((current.busy - previous.busy) / total) * 100));
}

export function parseLoadAverage(text: string): [number, number, number] {
  const [one, five, fifteen] = text.trim().split(/\s+/).map(Number);
  return [one || 0, five || 0, fifteen || 0];
}

/** MemTotal and MemAvailable are in KiB; "used" is what the kernel cannot hand out (total − available). */
export function parseMeminfo(text: string): { totalBytes: number; usedBytes: number } {
  const read = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0) * 1024;
  const totalBytes = read('MemTotal');
  const availableBytes = read('MemAvailable') || read('MemFree');
  return { totalBytes, usedBytes: Math.max(0, totalBytes - availableBytes) };
}

/** /proc/net/dev: `iface: rx_bytes packets … tx_bytes …` after two header lines. */
export function parseNetDev(text: string): Array<{ interface: string; rx_bytes: number; tx_bytes: number }> {
  return text
    .split('\n')
    .slice(2)
    .filter((line) => line.includes(':'))
    .map((line) => {
      const [name, counters] = line.split(':');
      const values = counters.trim().split(/\s+/).map(Number);
      return { interface: name.trim(), rx_bytes: values[0] || 0, tx_bytes: values[8] || 0 };
    });
}

export function parseUptimeSeconds(text: string): number {
  return Number(text.trim().split(/\s+/)[0]) || 0;
}

const pseudoFilesystems = new Set([
  'proc',
  'sysfs',
  'devtmpfs',
  'devpts',
  'tmpfs',
  'cgroup',
  'cgroup2',
  'securityfs',
  'pstore',
  'debugfs',
  'tracefs',
  'mqueue',
  'hugetlbfs',
  'configfs',
  'fusectl',
  'bpf',
  'autofs',
  'binfmt_misc',
  'overlay',
  'nsfs',
  'squashfs',
  'rpc_pipefs',
  'efivarfs',
]);

/** Mount points of real filesystems from /proc/mounts, each once. */
export function parseDiskMounts(text: string): string[] {
  const mounts = new Set<string>();
  for (const line of text.split('\n')) {
    const [, mountPoint, filesystemType] = line.split(' ');
    if (!mountPoint || pseudoFilesystems.has(filesystemType)) continue;
    // /proc/mounts escapes spaces as \040.
    mounts.add(mountPoint.replace(/\\040/g, ' '));
  }
  return [...mounts];
}
