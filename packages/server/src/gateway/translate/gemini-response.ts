import { convertGeminiUsage } from '../usage/gemini-usage.js';
import type { CanonicalOutputPart, CanonicalResponse, CanonicalStopReason } from './canonical-response.js';
import { mapGeminiFinishReason, renderGeminiFinishReason } from './map-gemini-finish-reason.js';
import { parseToolArguments, readRecord, readRecords, readString } from './read-wire-fields.js';
import { renderGeminiUsage } from './render-dialect-usage.js';

// @see https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse

export function geminiResponseToCanonical(body: Record<string, unknown>): CanonicalResponse {
  const candidate = readRecords(body, 'candidates')[0] ?? {};
  const parts: CanonicalOutputPart[] = [];
  let callNumber = 0;
  for (const part of readRecords(readRecord(candidate, 'content') ?? {}, 'parts')) {
    const text = readString(part, 'text');
    const functionCall = readRecord(part, 'functionCall');
    if (text) parts.push(part.thought === true ? { type: 'reasoning', text } : { type: 'text', text });
    if (functionCall) {
      const id = readString(functionCall, 'id') ?? `gemini_call_${callNumber++}`;
      parts.push({
        type: 'tool_call',
        id,
        name: readString(functionCall, 'name') ?? '',
        argumentsJson: JSON.stringify(functionCall.args ?? {}),
      });
    }
  }
  const hasToolCall = parts.some((part) => part.type === 'tool_call');
  const stopReason: CanonicalStopReason = hasToolCall
    ? 'tool_use'
    : mapGeminiFinishReason(candidate.finishReason);
  return {
    id: readString(body, 'responseId') ?? '',
    parts,
    stopReason,
    usage: convertGeminiUsage(body.usageMetadata),
  };
}

export function canonicalResponseToGemini(
  response: CanonicalResponse,
  requestedModel: string,
): Record<string, unknown> {
  const parts = response.parts.map((part) => {
    if (part.type === 'text') return { text: part.text };
    if (part.type === 'reasoning') return { text: part.text, thought: true };
    return { functionCall: { name: part.name, args: parseToolArguments(part.argumentsJson) } };
  });
  const body: Record<string, unknown> = {
    candidates: [
      {
        content: { role: 'model', parts },
        finishReason: renderGeminiFinishReason(response.stopReason),
        index: 0,
      },
    ],
    modelVersion: requestedModel,
  };
  if (response.usage) body.usageMetadata = renderGeminiUsage(response.usage);
  if (response.id) body.responseId = response.id;
  return body;
}
