import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type CliProcess,
  createApiClient,
  findFreePort,
  killAndWait,
  spawnCli,
  startServe,
} from './chaos-cluster.js';

/*
 * Three real agent processes run 300 short tasks against a real server while agents are SIGKILLed and
 * restarted at random and the server is SIGKILLed and restarted once. Tasks are fed during the chaos (so
 * it overlaps execution on any machine speed), with Idempotency-Key so a create lost to the server
 * restart is retried safely. Each run appends two "<attempt_id> <uptime>" ticks to its task's file, so
 * overlap between attempts is judged from the tasks' own timestamps, not from what the server believes.
 */
const taskCount = 300;
const agentCount = 3;
const serverRestartAtMs = 8_000;
/** Kills happen during the first 50 s; everything must then become final. */
const chaosDeadlineMs = 50_000;
// Generous: under a loaded CI machine the same run takes several times longer; the assertions, not
// the clock, decide the outcome.
const settleDeadlineMs = 240_000;
const ticksPerRun = 2;
// Ticks read /proc/uptime (a monotonic clock, 10 ms resolution) with the shell's own `read`: no fork per tick.
const tick = 'read up _ < /proc/uptime; echo "$SWITCHYARD_ATTEMPT_ID $up" >> "$f"';
const taskScript = `f="$TICK_DIR/$SWITCHYARD_TASK_ID"; ${tick}; sleep 0.2; ${tick}`;

/** mulberry32: a seeded generator, so a failing schedule can be replayed with CHAOS_SEED. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type TaskDetail = {
  id: string;
  state: string;
  attempts: Array<{ attempt_id: string; end_reason: string | null }>;
};

/** First and last tick per attempt, in centiseconds of uptime. */
function readAttemptSpans(tickFile: string) {
  const spans = new Map<string, { first: number; last: number; count: number }>();
  const lines = fs.existsSync(tickFile) ? fs.readFileSync(tickFile, 'utf8').trim().split('\n') : [];
  for (const line of lines) {
    const [attemptId, uptime] = line.split(' ');
    const at = Math.round(Number(uptime) * 100);
    const span = spans.get(attemptId);
    spans.set(
      attemptId,
      span
        ? { first: Math.min(span.first, at), last: Math.max(span.last, at), count: span.count + 1 }
        : { first: at, last: at, count: 1 },
    );
  }
  return spans;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-chaos-'));
const live: CliProcess[] = [];
afterAll(async () => {
  await Promise.all(live.map(killAndWait));
  fs.rmSync(root, { recursive: true, force: true });
});

describe('agent chaos', () => {
  it('ends every task exactly once with no overlapping attempts while agents and the server are killed', async () => {
    const random = seededRandom(Number(process.env.CHAOS_SEED ?? 20261123));
    const dataDir = path.join(root, 'server');
    const tickDir = path.join(root, 'ticks');
    fs.mkdirSync(tickDir, { recursive: true });
    const port = await findFreePort();
    const serverEnv = {
      SWITCHYARD_FLEET_REAPER_INTERVAL_MS: '1000',
      SWITCHYARD_FLEET_HEARTBEAT_INTERVAL_MS: '2000',
      SWITCHYARD_LOG_LEVEL: 'warn',
    };
    let server = await startServe({ dataDir, port, env: serverEnv });
    live.push(server);
    const baseUrl = `http://127.0.0.1:${port}`;
    const api = createApiClient(baseUrl);
    await api.signUpAdmin();
    const enrollTokens: string[] = [];
    const machineIds: string[] = [];
    for (let index = 0; index < agentCount; index++) {
      const machine = await api.call<{ id: string }>('POST', '/api/admin/machines', {
        name: `chaos-${index}`,
      });
      machineIds.push(machine.id);
      enrollTokens.push(
        (await api.call<{ token: string }>('POST', `/api/admin/machines/${machine.id}/enrollment-token`))
          .token,
      );
    }

    // The first start exchanges the enrollment token; every restart reuses the machine token in the work dir.
    const startAgentProcess = (index: number) => {
      const workDir = path.join(root, `agent-${index}`);
      const agent = spawnCli(
        [
          'agent',
          '--server',
          baseUrl,
          '--enroll-token',
          enrollTokens[index],
          '--work-dir',
          workDir,
          '--slots',
          '8',
        ],
        {},
      );
      live.push(agent);
      return agent;
    };
    const agents = Array.from({ length: agentCount }, (_, index) => startAgentProcess(index));

    // Enrollment is single use: the chaos starts once every agent holds its machine token and heartbeats.
    for (;;) {
      const { items } = await api.call<{ items: Array<{ last_heartbeat_at: string | null }> }>(
        'GET',
        '/api/admin/machines',
      );
      if (items.filter((machine) => machine.last_heartbeat_at !== null).length >= agentCount) break;
      await sleep(200);
    }
    const startedMs = Date.now();
    const taskIds: string[] = [];
    const feeding = (async () => {
      for (let index = 0; index < taskCount; index++) {
        const body = { type: 'command', command: ['sh', '-c', taskScript], env: { TICK_DIR: tickDir } };
        for (;;) {
          try {
            taskIds.push(
              (
                await api.call<{ id: string }>('POST', '/api/tasks', body, {
                  'idempotency-key': `chaos-${index}`,
                })
              ).id,
            );
            break;
          } catch (error) {
            if (Date.now() - startedMs > settleDeadlineMs) throw error;
            await sleep(200);
          }
        }
        if (index % 10 === 9) await sleep(300);
      }
    })();

    const countFinal = async () => {
      let total = 0;
      for (const state of ['succeeded', 'failed', 'cancelled']) {
        total += (await api.call<{ total: number }>('GET', `/api/tasks?state=${state}&page_size=1`)).total;
      }
      return total;
    };
    let agentKills = 0;
    let busyKills = 0;
    let serverRestarts = 0;
    let finalCount = 0;
    while (finalCount < taskCount && Date.now() - startedMs < settleDeadlineMs) {
      const elapsedMs = Date.now() - startedMs;
      if (serverRestarts === 0 && elapsedMs >= serverRestartAtMs) {
        await killAndWait(server);
        server = await startServe({ dataDir, port, env: serverEnv });
        live.push(server);
        serverRestarts += 1;
      } else if (elapsedMs < chaosDeadlineMs) {
        await sleep(3_000 + random() * 3_000);
        // Prefer an agent that is running tasks right now, so every kill hits live work.
        const running = await api
          .call<{ items: Array<{ machine_id: string | null }> }>(
            'GET',
            '/api/tasks?state=running&page_size=50',
          )
          .catch(() => ({ items: [] }));
        const busy = machineIds.flatMap((id, index) =>
          running.items.some((item) => item.machine_id === id) ? [index] : [],
        );
        const candidates = busy.length > 0 ? busy : machineIds.map((_, index) => index);
        const victim = candidates[Math.floor(random() * candidates.length)];
        await killAndWait(agents[victim]);
        agentKills += 1;
        if (busy.length > 0) busyKills += 1;
        await sleep(300 + random() * 1_200);
        agents[victim] = startAgentProcess(victim);
      } else {
        // Calm phase: no more kills, so attempts requeued late in the chaos can finish.
        await sleep(1_000);
      }
      finalCount = await countFinal().catch(() => finalCount);
    }
    await feeding;
    const agentLogs = () =>
      agents.map((agent, index) => `agent-${index}:\n${agent.output().slice(-3_000)}`).join('\n');
    expect(finalCount, agentLogs()).toBe(taskCount);
    expect(serverRestarts).toBe(1);
    expect(agentKills).toBeGreaterThanOrEqual(3);
    expect(new Set(taskIds).size).toBe(taskCount);

    const overlaps: string[] = [];
    const notRecordedOnce: string[] = [];
    const states = new Map<string, number>();
    let retriedTasks = 0;
    const unsuccessful: string[] = [];
    for (const taskId of taskIds) {
      const task = await api.call<TaskDetail>('GET', `/api/tasks/${taskId}`);
      states.set(task.state, (states.get(task.state) ?? 0) + 1);
      if (task.state !== 'succeeded') unsuccessful.push(`${taskId} ${task.state}: ${JSON.stringify(task)}`);
      if (task.attempts.length > 1) retriedTasks += 1;
      const finalAttempts = task.attempts.filter((attempt) =>
        ['succeeded', 'failed', 'cancelled'].includes(attempt.end_reason ?? ''),
      );
      if (finalAttempts.length !== 1 || finalAttempts[0].end_reason !== task.state)
        notRecordedOnce.push(`${taskId}: ${JSON.stringify(task.attempts)}`);
      const spans = readAttemptSpans(path.join(tickDir, taskId));
      const known = new Set(task.attempts.map((attempt) => attempt.attempt_id));
      for (const attemptId of spans.keys())
        expect(known.has(attemptId), `${taskId} ran unknown attempt ${attemptId}`).toBe(true);
      const sorted = [...spans.entries()].sort((a, b) => a[1].first - b[1].first);
      for (let index = 1; index < sorted.length; index++) {
        if (sorted[index][1].first <= sorted[index - 1][1].last)
          overlaps.push(`${taskId}: ${sorted[index - 1][0]} and ${sorted[index][0]}`);
      }
      if (task.state === 'succeeded')
        expect(
          spans.get(finalAttempts[0]?.attempt_id ?? '')?.count,
          `${taskId} succeeded without its ticks`,
        ).toBe(ticksPerRun);
    }
    expect(overlaps).toEqual([]);
    expect(notRecordedOnce).toEqual([]);
    // Every task exits 0 and leases survive the outages, so none may run out of attempts.
    expect(Object.fromEntries(states), unsuccessful.join('\n')).toEqual({ succeeded: taskCount });
    // The kills hit running work. Whether that costs an attempt depends on timing: a restarted agent
    // adopts the processes it left running (the `continue` path) unless their lease ran out meanwhile,
    // so retried tasks are reported, not required.
    expect(busyKills, `retried tasks: ${retriedTasks}`).toBeGreaterThan(0);
  }, 330_000);
});
