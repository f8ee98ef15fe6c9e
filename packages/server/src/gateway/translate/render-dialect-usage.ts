import type { UsageBuckets } from '../usage/usage-buckets.js';

// UsageBuckets rendered in each dialect's own usage object, so that the dialect's converter reads
// back the same buckets. One loss is unavoidable: only Anthropic has a cache-write field, so
// elsewhere cache_write tokens are reported inside the prompt count (as input).

function promptTokens(usage: UsageBuckets): number {
  return usage.input + usage.cache_read + usage.cache_write;
}

export function renderOpenAIChatUsage(usage: UsageBuckets): Record<string, unknown> {
  return {
    prompt_tokens: promptTokens(usage),
    completion_tokens: usage.output,
    total_tokens: promptTokens(usage) + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cache_read },
    completion_tokens_details: { reasoning_tokens: usage.reasoning },
  };
}

export function renderOpenAIResponsesUsage(usage: UsageBuckets): Record<string, unknown> {
  return {
    input_tokens: promptTokens(usage),
    input_tokens_details: { cached_tokens: usage.cache_read },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: usage.reasoning },
    total_tokens: promptTokens(usage) + usage.output,
  };
}

export function renderAnthropicUsage(usage: UsageBuckets): Record<string, unknown> {
  return {
    input_tokens: usage.input,
    cache_creation_input_tokens: usage.cache_write,
    cache_read_input_tokens: usage.cache_read,
    output_tokens: usage.output,
  };
}

export function renderGeminiUsage(usage: UsageBuckets): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    promptTokenCount: promptTokens(usage),
    candidatesTokenCount: usage.output - usage.reasoning,
    totalTokenCount: promptTokens(usage) + usage.output,
  };
  if (usage.cache_read > 0) rendered.cachedContentTokenCount = usage.cache_read;
  if (usage.reasoning > 0) rendered.thoughtsTokenCount = usage.reasoning;
  return rendered;
}
