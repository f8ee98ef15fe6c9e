import type { ProtocolRenderer } from './protocol-renderer.js';
import { renderOpenAiErrorBody } from './provider-error-bodies.js';
import { countPromptTokensIncludingCache, type ResolvedReply } from './resolve-reply.js';
import { frameNamedEvent } from './sse-framing.js';

type ResponseEvent = Record<string, unknown> & { type: string };

function renderResponsesUsage(reply: ResolvedReply): unknown {
  const inputTokens = countPromptTokensIncludingCache(reply.usage);
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: reply.usage.cache_read },
    output_tokens: reply.usage.output,
    output_tokens_details: { reasoning_tokens: reply.usage.reasoning },
    total_tokens: inputTokens + reply.usage.output,
  };
}

function reasoningItem(reply: ResolvedReply): Record<string, unknown> {
  return {
    id: `rs_${reply.id}`,
    type: 'reasoning',
    summary: reply.reasoning === '' ? [] : [{ type: 'summary_text', text: reply.reasoning }],
  };
}

function messageItem(reply: ResolvedReply, status: string): Record<string, unknown> {
  const text = status === 'completed' ? reply.text : '';
  return {
    id: `msg_${reply.id}`,
    type: 'message',
    status,
    content: status === 'completed' ? [{ type: 'output_text', annotations: [], logprobs: [], text }] : [],
    role: 'assistant',
  };
}

function functionCallItem(reply: ResolvedReply, index: number, status: string): Record<string, unknown> {
  const call = reply.toolCalls[index];
  return {
    id: `fc_${reply.id}_${index}`,
    type: 'function_call',
    status,
    arguments: status === 'completed' ? call.argumentsJson : '',
    call_id: call.id,
    name: call.name,
  };
}

function outputItems(reply: ResolvedReply): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  if (reply.reasoning !== '') items.push(reasoningItem(reply));
  if (reply.text !== '' || reply.toolCalls.length === 0) items.push(messageItem(reply, 'completed'));
  reply.toolCalls.forEach((_call, index) => {
    items.push(functionCallItem(reply, index, 'completed'));
  });
  return items;
}

// A length cut ends as status "incomplete" with a reason; content_filter likewise.
// @see https://platform.openai.com/docs/api-reference/responses/object
function renderResponseObject(reply: ResolvedReply, isFinal: boolean): Record<string, unknown> {
  const isIncomplete = reply.finishReason === 'length' || reply.finishReason === 'content_filter';
  const status = !isFinal ? 'in_progress' : isIncomplete ? 'incomplete' : 'completed';
  const reason = reply.finishReason === 'length' ? 'max_output_tokens' : 'content_filter';
  return {
    id: `resp_${reply.id}`,
    object: 'response',
    created_at: reply.createdAtSeconds,
    status,
    error: null,
    incomplete_details: isFinal && isIncomplete ? { reason } : null,
    instructions: null,
    max_output_tokens: null,
    model: reply.model,
    output: isFinal ? outputItems(reply) : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: true,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: isFinal && reply.includeUsage ? renderResponsesUsage(reply) : null,
    user: null,
    metadata: {},
  };
}

function reasoningEvents(reply: ResolvedReply, outputIndex: number): ResponseEvent[] {
  const itemId = `rs_${reply.id}`;
  const where = { item_id: itemId, output_index: outputIndex, summary_index: 0 };
  return [
    {
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: { ...reasoningItem(reply), summary: [] },
    },
    { type: 'response.reasoning_summary_part.added', ...where, part: { type: 'summary_text', text: '' } },
    ...reply.reasoningDeltas.map((delta) => ({
      type: 'response.reasoning_summary_text.delta',
      ...where,
      delta,
    })),
    { type: 'response.reasoning_summary_text.done', ...where, text: reply.reasoning },
    {
      type: 'response.reasoning_summary_part.done',
      ...where,
      part: { type: 'summary_text', text: reply.reasoning },
    },
    { type: 'response.output_item.done', output_index: outputIndex, item: reasoningItem(reply) },
  ];
}

function messageEvents(reply: ResolvedReply, outputIndex: number): ResponseEvent[] {
  const where = { item_id: `msg_${reply.id}`, output_index: outputIndex, content_index: 0 };
  const donePart = { type: 'output_text', annotations: [], logprobs: [], text: reply.text };
  return [
    {
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: messageItem(reply, 'in_progress'),
    },
    { type: 'response.content_part.added', ...where, part: { ...donePart, text: '' } },
    ...reply.textDeltas.map((delta) => ({
      type: 'response.output_text.delta',
      ...where,
      delta,
      logprobs: [],
    })),
    { type: 'response.output_text.done', ...where, text: reply.text, logprobs: [] },
    { type: 'response.content_part.done', ...where, part: donePart },
    { type: 'response.output_item.done', output_index: outputIndex, item: messageItem(reply, 'completed') },
  ];
}

function functionCallEvents(reply: ResolvedReply, callIndex: number, outputIndex: number): ResponseEvent[] {
  const call = reply.toolCalls[callIndex];
  const where = { item_id: `fc_${reply.id}_${callIndex}`, output_index: outputIndex };
  return [
    {
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: functionCallItem(reply, callIndex, 'in_progress'),
    },
    ...call.argumentDeltas.map((delta) => ({
      type: 'response.function_call_arguments.delta',
      ...where,
      delta,
    })),
    { type: 'response.function_call_arguments.done', ...where, arguments: call.argumentsJson },
    {
      type: 'response.output_item.done',
      output_index: outputIndex,
      item: functionCallItem(reply, callIndex, 'completed'),
    },
  ];
}

function collectEvents(reply: ResolvedReply): ResponseEvent[] {
  const events: ResponseEvent[] = [
    { type: 'response.created', response: renderResponseObject(reply, false) },
    { type: 'response.in_progress', response: renderResponseObject(reply, false) },
  ];
  let outputIndex = 0;
  if (reply.reasoning !== '') events.push(...reasoningEvents(reply, outputIndex++));
  if (reply.text !== '' || reply.toolCalls.length === 0) events.push(...messageEvents(reply, outputIndex++));
  reply.toolCalls.forEach((_call, index) => {
    events.push(...functionCallEvents(reply, index, outputIndex++));
  });
  const final = renderResponseObject(reply, true);
  events.push({ type: `response.${final.status as string}`, response: final });
  return events;
}

export const openAiResponsesRenderer: ProtocolRenderer = {
  renderBody: (reply) => renderResponseObject(reply, true),
  renderEvents: (reply) =>
    collectEvents(reply).map((event, sequenceNumber) => {
      const { type, ...rest } = event;
      return frameNamedEvent(type, JSON.stringify({ type, sequence_number: sequenceNumber, ...rest }));
    }),
  renderStreamError: (message) =>
    frameNamedEvent(
      'error',
      JSON.stringify({ type: 'error', sequence_number: 0, code: 'server_error', message, param: null }),
    ),
  renderMalformedEvent: () =>
    frameNamedEvent('response.output_text.delta', '{"type":"response.output_text.delta","delta":"'),
  renderErrorBody: renderOpenAiErrorBody,
};
