import { afterEach, expect, it } from 'vitest';
import { fleetModule } from '../../../server/src/fleet/index.js';
import { createTestPlatform, type TestPlatform } from '../../../server/src/platform/test-platform.js';
import { isProcessAlive } from '../executors/process-group.js';

/* The agent against the real server in-process (its built-in agent is this package's startAgent). */
let platform: TestPlatform;
afterEach(async () => {
  await platform.dispose();
});

async function startPlatformWithAgent() {
  platform = await createTestPlatform({ modules: [fleetModule], env: { SWITCHYARD_LOCAL_AGENT: 'true' } });
  const admin = await platform.login('root');
  await platform.listen();
  const fleet = platform.services.fleet;
  const createTask = async (payload: object) => {
    const created = await platform.app.inject({
      method: 'POST',
      url: '/api/tasks',
      headers: { authorization: admin.authorization },
      payload: { type: 'command', ...payload },
    });
    return created.json().id as string;
  };
  const waitFor = async (
    taskId: string,
    predicate: (task: Awaited<ReturnType<typeof fleet.getTask>>) => boolean,
  ) => {
    let task = await fleet.getTask(taskId);
    while (!predicate(task)) {
      await fleet.waitForTaskUpdate(taskId, 500);
      task = await fleet.getTask(taskId);
    }
    return task;
  };
  return { fleet, createTask, waitFor };
}

it('cancels a running task: SIGTERM to its group, then complete as cancelled', async () => {
  const { fleet, createTask, waitFor } = await startPlatformWithAgent();
  const taskId = await createTask({ command: ['sh', '-c', 'echo started; sleep 300'] });
  const running = await waitFor(taskId, (task) => task.state === 'running' && task.log.items > 0);
  const pid = running.attempts[0].process_id as number;
  expect(isProcessAlive(pid)).toBe(true);
  await fleet.cancelTask(taskId);
  const ended = await waitFor(taskId, (task) => ['succeeded', 'failed', 'cancelled'].includes(task.state));
  expect(ended).toMatchObject({ state: 'cancelled', signal: 'SIGTERM' });
  expect(ended.attempts).toHaveLength(1);
  expect(ended.attempts[0]).toMatchObject({ end_reason: 'cancelled', has_complete_logs: true });
  expect(isProcessAlive(pid)).toBe(false);
}, 60_000);

it('ships 10 MB of output complete and in order', async () => {
  const { fleet, createTask, waitFor } = await startPlatformWithAgent();
  // 163,840 numbered lines of 64 bytes = 10 MiB; awk writes them as fast as the pipe takes them.
  const script =
    'awk \'BEGIN { for (i = 0; i < 163840; i++) printf "%08d %s\\n", i, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }\'';
  const taskId = await createTask({ command: ['sh', '-c', script] });
  const ended = await waitFor(taskId, (task) => ['succeeded', 'failed', 'cancelled'].includes(task.state));
  expect(ended).toMatchObject({ state: 'succeeded', exit_code: 0 });
  expect(ended.attempts[0].has_complete_logs).toBe(true);
  let text = '';
  for (let offset = 0; ; ) {
    const page = await fleet.readTaskLog(taskId, { offset, limit: 1000 });
    if (page.length === 0) break;
    text += page.map((item) => item.data).join('');
    offset += page.length;
  }
  expect(text.length).toBe(163_840 * 64);
  const lines = text.split('\n');
  expect(lines[0].startsWith('00000000 ')).toBe(true);
  expect(lines[163_839].startsWith('00163839 ')).toBe(true);
  expect(lines.every((line, index) => line === '' || Number(line.slice(0, 8)) === index)).toBe(true);
}, 90_000);
