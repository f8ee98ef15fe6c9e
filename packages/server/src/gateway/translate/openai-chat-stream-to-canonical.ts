import type { SseEvent } from '../sse/sse-event-splitter.js';
import { convertOpenAIChatUsage } from '../usage/openai-chat-usage.js';
import { parseJsonPayload } from '../usage/parse-json-payload.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { mapOpenAIChatFinishReason } from './map-openai-chat-finish-reason.js';
import { isRecord, readNumber, readRecord, readRecords, readString } from './read-wire-fields.js';

// @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
// A tool call is new when its `index` is first seen: Qwen repeats `"id": ""` and `"type"` on every
// delta of the same call, so the presence of id/type does not mark a new call.

export type UpstreamStreamReader = (event: SseEvent) => CanonicalStreamEvent[];

function readError(chunk: Record<string, unknown>): CanonicalStreamEvent | undefined {
  const error = readRecord(chunk, 'error');
  if (!error) return undefined;
  const status = readNumber(error, 'code') ?? 500;
  return {
    type: 'error',
    error: {
      status: status >= 400 && status < 600 ? status : 500,
      message: readString(error, 'message') ?? 'Upstream error',
      type: readString(error, 'type'),
    },
  };
}

export function createOpenAIChatStreamReader(): UpstreamStreamReader {
  let hasStarted = false;
  const seenToolIndexes = new Set<number>();
  return (event) => {
    if (event.data === '[DONE]') return [];
    const chunk = parseJsonPayload(event.data);
    if (!isRecord(chunk)) return [];
    const error = readError(chunk);
    if (error) return [error];
    const events: CanonicalStreamEvent[] = [];
    if (!hasStarted) {
      hasStarted = true;
      events.push({ type: 'start', id: readString(chunk, 'id') });
    }
    for (const choice of readRecords(chunk, 'choices')) {
      const delta = readRecord(choice, 'delta') ?? {};
      const reasoning = readString(delta, 'reasoning_content') ?? readString(delta, 'reasoning');
      if (reasoning) events.push({ type: 'reasoning_delta', text: reasoning });
      const content = readString(delta, 'content');
      if (content) events.push({ type: 'text_delta', text: content });
      for (const call of readRecords(delta, 'tool_calls')) {
        const index = readNumber(call, 'index') ?? 0;
        const fn = readRecord(call, 'function') ?? {};
        if (!seenToolIndexes.has(index)) {
          seenToolIndexes.add(index);
          events.push({
            type: 'tool_call_start',
            index,
            id: readString(call, 'id') || `call_${index}`,
            name: readString(fn, 'name') ?? '',
          });
        }
        const argumentsDelta = readString(fn, 'arguments');
        if (argumentsDelta) events.push({ type: 'tool_call_delta', index, argumentsJson: argumentsDelta });
      }
      if (choice.finish_reason)
        events.push({ type: 'finish', stopReason: mapOpenAIChatFinishReason(choice.finish_reason) });
    }
    const usage = convertOpenAIChatUsage(chunk.usage);
    if (usage) events.push({ type: 'usage', usage });
    return events;
  };
}
