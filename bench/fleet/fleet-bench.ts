// Fleet benchmark: lease-cycle throughput (claim → start → complete) and end-to-end task latency with N
// simulated agents, and heartbeat load with 1,000 / 5,000 / 10,000 simulated agents at 15 s intervals.
// SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. The server runs in a child process so its
// CPU is measured alone; the simulated agents are HTTP clients in this process.
// Run: npm run bench -- fleet [--heartbeat-seconds 30] [--tasks 2000]   → bench/results/fleet.json
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBenchClient, summarizeMs } from './fleet-bench-client.js';

const { values } = parseArgs({
  options: {
    'heartbeat-seconds': { type: 'string' },
    tasks: { type: 'string' },
    agents: { type: 'string' },
    levels: { type: 'string' },
  },
});
const heartbeatSeconds = Number(values['heartbeat-seconds'] ?? 30);
const taskCount = Number(values.tasks ?? 2000);
const agentCount = Number(values.agents ?? 20);
const heartbeatLevels = (values.levels ?? '1000,5000,10000').split(',').map(Number);
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const clockTicksPerSecond = 100;

interface BenchServer {
  baseUrl: string;
  tokens: string[];
  child: ChildProcess;
  cpuSeconds(): number;
  stop(): Promise<void>;
}

async function startServer(options: {
  dialect: 'sqlite' | 'postgres';
  machines: number;
}): Promise<BenchServer> {
  const tokensOut = path.join(os.tmpdir(), `fleet-bench-tokens-${randomBytes(4).toString('hex')}.json`);
  const args = [
    '--import',
    'tsx',
    path.join(repoRoot, 'bench/fleet/fleet-bench-server.ts'),
    '--machines',
    String(options.machines),
    '--tokens-out',
    tokensOut,
  ];
  if (options.dialect === 'postgres')
    args.push(
      '--database',
      process.env.TEST_DATABASE_URL as string,
      '--schema',
      `bench_${randomBytes(4).toString('hex')}`,
    );
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (data: Buffer) => {
      output += data.toString();
      const match = /READY (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const tokens = JSON.parse(fs.readFileSync(tokensOut, 'utf8')) as string[];
  fs.rmSync(tokensOut, { force: true });
  return {
    baseUrl,
    tokens,
    child,
    cpuSeconds() {
      const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function adminToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function runLeaseCycle(
  token: string,
  client: ReturnType<typeof createBenchClient>,
  task: { task_id: string; attempt_id: string },
) {
  await client.post(
    `/agent/v1/tasks/${task.task_id}/start`,
    { attempt_id: task.attempt_id, process_id: 1 },
    token,
  );
  await client.post(
    `/agent/v1/tasks/${task.task_id}/complete`,
    { attempt_id: task.attempt_id, outcome: 'succeeded', exit_code: 0, signal: null, last_seq: 0 },
    token,
  );
}

async function benchLeases(dialect: 'sqlite' | 'postgres') {
  const server = await startServer({ dialect, machines: agentCount });
  const client = createBenchClient(server.baseUrl, agentCount + 8);
  const admin = await adminToken(server.baseUrl);
  const createTask = () => client.post('/api/tasks', { type: 'command', command: ['true'] }, admin);
  const createStarted = performance.now();
  for (let created = 0; created < taskCount; created += 20)
    await Promise.all(Array.from({ length: 20 }, createTask));
  const createSeconds = (performance.now() - createStarted) / 1000;

  const claimMs: number[] = [];
  const drainStarted = performance.now();
  const cpuBefore = server.cpuSeconds();
  await Promise.all(
    server.tokens.map(async (token) => {
      for (;;) {
        const started = performance.now();
        const reply = await client.post(
          '/agent/v1/claim',
          { claim_id: randomUUID(), free_slots: 1, wait_ms: 0 },
          token,
        );
        claimMs.push(performance.now() - started);
        if (reply.body.tasks.length === 0) return;
        await runLeaseCycle(token, client, reply.body.tasks[0]);
      }
    }),
  );
  const drainSeconds = (performance.now() - drainStarted) / 1000;
  const drainCpu = server.cpuSeconds() - cpuBefore;

  // End-to-end: agents long-poll; one task at a time is created and timed until its complete is acknowledged.
  const waiters = new Map<string, () => void>();
  // A long-polling agent can finish a task before its create call has returned here.
  const finished = new Set<string>();
  let isRunning = true;
  const loops = server.tokens.map(async (token) => {
    while (isRunning) {
      const reply = await client
        .post('/agent/v1/claim', { claim_id: randomUUID(), free_slots: 1, wait_ms: 2_000 }, token)
        .catch(() => null);
      for (const task of reply?.body?.tasks ?? []) {
        await runLeaseCycle(token, client, task);
        finished.add(task.task_id);
        waiters.get(task.task_id)?.();
      }
    }
  });
  const endToEndMs: number[] = [];
  for (let index = 0; index < 200; index += 1) {
    const started = performance.now();
    const created = await createTask();
    await new Promise<void>((resolve) => {
      if (finished.has(created.body.id)) resolve();
      else waiters.set(created.body.id, resolve);
    });
    endToEndMs.push(performance.now() - started);
  }
  isRunning = false;
  await Promise.all(loops);
  await client.close();
  await server.stop();
  return {
    dialect,
    agents: agentCount,
    tasks: taskCount,
    task_creates_per_s: Math.round(taskCount / createSeconds),
    lease_cycles_per_s: Math.round(taskCount / drainSeconds),
    claim_call: summarizeMs(claimMs),
    server_cpu_percent_while_draining: Math.round((100 * drainCpu) / drainSeconds),
    end_to_end_task: summarizeMs(endToEndMs),
  };
}

function heartbeatBody() {
  const gpus = Array.from({ length: 8 }, (_, index) => ({
    index,
    uuid: `GPU-${index}`,
    utilization_percent: 50,
    memory_used_bytes: 40e9,
    memory_total_bytes: 85e9,
    temperature_c: 55,
    power_watts: 300,
    sm_clock_mhz: 1980,
    ecc_errors_uncorrected: 0,
  }));
  const system = {
    cpu_percent: 20,
    load_average: [1, 1, 1],
    memory_total_bytes: 1e12,
    memory_used_bytes: 1e11,
    disks: [{ mount: '/', total_bytes: 1e12, used_bytes: 1e11 }],
    network: [{ interface: 'eth0', rx_bytes: 1e9, tx_bytes: 1e9 }],
    uptime_s: 1000,
  };
  return { system, gpus };
}

async function benchHeartbeats(dialect: 'sqlite' | 'postgres', agents: number) {
  const server = await startServer({ dialect, machines: agents });
  const client = createBenchClient(server.baseUrl, 64);
  const body = heartbeatBody();
  const latencies: number[] = [];
  let errors = 0;
  const intervalMs = 15_000;
  const durationMs = heartbeatSeconds * 1000;
  const started = performance.now();
  const cpuBefore = server.cpuSeconds();
  // Open loop: agent i beats at phase i/N of the interval, every 15 s, whether or not earlier calls returned.
  const inFlight: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      const elapsed = performance.now() - started;
      if (elapsed >= durationMs) return resolve();
      const due = Math.floor((elapsed / intervalMs) * agents);
      for (; next < due; next += 1) {
        const token = server.tokens[next % agents];
        const sent = performance.now();
        inFlight.push(
          client.post('/agent/v1/heartbeat', body, token).then(
            (reply) => {
              if (reply.status !== 200) errors += 1;
              latencies.push(performance.now() - sent);
            },
            () => {
              errors += 1;
            },
          ),
        );
      }
      setTimeout(tick, 5);
    };
    tick();
  });
  await Promise.all(inFlight);
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = server.cpuSeconds() - cpuBefore;
  await client.close();
  await server.stop();
  return {
    dialect,
    agents,
    interval_s: 15,
    duration_s: heartbeatSeconds,
    offered_per_s: Math.round((agents / 15) * 10) / 10,
    heartbeats: latencies.length,
    errors,
    server_cpu_percent: Math.round((100 * cpu) / wallSeconds),
    latency: summarizeMs(latencies),
  };
}

const dialects: Array<'sqlite' | 'postgres'> = process.env.TEST_DATABASE_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];
const results = {
  recorded_at: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model,
    node: process.version,
    load_average_at_start: os.loadavg(),
  },
  leases: [] as unknown[],
  heartbeats: [] as unknown[],
};
for (const dialect of dialects) {
  const lease = await benchLeases(dialect);
  console.log(JSON.stringify(lease));
  results.leases.push(lease);
  for (const agents of heartbeatLevels) {
    const heartbeat = await benchHeartbeats(dialect, agents);
    console.log(JSON.stringify(heartbeat));
    results.heartbeats.push(heartbeat);
  }
}
fs.mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(repoRoot, 'bench/results/fleet.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote bench/results/fleet.json');
