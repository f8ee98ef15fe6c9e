import type {
  CanonicalMessage,
  CanonicalPart,
  CanonicalRequest,
  CanonicalResponseFormat,
  CanonicalTool,
  CanonicalToolChoice,
} from './canonical-request.js';
import {
  isRecord,
  readNumber,
  readRecord,
  readRecords,
  readString,
  readStringList,
} from './read-wire-fields.js';

// @see https://ai.google.dev/api/generate-content#request-body
// Gemini function calls usually carry no id; the ids given here (gemini_call_<n>) pair each
// functionResponse with the oldest unanswered call of the same name, which is how Gemini pairs them.

interface PendingCalls {
  nextNumber: number;
  unansweredByName: Map<string, string[]>;
}

function readPart(part: Record<string, unknown>, pending: PendingCalls): CanonicalPart | undefined {
  const text = readString(part, 'text');
  if (text !== undefined) return part.thought === true ? { type: 'reasoning', text } : { type: 'text', text };
  const inlineData = readRecord(part, 'inlineData');
  const data = inlineData ? readString(inlineData, 'data') : undefined;
  if (inlineData && data)
    return {
      type: 'image',
      source: { kind: 'base64', mediaType: readString(inlineData, 'mimeType') ?? 'image/png', data },
    };
  const fileData = readRecord(part, 'fileData');
  const fileUri = fileData ? readString(fileData, 'fileUri') : undefined;
  if (fileUri) return { type: 'image', source: { kind: 'url', url: fileUri } };
  const functionCall = readRecord(part, 'functionCall');
  if (functionCall) {
    const name = readString(functionCall, 'name') ?? '';
    const id = readString(functionCall, 'id') ?? `gemini_call_${pending.nextNumber++}`;
    pending.unansweredByName.set(name, [...(pending.unansweredByName.get(name) ?? []), id]);
    return { type: 'tool_call', id, name, argumentsJson: JSON.stringify(functionCall.args ?? {}) };
  }
  const functionResponse = readRecord(part, 'functionResponse');
  if (functionResponse) {
    const name = readString(functionResponse, 'name') ?? '';
    const queue = pending.unansweredByName.get(name) ?? [];
    const toolCallId =
      readString(functionResponse, 'id') ?? queue.shift() ?? `gemini_call_${pending.nextNumber++}`;
    const response = functionResponse.response;
    const content =
      isRecord(response) && typeof response.result === 'string'
        ? response.result
        : JSON.stringify(response ?? {});
    return { type: 'tool_result', toolCallId, name, content };
  }
  return undefined;
}

function readToolChoice(toolConfig: Record<string, unknown> | undefined): CanonicalToolChoice | undefined {
  const config = toolConfig ? readRecord(toolConfig, 'functionCallingConfig') : undefined;
  if (!config) return undefined;
  const allowed = readStringList(config, 'allowedFunctionNames') ?? [];
  if (config.mode === 'NONE') return { type: 'none' };
  if (config.mode === 'ANY')
    return allowed.length === 1 ? { type: 'tool', name: allowed[0] ?? '' } : { type: 'required' };
  return config.mode === 'AUTO' ? { type: 'auto' } : undefined;
}

function readResponseFormat(config: Record<string, unknown>): CanonicalResponseFormat | undefined {
  if (config.responseMimeType !== 'application/json') return undefined;
  const schema = readRecord(config, 'responseJsonSchema') ?? readRecord(config, 'responseSchema');
  return schema ? { type: 'json_schema', name: 'response', schema } : { type: 'json_object' };
}

export function geminiRequestToCanonical(body: Record<string, unknown>): CanonicalRequest {
  const pending: PendingCalls = { nextNumber: 0, unansweredByName: new Map() };
  const systemInstruction = readRecord(body, 'systemInstruction') ?? readRecord(body, 'system_instruction');
  const system = systemInstruction
    ? readRecords(systemInstruction, 'parts').map((part) => readString(part, 'text') ?? '')
    : [];
  const messages: CanonicalMessage[] = readRecords(body, 'contents').map((content) => ({
    role: content.role === 'model' ? 'assistant' : 'user',
    parts: readRecords(content, 'parts').flatMap((part) => readPart(part, pending) ?? []),
  }));
  const tools: CanonicalTool[] = readRecords(body, 'tools').flatMap((tool) =>
    readRecords(tool, 'functionDeclarations').flatMap((declaration) => {
      const name = readString(declaration, 'name');
      if (!name) return [];
      const description = readString(declaration, 'description');
      const parameters = readRecord(declaration, 'parametersJsonSchema') ??
        readRecord(declaration, 'parameters') ?? { type: 'object', properties: {} };
      return [{ name, ...(description ? { description } : {}), parameters }];
    }),
  );
  const config = readRecord(body, 'generationConfig') ?? {};
  return {
    system: system.filter((text) => text !== ''),
    messages,
    tools,
    toolChoice: readToolChoice(readRecord(body, 'toolConfig')),
    maxOutputTokens: readNumber(config, 'maxOutputTokens'),
    temperature: readNumber(config, 'temperature'),
    topP: readNumber(config, 'topP'),
    stopSequences: readStringList(config, 'stopSequences'),
    responseFormat: readResponseFormat(config),
  };
}
