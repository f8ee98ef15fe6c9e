import { describe, expect, it } from 'vitest';
import { buildTaskCreateBody, emptyTaskForm } from './task-create-body.js';

describe(buildTaskCreateBody.name, () => {
  it('builds a command task from argument lines, env and limits', () => {
    const result = buildTaskCreateBody({
      ...emptyTaskForm,
      commandLines: 'python\n-c\nprint("a b")\n',
      envLines: 'CUDA_VISIBLE_DEVICES=0\nMODE=fast',
      timeoutSeconds: 600,
      gpus: 2,
      maxAttempts: 1,
    });
    expect(result).toEqual({
      body: {
        type: 'command',
        command: ['python', '-c', 'print("a b")'],
        env: { CUDA_VISIBLE_DEVICES: '0', MODE: 'fast' },
        timeout_s: 600,
        gpus: 2,
        max_attempts: 1,
      },
    });
  });

  it('targets a machine or labels only when that target is chosen', () => {
    const base = { ...emptyTaskForm, commandLines: 'true', machineId: 'mch-1', labelLines: 'gpu=h100' };
    expect(buildTaskCreateBody({ ...base, target: 'machine' })).toMatchObject({
      body: { machine_id: 'mch-1' },
    });
    expect(buildTaskCreateBody({ ...base, target: 'labels' })).toMatchObject({
      body: { labels: { gpu: 'h100' } },
    });
    const anywhere = buildTaskCreateBody({ ...base, target: 'any' });
    expect(anywhere).not.toHaveProperty('body.machine_id');
    expect(anywhere).not.toHaveProperty('body.labels');
  });

  it('names each field that is missing or malformed', () => {
    expect(
      buildTaskCreateBody({ ...emptyTaskForm, commandLines: ' \n', envLines: 'oops', target: 'machine' }),
    ).toEqual({
      problems: { commandLines: 'commandRequired', envLines: 'envInvalid', machineId: 'machineRequired' },
    });
    expect(buildTaskCreateBody({ ...emptyTaskForm, commandLines: 'x', target: 'labels' })).toEqual({
      problems: { labelLines: 'labelsRequired' },
    });
  });
});
