import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../kernel/db/test-database.js';
import { type GatewayHarness, startGatewayHarness } from '../../gateway-test-harness.js';

describeEachDialect('POST /v1/messages', (dialect) => {
  let harness: GatewayHarness;
  let client: Anthropic;
  beforeAll(async () => {
    harness = await startGatewayHarness({ dialect });
    await harness.createChannel({ type: 'anthropic', base_url: harness.sim.url, models: ['claude-house'] });
    client = new Anthropic({ apiKey: harness.apiKey, baseURL: harness.baseUrl, maxRetries: 0 });
  });
  beforeEach(() => harness.sim.reset());
  afterAll(async () => {
    await harness.dispose();
  });

  it('streams a message with the exact usage from the last message_delta', async () => {
    harness.sim.enqueueReply({
      text: 'Hello from Claude',
      usage: { input: 20, cache_read: 4, cache_write: 2, output: 6 },
    });
    const stream = client.messages.stream({
      model: 'claude-house',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const message = await stream.finalMessage();
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from Claude' });
    expect(harness.sim.requests[0].headers['x-api-key']).toBe('sk-upstream');
    expect(harness.sim.requests[0].headers['anthropic-version']).toBe('2023-06-01');
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({
      inbound: 'anthropic-messages',
      outbound: 'anthropic-messages',
      stream: true,
      usage: { input: 20, cache_read: 4, cache_write: 2, output: 6 },
      usage_source: 'reported',
    });
  });

  it('returns a tool_use block without streaming', async () => {
    harness.sim.enqueueReply({
      toolCalls: [{ name: 'lookup', arguments: { q: 'x' } }],
      finishReason: 'tool_calls',
    });
    const message = await client.messages.create({
      model: 'claude-house',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'look' }],
      tools: [{ name: 'lookup', input_schema: { type: 'object', properties: { q: { type: 'string' } } } }],
    });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({
      name: 'lookup',
      input: { q: 'x' },
    });
  });

  it('counts tokens through an Anthropic channel', async () => {
    const counted = await client.messages.countTokens({
      model: 'claude-house',
      messages: [{ role: 'user', content: 'count me' }],
    });
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect(harness.sim.requests.at(-1)?.path).toBe('/v1/messages/count_tokens');
  });
});
