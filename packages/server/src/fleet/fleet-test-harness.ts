import type { AgentRegisterRequest } from '@switchyard/protocol';
import { createManualClock } from '../kernel/clock.js';
import type { DatabaseDialect } from '../kernel/db/database.js';
import { createTestPlatform, type TestPlatform } from '../platform/test-platform.js';
import { fleetModule } from './index.js';

export interface TestAgent {
  machineId: string;
  token: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON replies.
  post(path: string, body: unknown): Promise<{ status: number; body: any }>;
}

/**
 * A platform with only the fleet module, a manual clock, an admin and helpers to enroll agents and drive
 * the agent API through `app.inject`, the same HTTP path a real agent takes.
 */
export async function createFleetTestKit(options: {
  dialect: DatabaseDialect;
  env?: Record<string, string>;
}) {
  const clock = createManualClock(Date.UTC(2026, 0, 1));
  const platform: TestPlatform = await createTestPlatform({
    dialect: options.dialect,
    clock,
    modules: [fleetModule],
    env: options.env,
  });
  const admin = await platform.login('root');
  const fleet = platform.services.fleet;

  async function request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options: { body?: unknown; authorization?: string; headers?: Record<string, string> } = {},
  ) {
    const response = await platform.app.inject({
      method,
      url,
      payload: options.body as object | undefined,
      headers: { authorization: options.authorization ?? admin.authorization, ...options.headers },
    });
    return {
      status: response.statusCode,
      // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON replies.
      body: response.body ? (response.json() as any) : null,
      headers: response.headers,
    };
  }

  async function enrollAgent(name: string, register: Partial<AgentRegisterRequest> = {}): Promise<TestAgent> {
    const machine = await request('POST', '/api/admin/machines', { body: { name } });
    if (machine.status !== 201) throw new Error(`create machine: ${JSON.stringify(machine.body)}`);
    const enrollment = await request('POST', `/api/admin/machines/${machine.body.id}/enrollment-token`);
    const enrolled = await request('POST', '/agent/v1/enroll', {
      body: { enrollment_token: enrollment.body.token },
      authorization: '',
    });
    const token = enrolled.body.machine_token as string;
    const agent: TestAgent = {
      machineId: machine.body.id,
      token,
      post: async (path, body) => {
        const response = await request('POST', `/agent/v1/${path}`, {
          body,
          authorization: `Bearer ${token}`,
        });
        return { status: response.status, body: response.body };
      },
    };
    const registered = await agent.post('register', { agent_version: '0.1.0', hostname: name, ...register });
    if (registered.status !== 200) throw new Error(`register: ${JSON.stringify(registered.body)}`);
    return agent;
  }

  return {
    platform,
    clock,
    admin,
    fleet,
    request,
    enrollAgent,
    createCommandTask: async (extra: Record<string, unknown> = {}, authorization?: string) => {
      const response = await request('POST', '/api/tasks', {
        body: { type: 'command', command: ['true'], ...extra },
        authorization,
      });
      if (response.status !== 201) throw new Error(`create task: ${JSON.stringify(response.body)}`);
      return response.body as { id: string; state: string };
    },
    claim: async (
      agent: TestAgent,
      claimId = `claim-${Math.random().toString(36).slice(2)}`,
      freeSlots = 1,
    ) =>
      (await agent.post('claim', { claim_id: claimId, free_slots: freeSlots, wait_ms: 0 })).body as {
        tasks: Array<{ task_id: string; attempt_id: string; n: number; lease_expires_at: string }>;
        cancel: Array<{ task_id: string; attempt_id: string }>;
      },
    dispose: () => platform.dispose(),
  };
}

export type FleetTestKit = Awaited<ReturnType<typeof createFleetTestKit>>;
