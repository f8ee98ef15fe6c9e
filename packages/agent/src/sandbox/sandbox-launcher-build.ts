import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const launcherSource = new URL('./sandbox-launcher.cpp', import.meta.url);
const building = new Map<string, Promise<string>>();

/**
 * Compiles the launcher once per source version and caches the binary under `cacheDir`.
 * Static linking saves the dynamic loader work on every run (about 1 ms per exec here); when the
 * static C library is not installed we fall back to a dynamic build.
 */
export function ensureSandboxLauncher(cacheDir: string): Promise<string> {
  const existing = building.get(cacheDir);
  if (existing) return existing;
  const pending = buildLauncher(cacheDir);
  building.set(cacheDir, pending);
  pending.catch(() => building.delete(cacheDir));
  return pending;
}

async function buildLauncher(cacheDir: string): Promise<string> {
  const source = await readFile(launcherSource);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const binary = path.join(cacheDir, `sandbox-launcher-${hash}`);
  if (await isFile(binary)) return binary;
  await mkdir(cacheDir, { recursive: true });
  const partial = `${binary}.${process.pid}.partial`;
  const base = ['-O2', '-std=c++17', '-o', partial, launcherSource.pathname];
  try {
    await execFileAsync('g++', ['-static', ...base]);
  } catch {
    await execFileAsync('g++', base);
  }
  // rename is atomic, so concurrent builders never see a half-written binary.
  await rename(partial, binary).catch(async (error: unknown) => {
    await rm(partial, { force: true });
    throw error;
  });
  return binary;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
