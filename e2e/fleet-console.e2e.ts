import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  field,
  launchChromium,
  logInThroughForm,
  navLink,
  openConsole,
  saveScreenshot,
} from './support/chromium-browser.js';
import { e2eAdmin, e2eBaseUrl, e2eOutputDir } from './support/e2e-environment.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const stamp = Date.now().toString(36);
const machineName = `e2e-box-${stamp}`;

let browser: Browser;
// The server under test runs without its built-in agent, so this spec enrolls a real `switchyard agent`
// process through the console's enrollment token, as an admin would on a new machine.
let agent: ChildProcess | undefined;
let agentWorkDir: string | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  if (agent && agent.exitCode === null) {
    const exited = new Promise((resolve) => agent?.once('exit', resolve));
    agent.kill('SIGTERM');
    await exited;
  }
  if (agentWorkDir) fs.rmSync(agentWorkDir, { recursive: true, force: true });
  await browser?.close();
});

function startAgent(enrollToken: string): ChildProcess {
  agentWorkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-e2e-agent-'));
  const logFile = fs.openSync(path.join(e2eOutputDir, 'fleet-agent.log'), 'w');
  return spawn(
    process.execPath,
    [
      'bin/switchyard.mjs',
      'agent',
      '--server',
      e2eBaseUrl,
      '--enroll-token',
      enrollToken,
      '--work-dir',
      agentWorkDir,
      '--labels',
      `e2e=${stamp}`,
    ],
    { cwd: repoRoot, stdio: ['ignore', logFile, logFile] },
  );
}

async function signedInAdmin() {
  const session = await openConsole(browser);
  await logInThroughForm(session.page, e2eAdmin);
  await navLink(session.page, 'Tasks').waitFor();
  return session;
}

/** Mantine fades dialogs in; a screenshot taken mid-transition shows them half transparent. */
async function waitForDialogShown(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog');
  await expect
    .poll(() =>
      dialog.evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).opacity),
    )
    .toBe('1');
}

async function addMachineThroughForm(page: Page): Promise<void> {
  await navLink(page, 'Machines').click();
  await page.getByRole('heading', { name: 'Machines' }).waitFor();
  await page.getByRole('button', { name: 'Add machine' }).click();
  await field(page, 'Name').fill(machineName);
  await field(page, 'Hostname').fill(`${machineName}.lan`);
  await field(page, 'Labels').fill(`zone=e2e, rack=${stamp}`);
  await page.getByRole('switch', { name: 'SSH login (optional, write-only)' }).check();
  await field(page, 'SSH user').fill('ops');
  await page.getByText('Password', { exact: true }).click();
  await field(page, 'SSH password').fill('ssh-password-never-returned');
  await waitForDialogShown(page);
  await saveScreenshot(page, 'fleet-02-add-machine');
  await page.getByRole('dialog').getByRole('button', { name: 'Add machine' }).click();
  await page
    .getByTestId('machines-notice')
    .filter({ hasText: `Machine ${machineName} was added` })
    .waitFor();
}

async function callJson<T>(apiPath: string, options: { token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${e2eBaseUrl}${apiPath}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify(options.body ?? {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${apiPath} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

const mib = 1024 * 1024;
// The H100 of ../shared/fixtures/nvidia-smi/h100 (query-gpu.csv idle, query-gpu-busy.csv under a matmul),
// with two readings in between, sent as heartbeats the way the agent's GPU collector reports them.
const h100 = { index: 0, uuid: 'GPU-cfe887fb-dc33-f2cb-0f26-a2159774efd6', name: 'NVIDIA H100 80GB HBM3' };
const h100Readings = [
  { utilization: 0, usedMib: 0, temperature: 34, power: 121.45, smClock: 1980 },
  { utilization: 45, usedMib: 600, temperature: 44, power: 390.2, smClock: 1755 },
  { utilization: 100, usedMib: 1011, temperature: 58, power: 700.04, smClock: 1335 },
];

/** A machine whose "agent" is this test: it enrolls and heartbeats over /agent/v1 with H100 metrics. */
async function enrollSimulatedGpuMachine(adminToken: string, name: string) {
  const machine = await callJson<{ id: string }>('/api/admin/machines', {
    token: adminToken,
    body: { name, hostname: `${name}.lan`, labels: { gpu: 'h100' } },
  });
  const enrollment = await callJson<{ token: string }>(`/api/admin/machines/${machine.id}/enrollment-token`, {
    token: adminToken,
  });
  const { machine_token: machineToken } = await callJson<{ machine_token: string }>('/agent/v1/enroll', {
    body: { enrollment_token: enrollment.token },
  });
  await callJson('/agent/v1/register', {
    token: machineToken,
    body: {
      agent_version: 'e2e',
      hostname: `${name}.lan`,
      cpu_model: 'Simulated EPYC',
      cpu_cores: 64,
      memory_total_bytes: 512 * 1024 * mib,
      gpus: [{ ...h100, memory_total_bytes: 81559 * mib }],
      executors: ['gpu-demo'],
    },
  });
  const heartbeat = (reading: (typeof h100Readings)[number]) =>
    callJson('/agent/v1/heartbeat', {
      token: machineToken,
      body: {
        system: {
          cpu_percent: 12,
          load_average: [1.5, 1.2, 1],
          memory_total_bytes: 512 * 1024 * mib,
          memory_used_bytes: 64 * 1024 * mib,
          uptime_s: 86_400,
        },
        gpus: [
          {
            index: 0,
            uuid: h100.uuid,
            utilization_percent: reading.utilization,
            memory_used_bytes: reading.usedMib * mib,
            memory_total_bytes: 81559 * mib,
            temperature_c: reading.temperature,
            power_watts: reading.power,
            sm_clock_mhz: reading.smClock,
            ecc_errors_uncorrected: 0,
          },
        ],
      },
    });
  return { machineId: machine.id, heartbeat };
}

describe('fleet console', () => {
  it('adds a machine, enrolls a real agent with the shown command, and runs `echo hello` to success with its log', async () => {
    const { context, page } = await signedInAdmin();
    await navLink(page, 'Fleet dashboard').click();
    await page.getByTestId('fleet-dashboard').waitFor();
    await saveScreenshot(page, 'fleet-01-dashboard');

    await addMachineThroughForm(page);
    const row = page.locator(`tr[data-machine="${machineName}"]`);
    await row.getByText('Offline').waitFor();

    await row.getByRole('button', { name: 'Enrollment token' }).click();
    const command = (await page.getByTestId('enrollment-command').textContent()) ?? '';
    const token = (await page.getByTestId('enrollment-token').textContent()) ?? '';
    expect(command).toBe(`switchyard agent --server ${e2eBaseUrl} --enroll-token ${token}`);
    expect(await page.getByTestId('enrollment-expiry').textContent()).toMatch(/^Expires /);
    await waitForDialogShown(page);
    await saveScreenshot(page, 'fleet-03-enrollment-token');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    agent = startAgent(token);
    await row.getByRole('link', { name: machineName }).click();
    // The detail page polls every 5 s; the agent's register marks the machine online.
    await page.locator('[data-reachability="online"]').waitFor({ timeout: 45_000 });
    await page.getByText('Hardware', { exact: true }).waitFor();
    expect(await page.getByText('Not reported yet').count()).toBe(0);
    await saveScreenshot(page, 'fleet-04-machine-detail');

    await navLink(page, 'Tasks').click();
    await page.getByRole('button', { name: 'New task' }).click();
    await field(page, 'Command').fill('echo\nhello');
    await page.getByText('A machine', { exact: true }).click();
    await page.getByRole('combobox', { name: 'Machine' }).click();
    await page.getByRole('option', { name: `${machineName} (online)` }).click();
    await field(page, 'Max attempts').fill('1');
    await page.getByRole('button', { name: 'Create task' }).click();

    await page.getByRole('heading', { name: /^Task / }).waitFor();
    await page.locator('[data-testid="log-status"][data-status="ended"]').waitFor({ timeout: 45_000 });
    expect(await page.getByTestId('task-log').textContent()).toBe('hello\n');
    await page.getByTestId('task-command').filter({ hasText: 'echo hello' }).waitFor();
    await page.locator('[data-state="succeeded"]').first().waitFor();
    expect(await page.getByTestId('task-exit-code').textContent()).toBe('0');
    const attempt = page.getByTestId('attempts-table').locator('tbody tr');
    expect(await attempt.count()).toBe(1);
    expect(await attempt.first().textContent()).toContain(machineName);
    await saveScreenshot(page, 'fleet-05-task-succeeded');
    await context.close();
  }, 180_000);

  it('shows why a task waits in the queue, and cancels it', async () => {
    const { context, page } = await signedInAdmin();
    await navLink(page, 'Tasks').click();
    await page.getByRole('button', { name: 'New task' }).click();
    await field(page, 'Command').fill('nvidia-smi');
    await page.getByText('Machines with labels', { exact: true }).click();
    await field(page, 'Labels').fill(`zone=e2e`);
    await field(page, 'GPUs').fill('2');
    await page.getByRole('button', { name: 'Create task' }).click();

    await page.getByTestId('task-wait-reason').filter({ hasText: 'no machine with 2 GPUs' }).waitFor();
    await navLink(page, 'Tasks').click();
    const queued = page.locator('tr', { has: page.locator('[data-state="queued"]') }).first();
    expect(await queued.getByTestId('wait-reason').textContent()).toBe('Waiting: no machine with 2 GPUs');
    await saveScreenshot(page, 'fleet-06-tasks-queued');

    await queued.getByRole('link').first().click();
    await page.getByRole('button', { name: 'Cancel task' }).click();
    await page.locator('[data-state="cancelled"]').first().waitFor();
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    await context.close();
  });

  it('imports machines from pasted CSV and reports the skipped duplicate', async () => {
    const { context, page } = await signedInAdmin();
    await navLink(page, 'Machines').click();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await field(page, 'CSV text').fill(
      [
        'name,hostname,labels',
        `e2e-csv-${stamp},e2e-csv-${stamp}.lan,gpu=none;zone=csv`,
        `${machineName},another-${stamp}.lan,`,
      ].join('\n'),
    );
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.getByText('1 imported, 1 skipped').waitFor();
    expect(await page.getByTestId('import-skipped').textContent()).toContain('machine_exists');
    await waitForDialogShown(page);
    await saveScreenshot(page, 'fleet-07-csv-import');
    await context.close();
  });

  it('draws GPU cards with utilisation, memory, temperature and power sparklines from successive heartbeats', async () => {
    const { access_token: adminToken } = await callJson<{ access_token: string }>('/api/auth/login', {
      body: e2eAdmin,
    });
    const gpuMachine = await enrollSimulatedGpuMachine(adminToken, `e2e-h100-${stamp}`);
    await gpuMachine.heartbeat(h100Readings[0]);
    const { context, page } = await signedInAdmin();
    await page.goto(`/fleet/machines/${gpuMachine.machineId}`);
    const card = page.getByTestId('gpu-card');
    await card.getByText('GPU 0 · NVIDIA H100 80GB HBM3').waitFor();
    await card.getByTestId('gpu-utilization').getByText('0%').waitFor();
    // The page polls every 5 s and adds one sparkline point per new heartbeat it sees.
    for (const reading of h100Readings.slice(1)) {
      await gpuMachine.heartbeat(reading);
      await card.getByTestId('gpu-utilization').getByText(`${reading.utilization}%`).waitFor();
    }
    await card.getByTestId('gpu-temperature').getByText('58 °C').waitFor();
    await card.getByTestId('gpu-power').getByText('700.0 W').waitFor();
    expect(await card.locator('.recharts-area-curve').count()).toBe(4);
    await saveScreenshot(page, 'fleet-08-gpu-machine');
    await context.close();
  }, 120_000);

  it('shows the dashboard and machines in Chinese', async () => {
    const { context, page } = await openConsole(browser, { locale: 'zh-CN' });
    await page.goto('/login');
    await field(page, '用户名').fill(e2eAdmin.username);
    await field(page, '密码').fill(e2eAdmin.password);
    await page.getByRole('button', { name: '登录' }).click();
    await navLink(page, '集群概览').click();
    await page.getByTestId('fleet-dashboard').waitFor();
    await page.getByText('按状态统计的任务').waitFor();
    expect(Number(await page.getByTestId('stat-machines-value').textContent())).toBeGreaterThanOrEqual(2);
    await saveScreenshot(page, 'fleet-09-dashboard-zh-CN');
    await navLink(page, '机器').click();
    await page.locator(`tr[data-machine="${machineName}"]`).getByText('在线').waitFor();
    await saveScreenshot(page, 'fleet-10-machines-zh-CN');
    await context.close();
  });
});
