import {
  hasAnyTokenCount,
  isRecord,
  readNestedTokenCount,
  readTokenCount,
  type UsageBuckets,
} from './usage-buckets.js';

// OpenAI chat completions: prompt_tokens INCLUDES prompt_tokens_details.cached_tokens, and
// completion_tokens INCLUDES completion_tokens_details.reasoning_tokens.
// @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
// DeepSeek reports prompt_cache_hit_tokens (+ miss) and, in newer replies, cached_tokens too;
// Moonshot (Kimi) puts cached_tokens at the top level of usage.
// @see https://api-docs.deepseek.com/api/create-chat-completion
export function convertOpenAIChatUsage(raw: unknown): UsageBuckets | undefined {
  if (!isRecord(raw) || !hasAnyTokenCount(raw, ['prompt_tokens', 'completion_tokens'])) return undefined;
  const promptTokens = readTokenCount(raw, 'prompt_tokens') ?? 0;
  const cachedTokens = Math.min(
    promptTokens,
    readNestedTokenCount(raw, ['prompt_tokens_details', 'cached_tokens']) ??
      readTokenCount(raw, 'prompt_cache_hit_tokens') ??
      readTokenCount(raw, 'cached_tokens') ??
      0,
  );
  return {
    input: promptTokens - cachedTokens,
    cache_read: cachedTokens,
    cache_write: 0,
    output: readTokenCount(raw, 'completion_tokens') ?? 0,
    reasoning: readNestedTokenCount(raw, ['completion_tokens_details', 'reasoning_tokens']) ?? 0,
  };
}
