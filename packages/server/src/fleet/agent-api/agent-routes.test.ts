import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../kernel/db/test-database.js';
import { createFleetTestKit, type FleetTestKit } from '../fleet-test-harness.js';

const system = {
  cpu_percent: 12.5,
  load_average: [0.5, 0.4, 0.3],
  memory_total_bytes: 64e9,
  memory_used_bytes: 8e9,
  uptime_s: 1000,
};
const h100 = {
  index: 0,
  uuid: 'GPU-aaaa',
  name: 'NVIDIA H100 80GB HBM3',
  memory_total_bytes: 85_520_809_984,
};
const h100Metrics = {
  index: 0,
  uuid: 'GPU-aaaa',
  utilization_percent: 87,
  memory_used_bytes: 40e9,
  memory_total_bytes: 85_520_809_984,
  temperature_c: 61,
  power_watts: 512.3,
  sm_clock_mhz: 1980,
  ecc_errors_uncorrected: 0,
};

describeEachDialect('agent API', (dialect) => {
  let kit: FleetTestKit;
  beforeEach(async () => {
    kit = await createFleetTestKit({ dialect });
  });
  afterEach(async () => {
    await kit.dispose();
  });

  it('exchanges an enrollment token once and rejects it afterwards', async () => {
    const machine = (await kit.request('POST', '/api/admin/machines', { body: { name: 'gpu-1' } })).body;
    const enrollment = await kit.request('POST', `/api/admin/machines/${machine.id}/enrollment-token`);
    expect(Date.parse(enrollment.body.expires_at) - kit.clock.nowMs()).toBe(30 * 60_000);
    const first = await kit.request('POST', '/agent/v1/enroll', {
      body: { enrollment_token: enrollment.body.token },
      authorization: '',
    });
    expect(first.body).toMatchObject({ machine_id: machine.id });
    const second = await kit.request('POST', '/agent/v1/enroll', {
      body: { enrollment_token: enrollment.body.token },
      authorization: '',
    });
    expect(second.status).toBe(401);
    expect(second.body.error.code).toBe('enrollment_token_invalid');
  });

  it('rejects an expired enrollment token', async () => {
    const machine = (await kit.request('POST', '/api/admin/machines', { body: { name: 'gpu-1' } })).body;
    const enrollment = await kit.request('POST', `/api/admin/machines/${machine.id}/enrollment-token`);
    kit.clock.advanceMs(30 * 60_000 + 1);
    const late = await kit.request('POST', '/agent/v1/enroll', {
      body: { enrollment_token: enrollment.body.token },
      authorization: '',
    });
    expect(late.body.error.code).toBe('enrollment_token_invalid');
  });

  it('takes the machine from the token, and a revoked token stops working', async () => {
    const agent = await kit.enrollAgent('gpu-1');
    const other = await kit.enrollAgent('gpu-2');
    const registered = await agent.post('register', {
      agent_version: '0.1.0',
      hostname: 'spoof',
      machine_id: other.machineId,
    });
    expect(registered.body.machine_id).toBe(agent.machineId);
    expect(
      (await kit.request('POST', '/agent/v1/heartbeat', { body: { system }, authorization: 'Bearer nope' }))
        .body.error.code,
    ).toBe('machine_token_invalid');
    await kit.request('POST', `/api/admin/machines/${agent.machineId}/revoke-token`);
    expect((await agent.post('heartbeat', { system })).status).toBe(401);
  });

  it('refuses every write to a task leased to another machine', async () => {
    const owner = await kit.enrollAgent('owner');
    const intruder = await kit.enrollAgent('intruder');
    const task = await kit.createCommandTask({ machine_id: owner.machineId });
    expect((await kit.claim(intruder)).tasks).toEqual([]);
    const lease = (await kit.claim(owner)).tasks[0];
    const body = { attempt_id: lease.attempt_id };
    for (const [path, extra] of [
      ['start', { process_id: 1 }],
      ['renew', {}],
      ['events', { chunks: [{ seq: 1, stream: 'stdout', data: 'x' }] }],
      ['complete', { outcome: 'succeeded', exit_code: 0, signal: null, last_seq: 0 }],
    ] as const) {
      const reply = await intruder.post(`tasks/${task.id}/${path}`, { ...body, ...extra });
      expect(reply.status, path).toBe(409);
      expect(reply.body.error.code).toBe('stale_attempt');
    }
    expect((await kit.request('GET', `/api/tasks/${task.id}`)).body).toMatchObject({
      state: 'leased',
      log: { items: 0 },
    });
  });

  it('tells a restarted agent to continue its current attempts, exited or not, and abort a stale one, requeueing what it lost', async () => {
    const agent = await kit.enrollAgent('a1', { slots: 3 });
    const [kept, died, forgotten] = [
      await kit.createCommandTask(),
      await kit.createCommandTask(),
      await kit.createCommandTask(),
    ];
    const leases = (await kit.claim(agent, 'claim-before-restart', 3)).tasks;
    const leaseOf = (id: string) => leases.find((lease) => lease.task_id === id) as (typeof leases)[number];
    const reply = await agent.post('register', {
      agent_version: '0.1.0',
      hostname: 'a1',
      held_attempts: [
        { task_id: kept.id, attempt_id: leaseOf(kept.id).attempt_id, pid_alive: true },
        { task_id: died.id, attempt_id: leaseOf(died.id).attempt_id, pid_alive: false },
        { task_id: 'tsk_gone', attempt_id: 'att_gone', pid_alive: true },
      ],
    });
    expect(reply.body.held_attempts.map((held: { action: string }) => held.action)).toEqual([
      'continue',
      'continue',
      'abort',
    ]);
    expect((await kit.request('GET', `/api/tasks/${kept.id}`)).body.state).toBe('leased');
    // An exited process keeps its lease: the agent completes it from the exit status it kept.
    expect((await kit.request('GET', `/api/tasks/${died.id}`)).body.state).toBe('leased');
    for (const lost of [forgotten]) {
      const task = (await kit.request('GET', `/api/tasks/${lost.id}`)).body;
      expect(task).toMatchObject({ state: 'queued', attempt: 1 });
      expect(task.attempts[0].end_reason).toBe('agent_restart');
    }
  });

  it('stores heartbeat metrics, shows reachability and exports GPU gauges', async () => {
    const agent = await kit.enrollAgent('gpu-1', { gpus: [h100], executors: ['process', 'docker'] });
    await agent.post('heartbeat', { system, gpus: [h100Metrics] });
    const machine = (await kit.request('GET', `/api/admin/machines/${agent.machineId}`)).body;
    expect(machine).toMatchObject({ reachability: 'online', health: 'ok', executors: ['process', 'docker'] });
    expect(machine.gpus[0]).toMatchObject({
      uuid: 'GPU-aaaa',
      metrics: { utilization_percent: 87, temperature_c: 61 },
    });
    const metrics = await kit.platform.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain(
      'switchyard_gpu_utilization_ratio{machine="gpu-1",gpu="0",uuid="GPU-aaaa"} 0.87',
    );
    expect(metrics.body).toContain(
      'switchyard_gpu_sm_clock_hertz{machine="gpu-1",gpu="0",uuid="GPU-aaaa"} 1980000000',
    );
    expect(metrics.body).toContain('switchyard_machine_reachable{machine="gpu-1",reachability="online"} 1');
    kit.clock.advanceMs(46_000);
    expect((await kit.request('GET', `/api/admin/machines/${agent.machineId}`)).body.reachability).toBe(
      'unreachable',
    );
    kit.clock.advanceMs(5 * 60_000);
    expect((await kit.request('GET', `/api/admin/machines/${agent.machineId}`)).body.reachability).toBe(
      'offline',
    );
    const task = await kit.createCommandTask({ machine_id: agent.machineId });
    expect((await kit.request('GET', `/api/tasks/${task.id}`)).body.wait_reason).toBe('machine unreachable');
  });

  it('asks for a re-collect through the heartbeat reply until the agent registers again', async () => {
    const agent = await kit.enrollAgent('gpu-1');
    expect((await agent.post('heartbeat', { system })).body.config.needs_collect).toBe(false);
    expect(
      (await kit.request('POST', `/api/admin/machines/${agent.machineId}/collect`)).body.needs_collect,
    ).toBe(true);
    expect((await agent.post('heartbeat', { system })).body.config).toMatchObject({
      needs_collect: true,
      heartbeat_interval_ms: 15_000,
    });
    await agent.post('register', { agent_version: '0.2.0', hostname: 'gpu-1', cpu_model: 'EPYC' });
    const machine = (await kit.request('GET', `/api/admin/machines/${agent.machineId}`)).body;
    expect(machine).toMatchObject({
      needs_collect: false,
      hardware: { agent_version: '0.2.0', cpu_model: 'EPYC' },
    });
  });

  it('wakes an open claim when a task arrives', async () => {
    const agent = await kit.enrollAgent('a1');
    const machine = await kit.fleet.machines.requireMachine(agent.machineId);
    const waiting = kit.fleet.leases.claim({
      machine,
      claimId: 'claim-long-poll',
      freeSlots: 1,
      waitMs: 20_000,
    });
    const task = await kit.createCommandTask();
    expect((await waiting).tasks.map((lease) => lease.task_id)).toEqual([task.id]);
  });
});
