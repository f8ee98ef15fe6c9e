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

async function setup(options: { leaseTtlMs?: number } = {}) {
  const server = await startFakeAgentServer(options);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-agent-'));
  cleanups.push(
    () => server.close(),
    () => fs.rmSync(workDir, { recursive: true, force: true }),
  );
  const start = async () => {
    const agent = await startAgent({
      serverUrl: server.url,
      machineToken: 'mt_test',
      workDir,
      slots: 2,
      collectFacts: async () => ({ hostname: 'test', disks: [], gpus: [] }),
      collectGpus: async () => [],
    });
    cleanups.push(() => agent.stop());
    return agent;
  };
  return { server, workDir, start };
}

const completeOf = (server: Awaited<ReturnType<typeof startFakeAgentServer>>, taskId: string) =>
  server.completes.find((entry) => entry.taskId === taskId);

describe(startAgent.name, () => {
  it('runs a claimed command after start and completes it with its output shipped', async () => {
    const { server, start } = await setup();
    await start();
    server.addTask({
      task_id: 'tsk_ok',
      payload: { command: ['sh', '-c', 'echo out; echo err >&2; echo "$SWITCHYARD_TASK_ID"'] },
    });
    await server.waitUntil(() => completeOf(server, 'tsk_ok') !== undefined);
    const complete = completeOf(server, 'tsk_ok')!.body;
    expect(complete).toMatchObject({
      attempt_id: 'att_tsk_ok_1',
      outcome: 'succeeded',
      exit_code: 0,
      signal: null,
    });
    const chunks = server.chunks.get('tsk_ok') ?? [];
    expect(complete.last_seq).toBe(Math.max(...chunks.map((chunk) => chunk.seq)));
    expect(
      chunks
        .filter((chunk) => chunk.stream === 'stdout')
        .map((chunk) => chunk.data)
        .join(''),
    ).toBe('out\ntsk_ok\n');
    expect(
      chunks
        .filter((chunk) => chunk.stream === 'stderr')
        .map((chunk) => chunk.data)
        .join(''),
    ).toBe('err\n');
    const startCall = server.calls.find((call) => call.route === 'start' && call.taskId === 'tsk_ok')!;
    expect(startCall.body.process_id).toBeGreaterThan(0);
    const routes = server.calls.filter((call) => call.taskId === 'tsk_ok').map((call) => call.route);
    expect(routes[0]).toBe('start');
    expect(routes.at(-1)).toBe('complete');
  });

  it('reports a non-zero exit as failed with its code', async () => {
    const { server, start } = await setup();
    await start();
    server.addTask({ task_id: 'tsk_fail', payload: { command: ['sh', '-c', 'exit 42'] } });
    await server.waitUntil(() => completeOf(server, 'tsk_fail') !== undefined);
    expect(completeOf(server, 'tsk_fail')!.body).toMatchObject({ outcome: 'failed', exit_code: 42 });
  });

  it('retries complete with the same body until the server acknowledges it', async () => {
    const { server, start } = await setup();
    let refusals = 2;
    server.overrides.complete = () =>
      refusals-- > 0 ? { status: 503, body: { error: { code: 'unavailable', message: 'down' } } } : undefined;
    await start();
    server.addTask({ task_id: 'tsk_retry', payload: { command: ['true'] } });
    await server.waitUntil(() => completeOf(server, 'tsk_retry') !== undefined);
    const bodies = server.calls
      .filter((call) => call.route === 'complete')
      .map((call) => JSON.stringify(call.body));
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies).size).toBe(1);
  });

  it('cancels through the renew reply with SIGTERM to the group and completes as cancelled', async () => {
    const { server, start } = await setup({ leaseTtlMs: 1_500 });
    server.overrides.renew = (body) => ({
      status: 200,
      body: {
        lease_expires_at: new Date().toISOString(),
        lease_ttl_ms: 1_500,
        cancel_requested: body.attempt_id === 'att_tsk_cancel_1',
      },
    });
    await start();
    server.addTask({ task_id: 'tsk_cancel', payload: { command: ['sleep', '300'] } });
    await server.waitUntil(() => completeOf(server, 'tsk_cancel') !== undefined);
    expect(completeOf(server, 'tsk_cancel')!.body).toMatchObject({
      outcome: 'cancelled',
      exit_code: null,
      signal: 'SIGTERM',
    });
    const pid = server.calls.find((call) => call.route === 'start')!.body.process_id;
    expect(isProcessAlive(pid)).toBe(false);
  });

  it('kills the process and does not complete when renew says stale_attempt', async () => {
    const { server, start } = await setup({ leaseTtlMs: 1_500 });
    server.overrides.renew = () => ({
      status: 409,
      body: { error: { code: 'stale_attempt', message: 'stale' } },
    });
    await start();
    server.addTask({ task_id: 'tsk_stale', payload: { command: ['sleep', '300'] } });
    await server.waitUntil(() => server.calls.some((call) => call.route === 'renew'));
    const pid = server.calls.find((call) => call.route === 'start')!.body.process_id;
    while (isProcessAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
    server.addTask({ task_id: 'tsk_after', payload: { command: ['true'] } });
    await server.waitUntil(() => completeOf(server, 'tsk_after') !== undefined);
    expect(completeOf(server, 'tsk_stale')).toBeUndefined();
  });

  it('terminates a command past timeout_s and reports it failed with timeout', async () => {
    const { server, start } = await setup();
    await start();
    server.addTask({
      task_id: 'tsk_slow',
      cancel_grace_ms: 500,
      payload: { command: ['sleep', '300'], timeout_s: 1 },
    });
    await server.waitUntil(() => completeOf(server, 'tsk_slow') !== undefined);
    expect(completeOf(server, 'tsk_slow')!.body).toMatchObject({
      outcome: 'failed',
      error: 'timeout',
      signal: 'SIGTERM',
    });
  });

  it('sends the machine token and heartbeats with system metrics', async () => {
    const { server, start } = await setup();
    await start();
    await server.waitUntil(() => server.calls.some((call) => call.route === 'heartbeat'));
    const heartbeat = server.calls.find((call) => call.route === 'heartbeat')!;
    expect(heartbeat.body.system.memory_total_bytes).toBeGreaterThan(0);
    expect(heartbeat.body.gpus).toEqual([]);
    const register = server.calls.find((call) => call.route === 'register')!;
    expect(register.body).toMatchObject({ slots: 2, executors: ['process'], held_attempts: [] });
  });

  it('runs a sandbox: true command through the judge sandbox with the work dir at /work', async () => {
    const { server, start } = await setup();
    await start();
    server.addTask({
      task_id: 'tsk_box',
      payload: { command: ['/bin/sh', '-c', 'echo inside; pwd'], sandbox: true, timeout_s: 30 },
    });
    await server.waitUntil(() => completeOf(server, 'tsk_box') !== undefined);
    expect(completeOf(server, 'tsk_box')!.body).toMatchObject({ outcome: 'succeeded', exit_code: 0 });
    expect(server.logText('tsk_box')).toBe('inside\n/work\n');
    expect(
      server.calls.find((call) => call.route === 'start' && call.taskId === 'tsk_box')!.body.process_id,
    ).toBeNull();
  });

  it('completes an unsupported task type as failed with the reason', async () => {
    const { server, start } = await setup();
    await start();
    server.addTask({ task_id: 'tsk_odd', type: 'quantum', payload: {} });
    await server.waitUntil(() => completeOf(server, 'tsk_odd') !== undefined);
    expect(completeOf(server, 'tsk_odd')!.body).toMatchObject({
      outcome: 'failed',
      error: expect.stringContaining('quantum'),
    });
  });
});
