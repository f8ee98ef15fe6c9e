import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const pending = new Map<string, Promise<string | null>>();

/**
 * Builds `bits/stdc++.h.gch` once per compiler version and flag set, and returns the directory to pass
 * with `-I` (GCC looks for NAME.gch beside each include directory before the header itself).
 * It compiles the system header only, never user code, so it runs outside the sandbox.
 * Returns null when the toolchain has no bits/stdc++.h; the caller then compiles without it.
 */
export function ensurePrecompiledHeader(cacheDir: string, flags: string[]): Promise<string | null> {
  const key = `${cacheDir}\0${flags.join(' ')}`;
  let building = pending.get(key);
  if (!building) {
    building = buildHeader(cacheDir, flags);
    pending.set(key, building);
    building.catch(() => pending.delete(key));
  }
  return building;
}

async function buildHeader(cacheDir: string, flags: string[]): Promise<string | null> {
  const header = await locateHeader(flags);
  if (!header) return null;
  const { stdout: version } = await execFileAsync('g++', ['-dumpfullversion']);
  const hash = createHash('sha256')
    .update(`${version}\0${header}\0${flags.join(' ')}`)
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(cacheDir, `pch-${hash}`);
  const target = path.join(dir, 'bits', 'stdc++.h.gch');
  if ((await stat(target).catch(() => null))?.isFile()) return dir;
  await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
  const partial = `${target}.${process.pid}.partial`;
  try {
    await execFileAsync('g++', [...flags, '-x', 'c++-header', header, '-o', partial]);
    await chmod(partial, 0o644);
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
  return dir;
}

// `g++ -H` prints each header it opens; the first line is bits/stdc++.h itself.
async function locateHeader(flags: string[]): Promise<string | null> {
  const found = await new Promise<string>((resolve) => {
    const child = execFile(
      'g++',
      [...flags, '-H', '-fsyntax-only', '-x', 'c++', '-'],
      (_error, _out, stderr) => resolve(stderr),
    );
    child.stdin?.end('#include <bits/stdc++.h>\n');
  });
  const first = found.split('\n')[0] ?? '';
  return first.startsWith('. ') && first.endsWith('stdc++.h') ? first.slice(2) : null;
}
