#!/usr/bin/env node
// `npm run bench -- <name>`: runs bench/<name>/<name>-bench.ts (all of them without a name).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const available = fs
  .readdirSync(path.join(root, 'bench'), { withFileTypes: true })
  .filter(
    (entry) =>
      entry.isDirectory() && fs.existsSync(path.join(root, 'bench', entry.name, `${entry.name}-bench.ts`)),
  )
  .map((entry) => entry.name);
const [name, ...rest] = process.argv.slice(2);
if (name && !available.includes(name)) {
  console.error(`unknown benchmark ${name}; available: ${available.join(', ') || 'none'}`);
  process.exit(2);
}
for (const bench of name ? [name] : available) {
  console.log(`== bench ${bench}`);
  const run = spawnSync('npx', ['tsx', path.join('bench', bench, `${bench}-bench.ts`), ...rest], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
