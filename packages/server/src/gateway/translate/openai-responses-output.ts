import { newId } from '../../kernel/ids.js';
import type { UsageBuckets } from '../usage/usage-buckets.js';
import type { CanonicalResponse, CanonicalStopReason } from './canonical-response.js';
import { renderOpenAIResponsesUsage } from './render-dialect-usage.js';
import { type ResponsesToolNames, readCustomToolInput } from './responses-tool-names.js';

// Output items and the response object of the Responses API, shared by the non-stream renderer
// and the stream renderer (whose response.completed carries the same object).
// @see https://platform.openai.com/docs/api-reference/responses/object

export function renderMessageItem(id: string, text: string, status = 'completed'): Record<string, unknown> {
  const content =
    status === 'completed' ? [{ type: 'output_text', text, annotations: [], logprobs: [] }] : [];
  return { id, type: 'message', status, role: 'assistant', content };
}

export function renderReasoningItem(id: string, text: string): Record<string, unknown> {
  return { id, type: 'reasoning', summary: text === '' ? [] : [{ type: 'summary_text', text }] };
}

export interface ToolCallItemInput {
  itemId: string;
  callId: string;
  flatName: string;
  argumentsJson: string;
  status: 'in_progress' | 'completed';
}

/** A function_call item, or a custom_tool_call / namespaced call when the request declared one. */
export function renderToolCallItem(
  call: ToolCallItemInput,
  toolNames: ResponsesToolNames,
): Record<string, unknown> {
  const origin = toolNames.get(call.flatName);
  if (origin?.kind === 'custom') {
    const input = call.status === 'completed' ? readCustomToolInput(call.argumentsJson) : '';
    return {
      id: call.itemId,
      type: 'custom_tool_call',
      status: call.status,
      call_id: call.callId,
      name: origin.name,
      input,
    };
  }
  const item: Record<string, unknown> = {
    id: call.itemId,
    type: 'function_call',
    status: call.status,
    call_id: call.callId,
    name: origin?.name ?? call.flatName,
    arguments: call.status === 'completed' ? call.argumentsJson : '',
  };
  if (origin?.namespace) item.namespace = origin.namespace;
  return item;
}

// Responses reports why it stopped through status + incomplete_details, not a finish reason.
const incompleteReasons: Partial<Record<CanonicalStopReason, string>> = {
  max_tokens: 'max_output_tokens',
  content_filter: 'content_filter',
};

export interface ResponseObjectInput {
  id: string;
  model: string;
  createdAtSeconds: number;
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  output: Record<string, unknown>[];
  usage?: UsageBuckets;
  stopReason?: CanonicalStopReason;
  error?: { code: string; message: string };
}

export function renderResponseObject(input: ResponseObjectInput): Record<string, unknown> {
  const reason = input.stopReason ? incompleteReasons[input.stopReason] : undefined;
  return {
    id: input.id,
    object: 'response',
    created_at: input.createdAtSeconds,
    status: input.status,
    error: input.error ?? null,
    incomplete_details: input.status === 'incomplete' && reason ? { reason } : null,
    model: input.model,
    output: input.output,
    usage: input.usage ? renderOpenAIResponsesUsage(input.usage) : null,
  };
}

export function statusForStopReason(stopReason: CanonicalStopReason): 'completed' | 'incomplete' {
  return incompleteReasons[stopReason] ? 'incomplete' : 'completed';
}

export function canonicalResponseToOpenAIResponses(
  response: CanonicalResponse,
  options: { requestedModel: string; toolNames: ResponsesToolNames },
): Record<string, unknown> {
  const output = response.parts.map((part) => {
    if (part.type === 'text') return renderMessageItem(newId('msg'), part.text);
    if (part.type === 'reasoning') return renderReasoningItem(newId('rs'), part.text);
    const call = {
      itemId: newId('fc'),
      callId: part.id || newId('call'),
      flatName: part.name,
      argumentsJson: part.argumentsJson,
    };
    return renderToolCallItem({ ...call, status: 'completed' }, options.toolNames);
  });
  return renderResponseObject({
    id: `resp_${response.id || newId('gw')}`,
    model: options.requestedModel,
    createdAtSeconds: Math.floor(Date.now() / 1000),
    status: statusForStopReason(response.stopReason),
    output,
    usage: response.usage,
    stopReason: response.stopReason,
  });
}
