import type {
  CanonicalMessage,
  CanonicalRequest,
  CanonicalResponseFormat,
  CanonicalToolChoice,
} from './canonical-request.js';
import { imageSourceToUrl } from './read-wire-fields.js';

// @see https://platform.openai.com/docs/api-reference/chat/create

function renderUserMessages(message: CanonicalMessage): Record<string, unknown>[] {
  const rendered: Record<string, unknown>[] = [];
  const content: Record<string, unknown>[] = [];
  for (const part of message.parts) {
    if (part.type === 'tool_result') {
      rendered.push({ role: 'tool', tool_call_id: part.toolCallId, content: part.content });
    } else if (part.type === 'text') {
      content.push({ type: 'text', text: part.text });
    } else if (part.type === 'image') {
      content.push({ type: 'image_url', image_url: { url: imageSourceToUrl(part.source) } });
    }
  }
  if (content.length === 0) return rendered;
  // Plain text as a string: the form every OpenAI-compatible vendor accepts.
  const isTextOnly = content.every((block) => block.type === 'text');
  const userContent = isTextOnly ? content.map((block) => block.text).join('\n') : content;
  return [...rendered, { role: 'user', content: userContent }];
}

function renderAssistantMessage(message: CanonicalMessage): Record<string, unknown> {
  let text = '';
  const toolCalls: Record<string, unknown>[] = [];
  for (const part of message.parts) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'tool_call') {
      toolCalls.push({
        id: part.id,
        type: 'function',
        function: { name: part.name, arguments: part.argumentsJson },
      });
    }
  }
  const rendered: Record<string, unknown> = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
  };
  if (toolCalls.length > 0) rendered.tool_calls = toolCalls;
  return rendered;
}

function renderToolChoice(choice: CanonicalToolChoice): unknown {
  return choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
}

export function renderOpenAIChatResponseFormat(format: CanonicalResponseFormat): Record<string, unknown> {
  if (format.type === 'json_object') return { type: 'json_object' };
  const jsonSchema: Record<string, unknown> = { name: format.name, schema: format.schema };
  if (format.strict !== undefined) jsonSchema.strict = format.strict;
  return { type: 'json_schema', json_schema: jsonSchema };
}

export function canonicalRequestToOpenAIChat(
  request: CanonicalRequest,
  options: { upstreamModel: string; stream: boolean },
): Record<string, unknown> {
  const messages: Record<string, unknown>[] = [];
  if (request.system.length > 0) messages.push({ role: 'system', content: request.system.join('\n\n') });
  for (const message of request.messages) {
    if (message.role === 'user') messages.push(...renderUserMessages(message));
    else messages.push(renderAssistantMessage(message));
  }
  const body: Record<string, unknown> = { model: options.upstreamModel, messages };
  if (request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        parameters: tool.parameters,
      },
    }));
  }
  if (request.toolChoice) body.tool_choice = renderToolChoice(request.toolChoice);
  if (request.parallelToolCalls !== undefined && request.tools.length > 0)
    body.parallel_tool_calls = request.parallelToolCalls;
  // max_tokens, not max_completion_tokens: DeepSeek, Qwen, Moonshot and Zhipu document only max_tokens.
  if (request.maxOutputTokens !== undefined) body.max_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stopSequences && request.stopSequences.length > 0) body.stop = request.stopSequences;
  if (request.responseFormat) body.response_format = renderOpenAIChatResponseFormat(request.responseFormat);
  if (options.stream) {
    body.stream = true;
    // Always ask for usage; the translator drops the extra chunk when the client did not ask.
    body.stream_options = { include_usage: true };
  }
  return body;
}
