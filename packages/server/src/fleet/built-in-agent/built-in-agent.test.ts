import { afterEach, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../platform/test-platform.js';
import { fleetModule } from '../index.js';

let platform: TestPlatform;
afterEach(async () => {
  await platform.dispose();
});

it('runs a command task end to end on the built-in agent of the server machine', async () => {
  platform = await createTestPlatform({ modules: [fleetModule], env: { SWITCHYARD_LOCAL_AGENT: 'true' } });
  const admin = await platform.login('root');
  await platform.listen();
  const created = await platform.app.inject({
    method: 'POST',
    url: '/api/tasks',
    headers: { authorization: admin.authorization },
    payload: { type: 'command', command: ['sh', '-c', 'echo hello-from-task; echo oops >&2; exit 3'] },
  });
  const taskId = created.json().id as string;
  const fleet = platform.services.fleet;
  let task = await fleet.getTask(taskId);
  while (!['succeeded', 'failed', 'cancelled'].includes(task.state)) {
    await fleet.waitForTaskUpdate(taskId, 1_000);
    task = await fleet.getTask(taskId);
  }
  expect(task).toMatchObject({ state: 'failed', exit_code: 3, attempt: 1 });
  expect(task.attempts[0]).toMatchObject({ end_reason: 'failed', exit_code: 3, has_complete_logs: true });
  const log = (await fleet.readTaskLog(taskId, { offset: 0, limit: 100 })).map((item) => item.data).join('');
  expect(log).toContain('hello-from-task');
  expect(log).toContain('oops');
  const machines = await fleet.machines.list();
  expect(machines[0]).toMatchObject({ reachability: 'online', labels: { 'switchyard.local': 'true' } });
}, 60_000);
