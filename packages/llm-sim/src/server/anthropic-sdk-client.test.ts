import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LlmSim, startLlmSim } from './llm-sim-server.js';

let sim: LlmSim;
let client: Anthropic;

beforeAll(async () => {
  sim = await startLlmSim({ apiKeys: ['sk-ant-good'] });
  client = new Anthropic({ apiKey: 'sk-ant-good', baseURL: sim.url, maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const userMessage = [{ role: 'user' as const, content: 'hello there' }];

describe('anthropic messages', () => {
  it('returns a non-stream message with cache buckets kept out of input_tokens', async () => {
    sim.enqueueReply({ text: 'Hi!', usage: { input: 4, cache_read: 100, cache_write: 20, output: 2 } });
    const message = await client.messages.create({
      model: 'claude-test',
      max_tokens: 50,
      messages: userMessage,
    });
    expect(message.content).toEqual([{ type: 'text', text: 'Hi!' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({
      input_tokens: 4,
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 20,
      output_tokens: 2,
    });
  });

  it('streams thinking, text and a tool_use block the SDK accumulates', async () => {
    sim.enqueueReply({
      reasoning: 'let me see',
      text: 'Calling.',
      toolCalls: [{ name: 'lookup', arguments: { q: 'x' } }],
    });
    const stream = client.messages.stream({ model: 'claude-test', max_tokens: 50, messages: userMessage });
    const eventTypes: string[] = [];
    stream.on('streamEvent', (event) => eventTypes.push(event.type));
    const final = await stream.finalMessage();
    expect(final.content.map((block) => block.type)).toEqual(['thinking', 'text', 'tool_use']);
    expect(final.content[2]).toMatchObject({ type: 'tool_use', name: 'lookup', input: { q: 'x' } });
    expect(final.stop_reason).toBe('tool_use');
    // 3 thinking deltas + 1 text delta + 1 argument delta.
    expect(final.usage.output_tokens).toBe(5);
    expect(eventTypes[0]).toBe('message_start');
    expect(eventTypes.slice(-2)).toEqual(['message_delta', 'message_stop']);
  });

  it('counts tokens from the prompt text', async () => {
    const counted = await client.messages.countTokens({ model: 'claude-test', messages: userMessage });
    expect(counted.input_tokens).toBe(3);
  });

  it('raises AuthenticationError with the authentication_error type for a wrong key', async () => {
    const stranger = new Anthropic({ apiKey: 'sk-ant-bad', baseURL: sim.url, maxRetries: 0 });
    const error = await stranger.messages
      .create({ model: 'm', max_tokens: 5, messages: userMessage })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it.each([
    [403, 'permission_error', Anthropic.PermissionDeniedError],
    [429, 'rate_limit_error', Anthropic.RateLimitError],
    [500, 'api_error', Anthropic.InternalServerError],
    [503, 'api_error', Anthropic.InternalServerError],
  ])('maps a scripted %i to a %s body and the matching SDK error', async (status, type, errorClass) => {
    sim.enqueueReply({ fault: { status, retryAfterSeconds: 2 } });
    const error = await client.messages
      .create({ model: 'm', max_tokens: 5, messages: userMessage })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(errorClass);
    expect(error.status).toBe(status);
    expect(error.error.error.type).toBe(type);
  });

  it('lists models in the Anthropic shape when anthropic-version is sent', async () => {
    const page = await client.models.list();
    expect(page.data[0]).toMatchObject({ type: 'model', id: 'gpt-4o-mini' });
  });
});
