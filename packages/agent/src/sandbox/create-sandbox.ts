import path from 'node:path';
import { createDockerSandbox, detectDockerEngine } from './docker-sandbox.js';
import { createNamespaceSandbox } from './namespace-sandbox.js';
import type { Sandbox } from './sandbox-types.js';

export type SandboxExecutor = 'auto' | 'namespace' | 'docker';

/** Default cache for the launcher binary, precompiled headers and the box mount point. */
export function defaultSandboxCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.resolve(env.SWITCHYARD_DATA_DIR ?? 'data'), 'cache', 'sandbox');
}

/**
 * Picks the executor: `SWITCHYARD_SANDBOX_EXECUTOR=namespace|docker` forces one; `auto` uses the Linux
 * namespace sandbox when running as root and a Docker engine otherwise, falling back to the namespace
 * sandbox with its missing layers reported.
 */
export async function createSandbox(
  options: { executor?: SandboxExecutor; cacheDir?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Sandbox> {
  const env = options.env ?? process.env;
  const executor =
    options.executor ?? (env.SWITCHYARD_SANDBOX_EXECUTOR as SandboxExecutor | undefined) ?? 'auto';
  const cacheDir = options.cacheDir ?? defaultSandboxCacheDir(env);
  if (executor === 'docker') return createDockerSandbox({ image: env.SWITCHYARD_SANDBOX_IMAGE });
  if (executor === 'auto' && process.getuid?.() !== 0 && (await detectDockerEngine()).available) {
    return createDockerSandbox({ image: env.SWITCHYARD_SANDBOX_IMAGE });
  }
  return createNamespaceSandbox({ cacheDir, env });
}
