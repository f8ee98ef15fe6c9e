import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Started by scripts/run-e2e.mjs, which provides a running server through SWITCHYARD_E2E_* variables.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One browser at a time: the machines running this have two cores, shared with the server.
    fileParallelism: false,
  },
});
