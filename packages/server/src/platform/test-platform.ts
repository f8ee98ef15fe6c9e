import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../kernel/clock.js';
import { loadSettings, type Settings } from '../kernel/config.js';
import type { DatabaseDialect } from '../kernel/db/database.js';
import { createTestDatabase } from '../kernel/db/test-database.js';
import { createLogger } from '../kernel/logging.js';
import { createPlatform, type Platform } from './create-platform.js';
import type { PlatformModule } from './platform-context.js';

export interface TestPlatform extends Platform {
  /** Signs up (the first signup becomes admin) or logs in, and returns the bearer header. */
  login(username: string, password?: string): Promise<{ authorization: string; userId: string }>;
  dispose(): Promise<void>;
}

/**
 * A whole platform on a fresh database and data dir, for integration tests through `app.inject`
 * (or `listen()` for real HTTP clients). The built-in agent is off unless a test turns it on.
 */
export async function createTestPlatform(
  options: {
    dialect?: DatabaseDialect;
    env?: Record<string, string>;
    clock?: Clock;
    modules?: PlatformModule[];
  } = {},
): Promise<TestPlatform> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-platform-'));
  const settings: Settings = loadSettings({
    SWITCHYARD_DATA_DIR: dataDir,
    PORT: '0',
    SWITCHYARD_LOCAL_AGENT: 'false',
    SWITCHYARD_WEB_DIR: path.join(dataDir, 'no-console'),
    ...options.env,
  });
  const database = await createTestDatabase(options.dialect ?? 'sqlite');
  const platform = await createPlatform({
    settings,
    database,
    clock: options.clock,
    logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    modules: options.modules,
  });
  return {
    ...platform,
    async login(username, password = 'correct-horse-battery') {
      let response = await platform.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      if (response.statusCode === 401) {
        response = await platform.app.inject({
          method: 'POST',
          url: '/api/auth/signup',
          payload: { username, password },
        });
      }
      if (response.statusCode >= 300) throw new Error(`login ${username} failed: ${response.body}`);
      const body = response.json() as { access_token: string; user: { id: string } };
      return { authorization: `Bearer ${body.access_token}`, userId: body.user.id };
    },
    async dispose() {
      await platform.close();
      await database.dispose().catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
