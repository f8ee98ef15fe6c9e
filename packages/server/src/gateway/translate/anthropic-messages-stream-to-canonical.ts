import { convertAnthropicUsage, mergeAnthropicUsage } from '../usage/anthropic-usage.js';
import { parseJsonPayload } from '../usage/parse-json-payload.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import type { UpstreamStreamReader } from './openai-chat-stream-to-canonical.js';
import { isRecord, readNumber, readRecord, readString } from './read-wire-fields.js';
import { statusForAnthropicErrorType } from './render-gateway-error.js';

// @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
// message_start → (content_block_start, content_block_delta*, content_block_stop)* →
// message_delta (stop_reason, cumulative usage) → message_stop; `ping` and unknown events skipped.

type EventHandler = (payload: Record<string, unknown>) => CanonicalStreamEvent[];

export function createAnthropicMessagesStreamReader(): UpstreamStreamReader {
  const toolBlockIndexes = new Set<number>();
  let rawUsage: Record<string, unknown> | undefined;

  function usageEvent(raw: unknown): CanonicalStreamEvent[] {
    if (!isRecord(raw)) return [];
    rawUsage = mergeAnthropicUsage(rawUsage, raw);
    const usage = convertAnthropicUsage(rawUsage);
    return usage ? [{ type: 'usage', usage }] : [];
  }

  const handlers: Record<string, EventHandler> = {
    message_start: (payload) => {
      const message = readRecord(payload, 'message') ?? {};
      return [{ type: 'start', id: readString(message, 'id') }, ...usageEvent(message.usage)];
    },
    content_block_start: (payload) => {
      const block = readRecord(payload, 'content_block') ?? {};
      const index = readNumber(payload, 'index') ?? 0;
      if (block.type !== 'tool_use') return [];
      toolBlockIndexes.add(index);
      return [
        {
          type: 'tool_call_start',
          index,
          id: readString(block, 'id') ?? '',
          name: readString(block, 'name') ?? '',
        },
      ];
    },
    content_block_delta: (payload) => {
      const delta = readRecord(payload, 'delta') ?? {};
      const index = readNumber(payload, 'index') ?? 0;
      const text =
        readString(delta, 'text') ?? readString(delta, 'thinking') ?? readString(delta, 'partial_json');
      if (!text) return [];
      if (delta.type === 'text_delta') return [{ type: 'text_delta', text }];
      if (delta.type === 'thinking_delta') return [{ type: 'reasoning_delta', text }];
      return delta.type === 'input_json_delta'
        ? [{ type: 'tool_call_delta', index, argumentsJson: text }]
        : [];
    },
    content_block_stop: (payload) => {
      const index = readNumber(payload, 'index') ?? 0;
      return toolBlockIndexes.has(index) ? [{ type: 'tool_call_end', index }] : [];
    },
    message_delta: (payload) => {
      const delta = readRecord(payload, 'delta') ?? {};
      const finish: CanonicalStreamEvent[] = delta.stop_reason
        ? [{ type: 'finish', stopReason: mapAnthropicStopReason(delta.stop_reason) }]
        : [];
      return [...finish, ...usageEvent(payload.usage)];
    },
    error: (payload) => {
      const error = readRecord(payload, 'error') ?? {};
      const type = readString(error, 'type') ?? 'api_error';
      return [
        {
          type: 'error',
          error: {
            status: statusForAnthropicErrorType(type),
            message: readString(error, 'message') ?? 'Upstream error',
            type,
          },
        },
      ];
    },
  };

  return (event) => {
    const payload = parseJsonPayload(event.data);
    if (!isRecord(payload)) return [];
    const handler = handlers[event.event ?? readString(payload, 'type') ?? ''];
    return handler ? handler(payload) : [];
  };
}
