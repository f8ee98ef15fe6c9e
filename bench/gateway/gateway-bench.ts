// llm-sim direct vs through Switchyard (without and with billing) vs through Portkey's open-source
// gateway, OpenAI chat completions non-stream and stream, at a fixed rate and at max throughput.
// Run: npm run bench -- gateway [--duration 8] [--rates 1000,50]   → bench/results/gateway.json
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { type BenchProcess, freePort, hasCommand, startProcess } from './bench-processes.js';
import { type BenchResults, summariseResults } from './bench-summary.js';
import { type BenchTarget, chatBody, verifyTarget } from './bench-targets.js';
import { runOpenLoop } from './open-loop-load.js';
import { diffOverheadBuckets, scrapeOverheadBuckets } from './overhead-metrics.js';
import { sampleOverheadHeader } from './overhead-sampler.js';
import { cpuMsPerRequest, cpuSecondsOf } from './process-cpu.js';
import { provisionSwitchyard, readUsedMicros } from './switchyard-provisioning.js';
import { ensureWrk, runWrk } from './wrk-load.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '3' },
    rates: { type: 'string', default: '1000,50' },
    connections: { type: 'string', default: '32' },
    'open-connections': { type: 'string', default: '64' },
    'sample-every-ms': { type: 'string', default: '20' },
  },
});
const durationS = Number(values.duration);
const warmupS = Number(values.warmup);
// 1,000 req/s is the target's rate; the low rate is one every gateway here can sustain unsaturated.
const rates = values.rates.split(',').map(Number);
const connections = Number(values.connections);
const openConnections = Number(values['open-connections']);
const sampleEveryMs = Number(values['sample-every-ms']);

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const portkeyPrefix = path.join(repoRoot, 'bench', '.tools', 'portkey');
const portkeyVersion = '1.15.2';
const portkeyEntry = path.join(
  portkeyPrefix,
  'node_modules',
  '@portkey-ai',
  'gateway',
  'build',
  'start-server.js',
);
const admin = { username: 'benchadmin', password: 'bench-password-1' };

// Two cores: the gateway under test gets CPU 0 to itself; llm-sim, the load generators and this
// script share CPU 1, identically for every target, so direct and through-gateway differ by one hop.
const cpuCount = os.availableParallelism();
const gatewayCpus = cpuCount >= 2 ? '0' : undefined;
const loadCpus = cpuCount >= 2 ? (cpuCount >= 4 ? '2-3' : '1') : undefined;
const upstreamCpus = cpuCount >= 2 ? (cpuCount >= 3 ? String(cpuCount >= 4 ? 1 : 2) : '1') : undefined;

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    nproc: cpuCount,
    cpu_model: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.version,
    wrk: execFileSync('sh', ['-c', 'wrk -v 2>&1 | head -1']).toString().trim(),
  };
}

// Portkey 1.15.2 on Node answers every stream with 500 "TypeError: immutable" when npm resolves its
// `@hono/node-server` range to a current release (Portkey-AI/gateway#1389, #1550); 1.13.8 works.
const portkeyManifest = {
  name: 'portkey-bench',
  private: true,
  dependencies: { '@portkey-ai/gateway': portkeyVersion },
  overrides: { '@hono/node-server': '1.13.8' },
};

function ensurePortkey(): void {
  const manifestPath = path.join(portkeyPrefix, 'package.json');
  const wanted = `${JSON.stringify(portkeyManifest, null, 2)}\n`;
  if (existsSync(portkeyEntry) && existsSync(manifestPath) && readFileSync(manifestPath, 'utf8') === wanted)
    return;
  console.log(`installing @portkey-ai/gateway@${portkeyVersion} into bench/.tools/portkey`);
  mkdirSync(portkeyPrefix, { recursive: true });
  writeFileSync(manifestPath, wanted);
  rmSync(path.join(portkeyPrefix, 'node_modules'), { recursive: true, force: true });
  rmSync(path.join(portkeyPrefix, 'package-lock.json'), { force: true });
  execFileSync('npm', ['install', '--prefix', portkeyPrefix, '--no-audit', '--no-fund'], {
    stdio: 'inherit',
  });
}

/** After an overloaded run a gateway may still be working off its queue; wait for a quick reply. */
async function waitUntilDrained(target: BenchTarget, body: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  await sleep(500);
  while (Date.now() < deadline) {
    const startedAt = performance.now();
    await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...target.headers },
      body,
    }).then((response) => response.arrayBuffer());
    if (performance.now() - startedAt < 50) return;
    await sleep(250);
  }
}

async function main() {
  ensureWrk();
  ensurePortkey();
  if (loadCpus && hasCommand('taskset')) execFileSync('taskset', ['-cp', loadCpus, String(process.pid)]);
  const loadBefore = loadAverage();
  console.log(`load average before: ${loadBefore}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gateway-bench-'));
  const processes: BenchProcess[] = [];
  try {
    const simPort = await freePort();
    const sim = await startProcess({
      name: 'llm-sim',
      command: process.execPath,
      args: ['packages/llm-sim/bin/llm-sim.mjs', '--port', String(simPort), '--max-recorded', '100'],
      port: simPort,
      cpus: upstreamCpus,
      cwd: repoRoot,
    });
    processes.push(sim);
    const switchyardPort = await freePort();
    const switchyard = await startProcess({
      name: 'switchyard',
      command: process.execPath,
      args: ['bin/switchyard.mjs', 'serve'],
      port: switchyardPort,
      cpus: gatewayCpus,
      cwd: repoRoot,
      env: {
        PORT: String(switchyardPort),
        HOST: '127.0.0.1',
        SWITCHYARD_DATA_DIR: dataDir,
        SWITCHYARD_LOCAL_AGENT: 'false',
        SWITCHYARD_LOG_LEVEL: 'warn',
        SWITCHYARD_OPEN_SIGNUP: 'false',
        SWITCHYARD_ADMIN_USERNAME: admin.username,
        SWITCHYARD_ADMIN_PASSWORD: admin.password,
        DATABASE_URL: undefined,
        NODE_ENV: 'production',
      },
    });
    processes.push(switchyard);
    const portkeyPort = await freePort();
    const portkey = await startProcess({
      name: 'portkey',
      command: process.execPath,
      args: [portkeyEntry, `--port=${portkeyPort}`],
      port: portkeyPort,
      cpus: gatewayCpus,
      cwd: portkeyPrefix,
    });
    processes.push(portkey);

    const fixture = await provisionSwitchyard({
      ...admin,
      baseUrl: switchyard.url,
      upstreamBaseUrl: sim.url,
    });
    const chatPath = '/v1/chat/completions';
    const targets: BenchTarget[] = [
      {
        name: 'direct',
        label: 'llm-sim direct',
        url: `${sim.url}${chatPath}`,
        baseUrl: sim.url,
        headers: { authorization: 'Bearer sk-upstream-bench' },
        model: fixture.freeModel,
        isSwitchyard: false,
      },
      {
        name: 'switchyard',
        label: 'Switchyard, model without price',
        url: `${switchyard.url}${chatPath}`,
        baseUrl: switchyard.url,
        headers: { authorization: `Bearer ${fixture.apiKey}` },
        model: fixture.freeModel,
        isSwitchyard: true,
      },
      {
        name: 'switchyard-billed',
        label: 'Switchyard, priced model (reserve + settle)',
        url: `${switchyard.url}${chatPath}`,
        baseUrl: switchyard.url,
        headers: { authorization: `Bearer ${fixture.apiKey}` },
        model: fixture.pricedModel,
        isSwitchyard: true,
      },
      {
        name: 'portkey',
        label: `Portkey gateway ${portkeyVersion}`,
        url: `${portkey.url}${chatPath}`,
        baseUrl: portkey.url,
        headers: {
          authorization: 'Bearer sk-upstream-bench',
          'x-portkey-provider': 'openai',
          'x-portkey-custom-host': `${sim.url}/v1`,
        },
        model: fixture.freeModel,
        isSwitchyard: false,
      },
    ];
    for (const target of targets) {
      const verified = await verifyTarget(target);
      console.log(
        `verified ${target.name}${verified.overhead_header ? ` (overhead header ${verified.overhead_header} ms)` : ''}`,
      );
    }
    for (const target of targets) {
      for (const mode of ['non-stream', 'stream'] as const) {
        await runWrk({
          url: target.url,
          body: chatBody(target.model, mode),
          headers: target.headers,
          connections,
          durationS: warmupS,
          cpus: loadCpus,
        });
      }
    }
    console.log(`warmed up; load average: ${loadAverage()}`);

    const readCpu = () => ({
      'llm-sim': cpuSecondsOf(sim.child.pid),
      switchyard: cpuSecondsOf(switchyard.child.pid),
      portkey: cpuSecondsOf(portkey.child.pid),
    });
    const results: BenchResults = { 'non-stream': {}, stream: {} };
    for (const mode of ['non-stream', 'stream'] as const) {
      for (const target of targets) results[mode][target.name] = { fixed_rate: {} };
    }
    // Mode-major and target-minor, so the targets compared with each other run close together in
    // time; max throughput first, and each run waits until the target has drained the last one.
    for (const mode of ['non-stream', 'stream'] as const) {
      for (const target of targets) {
        const body = chatBody(target.model, mode);
        await waitUntilDrained(target, body);
        const stopSampler = target.isSwitchyard
          ? sampleOverheadHeader({ url: target.url, body, headers: target.headers, everyMs: sampleEveryMs })
          : undefined;
        const cpuBefore = readCpu();
        const max = await runWrk({
          url: target.url,
          body,
          headers: target.headers,
          connections,
          durationS,
          cpus: loadCpus,
        });
        const sampled = stopSampler ? await stopSampler() : undefined;
        const cpu = cpuMsPerRequest(cpuBefore, readCpu(), max.requests + (sampled?.n ?? 0));
        results[mode][target.name].max = {
          ...max,
          cpu_ms_per_request: cpu,
          ...(sampled ? { overhead_header_sampled: sampled } : {}),
        };
        console.log(
          `${mode} ${target.name} max: ${max.requests_per_s} req/s p50 ${max.p50_ms} p99 ${max.p99_ms} ms, errors ${max.errors}` +
            (sampled ? `, sampled header p50 ${sampled.p50_ms} p99 ${sampled.p99_ms} (n=${sampled.n})` : ''),
        );
      }
      for (const ratePerS of rates) {
        for (const target of targets) {
          const body = chatBody(target.model, mode);
          await waitUntilDrained(target, body);
          const before = target.isSwitchyard
            ? await scrapeOverheadBuckets(target.baseUrl, target.model)
            : undefined;
          const cpuBefore = readCpu();
          const fixedRate = await runOpenLoop({
            url: target.url,
            body,
            headers: target.headers,
            ratePerS,
            durationS,
            connections: openConnections,
          });
          const metrics = before
            ? diffOverheadBuckets(before, await scrapeOverheadBuckets(target.baseUrl, target.model))
            : undefined;
          const cpu = cpuMsPerRequest(cpuBefore, readCpu(), fixedRate.requests);
          results[mode][target.name].fixed_rate[String(ratePerS)] = {
            ...fixedRate,
            cpu_ms_per_request: cpu,
            ...(metrics ? { metrics_overhead: metrics } : {}),
          };
          console.log(
            `${mode} ${target.name} @${ratePerS}/s: achieved ${fixedRate.achieved_rate_per_s}/s p50 ${fixedRate.latency.p50_ms} ` +
              `p99 ${fixedRate.latency.p99_ms} ms, errors ${fixedRate.errors}, dropped ${fixedRate.dropped}` +
              (fixedRate.overhead_header
                ? `, header p50 ${fixedRate.overhead_header.p50_ms} p99 ${fixedRate.overhead_header.p99_ms}`
                : '') +
              (metrics ? `, /metrics p50 ${metrics.p50} p99 ${metrics.p99}` : ''),
          );
        }
      }
    }
    const billing = await readUsedMicros({ ...admin, baseUrl: switchyard.url });
    const loadAfter = loadAverage();
    console.log(`load average after: ${loadAfter}; billed balance ${JSON.stringify(billing)}`);
    const { per_target: summary, billing_overhead: billingOverhead } = summariseResults(
      results,
      targets,
      rates,
    );
    const report = {
      benchmark: 'gateway',
      date: new Date().toISOString(),
      command: `npm run bench -- gateway --duration ${durationS} --rates ${rates.join(',')}`,
      machine: machine(),
      load_average_before: loadBefore,
      load_average_after: loadAfter,
      placement: {
        gateway_under_test_cpus: gatewayCpus ?? 'unpinned',
        llm_sim_cpus: upstreamCpus ?? 'unpinned',
        load_generators_cpus: loadCpus ?? 'unpinned',
        note:
          'taskset pins each process; other workloads on the machine are not excluded. Switchyard and Portkey ' +
          'both run (one idle while the other is measured) on the gateway CPU.',
      },
      settings: {
        warmup_s_per_target_and_mode: warmupS,
        duration_s: durationS,
        fixed_rate: {
          generator: 'open-loop, undici Pool (bench/gateway/open-loop-load.ts)',
          rates_per_s: rates,
          connections: openConnections,
        },
        max_throughput: { generator: 'wrk -t1 (closed loop)', connections },
        overhead_header_sampler_every_ms: sampleEveryMs,
        request: JSON.parse(chatBody('<model>', 'stream')),
        reply: 'llm-sim default reply "Hello from llm-sim." (4 text deltas + usage chunk when streamed)',
        switchyard:
          'bin/switchyard.mjs serve, SQLite in a temp data dir, log level warn, NODE_ENV=production',
        portkey: `@portkey-ai/gateway@${portkeyVersion} build/start-server.js, headers x-portkey-provider: openai + x-portkey-custom-host`,
      },
      targets: targets.map(({ name, label, model }) => ({ name, label, model })),
      summary,
      billing_overhead: billingOverhead,
      billing_check: billing,
      results,
    };
    const outFile = path.join(repoRoot, 'bench', 'results', 'gateway.json');
    mkdirSync(path.dirname(outFile), { recursive: true });
    writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`wrote ${path.relative(repoRoot, outFile)}`);
    console.log(JSON.stringify({ summary, billing_overhead: billingOverhead }, null, 2));
  } finally {
    for (const child of processes.reverse()) await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
