import { convertAnthropicUsage } from './anthropic-usage.js';
import { convertGeminiUsage } from './gemini-usage.js';
import type { Dialect } from './llm-dialect.js';
import { convertOpenAIChatUsage } from './openai-chat-usage.js';
import { convertOpenAIResponsesUsage } from './openai-responses-usage.js';
import { parseJsonPayload } from './parse-json-payload.js';
import { isRecord, type UsageBuckets } from './usage-buckets.js';

// Where each dialect puts usage in a non-stream reply body.
const responseUsageReaders: Record<Dialect, (body: Record<string, unknown>) => UsageBuckets | undefined> = {
  'openai-chat': (body) => convertOpenAIChatUsage(body.usage),
  'openai-responses': (body) => convertOpenAIResponsesUsage(body.usage),
  'anthropic-messages': (body) => convertAnthropicUsage(body.usage),
  gemini: (body) => convertGeminiUsage(body.usageMetadata),
};

/** Usage of a non-stream reply; the body may be parsed JSON, JSON text or its UTF-8 bytes. */
export function extractResponseUsage(dialect: Dialect, body: unknown): UsageBuckets | undefined {
  let parsed = body;
  if (typeof body === 'string') parsed = parseJsonPayload(body);
  else if (body instanceof Uint8Array) parsed = parseJsonPayload(new TextDecoder().decode(body));
  return isRecord(parsed) ? responseUsageReaders[dialect](parsed) : undefined;
}
