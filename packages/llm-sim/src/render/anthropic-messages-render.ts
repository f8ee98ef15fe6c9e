import type { ProtocolRenderer } from './protocol-renderer.js';
import { renderAnthropicErrorBody } from './provider-error-bodies.js';
import type { ResolvedReply } from './resolve-reply.js';
import { frameNamedEvent } from './sse-framing.js';

type AnthropicEvent = Record<string, unknown> & { type: string };

const stopReasons: Record<ResolvedReply['finishReason'], string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
};

const simSignature = 'c2lnbmF0dXJlLWxsbS1zaW0=';

// input_tokens excludes both cache buckets on this API.
// @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
function renderAnthropicUsage(reply: ResolvedReply, outputTokens: number): Record<string, number> {
  return {
    input_tokens: reply.usage.input,
    cache_creation_input_tokens: reply.usage.cache_write,
    cache_read_input_tokens: reply.usage.cache_read,
    output_tokens: outputTokens,
  };
}

function contentBlocks(reply: ResolvedReply): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  if (reply.reasoning !== '')
    blocks.push({ type: 'thinking', thinking: reply.reasoning, signature: simSignature });
  if (reply.text !== '' || reply.toolCalls.length === 0) blocks.push({ type: 'text', text: reply.text });
  for (const call of reply.toolCalls) {
    blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: call.argumentsValue });
  }
  return blocks;
}

function renderBody(reply: ResolvedReply): unknown {
  const body: Record<string, unknown> = {
    id: `msg_${reply.id}`,
    type: 'message',
    role: 'assistant',
    model: reply.model,
    content: contentBlocks(reply),
    stop_reason: stopReasons[reply.finishReason],
    stop_sequence: null,
  };
  if (reply.includeUsage) body.usage = renderAnthropicUsage(reply, reply.usage.output);
  return body;
}

function blockEvents(index: number, start: unknown, deltas: unknown[]): AnthropicEvent[] {
  return [
    { type: 'content_block_start', index, content_block: start },
    ...deltas.map((delta) => ({ type: 'content_block_delta', index, delta })),
    { type: 'content_block_stop', index },
  ];
}

function collectContentEvents(reply: ResolvedReply): AnthropicEvent[] {
  const events: AnthropicEvent[] = [];
  let index = 0;
  if (reply.reasoning !== '') {
    const deltas: unknown[] = reply.reasoningDeltas.map((thinking) => ({ type: 'thinking_delta', thinking }));
    deltas.push({ type: 'signature_delta', signature: simSignature });
    events.push(...blockEvents(index++, { type: 'thinking', thinking: '', signature: '' }, deltas));
  }
  if (reply.text !== '' || reply.toolCalls.length === 0) {
    const deltas = reply.textDeltas.map((text) => ({ type: 'text_delta', text }));
    events.push(...blockEvents(index++, { type: 'text', text: '' }, deltas));
  }
  for (const call of reply.toolCalls) {
    const deltas = call.argumentDeltas.map((partial_json) => ({ type: 'input_json_delta', partial_json }));
    events.push(
      ...blockEvents(index++, { type: 'tool_use', id: call.id, name: call.name, input: {} }, deltas),
    );
  }
  return events;
}

// message_start carries the input side and a provisional output count; the last message_delta
// repeats the cumulative totals, which is what meters must keep.
function collectEvents(reply: ResolvedReply): AnthropicEvent[] {
  const startMessage: Record<string, unknown> = {
    id: `msg_${reply.id}`,
    type: 'message',
    role: 'assistant',
    model: reply.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
  };
  if (reply.includeUsage) startMessage.usage = renderAnthropicUsage(reply, 1);
  const contentEvents = collectContentEvents(reply);
  const messageDelta: AnthropicEvent = {
    type: 'message_delta',
    delta: { stop_reason: stopReasons[reply.finishReason], stop_sequence: null },
  };
  if (reply.includeUsage) messageDelta.usage = renderAnthropicUsage(reply, reply.usage.output);
  return [
    { type: 'message_start', message: startMessage },
    ...contentEvents.slice(0, 1),
    { type: 'ping' },
    ...contentEvents.slice(1),
    messageDelta,
    { type: 'message_stop' },
  ];
}

export const anthropicMessagesRenderer: ProtocolRenderer = {
  renderBody,
  renderEvents: (reply) =>
    collectEvents(reply).map((event) => frameNamedEvent(event.type, JSON.stringify(event))),
  renderStreamError: (message) =>
    frameNamedEvent('error', JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message } })),
  renderMalformedEvent: () =>
    frameNamedEvent(
      'content_block_delta',
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"',
    ),
  renderErrorBody: renderAnthropicErrorBody,
};
