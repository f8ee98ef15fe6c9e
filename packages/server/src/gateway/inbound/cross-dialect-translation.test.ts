import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../kernel/db/test-database.js';
import { type GatewayHarness, startGatewayHarness } from '../gateway-test-harness.js';

describeEachDialect('requests translated to another dialect', (dialect) => {
  let harness: GatewayHarness;
  let openai: OpenAI;
  beforeAll(async () => {
    harness = await startGatewayHarness({ dialect });
    await harness.createChannel({
      name: 'claude',
      type: 'anthropic',
      base_url: harness.sim.url,
      models: ['claude-house'],
    });
    await harness.createChannel({
      name: 'deepseek',
      type: 'openai-compatible',
      vendor: 'deepseek',
      base_url: `${harness.sim.url}/v1`,
      models: ['deepseek-chat'],
    });
    openai = new OpenAI({ apiKey: harness.apiKey, baseURL: `${harness.baseUrl}/v1`, maxRetries: 0 });
  });
  beforeEach(() => harness.sim.reset());
  afterAll(async () => {
    await harness.dispose();
  });

  it('streams an OpenAI chat request through an Anthropic channel with the same usage', async () => {
    harness.sim.enqueueReply({ text: 'translated hello', usage: { input: 12, output: 4 } });
    const stream = await openai.chat.completions.create({
      model: 'claude-house',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('translated hello');
    expect(harness.sim.requests[0].path).toBe('/v1/messages');
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({
      inbound: 'openai-chat',
      outbound: 'anthropic-messages',
      usage: { input: 12, output: 4 },
      usage_source: 'reported',
    });
  });

  it('answers an Anthropic request from a chat-only channel', async () => {
    const anthropic = new Anthropic({ apiKey: harness.apiKey, baseURL: harness.baseUrl, maxRetries: 0 });
    harness.sim.enqueueReply({ text: 'from deepseek', usage: { input: 7, output: 2 } });
    const message = await anthropic.messages.create({
      model: 'deepseek-chat',
      max_tokens: 20,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'from deepseek' });
    expect(harness.sim.requests[0].path).toBe('/v1/chat/completions');
  });

  it('serves a Responses stream from a chat-only channel', async () => {
    harness.sim.enqueueReply({ text: 'codex ok', usage: { input: 9, output: 3 } });
    const response = await openai.responses.stream({ model: 'deepseek-chat', input: 'hi' }).finalResponse();
    expect(response.output_text).toBe('codex ok');
    expect((harness.sim.requests[0].json as { stream_options?: unknown }).stream_options).toEqual({
      include_usage: true,
    });
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({
      inbound: 'openai-responses',
      outbound: 'openai-chat',
      usage: { input: 9, output: 3 },
      usage_source: 'reported',
    });
  });
});
