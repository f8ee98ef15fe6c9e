import { convertGeminiUsage } from '../usage/gemini-usage.js';
import { parseJsonPayload } from '../usage/parse-json-payload.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import type { UpstreamStreamReader } from './openai-chat-stream-to-canonical.js';
import { isRecord, readNumber, readRecord, readRecords, readString } from './read-wire-fields.js';

// @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
// A functionCall usually arrives whole ({name, args}). With streamFunctionCallArguments it arrives
// as {name, willContinue} → {partialArgs:[{jsonPath, stringValue|numberValue|boolValue}]}* → {}
// (see google-stream-tool-call-arguments.chunks.txt); the pieces are assembled here.

interface PartialCall {
  index: number;
  args: Record<string, unknown>;
}

function applyPartialArgs(call: PartialCall, functionCall: Record<string, unknown>): void {
  for (const piece of readRecords(functionCall, 'partialArgs')) {
    const key = (readString(piece, 'jsonPath') ?? '').replace(/^\$\./, '');
    if (key === '') continue;
    const stringValue = readString(piece, 'stringValue');
    if (stringValue !== undefined)
      call.args[key] = `${typeof call.args[key] === 'string' ? call.args[key] : ''}${stringValue}`;
    else if ('numberValue' in piece) call.args[key] = piece.numberValue;
    else if ('boolValue' in piece) call.args[key] = piece.boolValue;
  }
}

export function createGeminiStreamReader(): UpstreamStreamReader {
  let hasStarted = false;
  let nextCallIndex = 0;
  let hasToolCall = false;
  let partial: PartialCall | undefined;

  function closePartial(): CanonicalStreamEvent[] {
    if (!partial) return [];
    const { index, args } = partial;
    partial = undefined;
    return [
      { type: 'tool_call_delta', index, argumentsJson: JSON.stringify(args) },
      { type: 'tool_call_end', index },
    ];
  }

  function readFunctionCall(functionCall: Record<string, unknown>): CanonicalStreamEvent[] {
    hasToolCall = true;
    const name = readString(functionCall, 'name');
    const isStreamed = functionCall.willContinue === true || 'partialArgs' in functionCall;
    if (partial && !name) {
      applyPartialArgs(partial, functionCall);
      return Object.keys(functionCall).length === 0 ? closePartial() : [];
    }
    if (!name) return [];
    const events = closePartial();
    const index = nextCallIndex++;
    const id = readString(functionCall, 'id') ?? `gemini_call_${index}`;
    events.push({ type: 'tool_call_start', index, id, name: name ?? '' });
    if (isStreamed) {
      partial = { index, args: {} };
      applyPartialArgs(partial, functionCall);
      return events;
    }
    events.push(
      { type: 'tool_call_delta', index, argumentsJson: JSON.stringify(functionCall.args ?? {}) },
      { type: 'tool_call_end', index },
    );
    return events;
  }

  return (event) => {
    const chunk = parseJsonPayload(event.data);
    if (!isRecord(chunk)) return [];
    const error = readRecord(chunk, 'error');
    if (error) {
      return [
        {
          type: 'error',
          error: {
            status: readNumber(error, 'code') ?? 500,
            message: readString(error, 'message') ?? 'Upstream error',
            type: readString(error, 'status'),
          },
        },
      ];
    }
    const events: CanonicalStreamEvent[] = [];
    if (!hasStarted) {
      hasStarted = true;
      events.push({ type: 'start', id: readString(chunk, 'responseId') });
    }
    const usage = convertGeminiUsage(chunk.usageMetadata);
    if (usage) events.push({ type: 'usage', usage });
    const candidate = readRecords(chunk, 'candidates')[0] ?? {};
    for (const part of readRecords(readRecord(candidate, 'content') ?? {}, 'parts')) {
      const text = readString(part, 'text');
      const functionCall = readRecord(part, 'functionCall');
      if (text)
        events.push(part.thought === true ? { type: 'reasoning_delta', text } : { type: 'text_delta', text });
      if (functionCall) events.push(...readFunctionCall(functionCall));
    }
    if (candidate.finishReason) {
      const stopReason = mapGeminiFinishReason(candidate.finishReason);
      events.push(...closePartial(), {
        type: 'finish',
        stopReason: hasToolCall && stopReason === 'end_turn' ? 'tool_use' : stopReason,
      });
    }
    return events;
  };
}
