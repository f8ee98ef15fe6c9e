import net from 'node:net';
import type { DockerTaskPayload } from '@switchyard/protocol';

/** The engine socket: DOCKER_HOST=unix://… when set, else the default path. */
export function dockerSocketPath(env: NodeJS.ProcessEnv = process.env): string {
  const host = env.DOCKER_HOST;
  return host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
}

/**
 * Whether a Docker engine answers `GET /_ping` on its socket. The CLI being installed is not enough: the
 * agent only advertises the `docker` executor when an engine is reachable.
 */
export function detectDockerSocket(
  socketPath = dockerSocketPath(),
  timeoutMs = 2_000,
): Promise<{ available: boolean; reason: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    let reply = '';
    const finish = (result: { available: boolean; reason: string }) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () =>
      finish({ available: false, reason: `docker engine at ${socketPath} did not answer` }),
    );
    socket.on('error', (error) =>
      finish({ available: false, reason: `no docker engine at ${socketPath}: ${error.message}` }),
    );
    socket.on('connect', () => socket.write('GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n'));
    socket.on('data', (data) => {
      reply += data.toString('latin1');
      if (reply.includes('\r\n\r\n')) {
        const isOk = /^HTTP\/1\.[01] 200/.test(reply);
        finish({
          available: isOk,
          reason: isOk
            ? `docker engine at ${socketPath}`
            : `docker engine refused: ${reply.split('\r\n')[0]}`,
        });
      }
    });
  });
}

export type DockerRunContext = {
  containerName: string;
  /** GPU indexes the lease granted; empty means no `--gpus`. */
  gpuIndexes: number[];
  labels?: Record<string, string>;
};

/**
 * `docker run` argv for a docker task. The container is named after the attempt so cancel and an agent
 * restart can find it (`docker stop <name>`); `--init` reaps zombies and forwards SIGTERM inside.
 */
export function buildDockerTaskArgs(payload: DockerTaskPayload, context: DockerRunContext): string[] {
  const args = ['run', '--rm', '--init', '--name', context.containerName, '--pull', 'missing'];
  for (const [key, value] of Object.entries(context.labels ?? {})) args.push('--label', `${key}=${value}`);
  if (context.gpuIndexes.length > 0) {
    // The device list is itself quoted: docker parses --gpus as CSV, and commas separate devices.
    args.push('--gpus', `"device=${context.gpuIndexes.join(',')}"`);
  }
  for (const [key, value] of Object.entries(payload.env ?? {})) args.push('--env', `${key}=${value}`);
  for (const mount of payload.mounts ?? []) args.push('--volume', mount);
  for (const port of payload.ports ?? []) args.push('--publish', port);
  args.push(payload.image, ...(payload.command ?? []));
  return args;
}
