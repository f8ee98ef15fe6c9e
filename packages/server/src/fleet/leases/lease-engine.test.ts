import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../kernel/db/test-database.js';
import { createFleetTestKit, type FleetTestKit } from '../fleet-test-harness.js';

describeEachDialect('lease engine', (dialect) => {
  let kit: FleetTestKit;
  beforeEach(async () => {
    kit = await createFleetTestKit({ dialect });
  });
  afterEach(async () => {
    await kit.dispose();
  });

  const taskOf = async (id: string) => (await kit.request('GET', `/api/tasks/${id}`)).body;

  it('never leases one task twice when 20 agents race for 1,000 tasks', async () => {
    const viewer = { userId: kit.admin.userId, role: 'admin' as const };
    for (let index = 0; index < 1000; index += 1) {
      await kit.fleet.tasks.create({
        viewer,
        body: {
          type: 'command',
          command: ['true'],
          gpus: 0,
          max_attempts: 3,
          priority: 0,
          cancel_grace_s: 10,
        },
        isFromApi: true,
      });
    }
    const machines = await Promise.all(
      Array.from({ length: 20 }, (_, index) => kit.enrollAgent(`racer-${index}`)),
    );
    const rows = await Promise.all(
      machines.map((agent) => kit.fleet.machines.requireMachine(agent.machineId)),
    );
    const leasedBy = new Map<string, string[]>();
    await Promise.all(
      rows.map(async (machine) => {
        for (let round = 0; ; round += 1) {
          const { tasks } = await kit.fleet.leases.claim({
            machine,
            claimId: `${machine.id}-${round}`,
            freeSlots: 2,
            waitMs: 0,
          });
          if (tasks.length === 0) return;
          for (const task of tasks)
            leasedBy.set(task.task_id, [...(leasedBy.get(task.task_id) ?? []), machine.id]);
        }
      }),
    );
    expect(leasedBy.size).toBe(1000);
    expect([...leasedBy.values()].filter((holders) => holders.length > 1)).toEqual([]);
    const attempts = await kit.platform.database.db
      .selectFrom('task_attempts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(attempts.count)).toBe(1000);
    const perMachine = new Set([...leasedBy.values()].map((holders) => holders[0]));
    expect(perMachine.size).toBeGreaterThan(1);
  });

  it('requeues an expired lease with attempt+1 and answers the stale attempt 409', async () => {
    const agent = await kit.enrollAgent('a1');
    const task = await kit.createCommandTask();
    const first = (await kit.claim(agent)).tasks[0];
    expect(first).toMatchObject({ task_id: task.id, n: 1 });
    expect(
      (await agent.post(`tasks/${task.id}/start`, { attempt_id: first.attempt_id, process_id: 4242 })).status,
    ).toBe(200);

    kit.clock.advanceMs(61_000);
    await kit.fleet.runBackgroundTick();
    const requeued = await taskOf(task.id);
    expect(requeued).toMatchObject({ state: 'queued', attempt: 1 });
    expect(requeued.attempts[0]).toMatchObject({ n: 1, end_reason: 'lease_expired', process_id: 4242 });
    expect(requeued.wait_reason).toMatch(/^retrying after backoff in \d+ s$/);

    kit.clock.advanceMs(5_000);
    const second = (await kit.claim(agent)).tasks[0];
    expect(second).toMatchObject({ task_id: task.id, n: 2 });
    const staleComplete = await agent.post(`tasks/${task.id}/complete`, {
      attempt_id: first.attempt_id,
      outcome: 'succeeded',
      exit_code: 0,
      signal: null,
      last_seq: 0,
    });
    expect(staleComplete.status).toBe(409);
    expect(staleComplete.body.error.code).toBe('stale_attempt');
    const staleEvents = await agent.post(`tasks/${task.id}/events`, {
      attempt_id: first.attempt_id,
      chunks: [{ seq: 1, stream: 'stdout', data: 'zombie' }],
    });
    expect(staleEvents.status).toBe(409);
    const staleRenew = await agent.post(`tasks/${task.id}/renew`, { attempt_id: first.attempt_id });
    expect(staleRenew.body.error.code).toBe('stale_attempt');

    const done = await agent.post(`tasks/${task.id}/complete`, {
      attempt_id: second.attempt_id,
      outcome: 'succeeded',
      exit_code: 0,
      signal: null,
      last_seq: 0,
    });
    expect(done.body).toMatchObject({ state: 'succeeded', end_reason: 'succeeded' });
    expect(await taskOf(task.id)).toMatchObject({ state: 'succeeded', attempt: 2, exit_code: 0 });
  });

  it('answers a stale complete 409 even before the task is claimed again', async () => {
    const agent = await kit.enrollAgent('a1');
    const task = await kit.createCommandTask();
    const first = (await kit.claim(agent)).tasks[0];
    kit.clock.advanceMs(61_000);
    await kit.fleet.runBackgroundTick();
    const late = await agent.post(`tasks/${task.id}/complete`, {
      attempt_id: first.attempt_id,
      outcome: 'succeeded',
      exit_code: 0,
      signal: null,
      last_seq: 0,
    });
    expect(late.status).toBe(409);
    expect((await taskOf(task.id)).state).toBe('queued');
  });

  it('fails the task with lease_expired after max_attempts', async () => {
    const agent = await kit.enrollAgent('a1');
    const task = await kit.createCommandTask({ max_attempts: 2 });
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      expect((await kit.claim(agent)).tasks[0]).toMatchObject({ n: attempt });
      kit.clock.advanceMs(61_000);
      await kit.fleet.runBackgroundTick();
      kit.clock.advanceMs(20_000);
    }
    const failed = await taskOf(task.id);
    expect(failed).toMatchObject({ state: 'failed', end_reason: 'lease_expired', attempt: 2 });
    expect(failed.attempts.map((attempt: { end_reason: string }) => attempt.end_reason)).toEqual([
      'lease_expired',
      'lease_expired',
    ]);
    expect((await kit.claim(agent)).tasks).toEqual([]);
  });

  it('renews a lease from the server clock and keeps it alive past the first TTL', async () => {
    const agent = await kit.enrollAgent('a1');
    const task = await kit.createCommandTask();
    const lease = (await kit.claim(agent)).tasks[0];
    kit.clock.advanceMs(40_000);
    const renewed = await agent.post(`tasks/${task.id}/renew`, { attempt_id: lease.attempt_id });
    expect(renewed.body).toMatchObject({ lease_ttl_ms: 60_000, cancel_requested: false });
    expect(Date.parse(renewed.body.lease_expires_at)).toBe(kit.clock.nowMs() + 60_000);
    kit.clock.advanceMs(40_000);
    await kit.fleet.runBackgroundTick();
    expect((await taskOf(task.id)).state).toBe('leased');
  });

  it('cancels in every state: queued, leased, running, and leaves finished tasks alone', async () => {
    const agent = await kit.enrollAgent('a1', { slots: 3 });
    const queued = await kit.createCommandTask({ machine_id: 'mch_nowhere' }).catch(() => null);
    expect(queued).toBeNull();
    const waiting = await kit.createCommandTask({ labels: { pool: 'none' } });
    expect((await kit.request('POST', `/api/tasks/${waiting.id}/cancel`)).body).toMatchObject({
      state: 'cancelled',
      end_reason: 'cancelled',
    });

    const leasedTask = await kit.createCommandTask();
    const runningTask = await kit.createCommandTask();
    const finishedTask = await kit.createCommandTask();
    const { tasks } = await kit.claim(agent, 'claim-three', 3);
    const leaseOf = (id: string) => tasks.find((task) => task.task_id === id) as (typeof tasks)[number];
    await agent.post(`tasks/${runningTask.id}/start`, {
      attempt_id: leaseOf(runningTask.id).attempt_id,
      process_id: 1,
    });
    await agent.post(`tasks/${finishedTask.id}/complete`, {
      attempt_id: leaseOf(finishedTask.id).attempt_id,
      outcome: 'failed',
      exit_code: 3,
      signal: null,
      last_seq: 0,
    });

    expect((await kit.request('POST', `/api/tasks/${leasedTask.id}/cancel`)).body).toMatchObject({
      state: 'leased',
      cancel_requested: true,
    });
    expect((await kit.request('POST', `/api/tasks/${runningTask.id}/cancel`)).body).toMatchObject({
      state: 'running',
      cancel_requested: true,
    });
    expect((await kit.request('POST', `/api/tasks/${finishedTask.id}/cancel`)).body).toMatchObject({
      state: 'failed',
      exit_code: 3,
      cancel_requested: false,
    });

    const heartbeat = await agent.post('heartbeat', {
      system: {
        cpu_percent: 1,
        load_average: [0, 0, 0],
        memory_total_bytes: 1,
        memory_used_bytes: 1,
        uptime_s: 1,
      },
    });
    expect(heartbeat.body.cancel.map((signal: { task_id: string }) => signal.task_id).sort()).toEqual(
      [leasedTask.id, runningTask.id].sort(),
    );
    expect(
      (await agent.post(`tasks/${runningTask.id}/renew`, { attempt_id: leaseOf(runningTask.id).attempt_id }))
        .body.cancel_requested,
    ).toBe(true);

    await agent.post(`tasks/${runningTask.id}/complete`, {
      attempt_id: leaseOf(runningTask.id).attempt_id,
      outcome: 'cancelled',
      exit_code: null,
      signal: 'SIGTERM',
      last_seq: 0,
    });
    expect(await taskOf(runningTask.id)).toMatchObject({ state: 'cancelled', signal: 'SIGTERM' });
    // A leased task whose agent never answers is cancelled when the lease expires, not requeued.
    kit.clock.advanceMs(61_000);
    await kit.fleet.runBackgroundTick();
    expect(await taskOf(leasedTask.id)).toMatchObject({
      state: 'cancelled',
      end_reason: 'cancelled',
      attempt: 1,
    });
    expect((await kit.request('POST', `/api/tasks/${leasedTask.id}/cancel`)).status).toBe(200);
  });

  it('returns the same lease when a claim is retried after its reply was lost', async () => {
    const agent = await kit.enrollAgent('a1', { slots: 2 });
    await kit.createCommandTask();
    await kit.createCommandTask();
    const first = await kit.claim(agent, 'claim-lost-reply', 1);
    expect(first.tasks).toHaveLength(1);
    const retried = await kit.claim(agent, 'claim-lost-reply', 1);
    expect(retried.tasks).toEqual(first.tasks);
    const next = await kit.claim(agent, 'claim-next', 1);
    expect(next.tasks[0].task_id).not.toBe(first.tasks[0].task_id);
  });

  it('treats a repeated complete as harmless and keeps the first result', async () => {
    const agent = await kit.enrollAgent('a1');
    const task = await kit.createCommandTask();
    const lease = (await kit.claim(agent)).tasks[0];
    const body = { attempt_id: lease.attempt_id, outcome: 'failed', exit_code: 2, signal: null, last_seq: 0 };
    expect((await agent.post(`tasks/${task.id}/complete`, body)).status).toBe(200);
    const repeat = await agent.post(`tasks/${task.id}/complete`, body);
    expect(repeat).toMatchObject({ status: 200, body: { state: 'failed', end_reason: 'failed' } });
    const conflicting = await agent.post(`tasks/${task.id}/complete`, {
      ...body,
      outcome: 'succeeded',
      exit_code: 0,
    });
    expect(conflicting.status).toBe(409);
    expect(await taskOf(task.id)).toMatchObject({ state: 'failed', exit_code: 2 });
  });

  it('creates one task per Idempotency-Key and rejects the key with another body', async () => {
    const headers = { 'idempotency-key': 'nightly-1' };
    const first = await kit.request('POST', '/api/tasks', {
      body: { type: 'command', command: ['echo', 'a'] },
      headers,
    });
    const again = await kit.request('POST', '/api/tasks', {
      body: { command: ['echo', 'a'], type: 'command' },
      headers,
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const other = await kit.request('POST', '/api/tasks', {
      body: { type: 'command', command: ['echo', 'b'] },
      headers,
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect((await kit.request('GET', '/api/tasks')).body.total).toBe(1);
  });

  it('leases a GPU task only to a machine with enough free GPUs and hands out distinct indexes', async () => {
    const gpus = [0, 1].map((index) => ({
      index,
      uuid: `GPU-${index}`,
      name: 'H100',
      memory_total_bytes: 80e9,
    }));
    const small = await kit.enrollAgent('cpu-only', { slots: 4 });
    const big = await kit.enrollAgent('gpu-box', { slots: 4, gpus });
    const one = await kit.createCommandTask({ gpus: 1 });
    const two = await kit.createCommandTask({ gpus: 2 });
    const smallClaim = await small.post('claim', { claim_id: 'claim-small', free_slots: 4 });
    expect(smallClaim.body).toEqual({ tasks: [], cancel: [] });
    const claimed = await kit.claim(big, 'claim-big', 4);
    expect(claimed.tasks.map((task) => task.task_id)).toEqual([one.id]);
    expect((await taskOf(two.id)).wait_reason).toBe('no machine with 2 free GPUs');
    const onGpu = (await taskOf(one.id)).gpu_indexes;
    expect(onGpu).toHaveLength(1);
  });
});
