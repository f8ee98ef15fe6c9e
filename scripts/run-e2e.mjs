#!/usr/bin/env node
// The browser tests: build the console when it is missing or older than its sources, start the real
// server on a free port with a throw-away data dir, run e2e/**/*.e2e.ts with vitest, print one
// "N passed, N failed" line and always stop the server.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(repoRoot, 'packages/web');
const outputDir = path.resolve(repoRoot, process.env.SWITCHYARD_E2E_OUTPUT_DIR ?? 'e2e-output');
const readyTimeoutMs = 90_000;
const admin = { username: 'e2e-admin', password: 'e2e-admin-password-1' };

function newestMtimeMs(target) {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...fs.readdirSync(target).map((name) => newestMtimeMs(path.join(target, name))),
  );
}

function ensureWebBuild() {
  const indexPath = path.join(webDir, 'dist/index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((name) =>
    path.join(webDir, name),
  );
  const isFresh =
    fs.existsSync(indexPath) && fs.statSync(indexPath).mtimeMs >= Math.max(...sources.map(newestMtimeMs));
  if (isFresh) return;
  console.log('e2e: building the console');
  const build = spawnSync('npm', ['run', 'build', '--workspace', '@switchyard/web'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the console build failed');
}

function findFreePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForReady(baseUrl, server) {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`the server exited with code ${server.exitCode} before it was ready`);
    const isReady = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (isReady) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server was not ready within ${readyTimeoutMs} ms`);
}

function stopServer(server) {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceKill = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

function runVitest(env) {
  const reportPath = path.join(outputDir, 'vitest-report.json');
  fs.rmSync(reportPath, { force: true });
  const args = [
    'vitest',
    'run',
    '--config',
    'e2e/vitest.e2e.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportPath}`,
    ...process.argv.slice(2),
  ];
  const run = spawnSync('npx', args, { cwd: repoRoot, stdio: 'inherit', env });
  try {
    const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
    const failed = run.status !== 0 || report.numFailedTests > 0 || report.numTotalTests === 0;
    return { summary: `${report.numPassedTests} passed, ${report.numFailedTests} failed`, failed };
  } catch {
    return { summary: 'e2e run produced no report', failed: true };
  }
}

async function main() {
  fs.mkdirSync(outputDir, { recursive: true });
  ensureWebBuild();
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-e2e-'));
  const serverLog = fs.openSync(path.join(outputDir, 'server.log'), 'w');
  const server = spawn(process.execPath, ['bin/switchyard.mjs', 'serve'], {
    cwd: repoRoot,
    stdio: ['ignore', serverLog, serverLog],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SWITCHYARD_DATA_DIR: dataDir,
      SWITCHYARD_LOCAL_AGENT: 'false',
      SWITCHYARD_ADMIN_USERNAME: admin.username,
      SWITCHYARD_ADMIN_PASSWORD: admin.password,
      SWITCHYARD_WEB_DIR: path.join(webDir, 'dist'),
    },
  });
  const stopOnSignal = () => stopServer(server).then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  let result = { summary: 'e2e did not run', failed: true };
  try {
    await waitForReady(baseUrl, server);
    console.log(`e2e: server ready on ${baseUrl}`);
    result = runVitest({
      ...process.env,
      NO_COLOR: process.env.NO_COLOR ?? '1',
      SWITCHYARD_E2E_BASE_URL: baseUrl,
      SWITCHYARD_E2E_ADMIN_USERNAME: admin.username,
      SWITCHYARD_E2E_ADMIN_PASSWORD: admin.password,
      SWITCHYARD_E2E_OUTPUT_DIR: outputDir,
    });
  } catch (error) {
    console.error(
      `e2e: ${error instanceof Error ? error.message : String(error)} (server log: ${path.join(outputDir, 'server.log')})`,
    );
  } finally {
    await stopServer(server);
    fs.closeSync(serverLog);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(result.summary);
  process.exit(result.failed ? 1 : 0);
}

await main();
