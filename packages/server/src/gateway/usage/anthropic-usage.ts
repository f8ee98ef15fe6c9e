import { hasAnyTokenCount, isRecord, readTokenCount, type UsageBuckets } from './usage-buckets.js';

const anthropicCountKeys = [
  'input_tokens',
  'output_tokens',
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
] as const;

// Anthropic Messages: input_tokens EXCLUDES both cache buckets, which arrive as
// cache_read_input_tokens and cache_creation_input_tokens. Thinking tokens are inside
// output_tokens and not reported apart, so reasoning stays 0.
// @see https://docs.anthropic.com/en/api/messages#response-usage
export function convertAnthropicUsage(raw: unknown): UsageBuckets | undefined {
  if (!isRecord(raw) || !hasAnyTokenCount(raw, anthropicCountKeys)) return undefined;
  return {
    input: readTokenCount(raw, 'input_tokens') ?? 0,
    cache_read: readTokenCount(raw, 'cache_read_input_tokens') ?? 0,
    cache_write: readTokenCount(raw, 'cache_creation_input_tokens') ?? 0,
    output: readTokenCount(raw, 'output_tokens') ?? 0,
    reasoning: 0,
  };
}

/**
 * Streams: message_start carries the input and cache counts; each message_delta carries
 * cumulative counts and may restate input_tokens with a different (final) value. A field present
 * in the later object wins; a field it omits keeps the earlier value.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 */
export function mergeAnthropicUsage(
  earlier: Record<string, unknown> | undefined,
  later: Record<string, unknown>,
): Record<string, unknown> {
  if (!earlier) return later;
  const merged: Record<string, unknown> = { ...earlier };
  for (const key of anthropicCountKeys) {
    if (readTokenCount(later, key) !== undefined) merged[key] = later[key];
  }
  return merged;
}
