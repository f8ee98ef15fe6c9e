import type { Dialect } from '../usage/index.js';
import { parseJsonPayload } from '../usage/index.js';

type TextReader = (payload: Record<string, unknown>, texts: string[]) => void;

const asArray = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
const pushString = (texts: string[], value: unknown) => {
  if (typeof value === 'string' && value !== '') texts.push(value);
};

// What each dialect's stream events carry as model output: text, reasoning and tool arguments.
const streamReaders: Record<Dialect, TextReader> = {
  'openai-chat': (payload, texts) => {
    for (const choice of asArray(payload.choices)) {
      const delta = (choice.delta ?? choice.message ?? {}) as Record<string, unknown>;
      pushString(texts, delta.content);
      pushString(texts, delta.reasoning_content);
      for (const call of asArray(delta.tool_calls))
        pushString(texts, (call.function as Record<string, unknown> | undefined)?.arguments);
    }
  },
  'openai-responses': (payload, texts) => {
    if (typeof payload.type === 'string' && payload.type.endsWith('.delta')) pushString(texts, payload.delta);
  },
  'anthropic-messages': (payload, texts) => {
    const delta = (payload.delta ?? {}) as Record<string, unknown>;
    pushString(texts, delta.text);
    pushString(texts, delta.thinking);
    pushString(texts, delta.partial_json);
  },
  gemini: (payload, texts) => {
    for (const candidate of asArray(payload.candidates)) {
      for (const part of asArray((candidate.content as Record<string, unknown> | undefined)?.parts)) {
        pushString(texts, part.text);
        if (part.functionCall)
          texts.push(JSON.stringify((part.functionCall as Record<string, unknown>).args ?? {}));
      }
    }
  },
};

/** The model output in a list of stream event payloads, for a tokenizer estimate. */
export function collectStreamOutputText(dialect: Dialect, payloads: readonly string[]): string {
  const texts: string[] = [];
  for (const data of payloads) {
    const payload = parseJsonPayload(data);
    if (payload && typeof payload === 'object' && !Array.isArray(payload))
      streamReaders[dialect](payload as Record<string, unknown>, texts);
  }
  return texts.join('');
}

/** The model output of a non-stream body, for a tokenizer estimate. */
export function collectResponseOutputText(dialect: Dialect, body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const texts: string[] = [];
  const payload = body as Record<string, unknown>;
  if (dialect === 'anthropic-messages') {
    for (const block of asArray(payload.content)) {
      pushString(texts, block.text);
      pushString(texts, block.thinking);
      if (block.input) texts.push(JSON.stringify(block.input));
    }
  } else if (dialect === 'openai-responses') {
    for (const item of asArray(payload.output)) {
      pushString(texts, item.arguments);
      for (const part of asArray(item.content)) pushString(texts, part.text);
    }
  } else {
    streamReaders[dialect](payload, texts);
  }
  return texts.join('');
}
