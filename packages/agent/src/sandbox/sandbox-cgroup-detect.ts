import { access, mkdir, readFile, rmdir } from 'node:fs/promises';
import path from 'node:path';

/** Where each run's cgroup leaves are created; null entries are controllers we cannot use. */
export type CgroupPlan =
  | { version: 'v1'; memory: string | null; pids: string | null; cpu: string | null; problems: string[] }
  | { version: 'v2'; dir: string; problems: string[] }
  | { version: null; problems: string[] };

const groupDirName = 'switchyard-sandbox';

/**
 * Finds writable cgroups for the sandbox. cgroup v2 needs a delegated parent with the memory, pids and cpu
 * controllers in its subtree_control (`SWITCHYARD_SANDBOX_CGROUP`, or our own cgroup when it qualifies);
 * cgroup v1 needs the memory, pids and cpuacct hierarchies writable. Every controller we cannot use is
 * named in `problems`, which ends up in report.json `isolation.missing`.
 */
export async function detectCgroups(env: NodeJS.ProcessEnv = process.env): Promise<CgroupPlan> {
  const delegated = env.SWITCHYARD_SANDBOX_CGROUP;
  if (delegated) return planV2(delegated);
  const mounts = await readFile('/proc/self/mounts', 'utf8').catch(() => '');
  const own = await readFile('/proc/self/cgroup', 'utf8').catch(() => '');
  const unified = mounts.split('\n').find((line) => line.split(' ')[2] === 'cgroup2');
  const v1Mounts = mounts.split('\n').filter((line) => line.split(' ')[2] === 'cgroup');
  if (v1Mounts.length === 0 && unified) {
    const ownPath =
      own
        .split('\n')
        .find((line) => line.startsWith('0::'))
        ?.slice(3) ?? '/';
    return planV2(path.join(unified.split(' ')[1], ownPath));
  }
  if (v1Mounts.length === 0) return { version: null, problems: ['no cgroup filesystem is mounted'] };
  const problems: string[] = [];
  const find = async (controller: string): Promise<string | null> => {
    const mount = v1Mounts.find((line) => line.split(' ')[3].split(',').includes(controller));
    const ownLine = own.split('\n').find((line) => line.split(':')[1]?.split(',').includes(controller));
    if (!mount || !ownLine) {
      problems.push(`cgroup v1 ${controller} hierarchy is not mounted`);
      return null;
    }
    const dir = path.join(mount.split(' ')[1], ownLine.split(':').slice(2).join(':'), groupDirName);
    const usable = await probeWritable(dir);
    if (!usable) problems.push(`cgroup v1 ${controller} hierarchy is not writable at ${dir}`);
    return usable ? dir : null;
  };
  return {
    version: 'v1',
    memory: await find('memory'),
    pids: await find('pids'),
    cpu: await find('cpuacct'),
    problems,
  };
}

async function planV2(dir: string): Promise<CgroupPlan> {
  const controllers = await readFile(path.join(dir, 'cgroup.subtree_control'), 'utf8').catch(() => '');
  const missing = ['memory', 'pids', 'cpu'].filter((name) => !controllers.split(/\s+/).includes(name));
  if (missing.length > 0) {
    return {
      version: null,
      problems: [
        `cgroup v2 at ${dir} does not delegate ${missing.join(', ')}; set SWITCHYARD_SANDBOX_CGROUP to a delegated cgroup`,
      ],
    };
  }
  if (!(await probeWritable(dir)))
    return { version: null, problems: [`cgroup v2 at ${dir} is not writable`] };
  return { version: 'v2', dir, problems: [] };
}

async function probeWritable(dir: string): Promise<boolean> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = path.join(dir, `probe-${process.pid}`);
    await mkdir(probe);
    await access(path.join(probe, 'cgroup.procs'));
    await rmdir(probe);
    return true;
  } catch {
    return false;
  }
}
