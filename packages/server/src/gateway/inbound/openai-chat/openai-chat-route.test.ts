import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../kernel/db/test-database.js';
import { type GatewayHarness, startGatewayHarness } from '../../gateway-test-harness.js';

describeEachDialect('POST /v1/chat/completions', (dialect) => {
  let harness: GatewayHarness;
  let client: OpenAI;
  beforeAll(async () => {
    harness = await startGatewayHarness({ dialect });
    await harness.createChannel({ models: ['gpt-4o-mini'] });
    client = new OpenAI({ apiKey: harness.apiKey, baseURL: `${harness.baseUrl}/v1`, maxRetries: 0 });
  });
  beforeEach(() => {
    harness.sim.reset();
  });
  afterAll(async () => {
    await harness.dispose();
  });

  it('answers a non-stream completion and logs the reported usage', async () => {
    harness.sim.enqueueReply({ text: 'Hello there', usage: { input: 11, cache_read: 3, output: 7 } });
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(data.choices[0].message.content).toBe('Hello there');
    expect(Number(response.headers.get('x-switchyard-overhead-ms'))).toBeGreaterThanOrEqual(0);
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({
      model: 'gpt-4o-mini',
      upstream_model: 'gpt-4o-mini',
      inbound: 'openai-chat',
      outbound: 'openai-chat',
      stream: false,
      status: 200,
      error_code: null,
      usage: { input: 11, cache_read: 3, cache_write: 0, output: 7, reasoning: 0 },
      usage_source: 'reported',
      user_id: harness.user.userId,
    });
    expect((log.attempts as unknown[]).length).toBe(1);
  });

  it('asks the upstream for stream usage and strips that chunk when the client did not ask', async () => {
    harness.sim.enqueueReply({ text: 'one two three', usage: { input: 5, output: 3 } });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'count' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('one two three');
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
    expect((harness.sim.requests[0].json as { stream_options?: unknown }).stream_options).toEqual({
      include_usage: true,
    });
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({
      stream: true,
      status: 200,
      usage: { input: 5, output: 3 },
      usage_source: 'reported',
    });
  });

  it('keeps the usage chunk when the client asked for it', async () => {
    harness.sim.enqueueReply({ text: 'ok', usage: { input: 2, output: 1 } });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: unknown;
    for await (const chunk of stream) usage = chunk.usage ?? usage;
    expect(usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 1 });
  });

  it('streams tool calls through to the SDK', async () => {
    harness.sim.enqueueReply({
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
      finishReason: 'tool_calls',
    });
    const stream = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
    });
    const completion = await stream.finalChatCompletion();
    const call = completion.choices[0].message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
  });

  it('forwards the caller body unchanged when nothing must change', async () => {
    const raw =
      '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"x_unknown_field":{"kept":true}}';
    const response = await fetch(`${harness.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.apiKey}`, 'content-type': 'application/json' },
      body: raw,
    });
    expect(response.status).toBe(200);
    expect(harness.sim.requests[0].body.toString('utf8')).toBe(raw);
  });

  it('rewrites the model through the channel model_mapping', async () => {
    await harness.createChannel({
      name: 'mapped',
      models: ['house-model'],
      model_mapping: { 'house-model': 'gpt-5' },
    });
    const completion = await client.chat.completions.create({
      model: 'house-model',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0].message.content).toBeTruthy();
    expect(harness.sim.requests[0].model).toBe('gpt-5');
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({ model: 'house-model', upstream_model: 'gpt-5' });
  });
});
