import type { SseEvent } from '../sse/sse-event-splitter.js';
import { convertAnthropicUsage, mergeAnthropicUsage } from './anthropic-usage.js';
import { convertGeminiUsage } from './gemini-usage.js';
import type { Dialect } from './llm-dialect.js';
import { convertOpenAIChatUsage } from './openai-chat-usage.js';
import { convertOpenAIResponsesUsage } from './openai-responses-usage.js';
import { extractObjectField, hasObjectField, parseJsonPayload } from './parse-json-payload.js';
import { isRecord, type UsageBuckets } from './usage-buckets.js';

// Every figure a provider streams is cumulative, so the meter keeps the LAST value and never sums.
// Only events that can carry usage are parsed: a substring check on the raw data decides, so a
// 400-chunk stream costs one or two JSON.parse calls, not 400.

export interface StreamUsageMeter {
  observe(event: SseEvent): void;
  /** The last cumulative usage seen, or undefined when the stream carried none. */
  result(): UsageBuckets | undefined;
}

/** Reads the raw usage object out of one event, or undefined when it carries none. */
type UsageReader = (event: SseEvent) => Record<string, unknown> | undefined;

/**
 * The usage object of `root.<container>.<key>` (or `root.<key>` without container); when the
 * event is not valid JSON, falls back to the last `"<key>": {…}` found in the text.
 */
function readUsageObject(data: string, key: string, container?: string): Record<string, unknown> | undefined {
  const root = parseJsonPayload(data);
  if (root === undefined) return extractObjectField(data, key);
  const holder = container === undefined ? root : isRecord(root) ? root[container] : undefined;
  const usage = isRecord(holder) ? holder[key] : undefined;
  return isRecord(usage) ? usage : undefined;
}

// Chat: the usage chunk (`choices: []`) after the finish chunk when stream_options.include_usage is
// set; Moonshot puts usage on the finish chunk itself. Every other chunk has "usage": null.
// @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
const readOpenAIChatUsage: UsageReader = (event) =>
  hasObjectField(event.data, 'usage') ? readUsageObject(event.data, 'usage') : undefined;

// Responses: usage only on the terminal response.completed / response.failed / response.incomplete.
// @see https://platform.openai.com/docs/api-reference/responses-streaming
const terminalResponseEvents = ['response.completed', 'response.failed', 'response.incomplete'];
const readOpenAIResponsesUsage: UsageReader = (event) => {
  const isTerminal =
    event.event !== undefined
      ? terminalResponseEvents.includes(event.event)
      : terminalResponseEvents.some((type) => event.data.includes(`"${type}"`));
  if (!isTerminal || !hasObjectField(event.data, 'usage')) return undefined;
  return readUsageObject(event.data, 'usage', 'response');
};

// Anthropic: message_start.message.usage, then message_delta.usage (cumulative, may restate input).
// @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
const readAnthropicUsage: UsageReader = (event) => {
  const type = event.event ?? anthropicTypeOf(event.data);
  if (type !== 'message_start' && type !== 'message_delta') return undefined;
  if (!hasObjectField(event.data, 'usage')) return undefined;
  return readUsageObject(event.data, 'usage', type === 'message_start' ? 'message' : undefined);
};

function anthropicTypeOf(data: string): string | undefined {
  if (data.includes('"message_delta"')) return 'message_delta';
  return data.includes('"message_start"') ? 'message_start' : undefined;
}

// Gemini: every chunk may repeat usageMetadata with running totals; some only carry trafficType.
// @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
const readGeminiUsage: UsageReader = (event) =>
  hasObjectField(event.data, 'usageMetadata') ? readUsageObject(event.data, 'usageMetadata') : undefined;

interface DialectMeter {
  read: UsageReader;
  combine: (
    earlier: Record<string, unknown> | undefined,
    later: Record<string, unknown>,
  ) => Record<string, unknown>;
  convert: (raw: unknown) => UsageBuckets | undefined;
}

const keepLater = (_earlier: unknown, later: Record<string, unknown>) => later;

const dialectMeters: Record<Dialect, DialectMeter> = {
  'openai-chat': { read: readOpenAIChatUsage, combine: keepLater, convert: convertOpenAIChatUsage },
  'openai-responses': {
    read: readOpenAIResponsesUsage,
    combine: keepLater,
    convert: convertOpenAIResponsesUsage,
  },
  'anthropic-messages': {
    read: readAnthropicUsage,
    combine: mergeAnthropicUsage,
    convert: convertAnthropicUsage,
  },
  gemini: { read: readGeminiUsage, combine: keepLater, convert: convertGeminiUsage },
};

export function createStreamUsageMeter(dialect: Dialect): StreamUsageMeter {
  const meter = dialectMeters[dialect];
  let raw: Record<string, unknown> | undefined;
  return {
    observe(event) {
      const found = meter.read(event);
      // A usage object without counts (Gemini's {"trafficType":…}) must not erase real counts.
      if (found && meter.convert(found)) raw = meter.combine(raw, found);
    },
    result() {
      return raw ? meter.convert(raw) : undefined;
    },
  };
}
