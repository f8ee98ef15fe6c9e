import type {
  CanonicalMessage,
  CanonicalPart,
  CanonicalRequest,
  CanonicalTool,
  CanonicalToolChoice,
} from './canonical-request.js';
import {
  isRecord,
  joinTextContent,
  readNumber,
  readRecord,
  readRecords,
  readString,
  readStringList,
} from './read-wire-fields.js';

// @see https://docs.anthropic.com/en/api/messages

function readBlock(block: Record<string, unknown>): CanonicalPart | undefined {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: readString(block, 'text') ?? '' };
    case 'image': {
      const source = readRecord(block, 'source') ?? {};
      const data = readString(source, 'data');
      const url = readString(source, 'url');
      if (source.type === 'base64' && data)
        return {
          type: 'image',
          source: { kind: 'base64', mediaType: readString(source, 'media_type') ?? 'image/png', data },
        };
      return url ? { type: 'image', source: { kind: 'url', url } } : undefined;
    }
    case 'tool_use':
      return {
        type: 'tool_call',
        id: readString(block, 'id') ?? '',
        name: readString(block, 'name') ?? '',
        argumentsJson: JSON.stringify(block.input ?? {}),
      };
    case 'tool_result':
      return {
        type: 'tool_result',
        toolCallId: readString(block, 'tool_use_id') ?? '',
        content: joinTextContent(block.content),
        ...(block.is_error === true ? { isError: true } : {}),
      };
    default:
      // thinking / redacted_thinking carry signatures only Anthropic can check; documents and
      // server-tool blocks have no counterpart elsewhere.
      return undefined;
  }
}

function readContent(content: unknown): CanonicalPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  return content.filter(isRecord).flatMap((block) => readBlock(block) ?? []);
}

function readToolChoice(value: unknown): CanonicalToolChoice | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'auto' || value.type === 'none') return { type: value.type };
  if (value.type === 'any') return { type: 'required' };
  const name = readString(value, 'name');
  return value.type === 'tool' && name ? { type: 'tool', name } : undefined;
}

export function anthropicMessagesRequestToCanonical(body: Record<string, unknown>): CanonicalRequest {
  const system =
    typeof body.system === 'string'
      ? [body.system]
      : readRecords(body, 'system').map((block) => readString(block, 'text') ?? '');
  const messages: CanonicalMessage[] = readRecords(body, 'messages').map((message) => ({
    role: message.role === 'assistant' ? 'assistant' : 'user',
    parts: readContent(message.content),
  }));
  // Server tools (web_search_*, bash_*, …) have a type and no input_schema; they cannot be relayed.
  const tools: CanonicalTool[] = readRecords(body, 'tools').flatMap((tool) => {
    const name = readString(tool, 'name');
    const schema = readRecord(tool, 'input_schema');
    if (!name || !schema) return [];
    const description = readString(tool, 'description');
    return [{ name, ...(description ? { description } : {}), parameters: schema }];
  });
  const toolChoice = readToolChoice(body.tool_choice);
  const disablesParallel = isRecord(body.tool_choice) && body.tool_choice.disable_parallel_tool_use === true;
  return {
    system: system.filter((text) => text !== ''),
    messages,
    tools,
    toolChoice,
    parallelToolCalls: disablesParallel ? false : undefined,
    maxOutputTokens: readNumber(body, 'max_tokens'),
    temperature: readNumber(body, 'temperature'),
    topP: readNumber(body, 'top_p'),
    stopSequences: readStringList(body, 'stop_sequences'),
  };
}
