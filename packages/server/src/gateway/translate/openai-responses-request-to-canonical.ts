import type {
  CanonicalMessage,
  CanonicalPart,
  CanonicalRequest,
  CanonicalResponseFormat,
  CanonicalTool,
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
} from './read-wire-fields.js';
import { customToolParameters, flattenToolName } from './responses-tool-names.js';

// @see https://platform.openai.com/docs/api-reference/responses/create
// What the Codex CLI sends: developer messages (or `instructions`), user messages, and on later
// turns the function_call / function_call_output items of the tool loop; reasoning items are
// dropped because only OpenAI can read their encrypted content.

function readMessageParts(content: unknown): CanonicalPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  return content.filter(isRecord).flatMap((block): CanonicalPart[] => {
    const text = readString(block, 'text');
    if (
      (block.type === 'input_text' || block.type === 'output_text' || block.type === 'text') &&
      text !== undefined
    )
      return [{ type: 'text', text }];
    const imageUrl = readString(block, 'image_url');
    if (block.type === 'input_image' && imageUrl)
      return [{ type: 'image', source: imageSourceFromUrl(imageUrl) }];
    if (block.type === 'refusal') return [{ type: 'text', text: readString(block, 'refusal') ?? '' }];
    return [];
  });
}

function readItem(
  item: Record<string, unknown>,
): { role: 'user' | 'assistant' | 'system'; part: CanonicalPart[] } | undefined {
  const callId = readString(item, 'call_id') ?? '';
  switch (item.type ?? 'message') {
    case 'message': {
      const role = readString(item, 'role');
      const parts = readMessageParts(item.content);
      if (role === 'system' || role === 'developer') return { role: 'system', part: parts };
      return { role: role === 'assistant' ? 'assistant' : 'user', part: parts };
    }
    case 'function_call': {
      const name = flattenToolName(readString(item, 'name') ?? '', readString(item, 'namespace'));
      return {
        role: 'assistant',
        part: [{ type: 'tool_call', id: callId, name, argumentsJson: readString(item, 'arguments') ?? '{}' }],
      };
    }
    case 'custom_tool_call': {
      const argumentsJson = JSON.stringify({ input: readString(item, 'input') ?? '' });
      return {
        role: 'assistant',
        part: [{ type: 'tool_call', id: callId, name: readString(item, 'name') ?? '', argumentsJson }],
      };
    }
    case 'function_call_output':
    case 'custom_tool_call_output':
      return {
        role: 'user',
        part: [{ type: 'tool_result', toolCallId: callId, content: joinTextContent(item.output) }],
      };
    default:
      return undefined;
  }
}

function readTools(body: Record<string, unknown>): CanonicalTool[] {
  return readRecords(body, 'tools').flatMap((tool): CanonicalTool[] => {
    const name = readString(tool, 'name');
    const description = readString(tool, 'description');
    const described = description ? { description } : {};
    if (tool.type === 'function' && name)
      return [
        {
          name,
          ...described,
          parameters: readRecord(tool, 'parameters') ?? { type: 'object', properties: {} },
        },
      ];
    if (tool.type === 'custom' && name)
      return [{ name, ...described, parameters: customToolParameters(tool) }];
    if (tool.type === 'namespace' && name) {
      return readRecords(tool, 'tools').flatMap((inner) =>
        readTools({ tools: [inner] }).map((flat) => ({ ...flat, name: flattenToolName(flat.name, name) })),
      );
    }
    // Hosted tools (web_search, file_search, tool_search, …) run inside OpenAI only.
    return [];
  });
}

function readToolChoice(value: unknown): CanonicalToolChoice | undefined {
  if (value === 'auto' || value === 'none' || value === 'required') return { type: value };
  const name = isRecord(value) ? readString(value, 'name') : undefined;
  return name ? { type: 'tool', name } : undefined;
}

function readTextFormat(body: Record<string, unknown>): CanonicalResponseFormat | undefined {
  const format = readRecord(readRecord(body, 'text') ?? {}, 'format');
  if (format?.type === 'json_object') return { type: 'json_object' };
  const schema = format ? readRecord(format, 'schema') : undefined;
  if (format?.type !== 'json_schema' || !schema) return undefined;
  return {
    type: 'json_schema',
    name: readString(format, 'name') ?? 'response',
    schema,
    ...(typeof format.strict === 'boolean' ? { strict: format.strict } : {}),
  };
}

export function openaiResponsesRequestToCanonical(body: Record<string, unknown>): CanonicalRequest {
  const instructions = readString(body, 'instructions');
  const system: string[] = instructions ? [instructions] : [];
  const messages: CanonicalMessage[] = [];
  const items =
    typeof body.input === 'string'
      ? [{ type: 'message', role: 'user', content: body.input }]
      : readRecords(body, 'input');
  for (const item of items) {
    const read = readItem(item);
    if (!read) continue;
    if (read.role === 'system') {
      system.push(read.part.map((part) => (part.type === 'text' ? part.text : '')).join(''));
      continue;
    }
    const last = messages[messages.length - 1];
    // Parallel calls and their outputs arrive as separate items; group them into one turn each.
    const isGroupable = read.part.every((part) => part.type === 'tool_call' || part.type === 'tool_result');
    const lastIsGroupable =
      last?.parts.every((part) => part.type === 'tool_call' || part.type === 'tool_result') ?? false;
    const continuesAssistantTurn = last?.role === 'assistant' && read.role === 'assistant' && isGroupable;
    if (last && last.role === read.role && ((isGroupable && lastIsGroupable) || continuesAssistantTurn))
      last.parts.push(...read.part);
    else messages.push({ role: read.role, parts: read.part });
  }
  const parallelToolCalls = body.parallel_tool_calls;
  return {
    system,
    messages,
    tools: readTools(body),
    toolChoice: readToolChoice(body.tool_choice),
    parallelToolCalls: typeof parallelToolCalls === 'boolean' ? parallelToolCalls : undefined,
    maxOutputTokens: readNumber(body, 'max_output_tokens'),
    temperature: readNumber(body, 'temperature'),
    topP: readNumber(body, 'top_p'),
    responseFormat: readTextFormat(body),
  };
}
