import type { SimFinishReason, SimReply, UsageBuckets } from '../sim-types.js';

export interface ResolvedToolCall {
  id: string;
  name: string;
  argumentsJson: string;
  /** The arguments as an object, for protocols that send them parsed ({} when not valid JSON). */
  argumentsValue: unknown;
  argumentDeltas: string[];
}

/** A reply with every default filled in: what the protocol renderers consume. */
export interface ResolvedReply {
  id: string;
  model: string;
  createdAtSeconds: number;
  text: string;
  textDeltas: string[];
  reasoning: string;
  reasoningDeltas: string[];
  toolCalls: ResolvedToolCall[];
  finishReason: SimFinishReason;
  usage: UsageBuckets;
  includeUsage: boolean;
}

const wordPattern = /\s*\S+\s*/g;
const argumentDeltaChars = 16;

export function splitIntoDeltas(text: string, deltaCount: number | undefined): string[] {
  if (text === '') return [];
  if (deltaCount === undefined) return text.match(wordPattern) ?? [text];
  const chars = Array.from(text);
  const count = Math.max(1, Math.min(deltaCount, chars.length));
  const deltas: string[] = [];
  for (let index = 0; index < count; index++) {
    const start = Math.floor((index * chars.length) / count);
    const end = Math.floor(((index + 1) * chars.length) / count);
    deltas.push(chars.slice(start, end).join(''));
  }
  return deltas;
}

function splitArguments(argumentsJson: string): string[] {
  const deltas: string[] = [];
  for (let start = 0; start < argumentsJson.length; start += argumentDeltaChars) {
    deltas.push(argumentsJson.slice(start, start + argumentDeltaChars));
  }
  return deltas.length === 0 ? [''] : deltas;
}

function parseArgumentsValue(argumentsJson: string): unknown {
  try {
    return JSON.parse(argumentsJson);
  } catch {
    // Scripts may send deliberately broken arguments; protocols with parsed arguments get {}.
    return {};
  }
}

export interface ResolveReplyInput {
  reply: SimReply;
  requestedModel: string;
  promptTokens: number;
  sequence: number;
}

export function resolveReply({
  reply,
  requestedModel,
  promptTokens,
  sequence,
}: ResolveReplyInput): ResolvedReply {
  const text = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
  const textDeltas = splitIntoDeltas(text, reply.deltaCount);
  const reasoning = reply.reasoning ?? '';
  const reasoningDeltas = splitIntoDeltas(reasoning, undefined);
  const toolCalls = (reply.toolCalls ?? []).map((call, index): ResolvedToolCall => {
    const argumentsJson =
      typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {});
    return {
      id: call.id ?? `call_sim${sequence}_${index}`,
      name: call.name,
      argumentsJson,
      argumentsValue: parseArgumentsValue(argumentsJson),
      argumentDeltas: splitArguments(argumentsJson),
    };
  });
  const argumentDeltaTotal = toolCalls.reduce((sum, call) => sum + call.argumentDeltas.length, 0);
  // Deterministic default: one output token per streamed delta, so tests can predict it.
  const defaultUsage: UsageBuckets = {
    input: promptTokens,
    cache_read: 0,
    cache_write: 0,
    output: textDeltas.length + reasoningDeltas.length + argumentDeltaTotal,
    reasoning: reasoningDeltas.length,
  };
  const usage = { ...defaultUsage, ...reply.usage };
  return {
    id: `sim${sequence}`,
    model: reply.model ?? requestedModel,
    createdAtSeconds: Math.floor(Date.now() / 1000),
    text,
    textDeltas,
    reasoning,
    reasoningDeltas,
    toolCalls,
    finishReason: reply.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    usage,
    includeUsage: reply.fault?.omitUsage !== true,
  };
}

/** Total prompt size as the OpenAI and Gemini APIs report it (cached tokens included). */
export function countPromptTokensIncludingCache(usage: UsageBuckets): number {
  return usage.input + usage.cache_read + usage.cache_write;
}
