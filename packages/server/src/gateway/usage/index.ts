/** The four wire protocols the gateway speaks. */

export { convertAnthropicUsage } from './anthropic-usage.js';
/** Tokenizer estimate tagged 'estimated', for replies without usage or cut short. */
export type { UsageEstimateInput } from './estimate-usage.js';
export { estimateUsage } from './estimate-usage.js';
/** Usage of a non-stream reply body (parsed JSON, JSON text or bytes). */
export { extractResponseUsage } from './extract-response-usage.js';
export { convertGeminiUsage } from './gemini-usage.js';
export type { Dialect } from './llm-dialect.js';
export { dialects } from './llm-dialect.js';
/** Raw provider usage objects → UsageBuckets; undefined when the object holds no counts. */
export { convertOpenAIChatUsage } from './openai-chat-usage.js';
export { convertOpenAIResponsesUsage } from './openai-responses-usage.js';
/** JSON.parse that returns undefined on malformed input. */
export { parseJsonPayload } from './parse-json-payload.js';
/** Meters a streamed reply by observing its events; keeps the last cumulative value. */
export type { StreamUsageMeter } from './stream-usage-meter.js';
export { createStreamUsageMeter } from './stream-usage-meter.js';
/** Contract bucket names (input = uncached input; output = visible + reasoning) and provenance. */
export type { MeasuredUsage, UsageBuckets, UsageSource } from './usage-buckets.js';
