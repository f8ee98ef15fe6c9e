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
 * restarted at random and the server is SIGKILLed and restarted once. Each task appends two
 * "<attempt_id> <uptime>" ticks to its own file, so overlap between attempts is judged from the tasks' own
 * timestamps, not from what the server believes.
 */
const taskCount = 300;
const agentCount = 3;
/** Kills happen during the first 60 s; everything must be final by 90 s. */
const chaosDeadlineMs = 60_000;
const settleDeadlineMs = 90_000;
const ticksPerRun = 2;
// Ticks read /proc/uptime (a monotonic clock, 10 ms resolution) with the shell's own `read`: no fork per tick.
const tick = 'read up _ < /proc/uptime; echo "$SWITCHYARD_ATTEMPT_ID $up" >> "$f"';
const taskScript = `f="$TICK_DIR/$SWITCHYARD_TASK_ID"; ${tick}; sleep 0.2; ${tick}`;

/** mulberry32: a seeded generator, so a failing schedule can be replayed with the same seed. */
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

type TaskDetail = {
  id: string;
  state: string;
  attempts: Array<{ attempt_id: string; end_reason: string | null }>;
};

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-chaos-'));
const live: CliProcess[] = [];
afterAll(async () => {
  await Promise.all(live.map(killAndWait));
  fs.rmSync(root, { recursive: true, force: true });
});

describe('agent chaos', () => {
  it('ends every task exactly once with no overlapping attempts while agents and the server are killed', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? 20261123);
    const random = seededRandom(seed);
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
    for (let index = 0; index < agentCount; index++) {
      const machine = await api.call<{ id: string }>('POST', '/api/admin/machines', {
        name: `chaos-${index}`,
      });
      enrollTokens.push(
        (await api.call<{ token: string }>('POST', `/api/admin/machines/${machine.id}/enrollment-token`))
          .token,
      );
    }
    const taskIds: string[] = [];
    for (let index = 0; index < taskCount; index++) {
      const task = await api.call<{ id: string }>('POST', '/api/tasks', {
        type: 'command',
        command: ['sh', '-c', taskScript],
        env: { TICK_DIR: tickDir },
      });
      taskIds.push(task.id);
    }

    // The first start exchanges the enrollment token; every restart reuses the machine token in the work dir.
    const startAgentProcess = (index: number) => {
      const agent = spawnCli(
        [
          'agent',
          '--server',
          baseUrl,
          '--enroll-token',
          enrollTokens[index],
          '--work-dir',
          path.join(root, `agent-${index}`),
          '--slots',
          '8',
        ],
        {},
      );
      live.push(agent);
      return agent;
    };
    const agents = Array.from({ length: agentCount }, (_, index) => startAgentProcess(index));

    const countFinal = async () => {
      let total = 0;
      for (const state of ['succeeded', 'failed', 'cancelled']) {
        total += (await api.call<{ total: number }>('GET', `/api/tasks?state=${state}&page_size=1`)).total;
      }
      return total;
    };

    let agentKills = 0;
    let serverRestarts = 0;
    const chaosStartedMs = Date.now();
    let finalCount = 0;
    while (finalCount < taskCount && Date.now() - chaosStartedMs < settleDeadlineMs) {
      if (Date.now() - chaosStartedMs < chaosDeadlineMs) {
        await new Promise((resolve) => setTimeout(resolve, 3_000 + random() * 3_000));
        const victim = Math.floor(random() * agentCount);
        await killAndWait(agents[victim]);
        agentKills += 1;
        await new Promise((resolve) => setTimeout(resolve, 300 + random() * 1_200));
        agents[victim] = startAgentProcess(victim);
        if (serverRestarts === 0 && finalCount >= taskCount / 5) {
          await killAndWait(server);
          server = await startServe({ dataDir, port, env: serverEnv });
          live.push(server);
          serverRestarts += 1;
        }
      } else {
        // Calm phase: no more kills, so attempts aborted late in the chaos can finish.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      finalCount = await countFinal().catch(() => finalCount);
    }
    const diagnostics = () =>
      agents.map((agent, index) => `agent-${index}:\n${agent.output().slice(-3_000)}`).join('\n');
    expect(finalCount, diagnostics()).toBe(taskCount);
    expect(serverRestarts).toBe(1);
    expect(agentKills).toBeGreaterThanOrEqual(3);

    const overlaps: string[] = [];
    const recordedTwice: string[] = [];
    const states = new Map<string, number>();
    for (const taskId of taskIds) {
      const task = await api.call<TaskDetail>('GET', `/api/tasks/${taskId}`);
      states.set(task.state, (states.get(task.state) ?? 0) + 1);
      const finalAttempts = task.attempts.filter((attempt) =>
        ['succeeded', 'failed', 'cancelled'].includes(attempt.end_reason ?? ''),
      );
      if (finalAttempts.length !== 1 || finalAttempts[0].end_reason !== task.state)
        recordedTwice.push(`${taskId}: ${JSON.stringify(task.attempts)}`);
      const tickFile = path.join(tickDir, taskId);
      const ticks = fs.existsSync(tickFile) ? fs.readFileSync(tickFile, 'utf8').trim().split('\n') : [];
      const spans = new Map<string, { first: bigint; last: bigint; count: number }>();
      for (const line of ticks) {
        const [attemptId, uptime] = line.split(' ');
        const span = spans.get(attemptId);
        const at = BigInt(uptime.replace('.', ''));
        if (!span) spans.set(attemptId, { first: at, last: at, count: 1 });
        else
          spans.set(attemptId, {
            first: span.first < at ? span.first : at,
            last: span.last > at ? span.last : at,
            count: span.count + 1,
          });
      }
      const sorted = [...spans.entries()].sort((a, b) => (a[1].first < b[1].first ? -1 : 1));
      for (let index = 1; index < sorted.length; index++) {
        if (sorted[index][1].first <= sorted[index - 1][1].last)
          overlaps.push(`${taskId}: ${sorted[index - 1][0]} and ${sorted[index][0]}`);
      }
      const known = new Set(task.attempts.map((attempt) => attempt.attempt_id));
      for (const attemptId of spans.keys())
        expect(known.has(attemptId), `${taskId} ran unknown attempt ${attemptId}`).toBe(true);
      if (task.state === 'succeeded')
        expect(
          spans.get(finalAttempts[0]?.attempt_id ?? '')?.count,
          `${taskId} succeeded without its ticks`,
        ).toBe(ticksPerRun);
    }
    expect(overlaps).toEqual([]);
    expect(recordedTwice).toEqual([]);
    // The tasks always exit 0: with leases renewed across the outages none should have run out of attempts.
    expect(Object.fromEntries(states)).toEqual({ succeeded: taskCount });
  }, 150_000);
});
