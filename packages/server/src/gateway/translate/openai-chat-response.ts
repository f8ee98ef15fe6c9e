import { newId } from '../../kernel/ids.js';
import { convertOpenAIChatUsage } from '../usage/openai-chat-usage.js';
import type { CanonicalOutputPart, CanonicalResponse } from './canonical-response.js';
import { mapOpenAIChatFinishReason, renderOpenAIChatFinishReason } from './map-openai-chat-finish-reason.js';
import { joinTextContent, readRecord, readRecords, readString } from './read-wire-fields.js';
import { renderOpenAIChatUsage } from './render-dialect-usage.js';

// @see https://platform.openai.com/docs/api-reference/chat/object

export function openaiChatResponseToCanonical(body: Record<string, unknown>): CanonicalResponse {
  const choice = readRecords(body, 'choices')[0] ?? {};
  const message = readRecord(choice, 'message') ?? {};
  const parts: CanonicalOutputPart[] = [];
  // DeepSeek and Moonshot put the chain of thought in reasoning_content; some vendors use reasoning.
  const reasoning = readString(message, 'reasoning_content') ?? readString(message, 'reasoning');
  if (reasoning) parts.push({ type: 'reasoning', text: reasoning });
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
  return {
    id: readString(body, 'id') ?? '',
    parts,
    stopReason: mapOpenAIChatFinishReason(choice.finish_reason),
    usage: convertOpenAIChatUsage(body.usage),
  };
}

export function canonicalResponseToOpenAIChat(
  response: CanonicalResponse,
  requestedModel: string,
): Record<string, unknown> {
  let text = '';
  let reasoning = '';
  const toolCalls: Record<string, unknown>[] = [];
  for (const part of response.parts) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') reasoning += part.text;
    else
      toolCalls.push({
        id: part.id,
        type: 'function',
        function: { name: part.name, arguments: part.argumentsJson },
      });
  }
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
  };
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const body: Record<string, unknown> = {
    id: `chatcmpl-${response.id || newId('chat')}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: requestedModel,
    choices: [
      { index: 0, message, finish_reason: renderOpenAIChatFinishReason(response.stopReason), logprobs: null },
    ],
  };
  if (response.usage) body.usage = renderOpenAIChatUsage(response.usage);
  return body;
}
