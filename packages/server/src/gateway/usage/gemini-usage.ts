import { hasAnyTokenCount, isRecord, readTokenCount, type UsageBuckets } from './usage-buckets.js';

// Gemini usageMetadata: promptTokenCount INCLUDES cachedContentTokenCount; thoughtsTokenCount is
// NOT part of candidatesTokenCount but is billed as output; toolUsePromptTokenCount (tool results
// fed back by the server, e.g. search) is billed as input. totalTokenCount is the sum of all four.
// @see https://ai.google.dev/api/generate-content#UsageMetadata
export function convertGeminiUsage(raw: unknown): UsageBuckets | undefined {
  const countKeys = ['promptTokenCount', 'candidatesTokenCount', 'totalTokenCount'];
  if (!isRecord(raw) || !hasAnyTokenCount(raw, countKeys)) return undefined;
  const promptTokens =
    (readTokenCount(raw, 'promptTokenCount') ?? 0) + (readTokenCount(raw, 'toolUsePromptTokenCount') ?? 0);
  const cachedTokens = Math.min(promptTokens, readTokenCount(raw, 'cachedContentTokenCount') ?? 0);
  const thoughtsTokens = readTokenCount(raw, 'thoughtsTokenCount') ?? 0;
  return {
    input: promptTokens - cachedTokens,
    cache_read: cachedTokens,
    cache_write: 0,
    output: (readTokenCount(raw, 'candidatesTokenCount') ?? 0) + thoughtsTokens,
    reasoning: thoughtsTokens,
  };
}
