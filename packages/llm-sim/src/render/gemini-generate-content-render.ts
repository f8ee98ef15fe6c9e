import type { ProtocolRenderer } from './protocol-renderer.js';
import { renderGeminiErrorBody } from './provider-error-bodies.js';
import { countPromptTokensIncludingCache, type ResolvedReply } from './resolve-reply.js';
import { frameGeminiEvent } from './sse-framing.js';

const finishReasons: Record<ResolvedReply['finishReason'], string> = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  tool_calls: 'STOP',
  content_filter: 'SAFETY',
};

// candidatesTokenCount excludes thoughtsTokenCount; cachedContentTokenCount is part of
// promptTokenCount. @see https://ai.google.dev/api/generate-content#UsageMetadata
function renderUsageMetadata(reply: ResolvedReply, visibleOutputTokens: number): Record<string, unknown> {
  const promptTokens = countPromptTokensIncludingCache(reply.usage);
  const usage: Record<string, unknown> = {
    promptTokenCount: promptTokens,
    candidatesTokenCount: visibleOutputTokens,
    totalTokenCount: promptTokens + visibleOutputTokens + reply.usage.reasoning,
  };
  if (reply.usage.cache_read > 0) usage.cachedContentTokenCount = reply.usage.cache_read;
  usage.promptTokensDetails = [{ modality: 'TEXT', tokenCount: promptTokens }];
  if (reply.usage.reasoning > 0) usage.thoughtsTokenCount = reply.usage.reasoning;
  return usage;
}

function functionCallParts(reply: ResolvedReply): Record<string, unknown>[] {
  return reply.toolCalls.map((call) => ({
    functionCall: { name: call.name, args: call.argumentsValue },
  }));
}

function renderBody(reply: ResolvedReply): unknown {
  const parts: Record<string, unknown>[] = [];
  if (reply.reasoning !== '') parts.push({ text: reply.reasoning, thought: true });
  if (reply.text !== '' || reply.toolCalls.length === 0) parts.push({ text: reply.text });
  parts.push(...functionCallParts(reply));
  const body: Record<string, unknown> = {
    candidates: [
      { content: { parts, role: 'model' }, finishReason: finishReasons[reply.finishReason], index: 0 },
    ],
  };
  if (reply.includeUsage)
    body.usageMetadata = renderUsageMetadata(reply, reply.usage.output - reply.usage.reasoning);
  body.modelVersion = reply.model;
  body.responseId = reply.id;
  return body;
}

// Every chunk repeats usageMetadata with running totals; the last one is final.
function renderEvents(reply: ResolvedReply): string[] {
  const chunkParts: Record<string, unknown>[][] = [
    ...reply.reasoningDeltas.map((text) => [{ text, thought: true }]),
    ...reply.textDeltas.map((text) => [{ text }]),
  ];
  if (reply.toolCalls.length > 0) chunkParts.push(functionCallParts(reply));
  if (chunkParts.length === 0) chunkParts.push([{ text: '' }]);
  const visibleOutputTokens = reply.usage.output - reply.usage.reasoning;
  return chunkParts.map((parts, index) => {
    const isLast = index === chunkParts.length - 1;
    const candidate: Record<string, unknown> = { content: { parts, role: 'model' } };
    if (isLast) candidate.finishReason = finishReasons[reply.finishReason];
    candidate.index = 0;
    const chunk: Record<string, unknown> = { candidates: [candidate] };
    if (reply.includeUsage) {
      const runningOutput = Math.floor((visibleOutputTokens * (index + 1)) / chunkParts.length);
      chunk.usageMetadata = renderUsageMetadata(reply, runningOutput);
    }
    chunk.modelVersion = reply.model;
    chunk.responseId = reply.id;
    return frameGeminiEvent(JSON.stringify(chunk));
  });
}

export const geminiGenerateContentRenderer: ProtocolRenderer = {
  renderBody,
  renderEvents,
  renderStreamError: (message) =>
    frameGeminiEvent(JSON.stringify({ error: { code: 503, message, status: 'UNAVAILABLE' } })),
  renderMalformedEvent: () => frameGeminiEvent('{"candidates":[{"content":{"parts":[{"text":"'),
  renderErrorBody: renderGeminiErrorBody,
};
