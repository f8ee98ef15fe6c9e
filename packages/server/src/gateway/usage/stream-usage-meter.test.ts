import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSseEventSplitter, type SseEvent } from '../sse/sse-event-splitter.js';
import { frameRecordedStream, listRecordedFixtures } from './__fixtures__/recorded-llm-streams.js';
import type { Dialect } from './llm-dialect.js';
import { createStreamUsageMeter } from './stream-usage-meter.js';
import type { UsageBuckets } from './usage-buckets.js';

function usage(input: number, output: number, extra: Partial<UsageBuckets> = {}): UsageBuckets {
  return { input, cache_read: 0, cache_write: 0, output, reasoning: 0, ...extra };
}

// Derived by reading each recording's last usage-bearing event:
// chat input = prompt_tokens - cached; Responses input = input_tokens - cached_tokens;
// Anthropic input = input_tokens (cache apart); Gemini output = candidates + thoughts.
const expectedStreamUsage: Record<string, UsageBuckets | undefined> = {
  'alibaba-text': usage(18, 779),
  'alibaba-tool-call': usage(295, 22),
  'anthropic-clear-thinking.1': usage(69, 53),
  'anthropic-json-tool.1': usage(849, 47),
  // message_start says 43 input tokens; the final message_delta restates 61, which wins.
  'anthropic-message-delta-input-tokens': usage(61, 2),
  'anthropic-refusal': usage(18, 5),
  'anthropic-text': usage(12, 30),
  'anthropic-tool-no-args': usage(565, 48),
  'deepseek-text': usage(13, 400),
  'deepseek-tool-call': usage(19, 83, { cache_read: 320, reasoning: 39 }),
  'google-reasoning': usage(9, 285, { reasoning: 256 }),
  // Early chunks carry usageMetadata with only trafficType; the last one has the counts.
  'google-stream-tool-call-arguments': usage(26, 155, { reasoning: 132 }),
  'google-text': usage(9, 208, { reasoning: 185 }),
  'google-tool-call': usage(29, 60, { reasoning: 45 }),
  // Usage rides on the finish chunk itself.
  'moonshotai-stream': usage(9, 12, { reasoning: 7 }),
  'openai-custom-tool.1': usage(50, 20),
  // response.failed carries "usage": null.
  'openai-error.1': undefined,
  // Four tool-loop responses recorded back to back; the last response.completed wins.
  'openai-reasoning-encrypted-content.1': usage(299, 12),
  'openai-text': usage(16, 300),
  // response.completed is missing its final "}" as recorded; the usage object itself is intact.
  'parallel-tool-call-wrapper.1': usage(34, 28),
};

function meterWire(dialect: Dialect, wire: string): UsageBuckets | undefined {
  const meter = createStreamUsageMeter(dialect);
  const splitter = createSseEventSplitter((event) => meter.observe(event));
  splitter.push(new TextEncoder().encode(wire));
  splitter.end();
  return meter.result();
}

const streamFixtures = listRecordedFixtures().filter((fixture) => fixture.chunkLines);

describe(createStreamUsageMeter.name, () => {
  it('has an expectation for every recorded stream', () => {
    expect(streamFixtures.map((fixture) => fixture.name).sort()).toEqual(
      Object.keys(expectedStreamUsage).sort(),
    );
  });

  it.each(streamFixtures.map((fixture) => [fixture.name, fixture] as const))(
    'meters the last cumulative usage of %s',
    (name, fixture) => {
      const wire = frameRecordedStream(fixture.dialect, fixture.chunkLines ?? []);
      expect(meterWire(fixture.dialect, wire)).toEqual(expectedStreamUsage[name]);
    },
  );

  it('meters data-only events without event names the same way', () => {
    for (const fixture of streamFixtures) {
      const meter = createStreamUsageMeter(fixture.dialect);
      for (const data of fixture.chunkLines ?? []) meter.observe({ event: undefined, data });
      expect(meter.result(), fixture.name).toEqual(expectedStreamUsage[fixture.name]);
    }
  });

  it.each([['codex-text-response.sse'], ['codex-tool-call-response.sse']])(
    'meters cached and reasoning tokens of the Codex capture %s',
    (file) => {
      const wire = readFileSync(new URL(`../translate/__fixtures__/codex/${file}`, import.meta.url), 'utf8');
      expect(meterWire('openai-responses', wire)).toEqual(usage(234, 56, { cache_read: 1000, reasoning: 7 }));
    },
  );

  it('keeps cache buckets from message_start when message_delta omits them', () => {
    const meter = createStreamUsageMeter('anthropic-messages');
    const start = {
      type: 'message_start',
      message: {
        usage: {
          input_tokens: 5,
          cache_read_input_tokens: 100,
          cache_creation_input_tokens: 40,
          output_tokens: 1,
        },
      },
    };
    const delta = { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 17 } };
    const events: SseEvent[] = [
      { event: 'message_start', data: JSON.stringify(start) },
      {
        event: 'content_block_delta',
        data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\\"usage\\": {"}}',
      },
      { event: 'message_delta', data: JSON.stringify(delta) },
    ];
    for (const event of events) meter.observe(event);
    expect(meter.result()).toEqual(usage(5, 17, { cache_read: 100, cache_write: 40 }));
  });

  it('ignores a malformed event and a usage object without counts', () => {
    const meter = createStreamUsageMeter('gemini');
    meter.observe({
      event: undefined,
      data: '{"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":4}}',
    });
    meter.observe({ event: undefined, data: '{"usageMetadata":{"trafficType":"ON_DEMAND"}}' });
    meter.observe({ event: undefined, data: '{"usageMetadata": nope' });
    expect(meter.result()).toEqual(usage(3, 4));
  });

  it('returns undefined when the stream carried no usage', () => {
    const meter = createStreamUsageMeter('openai-chat');
    meter.observe({ event: undefined, data: '{"choices":[{"delta":{"content":"hi"}}],"usage":null}' });
    meter.observe({ event: undefined, data: '[DONE]' });
    expect(meter.result()).toBeUndefined();
  });
});
