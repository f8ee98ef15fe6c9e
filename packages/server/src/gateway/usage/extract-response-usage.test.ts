import { describe, expect, it } from 'vitest';
import { listRecordedFixtures } from './__fixtures__/recorded-llm-streams.js';
import { extractResponseUsage } from './extract-response-usage.js';
import type { UsageBuckets } from './usage-buckets.js';

function usage(input: number, output: number, extra: Partial<UsageBuckets> = {}): UsageBuckets {
  return { input, cache_read: 0, cache_write: 0, output, reasoning: 0, ...extra };
}

// Derived by reading each recorded non-stream body.
const expectedBodyUsage: Record<string, UsageBuckets | undefined> = {
  'alibaba-text': usage(18, 1064),
  'alibaba-tool-call': usage(295, 22),
  'anthropic-json-tool.1': usage(1151, 87),
  'anthropic-text': usage(12, 29),
  'anthropic-tool-no-args': usage(602, 93),
  'deepseek-text': usage(13, 300),
  'deepseek-tool-call': usage(19, 92, { cache_read: 320, reasoning: 48 }),
  // An error body (429 RESOURCE_EXHAUSTED) has no usage.
  'google-429-retry-info': undefined,
  'google-reasoning': usage(9, 311, { reasoning: 282 }),
  'google-text': usage(9, 272, { reasoning: 244 }),
  'google-tool-call': usage(29, 908, { reasoning: 893 }),
  'moonshotai-text': usage(9, 5),
  'moonshotai-tool-call': usage(30, 12),
  'openai-error.1': undefined,
  'openai-reasoning-encrypted-content.1': usage(865, 163, { reasoning: 128 }),
  'openai-text': usage(16, 363),
  'parallel-tool-call-wrapper.1': usage(34, 28),
};

const bodyFixtures = listRecordedFixtures().filter((fixture) => fixture.body !== undefined);

describe(extractResponseUsage.name, () => {
  it('has an expectation for every recorded body', () => {
    expect(bodyFixtures.map((fixture) => fixture.name).sort()).toEqual(Object.keys(expectedBodyUsage).sort());
  });

  it.each(bodyFixtures.map((fixture) => [fixture.name, fixture] as const))(
    'reads the usage of %s',
    (name, fixture) => {
      expect(extractResponseUsage(fixture.dialect, fixture.body)).toEqual(expectedBodyUsage[name]);
    },
  );

  it('accepts the body as JSON text or bytes', () => {
    const text = JSON.stringify({ usage: { input_tokens: 7, output_tokens: 2, cache_read_input_tokens: 3 } });
    const expected = usage(7, 2, { cache_read: 3 });
    expect(extractResponseUsage('anthropic-messages', text)).toEqual(expected);
    expect(extractResponseUsage('anthropic-messages', new TextEncoder().encode(text))).toEqual(expected);
    expect(extractResponseUsage('anthropic-messages', 'not json')).toBeUndefined();
  });
});
