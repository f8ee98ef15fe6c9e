import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LlmSim, startLlmSim } from '../server/llm-sim-server.js';
import type { SimReply, UsageBuckets } from '../sim-types.js';
import { estimatePromptTokens } from './estimate-prompt-tokens.js';
import { splitIntoDeltas } from './resolve-reply.js';

let sim: LlmSim;
beforeAll(async () => {
  sim = await startLlmSim();
});
afterAll(() => sim.close());

// Four dialects' events are read loosely on purpose.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Json = Record<string, any>;

function dataPayloads(text: string): Json[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((event) =>
      event
        .split(/\r?\n/)
        .find((line) => line.startsWith('data: '))
        ?.slice(6),
    )
    .filter((payload): payload is string => payload !== undefined && payload !== '[DONE]')
    .map((payload) => JSON.parse(payload));
}

// The metering rules per dialect; all four must agree on the buckets of one scripted reply.
const meters: Record<string, { path: string; body: Json; read(events: Json[]): UsageBuckets }> = {
  chat: {
    path: '/v1/chat/completions',
    body: { model: 'm', stream: true, stream_options: { include_usage: true } },
    read: (events) => {
      const usage = events.findLast((event) => event.usage)!.usage;
      const cached = usage.prompt_tokens_details.cached_tokens;
      const reasoning = usage.completion_tokens_details.reasoning_tokens;
      return {
        input: usage.prompt_tokens - cached,
        cache_read: cached,
        cache_write: 0,
        output: usage.completion_tokens,
        reasoning,
      };
    },
  },
  responses: {
    path: '/v1/responses',
    body: { model: 'm', stream: true },
    read: (events) => {
      const usage = events.findLast((event) => event.type === 'response.completed')!.response.usage;
      const cached = usage.input_tokens_details.cached_tokens;
      const reasoning = usage.output_tokens_details.reasoning_tokens;
      return {
        input: usage.input_tokens - cached,
        cache_read: cached,
        cache_write: 0,
        output: usage.output_tokens,
        reasoning,
      };
    },
  },
  anthropic: {
    path: '/v1/messages',
    body: { model: 'm', stream: true },
    read: (events) => {
      const usage = events.findLast((event) => event.type === 'message_delta')!.usage;
      return {
        input: usage.input_tokens,
        cache_read: usage.cache_read_input_tokens,
        cache_write: usage.cache_creation_input_tokens,
        output: usage.output_tokens,
        reasoning: 0,
      };
    },
  },
  gemini: {
    path: '/v1beta/models/m:streamGenerateContent?alt=sse',
    body: {},
    read: (events) => {
      const usage = events.at(-1)!.usageMetadata;
      const cached = usage.cachedContentTokenCount ?? 0;
      const thoughts = usage.thoughtsTokenCount ?? 0;
      return {
        input: usage.promptTokenCount - cached,
        cache_read: cached,
        cache_write: 0,
        output: usage.candidatesTokenCount + thoughts,
        reasoning: thoughts,
      };
    },
  },
};

async function meterReply(protocol: string, reply: SimReply): Promise<UsageBuckets> {
  const meter = meters[protocol];
  sim.enqueueReply(reply);
  const response = await fetch(`${sim.url}${meter.path}`, {
    method: 'POST',
    body: JSON.stringify(meter.body),
  });
  return meter.read(dataPayloads(await response.text()));
}

describe('one scripted reply in every protocol', () => {
  it.each(Object.keys(meters))('meters the same buckets through %s', async (protocol) => {
    const reply: SimReply = {
      text: 'x y',
      reasoning: 'r',
      usage: { input: 11, cache_read: 5, output: 40, reasoning: 30 },
    };
    const usage = await meterReply(protocol, reply);
    // Anthropic is the only dialect without a reasoning count; everything else must match exactly.
    expect(usage).toEqual({
      input: 11,
      cache_read: 5,
      cache_write: 0,
      output: 40,
      reasoning: protocol === 'anthropic' ? 0 : 30,
    });
  });

  it.each(Object.keys(meters))('streams the scripted text unchanged through %s', async (protocol) => {
    sim.enqueueReply({ text: 'Hello, wire world!', deltaCount: 3 });
    const meter = meters[protocol];
    const response = await fetch(`${sim.url}${meter.path}`, {
      method: 'POST',
      body: JSON.stringify(meter.body),
    });
    const events = dataPayloads(await response.text());
    const text = events
      .map(
        (event) =>
          event.choices?.[0]?.delta?.content ??
          (event.type === 'response.output_text.delta' ? event.delta : undefined) ??
          (event.delta?.type === 'text_delta' ? event.delta.text : undefined) ??
          event.candidates?.[0]?.content?.parts?.[0]?.text ??
          '',
      )
      .join('');
    expect(text).toBe('Hello, wire world!');
  });

  it('sends an Anthropic ping after the first content block starts', async () => {
    sim.enqueueReply({ text: 'a' });
    const response = await fetch(`${sim.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', stream: true }),
    });
    const names = (await response.text())
      .split('\n')
      .filter((line) => line.startsWith('event: '))
      .map((line) => line.slice(7));
    expect(names).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });
});

describe(splitIntoDeltas.name, () => {
  it('splits into words by default and into near-equal parts when a count is given', () => {
    expect(splitIntoDeltas('one two  three', undefined)).toEqual(['one ', 'two  ', 'three']);
    expect(splitIntoDeltas('abcdef', 4)).toEqual(['a', 'bc', 'd', 'ef']);
    expect(splitIntoDeltas('', 3)).toEqual([]);
  });
});

describe(estimatePromptTokens.name, () => {
  it('counts prompt text in every dialect at four characters per token, ignoring roles', () => {
    expect(estimatePromptTokens({ messages: [{ role: 'user', content: '12345678' }] })).toBe(2);
    expect(estimatePromptTokens({ contents: [{ role: 'user', parts: [{ text: '123456789' }] }] })).toBe(3);
    expect(estimatePromptTokens({ model: 'only-a-model' })).toBe(1);
  });
});
