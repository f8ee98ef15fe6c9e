import { countTokens } from 'gpt-tokenizer';
import type { Dialect } from './llm-dialect.js';
import { isRecord, type MeasuredUsage } from './usage-buckets.js';

// Used when the upstream reported no usage or the client went away mid-stream. gpt-tokenizer's
// default encoding is o200k_base (GPT-4o and later); other vendors' tokenizers differ by some
// percent, which is why the result is tagged `estimated`.

// Keys whose string values are not prompt text: identifiers, enum values and base64 payloads
// (an image's bytes are billed per image by every provider, never per base64 character).
const nonTextKeys = new Set([
  'model',
  'role',
  'type',
  'id',
  'call_id',
  'tool_call_id',
  'tool_use_id',
  'status',
  'detail',
  'media_type',
  'mimeType',
  'mime_type',
  'data',
  'url',
  'image_url',
  'file_id',
  'signature',
  'thoughtSignature',
  'encrypted_content',
  'tool_choice',
  'prompt_cache_key',
  'service_tier',
  'safety_identifier',
  'user',
  'metadata',
  'client_metadata',
  'include',
  'store',
  'stream',
]);

function collectPromptText(value: unknown, texts: string[]): void {
  if (typeof value === 'string') {
    texts.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectPromptText(item, texts);
  } else if (isRecord(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (nonTextKeys.has(key)) continue;
      // Tool parameter schemas are sent to the model as text, so they count as JSON.
      if (isRecord(inner) && (key === 'parameters' || key === 'input_schema' || key === 'schema')) {
        texts.push(JSON.stringify(inner));
      } else {
        collectPromptText(inner, texts);
      }
    }
  }
}

export interface UsageEstimateInput {
  dialect: Dialect;
  requestBody: unknown;
  /** Everything the model produced so far: text, reasoning text and tool-call arguments. */
  outputText: string;
}

export function estimateUsage({ requestBody, outputText }: UsageEstimateInput): MeasuredUsage {
  const texts: string[] = [];
  collectPromptText(requestBody, texts);
  const output = outputText.length === 0 ? 0 : countTokens(outputText);
  return {
    usage: {
      input: texts.length === 0 ? 0 : countTokens(texts.join('\n')),
      cache_read: 0,
      cache_write: 0,
      output,
      reasoning: 0,
    },
    source: 'estimated',
  };
}
