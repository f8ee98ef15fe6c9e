import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../kernel/db/test-database.js';
import { createFleetTestKit, type FleetTestKit } from '../fleet-test-harness.js';

describeEachDialect('task API', (dialect) => {
  let kit: FleetTestKit;
  beforeEach(async () => {
    kit = await createFleetTestKit({ dialect });
  });
  afterEach(async () => {
    await kit.dispose();
  });

  it("hides another user's task as not found and lists only one's own", async () => {
    const alice = await kit.platform.login('alice');
    const bob = await kit.platform.login('bob');
    const task = await kit.createCommandTask({}, alice.authorization);
    await kit.createCommandTask({}, bob.authorization);
    for (const [method, url] of [
      ['GET', `/api/tasks/${task.id}`],
      ['POST', `/api/tasks/${task.id}/cancel`],
      ['GET', `/api/tasks/${task.id}/logs`],
      ['GET', `/api/tasks/${task.id}/logs.sse`],
    ] as const) {
      const reply = await kit.request(method, url, { authorization: bob.authorization });
      expect(reply.status, url).toBe(404);
      expect(reply.body.error.code).toBe('task_not_found');
    }
    expect((await kit.request('GET', '/api/tasks', { authorization: bob.authorization })).body.total).toBe(1);
    expect((await kit.request('GET', '/api/tasks')).body.total).toBe(2);
    expect((await kit.request('GET', `/api/tasks/${task.id}`)).status).toBe(200);
  });

  it('rejects a bad command payload with 400 and an unknown type with task_type_unknown', async () => {
    const empty = await kit.request('POST', '/api/tasks', { body: { type: 'command', command: [] } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('invalid_request');
    const unknown = await kit.request('POST', '/api/tasks', { body: { type: 'teleport' } });
    expect(unknown.body.error.code).toBe('task_type_unknown');
  });

  it('offers docker tasks only once a machine reports the docker executor', async () => {
    const body = { type: 'docker', image: 'alpine:3', command: ['true'] };
    expect((await kit.request('POST', '/api/tasks', { body })).body.error.code).toBe('task_type_unavailable');
    const types = (await kit.request('GET', '/api/task-types')).body.items;
    expect(types.find((type: { type: string }) => type.type === 'docker').is_available).toBe(false);
    await kit.enrollAgent('docker-host', { executors: ['process', 'docker'] });
    expect((await kit.request('POST', '/api/tasks', { body })).status).toBe(201);
  });

  it('explains why a queued task waits', async () => {
    await kit.enrollAgent('cpu-1', { labels: { pool: 'cpu' } });
    const labelled = await kit.createCommandTask({ labels: { pool: 'gpu' } });
    expect((await kit.request('GET', `/api/tasks/${labelled.id}`)).body.wait_reason).toBe(
      'no machine with labels pool=gpu',
    );
    const gpuTask = await kit.createCommandTask({ gpus: 2 });
    expect((await kit.request('GET', `/api/tasks/${gpuTask.id}`)).body.wait_reason).toBe(
      'no machine with 2 GPUs',
    );
  });

  it('retries a failed task with a fresh attempt budget and refuses to retry a queued one', async () => {
    const agent = await kit.enrollAgent('a1');
    const task = await kit.createCommandTask({ max_attempts: 1 });
    expect((await kit.request('POST', `/api/tasks/${task.id}/retry`)).body.error.code).toBe(
      'task_not_retryable',
    );
    const lease = (await kit.claim(agent)).tasks[0];
    await agent.post(`tasks/${task.id}/complete`, {
      attempt_id: lease.attempt_id,
      outcome: 'failed',
      exit_code: 1,
      signal: null,
      last_seq: 0,
    });
    expect((await kit.request('POST', `/api/tasks/${task.id}/retry`)).body).toMatchObject({
      state: 'queued',
      max_attempts: 2,
      exit_code: null,
    });
    expect((await kit.claim(agent)).tasks[0]).toMatchObject({ task_id: task.id, n: 2 });
  });

  it('creates recurring tasks from cron and skips a run while the previous one is live', async () => {
    const schedule = await kit.request('POST', '/api/task-schedules', {
      body: { name: 'tick', cron: '* * * * *', task: { type: 'command', command: ['date'] } },
    });
    expect(schedule.status).toBe(201);
    expect(
      (
        await kit.request('POST', '/api/task-schedules', {
          body: { name: 'bad', cron: 'not cron', task: { type: 'command', command: ['x'] } },
        })
      ).status,
    ).toBe(400);
    kit.clock.advanceMs(60_000);
    await kit.fleet.runBackgroundTick();
    kit.clock.advanceMs(60_000);
    await kit.fleet.runBackgroundTick();
    const tasks = (await kit.request('GET', '/api/tasks')).body;
    expect(tasks.total).toBe(1);
    expect(tasks.items[0]).toMatchObject({ schedule_id: schedule.body.id, state: 'queued' });
    await kit.request('POST', `/api/tasks/${tasks.items[0].id}/cancel`);
    kit.clock.advanceMs(60_000);
    await kit.fleet.runBackgroundTick();
    expect((await kit.request('GET', '/api/tasks')).body.total).toBe(2);
  });

  it('summarises machines, GPUs, tasks and queue wait for the dashboard', async () => {
    const gpus = [0, 1].map((index) => ({
      index,
      uuid: `GPU-${index}`,
      name: 'H100',
      memory_total_bytes: 80e9,
    }));
    const agent = await kit.enrollAgent('gpu-1', { gpus });
    await kit.createCommandTask({ gpus: 1 });
    await kit.createCommandTask({ labels: { never: 'matches' } });
    await kit.claim(agent);
    kit.clock.advanceMs(30_000);
    const summary = (await kit.request('GET', '/api/admin/fleet/summary')).body;
    expect(summary).toMatchObject({
      machines: { total: 1, by_reachability: { online: 1, unreachable: 0, offline: 0 } },
      gpus: { total: 2, busy: 1, free: 1 },
      tasks: { by_state: { queued: 1, leased: 1 } },
      queue: { depth: 1, oldest_wait_s: 30 },
    });
    const alice = await kit.platform.login('alice');
    expect(
      (await kit.request('GET', '/api/admin/fleet/summary', { authorization: alice.authorization })).status,
    ).toBe(403);
  });
});
