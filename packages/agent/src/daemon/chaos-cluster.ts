import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Real `switchyard serve` and `switchyard agent` processes for the chaos test: spawn, SIGKILL, restart.
 * Each process keeps the tail of its output so a failing run can say what happened.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const cliPath = path.join(repoRoot, 'bin', 'switchyard.mjs');

export type CliProcess = { child: ChildProcess; output(): string; exited: Promise<void> };

export function spawnCli(args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (data: Buffer) => {
    tail = (tail + data.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, output: () => tail, exited };
}

export async function killAndWait(processHandle: CliProcess): Promise<void> {
  if (processHandle.child.exitCode === null && processHandle.child.signalCode === null)
    processHandle.child.kill('SIGKILL');
  await processHandle.exited;
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `switchyard serve` and resolves once it answers HTTP. */
export async function startServe(options: {
  dataDir: string;
  port: number;
  env?: Record<string, string>;
}): Promise<CliProcess> {
  const server = spawnCli(['serve'], {
    SWITCHYARD_DATA_DIR: options.dataDir,
    PORT: String(options.port),
    HOST: '127.0.0.1',
    SWITCHYARD_LOCAL_AGENT: 'false',
    SWITCHYARD_WEB_DIR: path.join(options.dataDir, 'no-console'),
    LOG_LEVEL: 'warn',
    ...options.env,
  });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`serve exited: ${server.output()}`);
    try {
      await fetch(`${baseUrl}/api/tasks`);
      return server;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A small JSON client for the console API. */
export function createApiClient(baseUrl: string) {
  let authorization = '';
  const call = async <T>(
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> => {
    const response = await fetch(`${baseUrl}${route}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(authorization ? { authorization } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    call,
    async signUpAdmin() {
      const reply = await call<{ access_token: string }>('POST', '/api/auth/signup', {
        username: 'chaos-admin',
        password: 'correct-horse-battery',
      });
      authorization = `Bearer ${reply.access_token}`;
    },
  };
}
