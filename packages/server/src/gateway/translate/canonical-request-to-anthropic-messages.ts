import type { CanonicalPart, CanonicalRequest, CanonicalToolChoice } from './canonical-request.js';
import { parseToolArguments } from './read-wire-fields.js';

// @see https://docs.anthropic.com/en/api/messages

// max_tokens is required by Anthropic and optional everywhere else.
const defaultMaxOutputTokens = 4096;

function renderBlock(part: CanonicalPart): Record<string, unknown> | undefined {
  switch (part.type) {
    case 'text':
      // Anthropic rejects empty text blocks.
      return part.text === '' ? undefined : { type: 'text', text: part.text };
    case 'image':
      return part.source.kind === 'base64'
        ? {
            type: 'image',
            source: { type: 'base64', media_type: part.source.mediaType, data: part.source.data },
          }
        : { type: 'image', source: { type: 'url', url: part.source.url } };
    case 'tool_call':
      return {
        type: 'tool_use',
        id: part.id,
        name: part.name,
        input: parseToolArguments(part.argumentsJson),
      };
    case 'tool_result':
      return {
        type: 'tool_result',
        tool_use_id: part.toolCallId,
        content: part.content,
        ...(part.isError ? { is_error: true } : {}),
      };
    case 'reasoning':
      // Thinking blocks need an Anthropic signature to be sent back; others' reasoning is dropped.
      return undefined;
  }
}

function renderToolChoice(
  choice: CanonicalToolChoice,
  parallelToolCalls: boolean | undefined,
): Record<string, unknown> {
  const rendered: Record<string, unknown> =
    choice.type === 'required'
      ? { type: 'any' }
      : choice.type === 'tool'
        ? { type: 'tool', name: choice.name }
        : { type: choice.type };
  if (parallelToolCalls === false && choice.type !== 'none') rendered.disable_parallel_tool_use = true;
  return rendered;
}

export function canonicalRequestToAnthropicMessages(
  request: CanonicalRequest,
  options: { upstreamModel: string; stream: boolean },
): Record<string, unknown> {
  const messages = request.messages
    .map((message) => ({
      role: message.role,
      content: message.parts.flatMap((part) => renderBlock(part) ?? []),
    }))
    .filter((message) => message.content.length > 0);
  const body: Record<string, unknown> = {
    model: options.upstreamModel,
    max_tokens: request.maxOutputTokens ?? defaultMaxOutputTokens,
    messages,
  };
  if (request.system.length > 0) body.system = request.system.join('\n\n');
  if (request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      input_schema: tool.parameters,
    }));
  }
  const toolChoice =
    request.toolChoice ?? (request.parallelToolCalls === false ? { type: 'auto' as const } : undefined);
  if (toolChoice && request.tools.length > 0)
    body.tool_choice = renderToolChoice(toolChoice, request.parallelToolCalls);
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stopSequences && request.stopSequences.length > 0) body.stop_sequences = request.stopSequences;
  if (options.stream) body.stream = true;
  return body;
}
