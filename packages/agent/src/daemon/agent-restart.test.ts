import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../executors/process-group.js';
import { startAgent } from './agent-daemon.js';
import { startFakeAgentServer } from './fake-agent-server.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An agent that gets a task which runs until the test creates its flag file, then is stopped mid-task. */
async function agentStoppedMidTask(action: 'continue' | 'abort') {
  const server = await startFakeAgentServer({ leaseTtlMs: 30_000 });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-restart-'));
  const flag = path.join(workDir, 'flag');
  cleanups.push(
    () => server.close(),
    () => fs.rmSync(workDir, { recursive: true, force: true }),
  );
  server.overrides.register = (body) => ({
    status: 200,
    body: {
      machine_id: 'mch_fake',
      heartbeat_interval_ms: 60_000,
      lease_ttl_ms: 30_000,
      claim_max_wait_ms: 200,
      log_chunk_max_bytes: 65536,
      held_attempts: body.held_attempts.map((held: { task_id: string; attempt_id: string }) => ({
        ...held,
        action,
      })),
    },
  });
  const start = async () => {
    const agent = await startAgent({
      serverUrl: server.url,
      machineToken: 'mt',
      workDir,
      collectFacts: async () => ({ hostname: 'h', disks: [], gpus: [] }),
      collectGpus: async () => [],
    });
    cleanups.push(() => agent.stop());
    return agent;
  };
  const first = await start();
  server.addTask({
    task_id: 'tsk_live',
    payload: {
      command: ['sh', '-c', `echo before; while [ ! -f ${flag} ]; do sleep 0.05; done; echo after; exit 5`],
    },
  });
  await server.waitUntil(() => server.logText('tsk_live').includes('before'));
  const pid: number = server.calls.find((call) => call.route === 'start')!.body.process_id;
  // The agent goes away; the task's process group does not.
  await first.stop();
  expect(isProcessAlive(pid)).toBe(true);
  const callsBeforeRestart = server.calls.length;
  await start();
  await server.waitUntil(() =>
    server.calls.slice(callsBeforeRestart).some((call) => call.route === 'register'),
  );
  const register = server.calls.slice(callsBeforeRestart).find((call) => call.route === 'register')!;
  return { server, workDir, flag, pid, register, callsBeforeRestart };
}

describe('agent restart with a live process', () => {
  it('lists the held attempt, renews at once on continue and completes with the real exit code', async () => {
    const { server, flag, register, callsBeforeRestart } = await agentStoppedMidTask('continue');
    expect(register.body.held_attempts).toEqual([
      { task_id: 'tsk_live', attempt_id: 'att_tsk_live_1', pid_alive: true },
    ]);
    await server.waitUntil(() =>
      server.calls.slice(callsBeforeRestart).some((call) => call.route === 'renew'),
    );
    fs.writeFileSync(flag, '');
    await server.waitUntil(() => server.completes.length > 0);
    expect(server.completes).toEqual([
      {
        taskId: 'tsk_live',
        body: expect.objectContaining({ attempt_id: 'att_tsk_live_1', outcome: 'failed', exit_code: 5 }),
      },
    ]);
    expect(server.logText('tsk_live')).toBe('before\nafter\n');
  });

  it('kills the process group on abort and never completes the stale attempt', async () => {
    const { server, workDir, pid } = await agentStoppedMidTask('abort');
    while (isProcessAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
    server.addTask({ task_id: 'tsk_next', payload: { command: ['true'] } });
    await server.waitUntil(() => server.completes.some((entry) => entry.taskId === 'tsk_next'));
    expect(server.completes.map((entry) => entry.taskId)).toEqual(['tsk_next']);
    expect(fs.readdirSync(path.join(workDir, 'attempts'))).not.toContain('att_tsk_live_1');
  });
});
