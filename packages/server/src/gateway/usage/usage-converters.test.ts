import { describe, expect, it } from 'vitest';
import { convertAnthropicUsage } from './anthropic-usage.js';
import { convertGeminiUsage } from './gemini-usage.js';
import { convertOpenAIChatUsage } from './openai-chat-usage.js';
import { convertOpenAIResponsesUsage } from './openai-responses-usage.js';

describe(convertOpenAIChatUsage.name, () => {
  it('subtracts cached tokens from prompt_tokens and keeps reasoning inside output', () => {
    const raw = {
      prompt_tokens: 100,
      completion_tokens: 50,
      prompt_tokens_details: { cached_tokens: 60 },
      completion_tokens_details: { reasoning_tokens: 20 },
    };
    expect(convertOpenAIChatUsage(raw)).toEqual({
      input: 40,
      cache_read: 60,
      cache_write: 0,
      output: 50,
      reasoning: 20,
    });
  });

  it('reads DeepSeek prompt_cache_hit_tokens and Moonshot top-level cached_tokens', () => {
    expect(
      convertOpenAIChatUsage({ prompt_tokens: 30, completion_tokens: 1, prompt_cache_hit_tokens: 10 })
        ?.cache_read,
    ).toBe(10);
    expect(
      convertOpenAIChatUsage({ prompt_tokens: 30, completion_tokens: 1, cached_tokens: 12 })?.input,
    ).toBe(18);
  });

  it('returns undefined for null and for objects without counts', () => {
    expect(convertOpenAIChatUsage(null)).toBeUndefined();
    expect(convertOpenAIChatUsage({ total_tokens: 'x' })).toBeUndefined();
  });
});

describe(convertOpenAIResponsesUsage.name, () => {
  it('subtracts input_tokens_details.cached_tokens and reads reasoning_tokens', () => {
    const raw = {
      input_tokens: 1234,
      input_tokens_details: { cached_tokens: 1000 },
      output_tokens: 56,
      output_tokens_details: { reasoning_tokens: 7 },
    };
    expect(convertOpenAIResponsesUsage(raw)).toEqual({
      input: 234,
      cache_read: 1000,
      cache_write: 0,
      output: 56,
      reasoning: 7,
    });
  });
});

describe(convertAnthropicUsage.name, () => {
  it('keeps input_tokens as uncached input and the two cache buckets apart', () => {
    const raw = {
      input_tokens: 5,
      cache_read_input_tokens: 900,
      cache_creation_input_tokens: 300,
      output_tokens: 12,
    };
    expect(convertAnthropicUsage(raw)).toEqual({
      input: 5,
      cache_read: 900,
      cache_write: 300,
      output: 12,
      reasoning: 0,
    });
  });
});

describe(convertGeminiUsage.name, () => {
  it('adds thoughts to output and subtracts cached content from the prompt', () => {
    const raw = {
      promptTokenCount: 100,
      cachedContentTokenCount: 64,
      candidatesTokenCount: 10,
      thoughtsTokenCount: 30,
      toolUsePromptTokenCount: 4,
    };
    expect(convertGeminiUsage(raw)).toEqual({
      input: 40,
      cache_read: 64,
      cache_write: 0,
      output: 40,
      reasoning: 30,
    });
  });

  it('returns undefined for a usageMetadata that only names the traffic type', () => {
    expect(convertGeminiUsage({ trafficType: 'ON_DEMAND' })).toBeUndefined();
  });
});
