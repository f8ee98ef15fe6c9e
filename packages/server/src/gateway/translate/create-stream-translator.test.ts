import { describe, expect, it } from 'vitest';
import { frameRecordedStream, listRecordedFixtures } from '../usage/__fixtures__/recorded-llm-streams.js';
import type { Dialect } from '../usage/llm-dialect.js';
import { createStreamUsageMeter } from '../usage/stream-usage-meter.js';
import type { UsageBuckets } from '../usage/usage-buckets.js';
import { splitSseText, translateRecordedStream } from './__fixtures__/translate-recorded-stream.js';
import { createAnthropicMessagesStreamReader } from './anthropic-messages-stream-to-canonical.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { createStreamTranslator } from './create-stream-translator.js';
import { createGeminiStreamReader } from './gemini-stream-to-canonical.js';
import {
  createOpenAIChatStreamReader,
  type UpstreamStreamReader,
} from './openai-chat-stream-to-canonical.js';

const readers: Partial<Record<Dialect, () => UpstreamStreamReader>> = {
  'openai-chat': createOpenAIChatStreamReader,
  'anthropic-messages': createAnthropicMessagesStreamReader,
  gemini: createGeminiStreamReader,
};

interface StreamSummary {
  text: string;
  reasoning: string;
  toolCalls: { name: string; arguments: unknown }[];
  stopReason: string | undefined;
}

// Reads a stream back into what a client would show: text, reasoning, tool calls, stop reason.
function summarize(dialect: Dialect, wire: string): StreamSummary {
  const read = (readers[dialect] ?? createOpenAIChatStreamReader)();
  const events: CanonicalStreamEvent[] = splitSseText(wire).flatMap((event) => read(event));
  const calls = new Map<number, { name: string; argumentsJson: string }>();
  const summary: StreamSummary = { text: '', reasoning: '', toolCalls: [], stopReason: undefined };
  for (const event of events) {
    if (event.type === 'text_delta') summary.text += event.text;
    if (event.type === 'reasoning_delta') summary.reasoning += event.text;
    if (event.type === 'tool_call_start') calls.set(event.index, { name: event.name, argumentsJson: '' });
    if (event.type === 'tool_call_delta') {
      const call = calls.get(event.index);
      if (call) call.argumentsJson += event.argumentsJson;
    }
    if (event.type === 'finish') summary.stopReason = event.stopReason;
  }
  summary.toolCalls = [...calls.values()].map((call) => ({
    name: call.name,
    arguments: JSON.parse(call.argumentsJson || '{}'),
  }));
  return summary;
}

function meter(dialect: Dialect, wire: string): UsageBuckets | undefined {
  const usageMeter = createStreamUsageMeter(dialect);
  for (const event of splitSseText(wire)) usageMeter.observe(event);
  return usageMeter.result();
}

const translatableFixtures = listRecordedFixtures().filter(
  (fixture) => fixture.chunkLines && readers[fixture.dialect],
);
const targets: Dialect[] = ['openai-chat', 'anthropic-messages', 'gemini', 'openai-responses'];
const pairs = translatableFixtures.flatMap((fixture) =>
  targets.filter((to) => to !== fixture.dialect).map((to) => [fixture.name, fixture.dialect, to] as const),
);

describe(createStreamTranslator.name, () => {
  it.each(pairs)('keeps the exact usage of %s (%s) when translated to %s', (name, from, to) => {
    const source = frameRecordedStream(
      from,
      translatableFixtures.find((fixture) => fixture.name === name)?.chunkLines ?? [],
    );
    const translated = translateRecordedStream({ fixture: name, to });
    const upstreamUsage = meter(from, source);
    expect(upstreamUsage).toBeDefined();
    // Anthropic usage has no reasoning count; the reasoning tokens stay inside output_tokens.
    const expected =
      to === 'anthropic-messages' && upstreamUsage ? { ...upstreamUsage, reasoning: 0 } : upstreamUsage;
    expect(meter(to, translated)).toEqual(expected);
  });

  it.each(pairs.filter(([, , to]) => to !== 'openai-responses'))(
    'keeps the text, reasoning, tool calls and stop reason of %s (%s) when translated to %s',
    (name, from, to) => {
      const source = frameRecordedStream(
        from,
        translatableFixtures.find((fixture) => fixture.name === name)?.chunkLines ?? [],
      );
      const expected = summarize(from, source);
      const actual = summarize(to, translateRecordedStream({ fixture: name, to }));
      // Gemini has no stop_sequence and no tool_use reason; its readers infer them.
      expect(actual.text).toBe(expected.text);
      expect(actual.toolCalls).toEqual(expected.toolCalls);
      expect(actual.reasoning).toBe(expected.reasoning);
      if (to !== 'gemini') expect(actual.stopReason).toBe(expected.stopReason);
    },
  );

  it('leaves out the usage chunk for a chat client that did not ask for it, and still ends with [DONE]', () => {
    const translated = translateRecordedStream({
      fixture: 'anthropic-text',
      to: 'openai-chat',
      includeUsageForClient: false,
    });
    expect(meter('openai-chat', translated)).toBeUndefined();
    expect(translated.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('numbers Responses events from 0 without gaps and pairs every added item with a done item', () => {
    const events = splitSseText(
      translateRecordedStream({ fixture: 'deepseek-tool-call', to: 'openai-responses' }),
    );
    const payloads = events.map((event) => JSON.parse(event.data) as Record<string, unknown>);
    expect(payloads.map((payload) => payload.sequence_number)).toEqual(
      payloads.map((_payload, index) => index),
    );
    expect(events.map((event) => event.event)).toEqual(payloads.map((payload) => payload.type));
    const added = payloads
      .filter((payload) => payload.type === 'response.output_item.added')
      .map((payload) => payload.output_index);
    const done = payloads
      .filter((payload) => payload.type === 'response.output_item.done')
      .map((payload) => payload.output_index);
    expect(added).toEqual([0, 1]);
    expect(done).toEqual([0, 1]);
    expect(payloads[0]?.type).toBe('response.created');
    expect(payloads.at(-1)?.type).toBe('response.completed');
  });

  it('renders a length stop as response.incomplete with max_output_tokens', () => {
    const events = splitSseText(
      translateRecordedStream({ fixture: 'deepseek-text', to: 'openai-responses' }),
    );
    const last = JSON.parse(events.at(-1)?.data ?? '{}') as {
      type: string;
      response: { status: string; incomplete_details: unknown };
    };
    expect(last.type).toBe('response.incomplete');
    expect(last.response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
  });

  it('turns an Anthropic error event into the chat error chunk and ignores what follows', () => {
    const translator = createStreamTranslator({
      from: 'anthropic-messages',
      to: 'openai-chat',
      requestedModel: 'm',
      includeUsageForClient: true,
    });
    const error = translator.push({
      event: 'error',
      data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    });
    expect(JSON.parse(splitSseText(error)[0]?.data ?? '{}')).toEqual({
      error: { message: 'Overloaded', type: 'server_error', code: 'overloaded_error', param: null },
    });
    expect(translator.finish()).toBe('');
  });

  it.each([
    [
      'openai-chat',
      { error: { message: 'boom', type: 'server_error', code: 'upstream_error', param: null } },
    ],
    ['anthropic-messages', { type: 'error', error: { type: 'overloaded_error', message: 'boom' } }],
    ['gemini', { error: { code: 503, message: 'boom', status: 'UNAVAILABLE' } }],
  ] as const)('renders fail() as the %s error event', (to, expected) => {
    const translator = createStreamTranslator({
      from: 'openai-chat',
      to,
      requestedModel: 'm',
      includeUsageForClient: true,
    });
    translator.push({ event: undefined, data: '{"choices":[{"index":0,"delta":{"content":"hi"}}]}' });
    const events = splitSseText(translator.fail({ status: 503, message: 'boom' }));
    expect(JSON.parse(events.at(-1)?.data ?? '{}')).toEqual(expected);
  });

  it('renders fail() for a Responses client as an error event then response.failed', () => {
    const translator = createStreamTranslator({
      from: 'openai-chat',
      to: 'openai-responses',
      requestedModel: 'm',
      includeUsageForClient: true,
    });
    translator.push({ event: undefined, data: '{"choices":[{"index":0,"delta":{"content":"hi"}}]}' });
    const events = splitSseText(translator.fail({ status: 502, message: 'upstream went away' }));
    expect(events.slice(-2).map((event) => event.event)).toEqual(['error', 'response.failed']);
    const failed = JSON.parse(events.at(-1)?.data ?? '{}') as {
      response: { status: string; error: unknown; output: unknown[] };
    };
    expect(failed.response.status).toBe('failed');
    expect(failed.response.error).toEqual({ code: 'server_error', message: 'upstream went away' });
    expect(failed.response.output).toHaveLength(1);
  });

  it('rejects a Responses upstream, which no channel speaks', () => {
    expect(() =>
      createStreamTranslator({
        from: 'openai-responses',
        to: 'openai-chat',
        requestedModel: 'm',
        includeUsageForClient: false,
      }),
    ).toThrow(/cannot be sent/);
  });
});
