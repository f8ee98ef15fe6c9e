import type { ProtocolRenderer, StreamRenderContext } from './protocol-renderer.js';
import { renderOpenAiErrorBody } from './provider-error-bodies.js';
import { countPromptTokensIncludingCache, type ResolvedReply } from './resolve-reply.js';
import { frameDataEvent, openAiDoneEvent } from './sse-framing.js';

const systemFingerprint = 'fp_llmsim';

function renderChatUsage(reply: ResolvedReply): unknown {
  const promptTokens = countPromptTokensIncludingCache(reply.usage);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: reply.usage.output,
    total_tokens: promptTokens + reply.usage.output,
    prompt_tokens_details: { cached_tokens: reply.usage.cache_read, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reply.usage.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function renderBody(reply: ResolvedReply): unknown {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: reply.text === '' && reply.toolCalls.length > 0 ? null : reply.text,
    refusal: null,
    annotations: [],
  };
  if (reply.reasoning !== '') message.reasoning_content = reply.reasoning;
  if (reply.toolCalls.length > 0) {
    message.tool_calls = reply.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.argumentsJson },
    }));
  }
  const body: Record<string, unknown> = {
    id: `chatcmpl-${reply.id}`,
    object: 'chat.completion',
    created: reply.createdAtSeconds,
    model: reply.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: reply.finishReason }],
  };
  if (reply.includeUsage) body.usage = renderChatUsage(reply);
  body.service_tier = 'default';
  body.system_fingerprint = systemFingerprint;
  return body;
}

function collectDeltas(reply: ResolvedReply): Record<string, unknown>[] {
  const deltas: Record<string, unknown>[] = [{ role: 'assistant', content: '', refusal: null }];
  for (const piece of reply.reasoningDeltas) deltas.push({ reasoning_content: piece });
  for (const piece of reply.textDeltas) deltas.push({ content: piece });
  reply.toolCalls.forEach((call, index) => {
    deltas.push({
      tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
    });
    for (const piece of call.argumentDeltas) {
      deltas.push({ tool_calls: [{ index, function: { arguments: piece } }] });
    }
  });
  return deltas;
}

// With stream_options.include_usage every chunk carries "usage": null and one extra chunk with empty
// `choices` carries the totals after the finish chunk.
// @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
function renderEvents(reply: ResolvedReply, context: StreamRenderContext): string[] {
  const isUsageChunkSent = context.isStreamUsageRequested && reply.includeUsage;
  const head = `{"id":"chatcmpl-${reply.id}","object":"chat.completion.chunk","created":${reply.createdAtSeconds},"model":${JSON.stringify(reply.model)},"service_tier":"default","system_fingerprint":"${systemFingerprint}","choices":`;
  const usageTail = context.isStreamUsageRequested ? ',"usage":null}' : '}';
  const events = collectDeltas(reply).map((delta) =>
    frameDataEvent(
      `${head}[{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":null}]${usageTail}`,
    ),
  );
  events.push(
    frameDataEvent(
      `${head}[{"index":0,"delta":{},"logprobs":null,"finish_reason":"${reply.finishReason}"}]${usageTail}`,
    ),
  );
  if (isUsageChunkSent)
    events.push(frameDataEvent(`${head}[],"usage":${JSON.stringify(renderChatUsage(reply))}}`));
  events.push(openAiDoneEvent);
  return events;
}

export const openAiChatRenderer: ProtocolRenderer = {
  renderBody,
  renderEvents,
  renderStreamError: (message) =>
    frameDataEvent(JSON.stringify({ error: { message, type: 'server_error', param: null, code: null } })),
  renderMalformedEvent: () => frameDataEvent('{"id":"chatcmpl-broken","choices":[{"delta":{"content":"'),
  renderErrorBody: renderOpenAiErrorBody,
};
