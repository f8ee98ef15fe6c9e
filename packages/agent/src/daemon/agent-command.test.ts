import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLabels, resolveMachineToken, runAgentCommand } from './agent-command.js';
import { startFakeAgentServer } from './fake-agent-server.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe(resolveMachineToken.name, () => {
  it('exchanges the enrollment token once and reuses the stored machine token (mode 0600)', async () => {
    const server = await startFakeAgentServer();
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-enroll-'));
    cleanups.push(
      () => server.close(),
      () => fs.rmSync(workDir, { recursive: true, force: true }),
    );
    expect(await resolveMachineToken({ serverUrl: server.url, workDir, enrollToken: 'enr_good' })).toBe(
      'mt_from_enroll',
    );
    const tokenPath = path.join(workDir, 'machine-token');
    expect(fs.statSync(tokenPath).mode & 0o777).toBe(0o600);
    // The enrollment token is single use: a second exchange would fail, so a restart must not attempt one.
    expect(await resolveMachineToken({ serverUrl: server.url, workDir, enrollToken: 'enr_good' })).toBe(
      'mt_from_enroll',
    );
    expect(server.calls.filter((call) => call.route === 'enroll')).toHaveLength(1);
  });

  it('fails clearly on a rejected enrollment token and stores nothing', async () => {
    const server = await startFakeAgentServer();
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-enroll-'));
    cleanups.push(
      () => server.close(),
      () => fs.rmSync(workDir, { recursive: true, force: true }),
    );
    await expect(
      resolveMachineToken({ serverUrl: server.url, workDir, enrollToken: 'enr_used' }),
    ).rejects.toThrow(/401/);
    expect(fs.existsSync(path.join(workDir, 'machine-token'))).toBe(false);
  });

  it('retries enrollment while the server is unreachable, then gives up only when told', async () => {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-enroll-'));
    cleanups.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
    const attempt = resolveMachineToken({
      serverUrl: 'http://127.0.0.1:9',
      workDir,
      enrollToken: 'enr_good',
      maxAttempts: 2,
      maxRetryDelayMs: 1,
    });
    await expect(attempt).rejects.toThrow(/fetch failed/);
  });

  it('uses --token directly without enrolling', async () => {
    expect(
      await resolveMachineToken({
        serverUrl: 'http://127.0.0.1:9',
        workDir: os.tmpdir(),
        token: 'mt_direct',
      }),
    ).toBe('mt_direct');
  });
});

describe(runAgentCommand.name, () => {
  it('prints help and exits 0', async () => {
    expect(await runAgentCommand(['--help'])).toBe(0);
  });

  it('exits 2 on unknown options or a missing --server', async () => {
    expect(await runAgentCommand(['--bogus'])).toBe(2);
    expect(await runAgentCommand(['--token', 't'])).toBe(2);
    expect(await runAgentCommand(['--server', 'http://x', '--token', 't', '--slots', '0'])).toBe(2);
  });

  it('parses k=v label lists', () => {
    expect(parseLabels('gpu=h100,zone=eu-1')).toEqual({ gpu: 'h100', zone: 'eu-1' });
    expect(() => parseLabels('novalue')).toThrow(/k=v/);
  });
});
