import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdentity } from '../identity/index.js';
import { systemClock } from '../kernel/clock.js';
import { loadSettings } from '../kernel/config.js';
import { openDatabase } from '../kernel/db/database.js';
import { createSecretBox, loadMasterKey } from '../kernel/secrets/secret-box.js';
import { runCli } from './cli-main.js';

describe(runCli.name, () => {
  let dataDir: string;
  let output: string[];
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-cli-'));
    vi.stubEnv('SWITCHYARD_DATA_DIR', dataDir);
    vi.stubEnv('DATABASE_URL', '');
    output = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      output.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    process.exitCode = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function login(username: string, password: string) {
    const settings = loadSettings();
    const database = await openDatabase({ url: settings.databaseUrl });
    try {
      const secretBox = createSecretBox(loadMasterKey({ configuredKey: undefined, dataDir }));
      const identity = createIdentity({ database, clock: systemClock, secretBox, settings });
      return await identity.sessions.login({ username, password }, '127.0.0.1');
    } finally {
      await database.close();
    }
  }

  it('migrates twice without applying anything the second time', async () => {
    expect(await runCli(['node', 'switchyard', 'migrate'])).toBe(0);
    output.length = 0;
    expect(await runCli(['node', 'switchyard', 'migrate'])).toBe(0);
    expect(output.join('')).toMatch(/^0 applied, \d+ already applied/m);
  });

  it('creates an admin and resets a password', async () => {
    expect(
      await runCli([
        'node',
        'switchyard',
        'user',
        'create',
        'ops',
        '--admin',
        '--password',
        'first-password-1',
      ]),
    ).toBe(0);
    expect(output.join('')).toMatch(/created admin ops \(usr_/);
    expect((await login('ops', 'first-password-1')).user.role).toBe('admin');
    expect(
      await runCli([
        'node',
        'switchyard',
        'user',
        'reset-password',
        'ops',
        '--password',
        'second-password-2',
      ]),
    ).toBe(0);
    await expect(login('ops', 'first-password-1')).rejects.toMatchObject({ code: 'unauthorized' });
    expect((await login('ops', 'second-password-2')).user.username).toBe('ops');
  });

  it('fails with exit code 2 and a clear message on a short password or a bad env var', async () => {
    expect(await runCli(['node', 'switchyard', 'user', 'create', 'x1y', '--password', 'short'])).toBe(2);
    expect(output.join('')).toMatch(/password must be at least 8 characters/);
    vi.stubEnv('PORT', 'not-a-port');
    expect(await runCli(['node', 'switchyard', 'migrate'])).toBe(2);
    expect(output.join('')).toMatch(/PORT must be an integer/);
  });

  it('prints help for every command and exits 0', async () => {
    for (const argv of [
      ['--help'],
      ['serve', '--help'],
      ['migrate', '--help'],
      ['user', 'create', '--help'],
      ['user', 'reset-password', '--help'],
      ['price', 'set', '--help'],
    ]) {
      output.length = 0;
      expect(await runCli(['node', 'switchyard', ...argv])).toBe(0);
      expect(output.join('')).toMatch(/Usage: switchyard/);
    }
  });

  it('rejects an unknown command with a non-zero exit code', async () => {
    expect(await runCli(['node', 'switchyard', 'frobnicate'])).not.toBe(0);
  });
});
