import { type LlmSim, type LlmSimOptions, startLlmSim } from '@switchyard/llm-sim';
import type { Clock } from '../kernel/clock.js';
import type { DatabaseDialect } from '../kernel/db/database.js';
import type { PlatformModule } from '../platform/platform-context.js';
import { createTestPlatform, type TestPlatform } from '../platform/test-platform.js';
import { createGatewayModule } from './index.js';

export interface GatewayHarness {
  platform: TestPlatform;
  /** The gateway's base URL (http://127.0.0.1:port). */
  baseUrl: string;
  sim: LlmSim;
  admin: { authorization: string; userId: string };
  user: { authorization: string; userId: string };
  /** An sk- key of `user` in group default with no limits. */
  apiKey: string;
  createChannel(fields: Record<string, unknown>): Promise<{ id: string } & Record<string, unknown>>;
  createApiKey(fields?: Record<string, unknown>): Promise<string>;
  /** Flushes the batched log writer, then reads the admin log view. */
  listLogs(query?: string): Promise<Array<Record<string, unknown>>>;
  dispose(): Promise<void>;
}

/** A listening platform with the gateway, one admin, one user with a key, and an llm-sim upstream. */
export async function startGatewayHarness(options: {
  dialect: DatabaseDialect;
  clock?: Clock;
  random?: () => number;
  env?: Record<string, string>;
  sim?: LlmSimOptions;
  /** Modules that start after the gateway (e.g. billing). */
  extraModules?: PlatformModule[];
}): Promise<GatewayHarness> {
  const sim = await startLlmSim(options.sim);
  const platform = await createTestPlatform({
    dialect: options.dialect,
    clock: options.clock,
    env: options.env,
    modules: [createGatewayModule({ random: options.random }), ...(options.extraModules ?? [])],
  });
  const baseUrl = await platform.listen();
  const admin = await platform.login('root');
  const user = await platform.login('alice');
  const inject = async (
    method: 'GET' | 'POST',
    url: string,
    headers: { authorization: string },
    payload?: unknown,
  ) => {
    const response = await platform.app.inject({ method, url, headers, payload: payload as object });
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url} → ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const createApiKey = async (fields: Record<string, unknown> = {}) =>
    (await inject('POST', '/api/keys', user, { name: 'test', ...fields })).key as string;
  return {
    platform,
    baseUrl,
    sim,
    admin,
    user,
    apiKey: await createApiKey(),
    createChannel: (fields) =>
      inject('POST', '/api/admin/channels', admin, {
        name: 'sim',
        type: 'openai',
        base_url: `${sim.url}/v1`,
        keys: ['sk-upstream'],
        models: ['gpt-4o-mini'],
        ...fields,
      }),
    createApiKey,
    async listLogs(query = '') {
      await platform.services.gateway.flush();
      return (await inject('GET', `/api/admin/logs${query}`, admin)).items;
    },
    async dispose() {
      await sim.close();
      await platform.dispose();
    },
  };
}
