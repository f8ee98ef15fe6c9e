import type {
  CanonicalMessage,
  CanonicalPart,
  CanonicalRequest,
  CanonicalResponseFormat,
  CanonicalToolChoice,
} from './canonical-request.js';
import {
  imageSourceFromUrl,
  isRecord,
  joinTextContent,
  readNumber,
  readRecord,
  readRecords,
  readString,
  readStringList,
} from './read-wire-fields.js';

// @see https://platform.openai.com/docs/api-reference/chat/create

function userParts(content: unknown): CanonicalPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  const parts: CanonicalPart[] = [];
  for (const block of content.filter(isRecord)) {
    const text = readString(block, 'text');
    if (block.type === 'text' && text !== undefined) parts.push({ type: 'text', text });
    const imageUrl = readRecord(block, 'image_url');
    const url = imageUrl ? readString(imageUrl, 'url') : readString(block, 'image_url');
    if (block.type === 'image_url' && url) parts.push({ type: 'image', source: imageSourceFromUrl(url) });
  }
  return parts;
}

function assistantParts(message: Record<string, unknown>): CanonicalPart[] {
  const parts: CanonicalPart[] = [];
  // DeepSeek and Moonshot return reasoning_content; it is not sent back to the model.
  const text = joinTextContent(message.content);
  if (text !== '') parts.push({ type: 'text', text });
  for (const call of readRecords(message, 'tool_calls')) {
    const fn = readRecord(call, 'function') ?? {};
    parts.push({
      type: 'tool_call',
      id: readString(call, 'id') ?? '',
      name: readString(fn, 'name') ?? '',
      argumentsJson: readString(fn, 'arguments') ?? '{}',
    });
  }
  return parts;
}

function appendMessage(
  messages: CanonicalMessage[],
  role: CanonicalMessage['role'],
  parts: CanonicalPart[],
): void {
  const last = messages[messages.length - 1];
  // Consecutive tool messages (parallel calls) become one user turn of tool results.
  const isToolResultTurn = parts.every((part) => part.type === 'tool_result');
  const lastIsToolResultTurn = last?.parts.every((part) => part.type === 'tool_result') ?? false;
  if (last && last.role === role && isToolResultTurn && lastIsToolResultTurn) last.parts.push(...parts);
  else messages.push({ role, parts });
}

function readToolChoice(value: unknown): CanonicalToolChoice | undefined {
  if (value === 'auto' || value === 'none' || value === 'required') return { type: value };
  const fn = isRecord(value) ? readRecord(value, 'function') : undefined;
  const name = fn ? readString(fn, 'name') : undefined;
  return name ? { type: 'tool', name } : undefined;
}

export function readOpenAIChatResponseFormat(value: unknown): CanonicalResponseFormat | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'json_object') return { type: 'json_object' };
  const jsonSchema = readRecord(value, 'json_schema');
  const schema = jsonSchema ? readRecord(jsonSchema, 'schema') : undefined;
  if (value.type !== 'json_schema' || !jsonSchema || !schema) return undefined;
  const strict = jsonSchema.strict;
  return {
    type: 'json_schema',
    name: readString(jsonSchema, 'name') ?? 'response',
    schema,
    ...(typeof strict === 'boolean' ? { strict } : {}),
  };
}

export function openaiChatRequestToCanonical(body: Record<string, unknown>): CanonicalRequest {
  const system: string[] = [];
  const messages: CanonicalMessage[] = [];
  for (const message of readRecords(body, 'messages')) {
    const role = readString(message, 'role');
    if (role === 'system' || role === 'developer') system.push(joinTextContent(message.content));
    else if (role === 'user') appendMessage(messages, 'user', userParts(message.content));
    else if (role === 'assistant') appendMessage(messages, 'assistant', assistantParts(message));
    else if (role === 'tool') {
      const toolCallId = readString(message, 'tool_call_id') ?? '';
      appendMessage(messages, 'user', [
        { type: 'tool_result', toolCallId, content: joinTextContent(message.content) },
      ]);
    }
  }
  const tools = readRecords(body, 'tools').flatMap((tool) => {
    const fn = readRecord(tool, 'function');
    const name = fn ? readString(fn, 'name') : undefined;
    if (!fn || !name) return [];
    const description = readString(fn, 'description');
    return [
      {
        name,
        ...(description ? { description } : {}),
        parameters: readRecord(fn, 'parameters') ?? { type: 'object', properties: {} },
      },
    ];
  });
  const parallelToolCalls = body.parallel_tool_calls;
  return {
    system,
    messages,
    tools,
    toolChoice: readToolChoice(body.tool_choice),
    parallelToolCalls: typeof parallelToolCalls === 'boolean' ? parallelToolCalls : undefined,
    maxOutputTokens: readNumber(body, 'max_completion_tokens') ?? readNumber(body, 'max_tokens'),
    temperature: readNumber(body, 'temperature'),
    topP: readNumber(body, 'top_p'),
    stopSequences: readStringList(body, 'stop'),
    responseFormat: readOpenAIChatResponseFormat(body.response_format),
  };
}
