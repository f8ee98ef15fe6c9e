import { describe, expect, it } from 'vitest';
import { listRecordedFixtures, loadRecordedFixture } from '../usage/__fixtures__/recorded-llm-streams.js';
import { extractResponseUsage } from '../usage/extract-response-usage.js';
import type { Dialect } from '../usage/llm-dialect.js';
import { translateResponse } from './translate-response.js';

const upstreamDialects: Dialect[] = ['openai-chat', 'anthropic-messages', 'gemini'];
const targets: Dialect[] = ['openai-chat', 'anthropic-messages', 'gemini', 'openai-responses'];
// Bodies that are replies (not error bodies) in a dialect that an upstream channel speaks.
const replyFixtures = listRecordedFixtures().filter(
  (fixture) =>
    fixture.body !== undefined &&
    upstreamDialects.includes(fixture.dialect) &&
    extractResponseUsage(fixture.dialect, fixture.body),
);
const pairs = replyFixtures.flatMap((fixture) =>
  targets.filter((to) => to !== fixture.dialect).map((to) => [fixture.name, fixture.dialect, to] as const),
);

describe(translateResponse.name, () => {
  it.each(pairs)('keeps the exact usage of %s (%s) when translated to %s', (name, from, to) => {
    const body = loadRecordedFixture(name).body;
    const upstreamUsage = extractResponseUsage(from, body);
    const translated = translateResponse({ from, to, body, requestedModel: 'gateway-model' });
    // Anthropic usage has no reasoning count; the reasoning tokens stay inside output_tokens.
    expect(extractResponseUsage(to, translated)).toEqual(
      to === 'anthropic-messages' && upstreamUsage ? { ...upstreamUsage, reasoning: 0 } : upstreamUsage,
    );
  });

  it('renders an Anthropic tool_use reply as chat tool_calls with finish_reason tool_calls', () => {
    const translated = translateResponse({
      from: 'anthropic-messages',
      to: 'openai-chat',
      body: loadRecordedFixture('anthropic-tool-no-args').body,
      requestedModel: 'gateway-model',
    });
    expect(translated).toMatchObject({
      object: 'chat.completion',
      model: 'gateway-model',
      choices: [
        {
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            tool_calls: [{ type: 'function', function: { name: 'updateIssueList', arguments: '{}' } }],
          },
        },
      ],
    });
  });

  it('renders a Gemini function call as an Anthropic tool_use block with stop_reason tool_use', () => {
    const translated = translateResponse({
      from: 'gemini',
      to: 'anthropic-messages',
      body: loadRecordedFixture('google-tool-call').body,
      requestedModel: 'gateway-model',
    });
    expect(translated).toMatchObject({
      type: 'message',
      stop_reason: 'tool_use',
      content: [{ type: 'tool_use', name: 'weather', input: { location: 'San Francisco' } }],
    });
  });

  it('renders a chat reply as Gemini parts, reasoning marked as thought', () => {
    const translated = translateResponse({
      from: 'openai-chat',
      to: 'gemini',
      body: loadRecordedFixture('deepseek-tool-call').body,
      requestedModel: 'gateway-model',
    });
    const parts =
      (translated.candidates as { content: { parts: Record<string, unknown>[] } }[])[0]?.content.parts ?? [];
    expect(parts[0]?.thought).toBe(true);
    expect(parts.at(-1)).toEqual({ functionCall: { name: 'weather', args: { location: 'San Francisco' } } });
  });

  it('renders a chat tool call for a Responses client as a function_call item, or a custom_tool_call when declared custom', () => {
    const body = loadRecordedFixture('moonshotai-tool-call').body;
    const plain = translateResponse({
      from: 'openai-chat',
      to: 'openai-responses',
      body,
      requestedModel: 'gateway-model',
    });
    expect(plain).toMatchObject({
      object: 'response',
      status: 'completed',
      output: [
        { type: 'function_call', call_id: 'call_abc123', name: 'get_weather', arguments: '{"city":"Paris"}' },
      ],
    });
    const requestBody = { tools: [{ type: 'custom', name: 'get_weather' }] };
    const custom = translateResponse({
      from: 'openai-chat',
      to: 'openai-responses',
      body,
      requestedModel: 'gateway-model',
      requestBody,
    });
    // Not wrapped as {"input": …}, so the arguments pass through as the raw input.
    expect(custom).toMatchObject({
      output: [{ type: 'custom_tool_call', name: 'get_weather', input: '{"city":"Paris"}' }],
    });
  });

  it('maps a length stop to Anthropic max_tokens and to a Responses incomplete status', () => {
    const body = loadRecordedFixture('deepseek-text').body as Record<string, unknown>;
    const stopBody = {
      ...body,
      choices: [{ index: 0, message: { role: 'assistant', content: 'x' }, finish_reason: 'stop' }],
    };
    expect(
      translateResponse({
        from: 'openai-chat',
        to: 'anthropic-messages',
        body: stopBody,
        requestedModel: 'm',
      }).stop_reason,
    ).toBe('end_turn');
    const lengthBody = {
      ...body,
      choices: [{ index: 0, message: { role: 'assistant', content: 'x' }, finish_reason: 'length' }],
    };
    expect(
      translateResponse({
        from: 'openai-chat',
        to: 'anthropic-messages',
        body: lengthBody,
        requestedModel: 'm',
      }).stop_reason,
    ).toBe('max_tokens');
    expect(
      translateResponse({
        from: 'openai-chat',
        to: 'openai-responses',
        body: lengthBody,
        requestedModel: 'm',
      }),
    ).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
  });
});
