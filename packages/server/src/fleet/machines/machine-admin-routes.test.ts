import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../kernel/db/test-database.js';
import { createFleetTestKit, type FleetTestKit } from '../fleet-test-harness.js';

describeEachDialect('machine admin API', (dialect) => {
  let kit: FleetTestKit;
  beforeEach(async () => {
    kit = await createFleetTestKit({ dialect });
  });
  afterEach(async () => {
    await kit.dispose();
  });

  const ssh = { host: '10.0.0.5', port: 2222, user: 'ops', password: 'hunter2-secret' };

  it('creates a machine and never returns its SSH login', async () => {
    const created = await kit.request('POST', '/api/admin/machines', {
      body: { name: 'gpu-1', ip: '10.0.0.5', region: 'eu', labels: { pool: 'a' }, ssh },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'gpu-1',
      ip: '10.0.0.5',
      labels: { pool: 'a' },
      has_ssh_login: true,
      reachability: 'offline',
      allocation: 'idle',
      needs_collect: true,
      gpus: [],
      last_heartbeat_at: null,
    });
    const listed = await kit.request('GET', '/api/admin/machines');
    const fetched = await kit.request('GET', `/api/admin/machines/${created.body.id}`);
    for (const text of [
      JSON.stringify(created.body),
      JSON.stringify(listed.body),
      JSON.stringify(fetched.body),
    ]) {
      expect(text).not.toContain('hunter2-secret');
      expect(text).not.toContain('ops');
    }
    const stored = await kit.platform.database.db
      .selectFrom('machines')
      .select('ssh_sealed')
      .executeTakeFirstOrThrow();
    expect(String(stored.ssh_sealed)).not.toContain('hunter2');
  });

  it('answers a duplicate name, hostname, ip or domain with 409 machine_exists', async () => {
    await kit.request('POST', '/api/admin/machines', {
      body: { name: 'gpu-1', hostname: 'gpu1.lan', ip: '10.0.0.5', domain: 'gpu1.example.com' },
    });
    for (const body of [
      { name: 'gpu-1' },
      { name: 'x1', hostname: 'gpu1.lan' },
      { name: 'x2', ip: '10.0.0.5' },
      { name: 'x3', domain: 'gpu1.example.com' },
    ]) {
      const reply = await kit.request('POST', '/api/admin/machines', { body });
      expect(reply.status).toBe(409);
      expect(reply.body.error.code).toBe('machine_exists');
    }
  });

  it('imports machines from CSV, skipping and reporting duplicates and bad rows', async () => {
    await kit.request('POST', '/api/admin/machines', { body: { name: 'existing' } });
    const csv = [
      'name,hostname,ip,region,labels,ssh_user,ssh_password',
      'gpu-a,gpu-a.lan,10.0.1.1,eu,"pool=a;tier=1",root,pw-a',
      'existing,,,,,,',
      'gpu-b,gpu-b.lan,not-an-ip,,,,',
      'gpu-c,gpu-a.lan,,,,,',
      'gpu-d,,10.0.1.4,,,,',
    ].join('\n');
    const reply = await kit.request('POST', '/api/admin/machines/import', { body: { csv } });
    expect(reply.body.created.map((row: { name: string }) => row.name)).toEqual(['gpu-a', 'gpu-d']);
    expect(reply.body.skipped.map((row: { line: number; code: string }) => [row.line, row.code])).toEqual([
      [3, 'machine_exists'],
      [4, 'invalid_request'],
      [5, 'machine_exists'],
    ]);
    const gpuA = (await kit.request('GET', '/api/admin/machines')).body.items.find(
      (machine: { name: string }) => machine.name === 'gpu-a',
    );
    expect(gpuA).toMatchObject({ labels: { pool: 'a', tier: '1' }, has_ssh_login: true });
  });

  it('lets only admins manage machines', async () => {
    const alice = await kit.platform.login('alice');
    expect(
      (await kit.request('GET', '/api/admin/machines', { authorization: alice.authorization })).status,
    ).toBe(403);
    expect(
      (
        await kit.request('POST', '/api/admin/machines', {
          body: { name: 'x' },
          authorization: alice.authorization,
        })
      ).status,
    ).toBe(403);
  });

  it('patches allocation and labels and audits the change', async () => {
    const created = (await kit.request('POST', '/api/admin/machines', { body: { name: 'gpu-1' } })).body;
    const patched = await kit.request('PATCH', `/api/admin/machines/${created.id}`, {
      body: { allocation: 'maintenance', labels: { pool: 'b' } },
    });
    expect(patched.body).toMatchObject({ allocation: 'maintenance', labels: { pool: 'b' } });
    const audit = await kit.platform.identity.audit.list({
      action: 'fleet.machine.update',
      page: 1,
      pageSize: 10,
    });
    expect(audit.items[0]).toMatchObject({ target_id: created.id, outcome: 'success' });
  });
});
