import { type LlmSim, startLlmSim } from '@switchyard/llm-sim';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createManualClock } from '../../kernel/clock.js';
import { describeEachDialect } from '../../kernel/db/test-database.js';
import { type GatewayHarness, startGatewayHarness } from '../gateway-test-harness.js';
import { createSeededRandom } from './pick-weighted-channel.js';

describeEachDialect('channel routing and failover', (dialect) => {
  const clock = createManualClock();
  let harness: GatewayHarness;
  let backup: LlmSim;
  let client: OpenAI;
  let channelIds: string[] = [];

  beforeAll(async () => {
    harness = await startGatewayHarness({ dialect, clock, random: createSeededRandom(42) });
    backup = await startLlmSim();
    client = new OpenAI({ apiKey: harness.apiKey, baseURL: `${harness.baseUrl}/v1`, maxRetries: 0 });
  });
  beforeEach(() => {
    harness.sim.reset();
    backup.reset();
  });
  afterEach(async () => {
    for (const id of channelIds)
      await harness.platform.app.inject({
        method: 'DELETE',
        url: `/api/admin/channels/${id}`,
        headers: harness.admin,
      });
    channelIds = [];
  });
  afterAll(async () => {
    await harness.dispose();
    await backup.close();
  });

  const addChannel = async (fields: Record<string, unknown>) => {
    const channel = await harness.createChannel(fields);
    channelIds.push(channel.id);
    return channel;
  };
  // A (priority 1) on the main sim is tried first; B (priority 0) on the backup sim takes over.
  const addPrimaryAndBackup = async (primaryFields: Record<string, unknown> = {}) => ({
    primary: await addChannel({ name: 'A', priority: 1, ...primaryFields }),
    backup: await addChannel({ name: 'B', priority: 0, base_url: `${backup.url}/v1` }),
  });
  const chat = () =>
    client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });

  it('splits 1000 requests about 80/20 between weights 80 and 20', async () => {
    await addChannel({ name: 'A', weight: 80, keys: ['sk-a'] });
    await addChannel({ name: 'B', weight: 20, keys: ['sk-b'] });
    for (let batch = 0; batch < 100; batch += 1) {
      await Promise.all(
        Array.from({ length: 10 }, () =>
          fetch(`${harness.baseUrl}/v1/chat/completions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${harness.apiKey}`, 'content-type': 'application/json' },
            body: '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}]}',
          }).then((response) => response.arrayBuffer()),
        ),
      );
    }
    const shareOfA =
      harness.sim.requests.filter((request) => request.headers.authorization === 'Bearer sk-a').length / 1000;
    expect(harness.sim.requests).toHaveLength(1000);
    expect(shareOfA).toBeGreaterThanOrEqual(0.75);
    expect(shareOfA).toBeLessThanOrEqual(0.85);
  });

  it('never picks a weight-0 channel while another has weight', async () => {
    await addChannel({ name: 'A', weight: 1, keys: ['sk-a'] });
    await addChannel({ name: 'Z', weight: 0, keys: ['sk-z'] });
    for (let index = 0; index < 20; index += 1) await chat();
    expect(harness.sim.requests.every((request) => request.headers.authorization === 'Bearer sk-a')).toBe(
      true,
    );
  });

  it('fails over to the next channel when the first answers 500', async () => {
    const { primary, backup: second } = await addPrimaryAndBackup();
    harness.sim.setFaults({ default: { status: 500 } });
    await chat();
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({ status: 200, channel_id: second.id });
    expect(log.attempts).toMatchObject([
      { channel_id: primary.id, status: 500 },
      { channel_id: second.id, status: 200 },
    ]);
  });

  it('fails over when the first channel hangs past its timeout', async () => {
    const { backup: second } = await addPrimaryAndBackup({ timeout_ms: 150 });
    harness.sim.setFaults({ default: { hang: true } });
    await chat();
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({ status: 200, channel_id: second.id });
    expect((log.attempts as Array<{ error: string }>)[0].error).toMatch(/no response within 150 ms/);
  });

  it('cools a channel for its Retry-After on 429 and uses it again afterwards', async () => {
    const { primary, backup: second } = await addPrimaryAndBackup();
    harness.sim.setFaults({ default: { status: 429, retryAfterSeconds: 30 } });
    await chat();
    harness.sim.setFaults({});
    await chat();
    let [log] = await harness.listLogs();
    expect(log.attempts).toMatchObject([{ channel_id: second.id }]);
    clock.advanceMs(30_001);
    await chat();
    [log] = await harness.listLogs();
    expect(log).toMatchObject({ channel_id: primary.id });
  });

  it('cools a channel after repeated 5xx failures and recovers after the cooldown', async () => {
    const { primary, backup: second } = await addPrimaryAndBackup();
    harness.sim.setFaults({ default: { status: 503 } });
    for (let index = 0; index < 3; index += 1) await chat();
    harness.sim.setFaults({});
    await chat();
    let [log] = await harness.listLogs();
    expect(log.attempts).toMatchObject([{ channel_id: second.id }]);
    clock.advanceMs(30_001);
    await chat();
    [log] = await harness.listLogs();
    expect(log.channel_id).toBe(primary.id);
  });

  it('auto-disables a channel whose key the upstream rejects with 401, with the reason', async () => {
    const { primary, backup: second } = await addPrimaryAndBackup();
    harness.sim.setFaults({ default: { status: 401 } });
    await chat();
    const [log] = await harness.listLogs();
    expect(log.channel_id).toBe(second.id);
    const channel = (
      await harness.platform.app.inject({
        method: 'GET',
        url: `/api/admin/channels/${primary.id}`,
        headers: harness.admin,
      })
    ).json();
    expect(channel.status).toBe('auto_disabled');
    expect(channel.status_reason).toMatch(/HTTP 401/);
  });

  it('answers 503 with Retry-After when every channel is cooling', async () => {
    await addChannel({ name: 'A' });
    harness.sim.setFaults({ default: { status: 429, retryAfterSeconds: 20 } });
    const first = await chat().catch((error) => error);
    expect(first).toBeInstanceOf(OpenAI.APIError);
    expect(first.status).toBe(503);
    const second = await chat().catch((error) => error);
    expect(second.status).toBe(503);
    expect(second.error.code).toBe('channel_unavailable');
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(19);
    expect(harness.sim.requests).toHaveLength(1);
  });

  it('tries at most the configured number of channels', async () => {
    for (const name of ['A', 'B', 'C', 'D']) await addChannel({ name });
    harness.sim.setFaults({ default: { status: 500 } });
    await chat().catch(() => undefined);
    expect(harness.sim.requests).toHaveLength(3);
  });
});
