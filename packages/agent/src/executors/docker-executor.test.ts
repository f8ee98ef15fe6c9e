import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDockerTaskArgs, detectDockerSocket, dockerSocketPath } from './docker-executor.js';

describe(buildDockerTaskArgs.name, () => {
  it('builds image, command, env, gpus, mounts and ports in order', () => {
    const args = buildDockerTaskArgs(
      {
        type: 'docker',
        image: 'pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime',
        command: ['python', '-c', 'print(1)'],
        env: { HF_HOME: '/cache', A: 'b=c' },
        mounts: ['/data/sets:/data:ro'],
        ports: ['8888:8888'],
      },
      { containerName: 'sy-att_1', gpuIndexes: [0, 2], labels: { 'switchyard.task': 'tsk_1' } },
    );
    expect(args).toEqual([
      'run',
      '--rm',
      '--init',
      '--name',
      'sy-att_1',
      '--pull',
      'missing',
      '--label',
      'switchyard.task=tsk_1',
      '--gpus',
      '"device=0,2"',
      '--env',
      'HF_HOME=/cache',
      '--env',
      'A=b=c',
      '--volume',
      '/data/sets:/data:ro',
      '--publish',
      '8888:8888',
      'pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime',
      'python',
      '-c',
      'print(1)',
    ]);
  });

  it('leaves out --gpus and the command when the task has none', () => {
    const args = buildDockerTaskArgs(
      { type: 'docker', image: 'alpine' },
      { containerName: 'c', gpuIndexes: [] },
    );
    expect(args).not.toContain('--gpus');
    expect(args.at(-1)).toBe('alpine');
  });
});

describe(detectDockerSocket.name, () => {
  it('reports the executor unavailable when no engine listens on the socket', async () => {
    const result = await detectDockerSocket(path.join(os.tmpdir(), `no-docker-${process.pid}.sock`));
    expect(result.available).toBe(false);
    expect(result.reason).toMatch(/no docker engine/);
  });

  it('reports an engine that answers _ping with 200', async () => {
    const socketPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-dock-')), 'docker.sock');
    const server = net.createServer((socket) =>
      socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK')),
    );
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      expect(await detectDockerSocket(socketPath)).toEqual({
        available: true,
        reason: `docker engine at ${socketPath}`,
      });
    } finally {
      server.close();
    }
  });

  it('reads the socket path from DOCKER_HOST', () => {
    expect(dockerSocketPath({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })).toBe(
      '/run/user/1000/docker.sock',
    );
    expect(dockerSocketPath({})).toBe('/var/run/docker.sock');
  });
});
