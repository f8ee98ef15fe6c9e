import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LlmSim, startLlmSim } from './llm-sim-server.js';

let sim: LlmSim;
let client: OpenAI;

beforeAll(async () => {
  sim = await startLlmSim({ apiKeys: ['sk-good'] });
  client = new OpenAI({ apiKey: 'sk-good', baseURL: `${sim.url}/v1`, maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('openai chat completions', () => {
  it('returns a scripted text reply with usage computed from deltas and prompt length', async () => {
    sim.enqueueReply({ text: 'one two three' });
    const completion = await client.chat.completions.create({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'abcdefgh' }],
    });
    expect(completion.choices[0].message.content).toBe('one two three');
    expect(completion.model).toBe('gpt-test');
    expect(completion.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
  });

  it('streams deltas and sends the usage chunk only when include_usage is set', async () => {
    sim.enqueueReply({ text: 'alpha beta', usage: { input: 7, cache_read: 3, output: 9, reasoning: 4 } });
    const stream = await client.chat.completions.create({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('alpha beta');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toMatchObject({
      prompt_tokens: 10,
      completion_tokens: 9,
      prompt_tokens_details: { cached_tokens: 3 },
      completion_tokens_details: { reasoning_tokens: 4 },
    });

    sim.enqueueReply({ text: 'alpha beta' });
    const plain = await client.chat.completions.create({ model: 'gpt-test', messages: [], stream: true });
    const plainChunks = [];
    for await (const chunk of plain) plainChunks.push(chunk);
    expect(plainChunks.every((chunk) => chunk.usage === undefined && chunk.choices.length === 1)).toBe(true);
  });

  it('streams a tool call that the SDK reassembles into name and arguments', async () => {
    sim.enqueueReply({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris', days: 3 } }] });
    const runner = client.chat.completions.stream({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'x' }],
    });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0].message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      city: 'Paris',
      days: 3,
    });
    expect(final.choices[0].finish_reason).toBe('tool_calls');
  });

  it('raises AuthenticationError for a wrong key', async () => {
    const stranger = new OpenAI({ apiKey: 'sk-bad', baseURL: `${sim.url}/v1`, maxRetries: 0 });
    await expect(stranger.chat.completions.create({ model: 'm', messages: [] })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
  });

  it('raises RateLimitError with Retry-After for a scripted 429', async () => {
    sim.enqueueReply({ fault: { status: 429, retryAfterSeconds: 7 } });
    const error = await client.chat.completions
      .create({ model: 'm', messages: [] })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.headers.get('retry-after')).toBe('7');
    expect(error.code).toBe('rate_limit_exceeded');
  });
});

describe('openai responses', () => {
  it('returns a non-stream response with cached and reasoning usage', async () => {
    sim.enqueueReply({ text: 'done', usage: { input: 5, cache_read: 10, output: 6, reasoning: 2 } });
    const response = await client.responses.create({ model: 'gpt-test', input: 'hello' });
    expect(response.output_text).toBe('done');
    expect(response.usage).toMatchObject({
      input_tokens: 15,
      input_tokens_details: { cached_tokens: 10 },
      output_tokens: 6,
      output_tokens_details: { reasoning_tokens: 2 },
      total_tokens: 21,
    });
  });

  it('streams the full event sequence with text, reasoning and a function call', async () => {
    sim.enqueueReply({
      reasoning: 'think',
      text: 'Hi there',
      toolCalls: [{ name: 'run', arguments: { cmd: 'ls' } }],
    });
    const stream = await client.responses.create({ model: 'gpt-test', input: 'hello', stream: true });
    const types: string[] = [];
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.completed') completed = event.response;
    }
    expect(types.slice(0, 2)).toEqual(['response.created', 'response.in_progress']);
    for (const type of [
      'response.reasoning_summary_text.delta',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
    ]) {
      expect(types).toContain(type);
    }
    expect(types.at(-1)).toBe('response.completed');
    const message = completed?.output.find((item) => item.type === 'message');
    expect(message?.type === 'message' && message.content[0]).toMatchObject({
      type: 'output_text',
      text: 'Hi there',
    });
    const call = completed?.output.find((item) => item.type === 'function_call');
    expect(call?.type === 'function_call' && JSON.parse(call.arguments)).toEqual({ cmd: 'ls' });
  });
});

describe('openai embeddings and models', () => {
  it('returns deterministic embeddings the SDK decodes from base64', async () => {
    const first = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] });
    const again = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a'] });
    expect(first.data).toHaveLength(2);
    expect(first.data[0].embedding).toHaveLength(8);
    expect(again.data[0].embedding).toEqual(first.data[0].embedding);
    expect(first.data[0].embedding).not.toEqual(first.data[1].embedding);
    expect(first.usage.prompt_tokens).toBe(1);
  });

  it('lists the configured models', async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toContain('gpt-4o-mini');
  });
});
