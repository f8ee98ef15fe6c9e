import {
  hasAnyTokenCount,
  isRecord,
  readNestedTokenCount,
  readTokenCount,
  type UsageBuckets,
} from './usage-buckets.js';

// OpenAI Responses: input_tokens INCLUDES input_tokens_details.cached_tokens, and output_tokens
// INCLUDES output_tokens_details.reasoning_tokens.
// @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
export function convertOpenAIResponsesUsage(raw: unknown): UsageBuckets | undefined {
  if (!isRecord(raw) || !hasAnyTokenCount(raw, ['input_tokens', 'output_tokens'])) return undefined;
  const inputTokens = readTokenCount(raw, 'input_tokens') ?? 0;
  const cachedTokens = Math.min(
    inputTokens,
    readNestedTokenCount(raw, ['input_tokens_details', 'cached_tokens']) ?? 0,
  );
  return {
    input: inputTokens - cachedTokens,
    cache_read: cachedTokens,
    cache_write: 0,
    output: readTokenCount(raw, 'output_tokens') ?? 0,
    reasoning: readNestedTokenCount(raw, ['output_tokens_details', 'reasoning_tokens']) ?? 0,
  };
}
