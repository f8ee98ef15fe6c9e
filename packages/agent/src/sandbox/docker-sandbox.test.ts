import { describe, expect, it } from 'vitest';
import { buildDockerRunArgs, createDockerSandbox, detectDockerEngine } from './docker-sandbox.js';

const request = {
  command: ['/box/main'],
  limits: {
    cpuTimeMs: 2000,
    wallTimeMs: 4000,
    memoryKb: 262144,
    processes: 4,
    outputBytes: 1 << 20,
    fileSizeKb: 1024,
    openFiles: 64,
    scratchKb: 8192,
  },
  binds: [{ source: '/jobs/j1/bin', target: '/box' }],
  cwd: '/box',
  stdoutPath: '/dev/null',
  stderrPath: '/dev/null',
};

describe(buildDockerRunArgs.name, () => {
  it('applies every hardening flag the seed asks for', () => {
    const args = buildDockerRunArgs(request, { name: 'box-1', image: 'gcc:12' }).join(' ');
    for (const flag of [
      '--network=none',
      '--read-only',
      '--tmpfs /tmp:rw,nosuid,nodev,size=8192k,mode=1777',
      '--cpus=1',
      '--memory=262144k',
      '--memory-swap=262144k',
      '--pids-limit=4',
      '--ulimit cpu=3:3',
      '--ulimit stack=268435456:268435456',
      '--cap-drop ALL',
      '--security-opt no-new-privileges',
      '--user 65534:65534',
      '-v /jobs/j1/bin:/box:ro',
    ]) {
      expect(args).toContain(flag);
    }
    expect(args.endsWith('gcc:12 /box/main')).toBe(true);
  });
});

describe(detectDockerEngine.name, () => {
  it('reports the engine unavailable with a reason when the CLI cannot reach one', async () => {
    const engine = await detectDockerEngine('/nonexistent/docker');
    expect(engine.available).toBe(false);
    expect(engine.reason).toMatch(/no reachable docker engine/);
  });

  it('refuses to create a docker sandbox without an engine', async () => {
    await expect(createDockerSandbox({ docker: '/nonexistent/docker' })).rejects.toMatchObject({
      code: 'sandbox_setup_failed',
    });
  });
});
