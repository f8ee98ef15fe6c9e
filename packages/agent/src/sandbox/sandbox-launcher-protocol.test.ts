import { describe, expect, it } from 'vitest';
import { buildLauncherArgs, type LauncherMode, parseLauncherOutput } from './sandbox-launcher-protocol.js';

const request = {
  command: ['/box/main', '/box/data.txt'],
  limits: {
    cpuTimeMs: 1000,
    wallTimeMs: 3000,
    memoryKb: 65536,
    processes: 1,
    outputBytes: 1024,
    fileSizeKb: 64,
    openFiles: 16,
    scratchKb: 1024,
  },
  binds: [{ source: '/host/job', target: '/box' }],
  cwd: '/box',
  stdoutPath: '/host/out',
  stderrPath: '/host/err',
};

const mode: LauncherMode = {
  rootDir: '/cache/box-root',
  namespaces: true,
  dropUser: true,
  uid: 65534,
  gid: 65534,
  cgroups: { version: 'v1', memory: '/cg/memory/s', pids: '/cg/pids/s', cpu: null, problems: [] },
  rlimitAddressSpace: false,
};

describe(buildLauncherArgs.name, () => {
  it('passes box paths, binds and only the cgroups that are usable', () => {
    const args = buildLauncherArgs(request, mode);
    expect(args.join(' ')).toContain('--bind-ro /host/job:/box');
    expect(args.join(' ')).toContain('--cg-memory /cg/memory/s --cg-pids /cg/pids/s');
    expect(args).not.toContain('--cg-cpu');
    expect(args.slice(-4)).toEqual(['/box', '--', '/box/main', '/box/data.txt']);
  });

  it('rewrites box paths to host paths when there is no mount namespace', () => {
    const args = buildLauncherArgs(request, { ...mode, namespaces: false, dropUser: false });
    expect(args).toContain('--no-namespaces');
    expect(args).toContain('--keep-user');
    expect(args.slice(-4)).toEqual(['/host/job', '--', '/host/job/main', '/host/job/data.txt']);
  });
});

describe(parseLauncherOutput.name, () => {
  it('turns a setup_error line into a sandbox failure, not a program result', () => {
    expect(() => parseLauncherOutput('{"status":"setup_error","message":"pivot_root: EPERM"}\n', '')).toThrow(
      /pivot_root/,
    );
  });

  it('treats missing output as a sandbox failure', () => {
    expect(() => parseLauncherOutput('', 'Segmentation fault')).toThrow(/no result/);
  });
});
